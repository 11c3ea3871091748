import { describe, expect, it } from 'vitest';
import { parseConfig, checkTargetMetrics } from '../../src/config/parse.js';
import { defaultConfig } from '../../src/config/load.js';
import { KpiError } from '../../src/errors/kpi-error.js';
import { DEFAULT_WON_STATUSES } from '../../src/mapping/vocab.js';

/** The config error's message, asserting it is a usage error (exit 2). */
function configError(text: string, file = 'kpi.config.yaml'): string {
  try {
    parseConfig(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(KpiError);
    expect((e as KpiError).exitCode).toBe(2);
    return (e as KpiError).message;
  }
  throw new Error('expected a config error');
}

const SPEC_EXAMPLE = `
timezone: Europe/Moscow
default_country: RU
week_start: monday
sources:
  - kind: leads
    files: exports/leads-*.csv
    encoding: auto
    delimiter: auto
    header_row: auto
    sheet: Leads
    date_format: dd.MM.yyyy
    decimal_mark: ","
    columns: { created_at: "Дата создания", channel: "Источник", manager: "Ответственный",
               client: "Компания", status: "Стадия" }
channels:
  - match: "yandex|директ"
    channel: Context ads
  - match: "cold|холодн"
    channel: Cold calls
    direction: outbound
won_statuses: ["Успешно реализовано", "won"]
void_statuses: ["Отменен"]
answered_statuses: ["ANSWERED"]
null_values: ["NULL", "NA", "#N/A"]
conversion_window_days: 90
callback_window_hours: 24
internal_numbers: ["^1\\\\d\\\\d$"]
targets:
  - { metric: calls_outbound, per: manager, interval: month, min: 600 }
  - { metric: missed_unreturned, max: 0 }
  - { metric: retention_rate, min: 0.8 }
`;

describe('parseConfig', () => {
  it('reads the SPEC §7 example and fills defaults', () => {
    const c = parseConfig(SPEC_EXAMPLE, 'kpi.config.yaml');
    expect(c.timezone).toBe('Europe/Moscow');
    expect(c.sources).toHaveLength(1);
    expect(c.sources[0]).toEqual({
      kind: 'leads', files: ['exports/leads-*.csv'], encoding: null, delimiter: null, header_row: 'auto', sheet: 'Leads',
      date_format: ['dd.MM.yyyy'], decimal_mark: ',', profile: null, direction_values: null, null_values: null,
      columns: { created_at: 'Дата создания', channel: 'Источник', manager: 'Ответственный', client: 'Компания', status: 'Стадия' },
    });
    expect(c.channels[1]).toEqual({ match: 'cold|холодн', channel: 'Cold calls', direction: 'outbound' });
    expect(c.won_statuses).toEqual(['Успешно реализовано', 'won']);
    expect(c.internal_numbers).toEqual(['^1\\d\\d$']);
    expect(c.targets[1]).toEqual({ metric: 'missed_unreturned', per: null, interval: null, min: null, max: 0 });
    expect(c.lang).toBe('en');
    expect(c.lead_exclude_statuses).toEqual([]);
  });

  it('an empty file is the default config', () => {
    expect(parseConfig('', 'kpi.config.yaml')).toEqual(defaultConfig());
    expect(parseConfig('# nothing yet\n', 'kpi.config.yml')).toEqual(defaultConfig());
    expect(defaultConfig().won_statuses).toEqual([...DEFAULT_WON_STATUSES]);
  });

  it('reads the keys the decisions add', () => {
    const c = parseConfig(`
lang: ru
currency: ₽
managers: [{ match: "^10[1-3]$", name: Иванов }]
tracking_numbers: { "+74951234567": Context ads, 74957654321: SEO }
lead_exclude_statuses: [Junk Lead, Некачественный лид]
void_statuses: Отменён
sources:
  - kind: calls
    files: [cdr/Master.csv]
    header_row: none
    profile: asterisk-cdr
    direction_values: { "1": inbound, "2": outbound }
    null_values: [""]
  - kind: invoices
    files: 1c.csv
    delimiter: tab
    encoding: windows-1251
    header_row: 4
    date_format: { date: [dd.MM.yyyy, excel], paid_at: d/M/yyyy }
`, 'kpi.config.yaml');
    expect(c.lang).toBe('ru');
    expect(c.managers).toEqual([{ match: '^10[1-3]$', name: 'Иванов' }]);
    expect(c.tracking_numbers).toEqual({ '+74951234567': 'Context ads', '74957654321': 'SEO' });
    expect(c.void_statuses).toEqual(['Отменён']);
    expect(c.sources[0]).toMatchObject({ profile: 'asterisk-cdr', header_row: 'none', direction_values: { 1: 'inbound', 2: 'outbound' }, null_values: [''] });
    expect(c.sources[1]).toMatchObject({ delimiter: '\t', encoding: 'windows-1251', header_row: 4, date_format: { date: ['dd.MM.yyyy', 'excel'], paid_at: ['d/M/yyyy'] } });
  });

  it('reads JSON by extension', () => {
    const c = parseConfig('{"week_start": "sunday", "won_statuses": [142]}', 'kpi.config.json');
    expect(c.week_start).toBe('sunday');
    expect(c.won_statuses).toEqual(['142']);
  });

  it.each([
    ['won_status: [won]', /^kpi\.config\.yaml: won_status: unknown key; did you mean "won_statuses"\?$/],
    ['sources:\n  - kind: leads\n    files: a.csv\n    colums: { created_at: A }', /sources\[0\]\.colums: unknown key; did you mean "columns"\?/],
    ['channels: [{ match: x, chanel: X }]', /channels\[0\]\.chanel: unknown key; did you mean "channel"\?/],
    ['zzz: 1', /zzz: unknown key \(allowed here: timezone, /],
    ['sources:\n  - kind: leads\n    files: a.csv\n    columns: { creatd_at: A }', /sources\[0\]\.columns\.creatd_at: not a field of leads; did you mean "created_at"\?/],
  ])('unknown key %j', (text, msg) => {
    expect(configError(text)).toMatch(msg);
  });

  it.each([
    ['conversion_window_days: ninety', /conversion_window_days: found "ninety", expected a whole number of days/],
    ['callback_window_hours: 0', /callback_window_hours: found 0, expected a number of hours above 0/],
    ['callback_window_hours: 1e400', /callback_window_hours: found Infinity, expected a number of hours above 0/],
    ['week_start: friday', /week_start: found "friday", expected monday, sunday or saturday/],
    ['sources: { kind: leads }', /sources: found \{"kind":"leads"\}, expected a list of sources/],
    ['sources:\n  - kind: deals\n    files: a.csv', /sources\[0\]\.kind: found "deals", expected leads, calls or invoices/],
    ['sources:\n  - kind: leads', /sources\[0\]\.files: missing; expected a file path or glob/],
    ['sources:\n  - kind: leads\n    files: a.csv\n    header_row: 0', /sources\[0\]\.header_row: found 0, expected auto, none, or the 1-based row number/],
    ['sources:\n  - kind: leads\n    files: a.csv\n    encoding: klingon', /sources\[0\]\.encoding: found "klingon": not an encoding/],
    ['timezone: Mars/Olympus', /timezone: found "Mars\/Olympus", expected an IANA time zone/],
    ['default_country: Russia', /default_country: found "Russia", expected a two-letter country code/],
    ['targets:\n  - { metric: calls_outbound, per: client, min: 1 }', /targets\[0\]\.per: found "client", expected channel, manager or segment/],
  ])('wrong type or value %j', (text, msg) => {
    expect(configError(text)).toMatch(msg);
  });

  it.each([
    ['channels: [{ match: "(yandex", channel: Y }]', /channels\[0\]\.match: found "\(yandex": not a valid regular expression/],
    ['managers: [{ match: "(a+)+$", name: A }]', /managers\[0\]\.match: found "\(a\+\)\+\$": .*catastrophic backtracking/],
    ['internal_numbers: ["(1|11)*$"]', /internal_numbers\[0\]: found .*catastrophic backtracking/],
  ])('bad or unsafe regex %j', (text, msg) => {
    expect(configError(text)).toMatch(msg);
  });

  it('refuses date-fns week-year tokens in date_format (Decision #41)', () => {
    const msg = configError('sources:\n  - kind: leads\n    files: a.csv\n    date_format: DD.MM.YYYY');
    expect(msg).toMatch(/sources\[0\]\.date_format: found "DD\.MM\.YYYY": .*did you mean yyyy\/dd\?/);
    expect(configError('sources:\n  - kind: invoices\n    files: a.csv\n    date_format: { date: YYYY-MM-dd }')).toMatch(/sources\[0\]\.date_format\.date: .*YYYY/);
    expect(configError('sources:\n  - kind: calls\n    files: a.csv\n    date_format: { created_at: dd.MM.yyyy }'))
      .toMatch(/date_format\.created_at: not a date field of calls \(date fields: started_at\)/);
  });

  it('reads "A | B" in date_format as two patterns, per field as at source level (what `kpi init` writes)', () => {
    const both = ['dd.MM.yyyy HH:mm:ss', 'dd.MM.yyyy HH:mm'];
    const src = (df: string) => parseConfig(`sources:\n  - kind: leads\n    files: a.csv\n    date_format: ${df}`, 'kpi.config.yaml').sources[0]?.date_format;
    expect(src('"dd.MM.yyyy HH:mm:ss | dd.MM.yyyy HH:mm"')).toEqual(both);
    expect(src('{ created_at: "dd.MM.yyyy HH:mm:ss | dd.MM.yyyy HH:mm" }')).toEqual({ created_at: both });
    expect(src('{ created_at: [dd.MM.yyyy HH:mm:ss, dd.MM.yyyy HH:mm] }')).toEqual({ created_at: both });
    // a literal | in quotes is no separator
    expect(src(`{ created_at: "dd.MM.yyyy'|'HH:mm" }`)).toEqual({ created_at: ["dd.MM.yyyy'|'HH:mm"] });
  });

  it('refuses a bad alternative of a per-field date_format, naming the key', () => {
    expect(configError('sources:\n  - kind: leads\n    files: a.csv\n    date_format: { created_at: "dd.MM.yyyy | DD.MM.yyyy HH:mm" }'))
      .toMatch(/sources\[0\]\.date_format\.created_at: found "dd\.MM\.yyyy \| DD\.MM\.yyyy HH:mm": .*did you mean yyyy\/dd\?/);
    expect(configError('sources:\n  - kind: leads\n    files: a.csv\n    date_format: "dd.MM.yyyy | DD.MM.yyyy"'))
      .toMatch(/sources\[0\]\.date_format: found .*did you mean yyyy\/dd\?/);
    expect(configError('sources:\n  - kind: leads\n    files: a.csv\n    date_format: { won_at: "dd.MM.yyyy |" }'))
      .toMatch(/sources\[0\]\.date_format\.won_at: found "dd\.MM\.yyyy \|": an empty alternative/);
  });

  it('targets need min or max, and min ≤ max', () => {
    expect(configError('targets:\n  - { metric: retention_rate }')).toMatch(/targets\[0\]: a target needs `min:` or `max:`/);
    expect(configError('targets:\n  - { metric: retention_rate, min: 0.9, max: 0.8 }')).toMatch(/targets\[0\]\.min: min 0.9 is above max 0.8/);
  });

  it('checks cross-key source rules', () => {
    expect(configError('sources:\n  - kind: calls\n    files: a.csv\n    header_row: none')).toMatch(/sources\[0\]\.header_row: header_row: none needs `profile:`/);
    expect(configError('sources:\n  - kind: calls\n    files: a.csv\n    header_row: none\n    columns: { started_at: start }'))
      .toMatch(/columns\.started_at: found "start": with header_row: none there are no headers/);
    expect(configError('sources:\n  - kind: leads\n    files: a.csv\n    profile: asterisk-cdr')).toMatch(/profile asterisk-cdr is a call-log layout/);
  });

  it('lists several problems, one per line', () => {
    const msg = configError('won_status: [x]\nweek_start: friday\n');
    expect(msg.split('\n')).toHaveLength(3);
    expect(msg).toContain('\n  won_status: unknown key');
  });

  it('reports YAML and JSON syntax errors with a position', () => {
    expect(configError('sources:\n  - kind: leads\n   files: [a.csv', 'kpi.config.yaml')).toMatch(/^kpi\.config\.yaml:\d+:\d+: not valid YAML/);
    expect(configError('a: 1\na: 2')).toMatch(/not valid YAML.*[Mm]ap keys must be unique/);
    expect(configError('{"lang": "ru",\n "x": }', 'kpi.config.json')).toMatch(/^kpi\.config\.json(:2:\d+)?: not valid JSON/);
    expect(configError('- a\n- b')).toMatch(/found \["a","b"\] at the top level, expected a map of settings/);
  });
});

describe('checkTargetMetrics', () => {
  it('suggests the nearest metric id', () => {
    const c = parseConfig('targets: [{ metric: calls_outbond, min: 1 }]', 'kpi.config.yaml');
    expect(() => checkTargetMetrics(c, ['calls_outbound', 'calls_inbound'], 'kpi.config.yaml'))
      .toThrow(/targets\[0\]\.metric: found "calls_outbond", expected a metric id; did you mean "calls_outbound"\?/);
    expect(() => checkTargetMetrics(c, ['calls_outbond'], 'kpi.config.yaml')).not.toThrow();
  });
});
