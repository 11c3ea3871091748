import { describe, it, expect } from 'vitest';
import { METRICS, METRIC_IDS, metricDef, sectionMetrics } from '../../src/kpi/registry.js';

describe('metric registry', () => {
  it('lists every id once, in SPEC §3 order of first appearance, missed_pending after missed_unreturned', () => {
    expect(METRICS.map((m) => m.id)).toEqual([...METRIC_IDS]);
    expect(new Set(METRIC_IDS).size).toBe(METRIC_IDS.length);
    const i = METRIC_IDS.indexOf('missed_unreturned');
    expect(METRIC_IDS[i + 1]).toBe('missed_pending');
    expect(METRIC_IDS.indexOf('leads_outbound')).toBeLessThan(METRIC_IDS.indexOf('calls_outbound'));
  });

  it.each([
    ['leads_inbound', 'leads', ['leads', 'inbound']],
    ['leads_outbound', 'leads', ['leads', 'active']],
    ['calls_outbound', 'active', ['active', 'calls']],
    ['calls_outbound_answered', 'active', ['active', 'calls']],
    ['new_clients_inbound', 'inbound', ['inbound']],
    ['missed_pending', 'calls', ['calls']],
    ['churn_rate', 'clients', ['clients']],
  ] as const)('%s: home %s, sections %j (Decision #2)', (id, home, sections) => {
    const m = metricDef(id);
    expect(m?.home).toBe(home);
    expect(m?.sections).toEqual(sections);
  });

  it('marks missed_*, callback_*, churn_rate and clients_lost as better down, and nothing else (Decision #4)', () => {
    const down = METRICS.filter((m) => m.better === 'down').map((m) => m.id);
    expect(down.sort()).toEqual(
      [
        'missed_rate',
        'missed_unreturned',
        'missed_pending',
        'missed_anonymous',
        'callback_minutes_median',
        'callback_minutes_p90',
        'churn_rate',
        'clients_lost',
      ].sort(),
    );
  });

  it('flags the won-based metrics of Decision #29 and the cost-based ones of #30', () => {
    expect(METRICS.filter((m) => m.wonBased).map((m) => m.id)).toEqual([
      'leads_won',
      'lead_conversion',
      'new_sales_outbound',
      'new_sales_inbound',
      'inbound_efficiency',
    ]);
    expect(METRICS.filter((m) => m.costBased).map((m) => m.id)).toEqual(['profit', 'profit_per_client']);
  });

  it('new_clients_inbound/outbound need both leads and invoices', () => {
    expect(metricDef('new_clients_inbound')?.needs).toEqual(['leads', 'invoices']);
    expect(metricDef('new_clients_outbound')?.needs).toEqual(['leads', 'invoices']);
    expect(metricDef('revenue')?.needs).toEqual(['invoices']);
  });

  it('returns undefined for an unknown id', () => {
    expect(metricDef('leads_totl')).toBeUndefined();
  });

  it('the calls section is the entry points plus the outbound calls', () => {
    const ids = sectionMetrics('calls').map((m) => m.id);
    expect(ids[0]).toBe('calls_internal');
    expect(ids.slice(-2)).toEqual(['calls_outbound', 'calls_outbound_answered']);
    expect(sectionMetrics('active').map((m) => m.id)).toEqual([
      'leads_outbound',
      'calls_outbound',
      'calls_outbound_answered',
      'new_sales_outbound',
      'new_clients_outbound',
    ]);
  });

  it('every metric has both labels and a formula', () => {
    for (const m of METRICS) {
      expect(m.label.en.length).toBeGreaterThan(0);
      expect(m.label.ru.length).toBeGreaterThan(0);
      expect(m.formula.length).toBeGreaterThan(0);
    }
  });
});
