/**
 * Rows held back while a column's format is undecided (src/app/load-file.ts, `MAX_WAITING`): a
 * file whose dates all read either way is refused with the date_ambiguous error — after holding
 * at most `MAX_WAITING` rows, not the whole file — and a file that settles its format within that
 * many rows loads every row.
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { loadInputs } from '../../src/app/load.js';
import { compileSettings } from '../../src/app/context.js';
import { defaultConfig } from '../../src/config/load.js';
import { MAX_WAITING } from '../../src/app/load-file.js';
import { KpiError } from '../../src/errors/kpi-error.js';
import { tempDir } from '../helpers/cli.js';

const settings = compileSettings(defaultConfig(), 'UTC', 20_000);

/** A lead list whose first `ambiguous` dates have both parts ≤ 12, then one with a day above 12. */
function leads(ambiguous: number): string {
  const out = ['id,created_at,channel,company'];
  for (let i = 0; i < ambiguous; i++) out.push(`${i + 1},${String(1 + (i % 12)).padStart(2, '0')}/${String(1 + (i % 11)).padStart(2, '0')}/2024 10:00,site,Company ${i % 97}`);
  out.push(`${ambiguous + 1},25/03/2024 10:00,site,Company 1`);
  return out.join('\n') + '\n';
}

async function load(text: string, lenient: boolean) {
  const dir = tempDir({ 'leads.csv': text });
  return loadInputs([{ path: path.join(dir, 'leads.csv'), display: 'leads.csv', kind: 'leads', source: null }], settings, { keepRaw: false, lenient });
}

describe('rows waiting for an undecided date format', () => {
  it('are all loaded once a later row settles the format within the limit', async () => {
    const res = await load(leads(MAX_WAITING - 1), false);
    expect(res.leads.length).toBe(MAX_WAITING);
    expect(res.files[0]!.held).toBe(0);
    // day-first, as the last row showed: 01/02/2024 is the 1st of February
    expect(new Date(res.leads[0]!.createdAt).toISOString().slice(0, 10)).toBe('2024-01-01');
    expect(new Date(res.leads[12]!.createdAt).toISOString().slice(0, 10)).toBe('2024-02-01');
  });

  it('past the limit leave the column undecided for good: the date_ambiguous error, every row counted', async () => {
    const text = leads(MAX_WAITING + 5_000);
    const err = await load(text, false).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(KpiError);
    expect((err as KpiError).issue?.code).toBe('date_ambiguous');
    expect((err as KpiError).message).toContain(`no day above 12 in the first ${MAX_WAITING} rows`);
    // what inspect shows: every row read, none used, the same issue
    const res = await load(text, true);
    expect(res.files[0]!.stats.rows_read).toBe(MAX_WAITING + 5_001);
    expect(res.files[0]!.stats.rows_used).toBe(0);
    // held back by the error, those dropped past the limit too: none is lost from the counts
    expect(res.files[0]!.held).toBe(MAX_WAITING + 5_001);
    expect(res.issues.map((i) => i.code)).toContain('date_ambiguous');
  });
});
