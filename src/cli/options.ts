/**
 * Shared flags (SPEC §4) declared once and parsed into one typed object. Single-valued flags: the
 * last one wins (SPEC-DECISIONS #43); interval flags likewise, whatever their spelling.
 */
import { Option, type Command } from 'commander';
import type { Interval } from '../period/types.js';
import { usageError } from '../errors/kpi-error.js';

export interface SharedOptions {
  leads: string[];
  calls: string[];
  invoices: string[];
  config: string | null;
  noConfig: boolean;
  period: string | null;
  begin: string | null;
  end: string | null;
  interval: Interval | null;
  today: string | null;
  groupBy: 'channel' | 'manager' | 'segment' | null;
  compare: string | null;
  format: string | null;
  output: string | null;
  layout: 'wide' | 'tidy' | null;
  csvDialect: string | null;
  lang: 'en' | 'ru' | null;
  color: 'auto' | 'always' | 'never';
  strict: boolean;
  rejects: string | null;
  explain: boolean;
  quiet: boolean;
  demo: boolean;
  force: boolean;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Add the flags every data command shares. */
export function addSharedOptions(cmd: Command): Command {
  return cmd
    .option('--leads <file>', 'a leads/deals file (repeatable; - = stdin)', collect, [])
    .option('--calls <file>', 'a call-log file (repeatable)', collect, [])
    .option('--invoices <file>', 'an invoices/sales file (repeatable)', collect, [])
    .option('-c, --config <file>', 'config file (default ./kpi.config.yaml|yml|json)', collect, [])
    .option('--no-config', 'ignore any config file in the working directory')
    .option('-p, --period <expr>', 'period: 2026-10, 2026-Q3, 2026-W42, 2026, last-month, 2025-01..2025-06 …')
    .option('-b, --begin <date>', 'start of the span (any period expression: its start)')
    .option('-e, --end <date>', 'end of the span, exclusive (any period expression: its start)')
    .option('-D, --daily', 'one column per day')
    .option('-W, --weekly', 'one column per week')
    .option('-M, --monthly', 'one column per month (default)')
    .option('-Q, --quarterly', 'one column per quarter')
    .option('-Y, --yearly', 'one column per year')
    .addOption(new Option('--interval <unit>', 'column interval').choices(['day', 'week', 'month', 'quarter', 'year']))
    .option('--today <date>', 'the current date, yyyy-MM-dd (default: the system date in the configured time zone)')
    .addOption(new Option('-g, --group-by <field>', 'split every metric by').choices(['channel', 'manager', 'segment']))
    .option('--compare <basis>', 'compare with prev, yoy or a fixed PERIOD')
    .option('-O, --format <fmt>', 'table, csv, tsv, json, md, html, xlsx')
    .option('-o, --output <file>', 'write to FILE (format from its extension; - = stdout)')
    .addOption(new Option('--layout <layout>', 'csv/tsv/md layout').choices(['wide', 'tidy']))
    .option('--csv-dialect <dialect>', 'excel-ru: UTF-8 BOM, ";", decimal comma')
    .addOption(new Option('--lang <lang>', 'language of labels and messages').choices(['en', 'ru']))
    .addOption(new Option('--color <when>', 'colour').choices(['auto', 'always', 'never']).default('auto'))
    .option('--strict', 'exit 1 when any row is rejected or any warning is raised')
    .option('--rejects <file>', 'write every rejected row with its reason to FILE (CSV, or JSON by extension)')
    .option('--explain', 'show each figure\'s formula and terms')
    .option('-q, --quiet', 'only errors on stderr');
}

const INTERVAL_FLAGS: Record<string, Interval> = {
  '-D': 'day', '--daily': 'day', '-W': 'week', '--weekly': 'week', '-M': 'month', '--monthly': 'month',
  '-Q': 'quarter', '--quarterly': 'quarter', '-Y': 'year', '--yearly': 'year',
};

/** The interval chosen by the last interval flag in argv (commander cannot tell their order). */
export function lastIntervalFlag(argv: readonly string[]): Interval | null {
  let out: Interval | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a in INTERVAL_FLAGS) out = INTERVAL_FLAGS[a]!;
    else if (a === '--interval' && argv[i + 1]) out = argv[i + 1] as Interval;
    else if (a.startsWith('--interval=')) out = a.slice(11) as Interval;
    else if (/^-[A-Za-z]{2,}$/.test(a)) {
      for (const ch of a.slice(1)) if (`-${ch}` in INTERVAL_FLAGS) out = INTERVAL_FLAGS[`-${ch}`]!;
    }
  }
  return out;
}

type Raw = Record<string, unknown>;

export function toSharedOptions(raw: Raw, argv: readonly string[]): SharedOptions {
  const configs = (raw.config as string[] | false | undefined) || [];
  if (configs.length > 1) throw usageError('-c/--config given more than once', 'configs do not layer; merge them into one file');
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : null);
  return {
    leads: (raw.leads as string[]) ?? [],
    calls: (raw.calls as string[]) ?? [],
    invoices: (raw.invoices as string[]) ?? [],
    config: configs[0] ?? null,
    noConfig: raw.config === false,
    period: str('period'),
    begin: str('begin'),
    end: str('end'),
    interval: lastIntervalFlag(argv),
    today: str('today'),
    groupBy: (str('groupBy') as SharedOptions['groupBy']) ?? null,
    compare: str('compare'),
    format: str('format'),
    output: str('output'),
    layout: (str('layout') as SharedOptions['layout']) ?? null,
    csvDialect: str('csvDialect'),
    lang: (str('lang') as SharedOptions['lang']) ?? null,
    color: (str('color') as SharedOptions['color']) ?? 'auto',
    strict: raw.strict === true,
    rejects: str('rejects'),
    explain: raw.explain === true,
    quiet: raw.quiet === true,
    demo: raw.demo === true,
    force: raw.force === true,
  };
}

/** SPEC-DECISIONS #43: a flag that does not apply to the command is a usage error naming it. */
export function rejectFlags(command: string, o: SharedOptions, flags: readonly (keyof SharedOptions)[]): void {
  const names: Partial<Record<keyof SharedOptions, string>> = {
    groupBy: '-g/--group-by', compare: '--compare', explain: '--explain', layout: '--layout', csvDialect: '--csv-dialect',
    period: '-p/--period', begin: '-b/--begin', end: '-e/--end', interval: 'the interval flags (-D -W -M -Q -Y)', rejects: '--rejects', strict: '--strict',
  };
  for (const f of flags) {
    const v = o[f];
    if (v !== null && v !== false && !(Array.isArray(v) && v.length === 0)) throw usageError(`${names[f] ?? f} does not apply to kpi ${command}`);
  }
}
