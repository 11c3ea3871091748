/**
 * Overrides #37 for every kind: a row that cannot be used and whose first filled cell is a total
 * or footer word is rejected as `total_row`, not `missing_required` — in a lead list and a call log
 * as in an invoice register; a record with a real id is never one, whatever its title says.
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { loadInputs } from '../../src/app/load.js';
import { compileSettings } from '../../src/app/context.js';
import { defaultConfig } from '../../src/config/load.js';
import type { Kind } from '../../src/records/types.js';
import { tempDir } from '../helpers/cli.js';

const settings = compileSettings({ ...defaultConfig(), internal_numbers: ['^1\\d\\d$'] }, 'UTC', 20_000);

async function codes(kind: Kind, text: string) {
  const dir = tempDir({ 'f.csv': text });
  const res = await loadInputs([{ path: path.join(dir, 'f.csv'), display: 'f.csv', kind, source: null }], settings, { keepRaw: true, lenient: false });
  const s = res.files[0]!.stats;
  expect(s.rows_read).toBe(s.rows_used + s.rows_rejected);
  return { used: s.rows_used, rejected: res.issues.filter((i) => i.severity === 'error').map((i) => [i.line, i.code]) };
}

describe('total and footer rows of lead lists and call logs', () => {
  it('a Salesforce report footer: the Total row, Grand Totals and the fixed footer lines', async () => {
    const text = [
      'Opportunity Name,Stage,Amount,Created Date',
      '"Acme deal",Closed Won,"4,000.00",10/1/2026',
      '"Globex deal",Prospecting,"1,000.00",10/13/2026',
      '"Total",,"5,000.00",',
      '',
      '"Grand Totals (2 records)"',
      '"Confidential Information - Do Not Distribute"',
      '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."',
    ].join('\n');
    const r = await codes('leads', text);
    expect(r.used).toBe(2);
    expect(r.rejected).toEqual([[4, 'total_row'], [6, 'total_row'], [7, 'total_row'], [8, 'total_row']]);
  });

  it('«Итого» in the id column of a keyed list is a total row; a deal titled "Total …" with an id is not', async () => {
    const text = ['ID;Дата создания;Источник', '1;05.03.2024 10:00;SEO', 'Итого;;', 'Total;;'].join('\n');
    expect((await codes('leads', text)).rejected).toEqual([[3, 'total_row'], [4, 'total_row']]);
    const titled = ['Название сделки;ID;Дата создания', 'Total Rebuild;7;', 'Ромашка;8;05.03.2024 10:00'].join('\n');
    expect((await codes('leads', titled)).rejected).toEqual([[2, 'missing_required']]);
  });

  it('a call log: its «Итого» row, keyed or not', async () => {
    const plain = ['Дата и время;Откуда;Куда;Длительность', '05.03.2024 10:00:00;79161234567;101;30', 'Итого;;;30'].join('\n');
    expect((await codes('calls', plain)).rejected).toEqual([[3, 'total_row']]);
    const keyed = ['ID звонка;Дата и время;Откуда;Куда;Длительность', 'a1;05.03.2024 10:00:00;79161234567;101;30', 'Итого;;;;30'].join('\n');
    expect((await codes('calls', keyed)).rejected).toEqual([[3, 'total_row']]);
  });
});
