/**
 * `kpi inspect` on every real export in ../shared/data: exit 0, the right kind, exact row counts.
 * The counts were checked by hand with Python's csv module (records minus the header line;
 * Master.csv has no header) — see docs/decisions.md.
 */
import { describe, it, expect } from 'vitest';
import { kpi, tempDir } from '../helpers/cli.js';
import { shared, sharedDataAvailable } from '../helpers/shared-data.js';

const have = sharedDataAvailable();

interface Expect {
  kind: string | null;
  rows: number;
  records?: number;
  /** file-level problem shown as an issue (inspect exits 0 anyway) */
  problem?: string;
}

const CASES: [string, Expect][] = [
  ['asterisk-cdr-pjsip/Master.csv', { kind: 'calls', rows: 14, problem: 'direction_undecidable' }],
  ['salesforce-demo/Account.csv', { kind: null, rows: 187, problem: 'kind_unknown' }],
  // a closed-deals list (ids, stages, no created date): alone, each deal is rejected at its row
  ['salesforce-demo/Opportunity.csv', { kind: 'leads', rows: 12, records: 0, problem: 'missing_required' }],
  ['uci-online-retail-xlsx/online_retail_sample.csv', { kind: 'invoices', rows: 232, problem: 'date_ambiguous' }],
  ['uci-online-retail-xlsx/online_retail_sample.xlsx', { kind: 'invoices', rows: 232, records: 232 }],
  ['zoho-crm-sample/Accounts.csv', { kind: null, rows: 2229, problem: 'kind_unknown' }],
  ['zoho-crm-sample/Calls.csv', { kind: 'calls', rows: 4100, records: 4100 }],
  ['zoho-crm-sample/Campaign_Lead_Status.csv', { kind: null, rows: 3900, problem: 'kind_unknown' }],
  ['zoho-crm-sample/Campaigns.csv', { kind: null, rows: 110, problem: 'kind_unknown' }],
  ['zoho-crm-sample/Contacts.csv', { kind: 'leads', rows: 1265, records: 1265 }],
  ['zoho-crm-sample/Invoice_Line_Items.csv', { kind: 'invoices', rows: 3051, problem: 'column_missing' }],
  ['zoho-crm-sample/Invoices.csv', { kind: 'invoices', rows: 1300 }],
  ['zoho-crm-sample/Leads.csv', { kind: 'leads', rows: 3900, records: 3900 }],
  ['zoho-crm-sample/Potentials.csv', { kind: 'leads', rows: 3632, records: 3632 }],
  ['zoho-crm-sample/Quotes.csv', { kind: 'invoices', rows: 3000, problem: 'column_missing' }],
  ['zoho-crm-sample/Sales_Order_Line_Items.csv', { kind: 'invoices', rows: 6138, problem: 'column_missing' }],
  ['zoho-crm-sample/Sales_Orders.csv', { kind: 'invoices', rows: 2061, problem: 'column_missing' }],
];

describe.skipIf(!have)('kpi inspect on the real exports', () => {
  it.each(CASES)('%s', (file, want) => {
    const r = kpi(['inspect', shared(file), '--no-config', '--today', '2026-11-27', '-O', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('kpi-inspect/1');
    const f = doc.files[0];
    expect(f.kind).toBe(want.kind);
    expect(f.rows).toBe(want.rows);
    // nothing lost: every row read is a record, merged into one, rejected, or held by a file error
    expect(f.records + f.merged + f.rejected + f.held).toBe(f.rows);
    if (want.records !== undefined) expect(f.records).toBe(want.records);
    const codes = f.issues.map((i: { code: string }) => i.code);
    if (want.problem) expect(codes).toContain(want.problem);
  });

  it('reads the UCI sample identically from XLSX and from CSV with its declared day-first format', () => {
    const x = kpi(['report', '--invoices', shared('uci-online-retail-xlsx/online_retail_sample.xlsx'), '--no-config', '--today', '2026-11-27', '-O', 'json']);
    expect(x.code, x.stderr).toBe(0);
    const cfg = `sources:\n  - kind: invoices\n    files: ${JSON.stringify(shared('uci-online-retail-xlsx/online_retail_sample.csv'))}\n    date_format: d/M/yyyy H:mm\n`;
    const d = tempDir({ 'kpi.config.yaml': cfg });
    const c = kpi(['report', '--today', '2026-11-27', '-O', 'json'], { cwd: d });
    expect(c.code, c.stderr).toBe(0);
    const xr = JSON.parse(x.stdout);
    const cr = JSON.parse(c.stdout);
    expect(cr.rows).toEqual(xr.rows);
    expect(cr.meta.records).toEqual(xr.meta.records);
    expect(xr.meta.records.invoices).toBeGreaterThan(0);
  });
});
