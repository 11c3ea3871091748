/**
 * Exports written by a script or by hand, headed with plain English words or with kpi's own field
 * names (SPEC §2): every column a user would expect to be read is read. A `manager` column left
 * unmapped files every call under `(none)`; an invoice `number` left unmapped counts every line
 * as an invoice; a call log's one `phone` column left unmapped makes every missed call anonymous.
 */
import { describe, expect, it } from 'vitest';
import { runSystemCases, type SystemCase } from './system-cases.js';
import { FIELDS } from '../../src/mapping/fields.js';
import { mapByAliases } from '../../src/mapping/map-columns.js';
import { detectKind } from '../../src/mapping/detect-kind.js';
import { KINDS } from '../../src/records/types.js';

const CASES: SystemCase[] = [
  {
    system: 'a script-written lead list',
    headers: ['id', 'created_at', 'channel', 'manager', 'company', 'phone', 'amount'],
    kind: 'leads',
    expect: { id: 'id', created_at: 'created_at', channel: 'channel', manager: 'manager', client: 'company', phone: 'phone', amount: 'amount' },
  },
  {
    system: 'a script-written call log with one phone column',
    headers: ['id', 'started_at', 'direction', 'manager', 'phone', 'duration', 'status'],
    kind: 'calls',
    expect: { id: 'id', started_at: 'started_at', direction: 'direction', manager: 'manager', phone: 'phone', from: null, to: null,
      duration_s: 'duration', status: 'status' },
  },
  {
    system: 'a call log with from, to and the client phone',
    headers: ['Date', 'Direction', 'From', 'To', 'Client Phone', 'Manager', 'Talk Time'],
    kind: 'calls',
    expect: { started_at: 'Date', from: 'From', to: 'To', phone: 'Client Phone', manager: 'Manager', duration_s: 'Talk Time' },
  },
  {
    system: 'a script-written invoice register',
    headers: ['number', 'date', 'client', 'amount', 'manager', 'status'],
    kind: 'invoices',
    expect: { number: 'number', date: 'date', client: 'client', amount: 'amount', manager: 'manager', status: 'status' },
  },
  {
    system: 'invoice lines with an id and a customer',
    headers: ['id', 'date', 'customer', 'qty', 'price', 'Sales Manager'],
    kind: 'invoices',
    expect: { number: 'id', client: 'customer', quantity: 'qty', unit_price: 'price', manager: 'Sales Manager' },
  },
  {
    system: 'a generator-style call log in snake_case',
    headers: ['call_id', 'call_date', 'call_direction', 'agent_name', 'caller_number', 'called_number', 'duration_sec', 'outcome', 'is_missed'],
    kind: 'calls',
    expect: { id: 'call_id', started_at: 'call_date', direction: 'call_direction', manager: 'agent_name', from: 'caller_number',
      to: 'called_number', duration_s: 'duration_sec', status: 'outcome', answered: 'is_missed' },
  },
  {
    system: 'a generator-style lead list in snake_case',
    headers: ['lead_id', 'creation_date', 'utm_source', 'client_name', 'budget', 'manager_name', 'won_date'],
    kind: 'leads',
    expect: { id: 'lead_id', created_at: 'creation_date', channel: 'utm_source', client: 'client_name', amount: 'budget',
      manager: 'manager_name', won_at: 'won_date' },
  },
  {
    system: 'a generator-style invoice list in snake_case',
    headers: ['invoice_id', 'issue_date', 'client_name', 'revenue', 'manager_name', 'paid_at'],
    kind: 'invoices',
    expect: { number: 'invoice_id', date: 'issue_date', client: 'client_name', amount: 'revenue', manager: 'manager_name', paid_at: 'paid_at' },
  },
  {
    // detection picks leads by its source column; the bare Date is read once the kind is known
    system: 'a lead list with a bare Date',
    headers: ['Date', 'Source', 'Manager', 'Company', 'Phone'],
    kind: 'leads',
    missing: ['created_at'],
    expect: { created_at: 'Date', channel: 'Source', manager: 'Manager', client: 'Company', phone: 'Phone' },
  },
  {
    system: 'Russian invoice register with a plain manager column',
    headers: ['Номер', 'Дата', 'Контрагент', 'Сумма', 'Manager'],
    kind: 'invoices',
    expect: { number: 'Номер', manager: 'Manager' },
  },
];

runSystemCases(CASES);

describe('a column headed with its field name', () => {
  it.each(KINDS.map((k) => [k] as const))('maps to that field in %s, every field', (kind) => {
    const headers = [...FIELDS[kind]];
    const m = mapByAliases(headers, kind, { file: 'x.csv', sheet: null, headerLine: 1 });
    for (const f of FIELDS[kind]) expect({ f, header: headers[m.fields[f]!] }).toEqual({ f, header: f });
  });

  it('is the last resort: a system alias of the same field wins over it', () => {
    const m = mapByAliases(['created_at', 'Дата создания', 'channel'], 'leads', { file: 'x.csv', sheet: null, headerLine: 1 });
    expect(m.fields.created_at).toBe(1);
  });

  it('does not count toward kind detection: date, client, amount and a status stay invoices', () => {
    // `status` is a lead field too; a weak own-name alias must not make this a leads/invoices tie
    expect(detectKind(['date', 'client', 'amount', 'status']).kind).toBe('invoices');
    expect(detectKind(['Дата', 'Контрагент', 'Сумма', 'Статус']).kind).toBe('invoices');
    // nor does a lead list's bare Date
    expect(detectKind(['Date', 'Channel', 'Client', 'Amount']).kind).toBe('invoices');
  });
});

/** Header rows of generated or hand-made files, mapped under the kind the user names (`--leads` …). */
const NAMED: { kind: (typeof KINDS)[number]; headers: string[]; expect: Record<string, string> }[] = [
  { kind: 'leads', headers: ['Lead ID', 'Created At', 'Channel', 'Sales Rep', 'Company Name', 'Phone', 'Value'], expect: { manager: 'Sales Rep', amount: 'Value' } },
  { kind: 'leads', headers: ['id', 'created_at', 'lead_source', 'assigned_to', 'account', 'mobile', 'revenue'], expect: { client: 'account', amount: 'revenue' } },
  { kind: 'leads', headers: ['id', 'timestamp', 'channel', 'manager', 'company', 'phone', 'amount'], expect: { created_at: 'timestamp' } },
  { kind: 'calls', headers: ['Call ID', 'Date', 'Direction', 'User', 'Number', 'Duration', 'Status'], expect: { phone: 'Number', manager: 'User' } },
  { kind: 'calls', headers: ['Дата', 'Тип', 'Сотрудник', 'Номер клиента', 'Длительность', 'Статус'], expect: { started_at: 'Дата', direction: 'Тип', phone: 'Номер клиента' } },
  { kind: 'invoices', headers: ['number', 'created_at', 'company', 'sum', 'manager', 'paid'], expect: { number: 'number', date: 'created_at', client: 'company', amount: 'sum' } },
  { kind: 'invoices', headers: ['order_id', 'order_date', 'customer_id', 'revenue', 'cost', 'manager'], expect: { number: 'order_id', date: 'order_date' } },
  { kind: 'invoices', headers: ['doc_number', 'doc_date', 'counterparty', 'amount_total', 'responsible'], expect: { number: 'doc_number', date: 'doc_date', client: 'counterparty', amount: 'amount_total', manager: 'responsible' } },
];

describe('a file whose kind the user names', () => {
  it.each(NAMED.map((c) => [c.headers.join(','), c] as const))('%s', (_name, c) => {
    const m = mapByAliases(c.headers, c.kind, { file: 'f.csv', sheet: null, headerLine: 1 });
    const got = Object.fromEntries(Object.keys(c.expect).map((f) => [f, c.headers[m.fields[f as never] ?? -1] ?? null]));
    expect(got).toEqual(c.expect);
  });
});

