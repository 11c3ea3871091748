/**
 * The fate of every missed inbound call (SPEC §3 "Entry points", SPEC-DECISIONS #28), decided
 * once for the whole data set so that metrics and `list missed-unreturned` agree.
 *
 * A missed call m (inbound, answered === false, caller known) is *returned* when a call starts in
 * (m.start, m.start + window] — elapsed time between UTC instants (Decision #14) — that is an
 * outbound call to m's number (any attempt, answered or not) or an answered inbound call from it.
 * Not returned and the window still open (it ends after both the latest call start in the data
 * and the end of --today) → *pending*; otherwise *unreturned*.
 */
import type { Call } from '../records/types.js';
import { ANSWERED_UNKNOWN, ANSWERED_YES, CallTable, DIR_INBOUND, DIR_OUTBOUND } from '../records/table/call-table.js';

/** Per-call classification codes (a Uint8Array keeps 1M calls cheap). */
export const FATE = {
  /** Not a missed inbound call (answered, outbound, internal). */
  none: 0,
  returned: 1,
  unreturned: 2,
  pending: 3,
  /** Missed, caller hidden: counted only in calls_inbound_missed and missed_anonymous. */
  anonymous: 4,
  /** Inbound, but nothing tells whether it was answered. */
  unknown: 5,
} as const;
export type Fate = (typeof FATE)[keyof typeof FATE];

export interface MissedFates {
  /** FATE code per call, aligned with the calls array. */
  fate: Uint8Array;
  /** Minutes to the first returning call (returned calls only; NaN otherwise). */
  callbackMinutes: Float64Array;
  /** Index of the first returning call, or -1. */
  returnedBy: Int32Array;
}

export interface CallbackOptions {
  callbackWindowHours: number;
  /** End of --today as wall ms (the start of the next day). */
  todayEndWall: number;
}

const MS_PER_MINUTE = 60_000;

/** Does call a start before call b (ties: input order)? */
function before(utc: Float64Array, a: number, b: number): boolean {
  const ta = utc[a] as number;
  const tb = utc[b] as number;
  return ta < tb || (ta === tb && a < b);
}

/**
 * Sort idx[lo, hi) by start time, then index. The indices were filled in input order and exports
 * are mostly in time order, so short runs are insertion-sorted in place (near linear, no garbage).
 */
function sortByStart(idx: Int32Array, lo: number, hi: number, utc: Float64Array): void {
  if (hi - lo > 32) {
    const seg = Array.from(idx.subarray(lo, hi)).sort((a, b) => (utc[a] as number) - (utc[b] as number) || a - b);
    idx.set(seg, lo);
    return;
  }
  for (let k = lo + 1; k < hi; k++) {
    const x = idx[k] as number;
    let j = k - 1;
    while (j >= lo && before(utc, x, idx[j] as number)) {
      idx[j + 1] = idx[j] as number;
      j--;
    }
    idx[j + 1] = x;
  }
}

/** First index in [lo, hi) whose value is > x in an ascending array. */
function upperBound(sorted: Float64Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Classify every call; O(n log n). Calls as a table, or as objects (tests). */
export function classifyMissed(input: CallTable | readonly Call[], opts: CallbackOptions): MissedFates {
  const calls = input instanceof CallTable ? input : CallTable.from(input);
  const n = calls.length;
  const fate = new Uint8Array(n);
  const callbackMinutes = new Float64Array(n).fill(NaN);
  const returnedBy = new Int32Array(n).fill(-1);
  const windowMs = opts.callbackWindowHours * 3_600_000;
  const { direction, answered, from, to, startedAtUtc: utc } = calls;

  // phone id → the calls that would return a missed call from it (outbound to it, or answered
  // inbound from it), sorted by start time: a CSR table, offsets[p] … offsets[p + 1] in `idx`.
  const phones = calls.phones.size;
  const offsets = new Int32Array(phones + 1);
  const returner = (i: number): number => {
    const d = direction[i] as number;
    if (d === DIR_OUTBOUND) return to[i] as number;
    if (d === DIR_INBOUND && answered[i] === ANSWERED_YES) return from[i] as number;
    return -1;
  };
  let latestStart = -Infinity;
  for (let i = 0; i < n; i++) {
    if ((utc[i] as number) > latestStart) latestStart = utc[i] as number;
    const p = returner(i);
    if (p >= 0) offsets[p + 1]!++;
  }
  for (let p = 1; p <= phones; p++) offsets[p]! += offsets[p - 1]!;
  const idx = new Int32Array(offsets[phones] ?? 0);
  const fill = offsets.slice(0, -1);
  for (let i = 0; i < n; i++) {
    const p = returner(i);
    if (p >= 0) idx[fill[p]!++] = i;
  }
  const at = new Float64Array(idx.length);
  for (let p = 0; p < phones; p++) {
    const lo = offsets[p] as number;
    const hi = offsets[p + 1] as number;
    sortByStart(idx, lo, hi, utc);
    for (let k = lo; k < hi; k++) at[k] = utc[idx[k] as number] as number;
  }

  const anonymousPhone = new Uint8Array(calls.phones.size);
  // a caller number without any digit is anonymous (SPEC §3 missed_anonymous)
  for (let p = 0; p < anonymousPhone.length; p++) anonymousPhone[p] = calls.phones.hasCodeIn(p, 48, 57) ? 0 : 1;
  for (let i = 0; i < n; i++) {
    if (direction[i] !== DIR_INBOUND || answered[i] === ANSWERED_YES) continue;
    if (answered[i] === ANSWERED_UNKNOWN) {
      fate[i] = FATE.unknown;
      continue;
    }
    const p = from[i] as number;
    if (calls.fromAnonymous[i] === 1 || p < 0 || anonymousPhone[p]) {
      fate[i] = FATE.anonymous;
      continue;
    }
    const start = utc[i] as number;
    const hi = offsets[p + 1] as number;
    const j = upperBound(at, offsets[p] as number, hi, start);
    if (j < hi && (at[j] as number) <= start + windowMs) {
      fate[i] = FATE.returned;
      callbackMinutes[i] = ((at[j] as number) - start) / MS_PER_MINUTE;
      returnedBy[i] = idx[j] as number;
      continue;
    }
    // The window end in wall time is compared with --today (both wall); with the data, in UTC.
    const open = start + windowMs > latestStart && (calls.startedAt[i] as number) + windowMs > opts.todayEndWall;
    fate[i] = open ? FATE.pending : FATE.unreturned;
  }
  return { fate, callbackMinutes, returnedBy };
}
