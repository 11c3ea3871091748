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

/** True when the caller number is empty or carries no digit (SPEC §3 missed_anonymous). */
export function isAnonymousCaller(c: Call): boolean {
  if (c.fromAnonymous || c.from === null) return true;
  const s = c.from;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch >= 48 && ch <= 57) return false;
  }
  return true;
}

/** First index whose value is > x in an ascending array. */
function upperBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Classify every call; O(n log n). */
export function classifyMissed(calls: readonly Call[], opts: CallbackOptions): MissedFates {
  const n = calls.length;
  const fate = new Uint8Array(n);
  const callbackMinutes = new Float64Array(n).fill(NaN);
  const returnedBy = new Int32Array(n).fill(-1);
  const windowMs = opts.callbackWindowHours * 3_600_000;

  // number → indices of the calls that would return a missed call from it, by start time.
  const returners = new Map<string, number[]>();
  const push = (num: string | null, i: number): void => {
    if (num === null) return;
    const list = returners.get(num);
    if (list === undefined) returners.set(num, [i]);
    else list.push(i);
  };
  let latestStart = -Infinity;
  for (let i = 0; i < n; i++) {
    const c = calls[i] as Call;
    if (c.startedAtUtc > latestStart) latestStart = c.startedAtUtc;
    if (c.direction === 'outbound') push(c.to, i);
    else if (c.direction === 'inbound' && c.answered === true) push(c.from, i);
  }
  const times = new Map<string, { idx: number[]; at: number[] }>();
  for (const [num, idx] of returners) {
    idx.sort((a, b) => (calls[a] as Call).startedAtUtc - (calls[b] as Call).startedAtUtc || a - b);
    times.set(num, { idx, at: idx.map((i) => (calls[i] as Call).startedAtUtc) });
  }

  for (let i = 0; i < n; i++) {
    const m = calls[i] as Call;
    if (m.direction !== 'inbound' || m.answered === true) continue;
    if (m.answered === null) {
      fate[i] = FATE.unknown;
      continue;
    }
    if (isAnonymousCaller(m)) {
      fate[i] = FATE.anonymous;
      continue;
    }
    const t = times.get(m.from as string);
    if (t !== undefined) {
      const j = upperBound(t.at, m.startedAtUtc);
      const at = t.at[j];
      if (at !== undefined && at <= m.startedAtUtc + windowMs) {
        fate[i] = FATE.returned;
        callbackMinutes[i] = (at - m.startedAtUtc) / MS_PER_MINUTE;
        returnedBy[i] = t.idx[j] as number;
        continue;
      }
    }
    // The window end in wall time is compared with --today (both wall); with the data, in UTC.
    const open = m.startedAtUtc + windowMs > latestStart && m.startedAt + windowMs > opts.todayEndWall;
    fate[i] = open ? FATE.pending : FATE.unreturned;
  }
  return { fate, callbackMinutes, returnedBy };
}
