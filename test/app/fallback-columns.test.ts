/**
 * A lead's channel, client, phone and e-mail from the next column that fits where the first is
 * empty (ColumnMapping.fallbacks; EXPORT-FORMATS §1, §0.12): amoCRM's `Источник` then
 * `utm_source`, `Компания` then `Компания контакта` then `Полное имя контакта`, a work phone then a
 * mobile one — by aliases and by a `columns:` list, on this thread and on a reading worker.
 */
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadInputs, type LoadResult } from '../../src/app/load.js';
import { compileSettings } from '../../src/app/context.js';
import { defaultConfig } from '../../src/config/load.js';
import { mapByAliases, mapExplicit } from '../../src/mapping/map-columns.js';
import { KpiError } from '../../src/errors/kpi-error.js';
import type { SourceConfig } from '../../src/app/config-types.js';
import { plainIssue } from '../../src/records/normalize/context.js';
import { ROOT, tempDir } from '../helpers/cli.js';

const WORKER = new URL(`file://${path.join(ROOT, 'dist/src/ingest/csv/pipe-worker.js')}`);
const built = existsSync(fileURLToPath(WORKER));
const settings = compileSettings(defaultConfig(), 'UTC', 20_000);
const ctx = { file: 'f.csv', sheet: null, headerLine: 1 };

const AMO = ['ID', 'Название сделки', 'Бюджет', 'Дата создания сделки', 'Полное имя контакта', 'Компания контакта', 'Компания',
  'Рабочий телефон', 'Мобильный телефон', 'Рабочий email', 'Личный email', 'Источник', 'utm_source'];

/** An amoCRM deal export: the first column of each field filled on some rows, the next on others. */
function amoRows(n: number): string {
  const out = [AMO.join(';')];
  for (let i = 0; i < n; i++) {
    const own = i % 2 === 0;
    out.push([String(1000 + i), `Сделка ${i}`, '10000', `0${1 + (i % 9)}.10.2026 10:00`, `Иван Петров ${i % 50}`,
      `ООО Контакт ${i % 40}`, own ? `ООО Своя ${i % 30}` : '', own ? `+7 495 100-00-${String(i % 100).padStart(2, '0')}` : '',
      `+7 916 ${String(10_000_000 + (i % 1000)).slice(1)}`, own ? `own${i % 70}@a.ru` : '', `alt${i % 60}@b.ru`,
      own ? 'Сайт' : '', i % 3 === 0 ? 'yandex' : 'google'].join(';'));
  }
  return out.join('\n') + '\n';
}

async function load(text: string, pipe: boolean, source: SourceConfig | null = null): Promise<LoadResult> {
  const dir = tempDir({ 'amo.csv': text });
  return loadInputs([{ path: path.join(dir, 'amo.csv'), display: 'amo.csv', kind: 'leads', source }], settings,
    { keepRaw: true, lenient: false, pipe: pipe ? { worker: WORKER, minBytes: 0 } : null });
}

describe('fallback columns of a lead list', () => {
  it('are the other columns that fit the field, best alias first', () => {
    const m = mapByAliases(AMO, 'leads', ctx);
    expect(m.fields.client).toBe(6); // Компания
    expect(m.fallbacks?.client).toEqual([5, 4]); // Компания контакта, Полное имя контакта
    expect(m.fallbacks?.phone).toEqual([8]);
    expect(m.fallbacks?.email).toEqual([10]);
    expect([m.fields.channel, m.fallbacks?.channel]).toEqual([11, [12]]);
    expect(m.byIndex[12]).toBe('channel');
    // an invoice register's client is one column
    expect(mapByAliases(['Дата', 'Номер', 'Контрагент', 'Покупатель', 'Сумма'], 'invoices', ctx).fallbacks).toBeUndefined();
  });

  it('come from a `columns:` list too; a list is refused for another field, a missing entry warned', () => {
    const m = mapExplicit(AMO, 'leads', { created_at: 'Дата создания сделки', channel: ['Источник', 'utm_source', 'utm_nothing'] }, ctx);
    expect([m.fields.channel, m.fallbacks?.channel]).toEqual([11, [12]]);
    expect(m.issues.map((i) => [i.code, i.column])).toEqual([['column_missing_optional', '"utm_nothing"']]);
    expect(() => mapExplicit(AMO, 'leads', { created_at: ['Дата создания сделки', 'ID'] }, ctx)).toThrow(KpiError);
    expect(() => mapExplicit(AMO, 'leads', { created_at: 'Дата создания сделки', client: ['Компания', 'Компания'] }, ctx)).toThrow(/both name column 7/);
  });

  it('fill a row whose own column is empty, and only then', async () => {
    const res = await load(amoRows(6), false);
    const leads = res.leads;
    expect(res.files[0]!.stats).toMatchObject({ rows_read: 6, rows_used: 6, rows_rejected: 0 });
    expect(leads.map((l) => l.channelRaw)).toEqual(['Сайт', 'google', 'Сайт', 'yandex', 'Сайт', 'google']);
    expect(leads.map((l) => l.client)).toEqual(['ООО Своя 0', 'ООО Контакт 1', 'ООО Своя 2', 'ООО Контакт 3', 'ООО Своя 4', 'ООО Контакт 5']);
    expect(leads.slice(0, 2).map((l) => l.phone)).toEqual(['+74951000000', '+79160000001']);
    expect(leads.slice(0, 2).map((l) => l.email)).toEqual(['own0@a.ru', 'alt1@b.ru']);
  });

  it('name their own column in a warning', async () => {
    const text = [AMO.join(';'), ['1', 'x', '1', '01.10.2026 10:00', 'И', '', '', '', '8 (916) 123', '', '', '', 'yandex'].join(';')].join('\n');
    const res = await load(text, false);
    const w = res.issues.find((i) => i.code === 'phone_invalid')!;
    expect([w.column, w.value]).toEqual(['Мобильный телефон', '8 (916) 123']);
  });

  it('are read as `columns:` lists say, the same as by aliases', async () => {
    const text = amoRows(40);
    const byAliases = await load(text, false);
    const source: SourceConfig = { kind: 'leads', files: 'amo.csv', columns: {
      id: 'ID', created_at: 'Дата создания сделки', amount: 'Бюджет', client: ['Компания', 'Компания контакта', 'Полное имя контакта'],
      phone: ['Рабочий телефон', 'Мобильный телефон'], email: ['Рабочий email', 'Личный email'], channel: ['Источник', 'utm_source'],
    } };
    const byList = await load(text, false, source);
    expect(byList.leads).toEqual(byAliases.leads);
  });

  it.skipIf(!built)('give a reading worker\'s load the records, issues and counts of one thread', async () => {
    const text = amoRows(30_000);
    const one = await load(text, false);
    const two = await load(text, true);
    expect(two.leads).toEqual(one.leads);
    expect(two.issues.map(plainIssue)).toEqual(one.issues.map(plainIssue));
    expect(two.files.map((f) => f.stats)).toEqual(one.files.map((f) => f.stats));
    expect(new Set(one.leads.map((l) => l.channelRaw))).toEqual(new Set(['Сайт', 'yandex', 'google']));
    expect(one.leads.filter((l) => l.client === null)).toHaveLength(0);
  }, 60_000);
});
