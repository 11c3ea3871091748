/**
 * `kpi list missed-unreturned` (SPEC-DECISIONS #8, #28): the caller numbers behind
 * `missed_unreturned` and `missed_pending`. One row per number (per group and number with -g, so
 * the unreturned rows of a group add up to that group's `missed_unreturned`).
 */
import type { Span } from '../period/types.js';
import { dayOfWall } from '../period/types.js';
import { NONE } from '../records/types.js';
import type { TextDict } from '../records/table/dict.js';
import { classifyMissed, FATE } from './callbacks.js';
import { callGroupColumn, compareCodePoints, compareGroups, groupName, type GroupBy } from './groups.js';
import type { Linked } from './link.js';
import type { IdColumn } from '../records/table/base.js';

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
  const calls = linked.tables.calls;
  const fates = classifyMissed(calls, opts);
  const by = opts.groupBy ?? null;
  const column = by === null ? null : callGroupColumn(calls, by);
  const name = (ids: IdColumn, dict: TextDict, i: number) => dict.value(ids[i] as number) ?? NONE;
  const rows = new Map<string, MissedRow>();
  for (let i = 0; i < calls.length; i++) {
    const fate = fates.fate[i];
    if (fate !== FATE.unreturned && fate !== FATE.pending) continue;
    const at = calls.startedAt[i] as number;
    const day = dayOfWall(at);
    if (day < span.start || day >= span.end) continue;
    const phone = calls.phones.value(calls.from[i] as number) as string;
    const group = by === null ? null : column === null ? null : groupName(column, i);
    const key = `${group ?? ''}\u0000${phone}`;
    const status = fate === FATE.unreturned ? 'unreturned' : 'pending';
    const r = rows.get(key);
    if (r === undefined) {
      rows.set(key, {
        phone,
        missed_calls: 1,
        first_missed_at: at,
        last_missed_at: at,
        manager: name(calls.manager, calls.managers, i),
        channel: name(calls.channel, calls.channels, i),
        status,
        group,
      });
      continue;
    }
    r.missed_calls++;
    if (at < r.first_missed_at) r.first_missed_at = at;
    if (at >= r.last_missed_at) {
      r.last_missed_at = at;
      r.manager = name(calls.manager, calls.managers, i);
      r.channel = name(calls.channel, calls.channels, i);
    }
    if (status === 'unreturned') r.status = 'unreturned';
  }
  return [...rows.values()].sort(
    (a, b) =>
      (a.group === null || b.group === null ? 0 : compareGroups(a.group, b.group)) ||
      (a.status === b.status ? 0 : a.status === 'unreturned' ? -1 : 1) ||
      a.first_missed_at - b.first_missed_at ||
      compareCodePoints(a.phone, b.phone),
  );
}
