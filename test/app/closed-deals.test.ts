/**
 * SPEC §2: "a lead list and a closed-deals list exported separately (the second without
 * `created_at`) combine into one lead each; a deal whose id matches no lead lacks `created_at` and
 * is rejected at its own row" — with the deals file named by a flag, a `columns:` map, or detected.
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { loadInputs } from '../../src/app/load.js';
import { compileSettings } from '../../src/app/context.js';
import { defaultConfig } from '../../src/config/load.js';
import type { SourceConfig } from '../../src/app/config-types.js';
import type { Kind } from '../../src/records/types.js';
import { KpiError } from '../../src/errors/kpi-error.js';
import { tempDir } from '../helpers/cli.js';

const settings = compileSettings(defaultConfig(), 'UTC', 20_000);
const LEADS = 'ID;Дата создания;Источник;Стадия\n1;05.03.2024 10:00;SEO;В работе\n2;06.03.2024 11:00;Директ;В работе\n';
const DEALS = 'ID;Стадия сделки;Дата закрытия;Сумма\n1;Сделка успешна;20.03.2024;5000\n3;Сделка успешна;21.03.2024;700\n';

async function load(files: Record<string, string>, kinds: Record<string, Kind | null>, sources: Record<string, SourceConfig> = {}) {
  const dir = tempDir(files);
  return loadInputs(Object.keys(files).map((f) => ({ path: path.join(dir, f), display: f, kind: kinds[f] ?? null, source: sources[f] ?? null })), settings, { keepRaw: false, lenient: false });
}

describe('a closed-deals list without a created-date column', () => {
  it.each<[string, Kind | null, SourceConfig | undefined]>([
    ['detected', null, undefined],
    ['named --leads', 'leads', undefined],
    ['mapped by columns:', 'leads', { kind: 'leads', files: 'deals.csv', columns: { id: 'ID', status: 'Стадия сделки', won_at: 'Дата закрытия', amount: 'Сумма' } }],
  ])('%s: merges into its leads by id; the deal without a lead is rejected at its row', async (_how, kind, source) => {
    const res = await load({ 'leads.csv': LEADS, 'deals.csv': DEALS }, { 'deals.csv': kind }, source ? { 'deals.csv': source } : {});
    expect(res.files.map((f) => [f.setup.kind, f.stats.rows_read, f.stats.rows_used, f.stats.rows_rejected, f.stats.rows_merged])).toEqual([
      ['leads', 2, 2, 0, 0],
      ['leads', 2, 1, 1, 1],
    ]);
    // amounts in kopecks
    expect(res.leads.map((l) => [l.id, l.won, l.amount])).toEqual([['1', true, 500000], ['2', false, null]]);
    expect(res.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.file, i.line])).toEqual([['missing_required', 'deals.csv', 3]]);
  });

  it('without an id column is still refused: no row could be completed', async () => {
    const err = await load({ 'deals.csv': 'Стадия сделки;Дата закрытия;Сумма\nСделка успешна;20.03.2024;5000\n' }, { 'deals.csv': 'leads' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KpiError);
    expect((err as KpiError).issue?.code).toBe('column_missing');
  });
});
