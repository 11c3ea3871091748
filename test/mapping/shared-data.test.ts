/**
 * Kind detection and key mappings on the header row of every CSV in ../shared/data (the real
 * exports); the headerless Asterisk log is covered by profiles.test.ts.
 *
 * Zoho `Quotes.csv` is detected as invoices: its headers (`Created Time`, `Grand Total`, no
 * client column) have the shape of a sales document exactly like `Sales_Orders.csv`, and headers
 * cannot tell an offer from a sale. `missing` names the client it lacks, so the pipeline stops
 * with `column_missing` instead of counting quotes as revenue.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Kind } from '../../src/records/types.js';
import { detectKind } from '../../src/mapping/detect-kind.js';
import { mapByAliases } from '../../src/mapping/map-columns.js';
import { findHeaderRow } from '../../src/mapping/header-row.js';
import type { Field } from '../../src/mapping/fields.js';
import { HAVE_SHARED, SHARED_DATA, firstRecord, requireSharedData } from './shared-data.js';

interface Expectation { kind: Kind | null; missing?: string[]; fields?: Partial<Record<Field, string>> }

const EXPECTED: Record<string, Expectation> = {
  'zoho-crm-sample/Leads.csv': { kind: 'leads', fields: { id: 'LEADID', created_at: 'Created Time', channel: 'Lead Source', status: 'Lead Status', manager: 'Lead Owner', client: 'Company', segment: 'Industry' } },
  'zoho-crm-sample/Contacts.csv': { kind: 'leads', fields: { created_at: 'Created Time', channel: 'Lead Source', manager: 'Contact Owner', email: 'Email', phone: 'Mobile' } },
  'zoho-crm-sample/Potentials.csv': { kind: 'leads', fields: { id: 'LEADID', created_at: 'Created Time', status: 'Stage', amount: 'Amount', channel: 'Lead Source' } },
  'zoho-crm-sample/Calls.csv': { kind: 'calls', fields: { id: 'TASKID', started_at: 'Call Start Time', duration_s: 'Call Duration (in seconds)', direction: 'Call Type', manager: 'Call Owner' } },
  'zoho-crm-sample/Invoices.csv': { kind: 'invoices', fields: { number: 'Invoice Number', date: 'Created Time', client: 'Account Id', amount: 'Grand Total', manager: 'Invoice Owner', status: 'Invoice Status' } },
  'zoho-crm-sample/Sales_Orders.csv': { kind: 'invoices', missing: ['client or client_id'], fields: { number: 'SALESORDERID', date: 'Created Time', amount: 'Grand Total', manager: 'Sales Order Owner' } },
  'zoho-crm-sample/Quotes.csv': { kind: 'invoices', missing: ['client or client_id'], fields: { date: 'Created Time', amount: 'Grand Total' } },
  'zoho-crm-sample/Invoice_Line_Items.csv': { kind: 'invoices', missing: ['date', 'client or client_id'], fields: { amount: 'Net Total', quantity: 'Quantity', unit_price: 'List Price' } },
  'zoho-crm-sample/Sales_Order_Line_Items.csv': { kind: 'invoices', missing: ['date', 'client or client_id'], fields: { amount: 'Net Total' } },
  'zoho-crm-sample/Accounts.csv': { kind: null },
  'zoho-crm-sample/Campaigns.csv': { kind: null },
  'zoho-crm-sample/Campaign_Lead_Status.csv': { kind: null },
  // No created date: a closed-deals list that merges into leads by id (SPEC §2).
  'salesforce-demo/Opportunity.csv': { kind: 'leads', missing: ['created_at'], fields: { status: 'StageName', channel: 'LeadSource', amount: 'Amount', client: 'AccountId' } },
  'salesforce-demo/Account.csv': { kind: null },
  'uci-online-retail-xlsx/online_retail_sample.csv': { kind: 'invoices', fields: { number: 'INVOICE', date: 'INVOICEDATE', quantity: 'QUANTITY', unit_price: 'PRICE', client_id: 'CUSTOMERID' } },
};
const HEADERLESS = new Set(['asterisk-cdr-pjsip/Master.csv']);

requireSharedData('header detection on real exports');

describe.skipIf(!HAVE_SHARED)('real exports in ../shared/data', () => {
  const files = HAVE_SHARED
    ? readdirSync(SHARED_DATA, { withFileTypes: true }).filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(`${SHARED_DATA}/${d.name}`).filter((f) => f.endsWith('.csv')).map((f) => `${d.name}/${f}`))
    : [];

  it('every shared CSV has an expectation here', () => {
    expect(files.filter((f) => !(f in EXPECTED) && !HEADERLESS.has(f))).toEqual([]);
  });

  it.each(Object.entries(EXPECTED))('%s', (file, exp) => {
    const headers = firstRecord(file);
    const d = detectKind(headers);
    expect(d.ambiguous).toBe(false);
    expect(d.kind).toBe(exp.kind);
    if (!exp.kind) return;
    expect(d.scores.find((s) => s.kind === exp.kind)!.missing).toEqual(exp.missing ?? []);
    const m = mapByAliases(headers, exp.kind, { file, sheet: null, headerLine: 1 });
    for (const [field, header] of Object.entries(exp.fields ?? {})) {
      const idx = m.fields[field as Field];
      expect({ field, header: idx === undefined ? null : headers[idx] }).toEqual({ field, header });
    }
  });

  it.each(Object.keys(EXPECTED).filter((f) => EXPECTED[f]!.kind !== null))('header row of %s is found above its data', (file) => {
    const headers = firstRecord(file);
    // Below a title row and a blank row, above a row of numbers: found at index 2.
    const rows = [['Report: export of ' + file, ''], [], headers, headers.map((_, i) => String(i + 1))];
    expect(findHeaderRow(rows)).toBe(2);
  });
});
