/**
 * The CSV reader on real exports from ../shared/data (skipped with a notice when absent; a
 * failure under CI=true).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { readCsv } from '../../../src/ingest/csv/read-csv.js';
import type { Issue } from '../../../src/errors/issue.js';
import type { RawRow, ReaderInfo } from '../../../src/ingest/types.js';
import { shared, sharedDataAvailable } from '../../helpers/shared-data.js';

const available = sharedDataAvailable();

async function readAll(path: string): Promise<{ info: ReaderInfo; rows: RawRow[]; issues: Issue[] }> {
  const issues: Issue[] = [];
  const { info, rows } = await readCsv({ path }, { file: path }, issues);
  const all: RawRow[] = [];
  for await (const r of rows) all.push(r);
  return { info, rows: all, issues };
}

/** Physical lines of a file (a final terminator does not start a new line). */
function physicalLines(path: string): number {
  const text = readFileSync(path, 'utf8');
  return text.split(/\r\n|\r|\n/).length - (/[\r\n]$/.test(text) ? 1 : 0);
}

describe.skipIf(!available)('readCsv on shared real exports', () => {
  it('Asterisk Master.csv (cdr_custom, clid first as `""""" <client1>"`): 19 cells on every row', async () => {
    const path = shared('asterisk-cdr-pjsip', 'Master.csv');
    const { info, rows, issues } = await readAll(path);
    expect(info).toMatchObject({ encoding: 'utf-8', delimiter: ',', encodingGuessed: false });
    expect(rows).toHaveLength(physicalLines(path));
    expect(rows.length).toBe(14);
    expect(rows.map((r) => r.line)).toEqual(rows.map((_, i) => i + 1));
    for (const r of rows) expect(r.cells).toHaveLength(19);
    expect(rows[0]!.cells.slice(0, 3)).toEqual(['"" <client1>', 'client1', '6789']);
    expect(rows[0]!.cells[13]).toBe('ANSWERED');
    expect(rows[1]!.cells[9]).toBe(''); // unanswered: empty answer time
    expect(rows[1]!.cells[13]).toBe('NO ANSWER');
    expect(issues).toEqual([]);
  });

  it.each([
    ['zoho-crm-sample', 'Leads.csv'],
    ['zoho-crm-sample', 'Sales_Orders.csv'],
    ['salesforce-demo', 'Opportunity.csv'],
    ['uci-online-retail-xlsx', 'online_retail_sample.csv'],
  ])('%s/%s: comma, UTF-8, every record as wide as the header', async (dir, name) => {
    const { info, rows, issues } = await readAll(shared(dir, name));
    expect(info).toMatchObject({ delimiter: ',', encodingGuessed: false });
    expect(rows.length).toBeGreaterThan(10);
    const width = rows[0]!.cells.length;
    expect(width).toBeGreaterThan(3);
    expect(rows.filter((r) => r.cells.length !== width && r.raw !== '')).toEqual([]);
    expect(issues).toEqual([]);
  });
});
