/**
 * Golden figures on the real Zoho CRM sample. The expected values come from an independent
 * Python computation (test/golden/zoho_expected.py → zoho-expected.json), not from running kpi.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { kpi, ROOT } from '../helpers/cli.js';
import { shared, sharedDataAvailable } from '../helpers/shared-data.js';

const have = sharedDataAvailable();
const want = JSON.parse(readFileSync(path.join(ROOT, 'test/golden/zoho-expected.json'), 'utf8')) as Record<string, Record<string, number> | number>;

interface Row {
  period: string;
  group: string | null;
  metric: string;
  value: number | null;
}

function report(args: string[]): { rows: Row[]; meta: { inputs: { rows_read: number; rows_used: number; rows_rejected: number }[] } } {
  const r = kpi(['report', ...args, '--no-config', '--today', '2026-11-27', '-p', '2018-07..2021-04', '-O', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** Every (period|group) value of a metric must equal the expected map, 0 where it has no entry. */
function compare(rows: Row[], metric: string, expected: Record<string, number>, grouped: boolean) {
  const got = rows.filter((r) => r.metric === metric && (grouped ? r.group !== null : r.group === null));
  expect(got.length).toBeGreaterThan(0);
  for (const r of got) {
    const key = grouped ? `${r.period}|${r.group}` : r.period;
    expect([key, r.value]).toEqual([key, expected[key] ?? 0]);
  }
  // and nothing expected is missing from kpi's rows
  const keys = new Set(got.map((r) => (grouped ? `${r.period}|${r.group}` : r.period)));
  for (const k of Object.keys(expected)) expect(keys.has(k), k).toBe(true);
}

describe.skipIf(!have)('golden: Zoho CRM sample', () => {
  it('leads per month, by Lead Source and by Lead Owner', () => {
    const byChannel = report([shared('zoho-crm-sample/Leads.csv'), '-g', 'channel']);
    compare(byChannel.rows, 'leads_total', want.leads_total as Record<string, number>, false);
    compare(byChannel.rows, 'leads_total', want.leads_by_channel as Record<string, number>, true);
    const byManager = report([shared('zoho-crm-sample/Leads.csv'), '-g', 'manager']);
    compare(byManager.rows, 'leads_total', want.leads_by_manager as Record<string, number>, true);
  });

  it('won Potentials (deals merged by LEADID, won when a row is Closed Won)', () => {
    const r = report(['--leads', shared('zoho-crm-sample/Potentials.csv')]);
    compare(r.rows, 'leads_total', want.potentials_total as Record<string, number>, false);
    compare(r.rows, 'leads_won', want.potentials_won as Record<string, number>, false);
  });

  it('calls by owner and type', () => {
    const r = report([shared('zoho-crm-sample/Calls.csv'), '-g', 'manager']);
    compare(r.rows, 'calls_inbound', want.calls_inbound_by_manager as Record<string, number>, true);
    compare(r.rows, 'calls_outbound', want.calls_outbound_by_manager as Record<string, number>, true);
  });

  it('invoices by account: revenue, active clients, invoice count; empty totals rejected, cancelled void', () => {
    const r = report(['--invoices', shared('zoho-crm-sample/Invoices.csv')]);
    compare(r.rows, 'revenue', want.revenue as Record<string, number>, false);
    compare(r.rows, 'clients_active', want.clients_active as Record<string, number>, false);
    compare(r.rows, 'invoices', want.invoices as Record<string, number>, false);
    const input = r.meta.inputs[0]!;
    expect(input.rows_rejected).toBe(want.invoices_rejected);
    expect(input.rows_read).toBe(input.rows_used + input.rows_rejected);
  });
});
