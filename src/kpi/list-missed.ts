/**
 * `kpi list missed-unreturned` (SPEC-DECISIONS #8, #28): the caller numbers behind
 * `missed_unreturned` and `missed_pending`. One row per number (per group and number with -g, so
 * the unreturned rows of a group add up to that group's `missed_unreturned`).
 */
import type { Span } from '../period/types.js';
import { dayOfWall } from '../period/types.js';
import type { Call } from '../records/types.js';
import { classifyMissed, FATE } from './callbacks.js';
import { callGroup, compareCodePoints, compareGroups, type GroupBy } from './groups.js';
import type { Linked } from './link.js';

export interface MissedRow {
  phone: string;
  /** Missed calls from the number in P that were not returned (unreturned or pending). */
  missed_calls: number;
  /** Wall ms of the first and last of those calls. */
  first_missed_at: number;
  last_missed_at: number;
  /** Manager and channel of the latest of those calls. */
  manager: string;
  channel: string;
  /** `unreturned` when any call is past its window; `pending` when every window is still open. */
  status: 'unreturned' | 'pending';
  /** The group under -g (manager or channel of the calls); null when not grouped. */
  group: string | null;
}

export interface MissedListOptions {
  callbackWindowHours: number;
  /** End of --today as wall ms (start of the next day). */
  todayEndWall: number;
  groupBy?: GroupBy;
}

/** Rows sorted by group, then unreturned before pending, then first missed time, then number. */
export function listMissedUnreturned(linked: Linked, span: Span, opts: MissedListOptions): MissedRow[] {
  const calls = linked.calls;
  const fates = classifyMissed(calls, opts);
  const by = opts.groupBy ?? null;
  const rows = new Map<string, MissedRow>();
  calls.forEach((c: Call, i) => {
    const fate = fates.fate[i];
    if (fate !== FATE.unreturned && fate !== FATE.pending) return;
    const day = dayOfWall(c.startedAt);
    if (day < span.start || day >= span.end) return;
    const phone = c.from as string;
    const group = by === null ? null : callGroup(c, by);
    const key = `${group ?? ''}\u0000${phone}`;
    const status = fate === FATE.unreturned ? 'unreturned' : 'pending';
    const r = rows.get(key);
    if (r === undefined) {
      rows.set(key, {
        phone,
        missed_calls: 1,
        first_missed_at: c.startedAt,
        last_missed_at: c.startedAt,
        manager: c.manager,
        channel: c.channel,
        status,
        group,
      });
      return;
    }
    r.missed_calls++;
    if (c.startedAt < r.first_missed_at) r.first_missed_at = c.startedAt;
    if (c.startedAt >= r.last_missed_at) {
      r.last_missed_at = c.startedAt;
      r.manager = c.manager;
      r.channel = c.channel;
    }
    if (status === 'unreturned') r.status = 'unreturned';
  });
  return [...rows.values()].sort(
    (a, b) =>
      (a.group === null || b.group === null ? 0 : compareGroups(a.group, b.group)) ||
      (a.status === b.status ? 0 : a.status === 'unreturned' ? -1 : 1) ||
      a.first_missed_at - b.first_missed_at ||
      compareCodePoints(a.phone, b.phone),
  );
}
