import { describe, it, expect } from 'vitest';
import { classifyMissed, FATE } from '../../src/kpi/callbacks.js';
import type { Call } from '../../src/records/types.js';
import { call, wall } from './factories.js';

const A = '+79120000001';
const missed = (at: string, p: Partial<Call> = {}) => call(at, { from: A, answered: false, ...p });
const opts = { callbackWindowHours: 24, todayEndWall: wall('2026-12-01') };
const fateOf = (calls: Call[], o = opts) => classifyMissed(calls, o).fate[0];

describe('missed-call fates', () => {
  it.each([
    ['an outbound call to the number 1 h later', call('2026-10-01 11:00', { direction: 'outbound', from: '101', to: A }), FATE.returned],
    ['an unanswered outbound attempt (any attempt returns)', call('2026-10-01 11:00', { direction: 'outbound', to: A, answered: false }), FATE.returned],
    ['an answered inbound call from the number', call('2026-10-01 12:00', { from: A, answered: true }), FATE.returned],
    ['an unanswered inbound call from the number', call('2026-10-01 12:00', { from: A, answered: false }), FATE.unreturned],
    ['a callback exactly at the window end', call('2026-10-02 10:00', { direction: 'outbound', to: A }), FATE.returned],
    ['a callback 1 s after the window end', call('2026-10-02 10:00:01', { direction: 'outbound', to: A }), FATE.unreturned],
    ['a callback at the same instant (interval open at its start)', call('2026-10-01 10:00', { direction: 'outbound', to: A }), FATE.unreturned],
    ['a callback to another number', call('2026-10-01 11:00', { direction: 'outbound', to: '+79120000002' }), FATE.unreturned],
    ['an internal call', call('2026-10-01 11:00', { direction: 'internal', from: '101', to: A }), FATE.unreturned],
  ])('missed at 10:00 then %s', (_what, other, want) => {
    // a later unrelated call closes every window, so nothing is pending here
    const closer = call('2026-10-05 10:00', { from: '+70000000000' });
    expect(fateOf([missed('2026-10-01 10:00'), other, closer])).toBe(want);
  });

  it('measures the window in elapsed time (UTC), not wall time: across a DST change', () => {
    // wall times 23 h apart but 24 h elapsed (clocks moved back 1 h): still inside the window
    const m = missed('2026-10-24 10:00', { startedAtUtc: wall('2026-10-24 07:00') });
    const back = call('2026-10-25 09:00', { direction: 'outbound', to: A, startedAtUtc: wall('2026-10-25 07:00') });
    const late = call('2026-10-25 09:00:01', { direction: 'outbound', to: A, startedAtUtc: wall('2026-10-25 07:00:01') });
    const closer = call('2026-11-05 10:00');
    expect(classifyMissed([m, back, closer], opts).fate[0]).toBe(FATE.returned);
    expect(classifyMissed([m, late, closer], opts).fate[0]).toBe(FATE.unreturned);
  });

  it('gives the minutes to the first returning call, in any input order', () => {
    const calls = [
      call('2026-10-01 13:00', { direction: 'outbound', to: A }),
      missed('2026-10-01 10:00'),
      call('2026-10-01 10:30', { direction: 'outbound', to: A }),
      call('2026-10-09 10:00'),
    ];
    const f = classifyMissed(calls, opts);
    expect(f.fate[1]).toBe(FATE.returned);
    expect(f.callbackMinutes[1]).toBe(30);
    expect(f.returnedBy[1]).toBe(2);
  });

  it.each([
    ['window open past the data and past today', '2026-10-01 10:00', wall('2026-10-01'), FATE.pending],
    ['window open past the data, closed before today ends', '2026-10-01 10:00', wall('2026-10-03'), FATE.unreturned],
    ['window ends exactly at the end of today', '2026-10-01 00:00', wall('2026-10-02'), FATE.unreturned],
  ])('pending (Decision #28): %s', (_what, at, todayEndWall, want) => {
    expect(fateOf([missed(at)], { callbackWindowHours: 24, todayEndWall })).toBe(want);
  });

  it('is unreturned when the data already covers the whole window, even before today ends', () => {
    const calls = [missed('2026-10-01 10:00'), call('2026-10-02 10:00', { from: '+70000000000' })];
    expect(fateOf(calls, { callbackWindowHours: 24, todayEndWall: wall('2026-10-01') })).toBe(FATE.unreturned);
  });

  it.each([
    ['hidden caller', { from: null, fromAnonymous: true }],
    ['empty number', { from: null }],
    ['no digits', { from: 'anonymous' }],
  ])('anonymous: %s', (_what, p) => {
    expect(fateOf([missed('2026-10-01 10:00', p)])).toBe(FATE.anonymous);
  });

  it('leaves answered, outbound and unknown calls out of the missed fates', () => {
    const f = classifyMissed(
      [call('2026-10-01 10:00'), call('2026-10-01 10:00', { direction: 'outbound', answered: false }), missed('2026-10-01', { answered: null })],
      opts,
    );
    expect([...f.fate]).toEqual([FATE.none, FATE.none, FATE.unknown]);
  });
});
