/**
 * Loading into tables (src/app/load.ts): records as objects are built on demand from the tables,
 * merged records keep reading order and their final state, duplicates are found by the rows' raw
 * text, and the reader's late issues (an unclosed quote after the first rows) are not lost.
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { loadInputs } from '../../src/app/load.js';
import { compileSettings } from '../../src/app/context.js';
import { defaultConfig } from '../../src/config/load.js';
import { tempDir } from '../helpers/cli.js';

const settings = compileSettings(defaultConfig(), 'UTC', 20_000);
const LEADS_HEAD = 'ID;Дата создания;Источник;Ответственный;Компания;Стадия';

async function load(files: Record<string, string>, kind: 'leads' | 'invoices' | null = null, keepRaw = false) {
  const dir = tempDir(files);
  const specs = Object.keys(files).map((name) => ({ path: path.join(dir, name), display: name, kind, source: null }));
  return loadInputs(specs, settings, { keepRaw, lenient: true });
}

describe('loading into tables', () => {
  it('gives a call the channel of its tracking number, however the config and the log write it', async () => {
    const s = compileSettings({ ...defaultConfig(), tracking_numbers: { '8 800 555-35-35': 'Сайт', '+7 (495) 123-45-67': 'Директ', '74957654321': 'SEO' } }, 'UTC', 20_000);
    const dir = tempDir({ 'calls.csv': ['started_at,direction,phone,virtual_phone_number', ...['+78005553535', '8 (800) 555 35 35', '84951234567', '+7 495 765-43-21', '+7 495 000-00-00', ''].map((t, i) => `2026-10-0${i + 1} 10:00,inbound,+7916000000${i},${t}`)].join('\n') });
    const res = await loadInputs([{ path: path.join(dir, 'calls.csv'), display: 'calls.csv', kind: 'calls', source: null }], s, { keepRaw: false, lenient: false });
    expect(res.calls.map((c) => c.channel)).toEqual(['Сайт', 'Сайт', 'Директ', 'SEO', '+74950000000', '(none)']);
  });


  it('merges rows by id across files, keeps loose records first, and shows merged samples as they ended', async () => {
    const a = [LEADS_HEAD, '1;01.10.2026 10:00;Сайт;Анна;Альфа;', ';02.10.2026 11:00;Звонок;Борис;Бета;Новая', '2;03.10.2026 12:00;;;Гамма;'].join('\n');
    const b = [LEADS_HEAD, '2;;Реклама;Вера;;Сделка успешна', '1;;;;;Новая'].join('\n');
    const res = await load({ 'a.csv': a, 'b.csv': b }, 'leads');
    expect(res.leads.map((l) => [l.id, l.client, l.channel, l.manager, l.status])).toEqual([
      [null, 'Бета', 'Звонок', 'Борис', 'Новая'],
      ['1', 'Альфа', 'Сайт', 'Анна', 'Новая'],
      ['2', 'Гамма', 'Реклама', 'Вера', 'Сделка успешна'],
    ]);
    expect(res.files.map((f) => [f.stats.rows_read, f.stats.rows_used, f.stats.rows_merged])).toEqual([[3, 3, 0], [2, 2, 2]]);
    // the first file's sample of lead 2 is the merged record, status from the second file
    expect((res.files[0]!.samples[2] as { status: string }).status).toBe('Сделка успешна');
    expect(res.tables.leads.length).toBe(3);
  });

  it('merges text ids (Salesforce, Zoho, leading zeros) like numeric ones, and keeps them apart from numbers', async () => {
    const a = [LEADS_HEAD, '00Q5e00000AbCdE;01.10.2026 10:00;Сайт;Анна;Альфа;', '0100;02.10.2026;;;Бета;', '100;03.10.2026;;;Гамма;', 'zcrm_4876876000000357001;;;;Дельта;'].join('\n');
    const b = [LEADS_HEAD, '00Q5e00000AbCdE;;Реклама;;;Сделка успешна', 'zcrm_4876876000000357001;04.10.2026;;;;', '00Q5e00000AbCdF;05.10.2026;;;;'].join('\n');
    const res = await load({ 'a.csv': a, 'b.csv': b }, 'leads');
    expect(res.leads.map((l) => [l.id, l.client, l.channel, l.status])).toEqual([
      ['00Q5e00000AbCdE', 'Альфа', 'Сайт', 'Сделка успешна'],
      ['0100', 'Бета', '(none)', null],
      ['100', 'Гамма', '(none)', null],
      ['zcrm_4876876000000357001', 'Дельта', '(none)', null],
      ['00Q5e00000AbCdF', null, '(none)', null],
    ]);
    expect(res.leads[3]!.createdAt).toBe(res.leads[4]!.createdAt - 86_400_000);
    expect(res.files.map((f) => [f.stats.rows_used, f.stats.rows_merged, f.stats.rows_rejected])).toEqual([[4, 0, 0], [3, 2, 0]]);
  });

  it('rejects every row of an id that never gets a created date, each in its own file', async () => {
    const a = [LEADS_HEAD, '7;;Сайт;Анна;Альфа;'].join('\n');
    const b = [LEADS_HEAD, '7;;;;;Новая', '8;05.10.2026;;;;'].join('\n');
    const res = await load({ 'a.csv': a, 'b.csv': b }, 'leads', true);
    expect(res.leads.map((l) => l.id)).toEqual(['8']);
    expect(res.files.map((f) => [f.stats.rows_used, f.stats.rows_rejected])).toEqual([[0, 1], [1, 1]]);
    expect(res.rejects.map((r) => [r.file, r.line, r.code])).toEqual([['a.csv', 2, 'missing_required'], ['b.csv', 2, 'missing_required']]);
  });

  it('finds repeated rows by their text and records repeated in another file', async () => {
    const head = 'Дата;Номер;Контрагент;Сумма';
    const rows = ['05.03.2024;1;ООО Ромашка;100,00', '05.03.2024;1;ООО Ромашка;100,00', '06.03.2024;2;ООО Ромашка;100,00'];
    const res = await load({ 'x.csv': [head, ...rows].join('\n'), 'y.csv': [head, rows[2]].join('\n') }, 'invoices');
    expect(res.issues.map((i) => [i.code, i.file, i.line])).toEqual([
      ['duplicate_row', 'x.csv', 3],
      ['duplicate_across_files', 'y.csv', 2],
    ]);
    expect(res.invoices.map((l) => l.number)).toEqual(['1', '1', '2', '2']);
  });

  it('puts each duplicate_row warning right after its row\'s own warnings, across batches of thousands of rows', async () => {
    // short rows, so one read batch holds more rows than the loader probes at once (2048)
    const head = 'Дата создания;Источник;Ответственный;Компания;Телефон';
    const rows: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      if (i % 7 === 6) rows.push(rows[i - 3]!);
      else rows.push(`${String((i % 28) + 1).padStart(2, '0')}.10.2026;С;А;К${i};${i % 5 === 0 ? '9'.repeat(17) : '+7916' + String(1_000_000 + i)}`);
    }
    rows.push(rows[0]!); // the last row: checked at the end of the file
    const res = await load({ 'd.csv': [head, ...rows].join('\n') }, 'leads');
    const expected: [string, number][] = [];
    const seen = new Set<string>();
    rows.forEach((r, k) => {
      if (r.endsWith(';' + '9'.repeat(17))) expected.push(['phone_invalid', k + 2]);
      if (seen.has(r)) expected.push(['duplicate_row', k + 2]);
      seen.add(r);
    });
    expect(expected.filter(([c]) => c === 'duplicate_row').length).toBeGreaterThan(4000);
    expect(res.issues.filter((i) => i.code === 'phone_invalid' || i.code === 'duplicate_row').map((i) => [i.code, i.line])).toEqual(expected);
    expect(res.files[0]!.stats.warnings).toBe(expected.length);
    expect(res.files[0]!.stats.rows_used).toBe(rows.length);
  });

  it('reports an unclosed quote that comes after the first rows, before the rows that follow it', async () => {
    const head = 'Дата;Номер;Контрагент;Сумма';
    const rows = Array.from({ length: 60 }, (_, i) => `05.03.2024;${i};ООО Ромашка ${i};100,00`);
    rows[50] = '05.03.2024;50;"ООО Ромашка 50;100,00';
    const res = await load({ 'q.csv': [head, ...rows].join('\n') }, 'invoices');
    const codes = res.issues.map((i) => [i.code, i.line]);
    expect(codes).toContainEqual(['unclosed_quote', 52]);
  });
});
