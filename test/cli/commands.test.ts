/** `check`, `list` and `cohorts` on the demo company: exit codes, shapes, consistency with report. */
import { describe, it, expect } from 'vitest';
import { kpi } from '../helpers/cli.js';

const demo = ['--demo', '--today', '2026-01-10'];

function reportValue(metric: string, period: string, extra: string[] = []): number | null {
  const r = kpi(['report', ...demo, '-p', period, '-O', 'json', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  const row = JSON.parse(r.stdout).rows.find((x: { metric: string; group: string | null }) => x.metric === metric && x.group === null);
  return row ? row.value : null;
}

describe('kpi check', () => {
  it('exits 1 naming each missed target, missed rows first; -q prints only non-ok rows', () => {
    const r = kpi(['check', ...demo, '-O', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('kpi-check/1');
    const statuses = doc.results.map((x: { status: string }) => x.status);
    expect(statuses.indexOf('ok')).toBeGreaterThan(statuses.lastIndexOf('missed'));
    const unreturned = doc.results.find((x: { metric: string }) => x.metric === 'missed_unreturned');
    expect(unreturned.value).toBe(reportValue('missed_unreturned', '2025-12'));
    expect(unreturned.status).toBe(unreturned.value > 0 ? 'missed' : 'ok');
    // a quarterly target looks at the last complete quarter
    const retention = doc.results.find((x: { metric: string }) => x.metric === 'retention_rate');
    expect([retention.period, retention.start, retention.end]).toEqual(['2025-Q4', '2025-10-01', '2026-01-01']);
    expect(retention.value).toBeCloseTo(reportValue('retention_rate', '2025-Q4', ['-Q'])!, 12);
    const q = kpi(['check', ...demo, '-q', '-O', 'csv']);
    expect(q.code).toBe(1);
    expect(q.stdout.trim().split('\n').slice(1).every((l) => !l.endsWith(',ok'))).toBe(true);
  });

  it('exits 0 and prints nothing with -q when every target passes', () => {
    const r = kpi(['check', '--today', '2026-01-10', '-q', '-p', '2025-12', '--no-config', 'fixtures/errors/bad_date.csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
  });
});

describe('kpi list', () => {
  it('missed-unreturned lists exactly the numbers counted by missed_unreturned', () => {
    const r = kpi(['list', 'missed-unreturned', ...demo, '-p', '2025-12', '-O', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('kpi-list/1');
    const unreturned = doc.rows.filter((x: { status: string }) => x.status === 'unreturned');
    expect(unreturned.length).toBe(reportValue('missed_unreturned', '2025-12'));
  });

  it('new-clients and lost-clients match new_clients and clients_lost', () => {
    const n = JSON.parse(kpi(['list', 'new-clients', ...demo, '-p', '2025-12', '-O', 'json']).stdout);
    expect(n.rows.length).toBe(reportValue('new_clients', '2025-12'));
    const l = JSON.parse(kpi(['list', 'lost_clients', ...demo, '-p', '2025-12', '-O', 'json']).stdout);
    expect(l.rows.length).toBe(reportValue('clients_lost', '2025-12'));
  });

  it('at-risk has its documented columns; an unknown list is exit 2', () => {
    const r = kpi(['list', 'at-risk', ...demo, '-p', '2025-12', '-O', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('client_key,client,last_invoice_date,days_since,median_gap_days,revenue_12m,manager');
    expect(kpi(['list', 'nonsense', ...demo]).code).toBe(2);
  });
});

describe('kpi cohorts', () => {
  it('offset 0 is 100 %, sizes equal new clients of the cohort period, later offsets shrink', () => {
    const r = kpi(['cohorts', ...demo, '-p', '2025-01..2025-06', '-Q', '-O', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('kpi-cohorts/1');
    const q1 = doc.rows.filter((x: { cohort: string }) => x.cohort === '2025-Q1');
    expect(q1[0].offset).toBe(0);
    expect(q1[0].share).toBe(1);
    expect(q1[0].size).toBe(reportValue('new_clients', '2025-Q1', ['-Q']));
    expect(q1[1].share).toBeLessThan(1);
    expect(kpi(['cohorts', ...demo, '--compare', 'prev']).code).toBe(2);
  });
});
