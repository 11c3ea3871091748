import { describe, it, expect } from 'vitest';
import type { Call } from '../../src/records/types.js';
import { call, month, run, values, terms, wall } from './factories.js';

const oct = month('2026-10');
const nov = month('2026-11');
const sep = month('2026-09');
const [A, B, C, D, E, F] = ['+79120000001', '+79120000002', '+79120000003', '+79120000004', '+79120000005', '+79120000006'];

function octoberCalls(): Call[] {
  return [
    call('2026-10-01 10:00', { from: A, manager: 'Ann', channel: 'Ads' }),
    call('2026-10-05 10:00', { from: B, answered: false, channel: 'Ads' }), // returned after 30 min
    call('2026-10-05 10:30', { direction: 'outbound', from: '101', to: B, manager: 'Ann' }),
    call('2026-10-06 09:00', { from: C, answered: false }), // unreturned
    call('2026-10-07 09:00', { from: C, answered: false }), // unreturned, same number
    call('2026-10-08 09:00', { from: null, fromAnonymous: true, answered: false }),
    call('2026-10-09 09:00', { direction: 'internal', from: '101', to: '102', manager: 'Ann' }),
    call('2026-10-10 10:00', { from: D, answered: false }), // returned by D's answered call after 120 min
    call('2026-10-10 12:00', { from: D, manager: 'Bob' }),
    call('2026-10-11 10:00', { direction: 'outbound', from: '102', to: E, answered: false, manager: 'Bob' }),
    call('2026-10-31 23:00', { from: F, answered: false }), // pending: window open past data and today
  ];
}

describe('call metrics', () => {
  const r = run({ calls: octoberCalls() }, [oct, nov], [sep, oct], { todayEndWall: wall('2026-11-01') });

  it.each([
    ['calls_inbound', [8, 0]],
    ['calls_inbound_answered', [2, 0]],
    ['calls_inbound_missed', [6, 0]],
    ['missed_rate', [0.75, null]],
    ['missed_unreturned', [1, 0]],
    ['missed_pending', [1, 0]],
    ['missed_anonymous', [1, 0]],
    ['callback_minutes_median', [75, null]],
    ['callback_minutes_p90', [120, null]],
    ['calls_outbound', [2, 0]],
    ['calls_outbound_answered', [1, 0]],
    ['calls_internal', [1, 0]],
  ] as const)('%s = %j', (id, want) => {
    expect(values(r, id)).toEqual(want);
  });

  it('explains missed_unreturned with its call counts', () => {
    expect(terms(r, 'missed_unreturned', 0)).toEqual({ unreturned_calls: 2, returned_calls: 2, missed_pending: 1 });
    expect(terms(r, 'missed_rate', 0)).toEqual({ calls_inbound_missed: 6, calls_inbound: 8 });
  });

  it('counts the pending call as unreturned once today has passed its window', () => {
    const later = run({ calls: octoberCalls() }, [oct], [sep], { todayEndWall: wall('2026-11-03') });
    expect(values(later, 'missed_pending')).toEqual([0]);
    expect(values(later, 'missed_unreturned')).toEqual([2]);
  });

  it('makes answer-based metrics null when no source tells answered (Decision #20)', () => {
    const u = run({ calls: octoberCalls() }, [oct], [sep], { answeredKnown: false });
    for (const id of ['calls_inbound_answered', 'calls_inbound_missed', 'missed_rate', 'missed_unreturned', 'missed_pending', 'callback_minutes_median', 'calls_outbound_answered'] as const) {
      expect(values(u, id)).toEqual([null]);
    }
    expect(values(u, 'calls_inbound')).toEqual([8]);
    expect(values(u, 'calls_outbound')).toEqual([2]);
  });

  it('makes a column answer-unknown, not silently lower, when one of its calls has no answered state', () => {
    const calls = [...octoberCalls(), call('2026-11-05 10:00', { from: A, answered: null }), call('2026-11-06 10:00', { from: A })];
    const x = run({ calls }, [oct, nov], [sep, oct]);
    expect(values(x, 'calls_inbound')).toEqual([8, 2]);
    expect(values(x, 'calls_inbound_missed')[1]).toBeNull();
    expect(values(x, 'missed_rate')[0]).toBe(0.75);
    expect(values(x, 'calls_outbound_answered')).toEqual([1, 0]); // outbound calls are all known
  });
});

describe('call groups', () => {
  it('groups calls by manager; the callback may come from another manager', () => {
    const r = run({ calls: octoberCalls() }, [oct], [sep], { groupBy: 'manager', todayEndWall: wall('2026-11-01') });
    expect(r.groups).toEqual(['Ann', 'Bob', '(none)']);
    expect(values(r, 'calls_inbound', 'Ann')).toEqual([1]);
    expect(values(r, 'calls_inbound', '(none)')).toEqual([6]);
    expect(values(r, 'calls_outbound', 'Bob')).toEqual([1]);
    expect(values(r, 'callback_minutes_median', '(none)')).toEqual([75]);
    expect(values(r, 'callback_minutes_median', 'Ann')).toEqual([null]);
    expect(values(r, 'missed_rate', 'Bob')).toEqual([0]);
  });

  it('groups calls by channel (from tracking numbers)', () => {
    const r = run({ calls: octoberCalls() }, [oct], [sep], { groupBy: 'channel' });
    expect(values(r, 'calls_inbound', 'Ads')).toEqual([2]);
    expect(values(r, 'calls_inbound_missed', 'Ads')).toEqual([1]);
  });

  it('leaves calls ungrouped under -g segment: only total rows (Decision #11a)', () => {
    const r = run({ calls: octoberCalls() }, [oct], [sep], { groupBy: 'segment' });
    expect(r.ungrouped).toEqual(['calls']);
    expect(r.cells.every((c) => c.group === null)).toBe(true);
    expect(values(r, 'calls_inbound')).toEqual([8]);
    expect(r.sectionGroups.calls).toEqual([]);
  });
});
