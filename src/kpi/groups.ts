/**
 * Which group a record belongs to under `--group-by` (SPEC §3 "Groups", SPEC-DECISIONS #11):
 * leads by their own field; calls by manager or by channel (via tracking number) — calls have no
 * segment, so under `-g segment` they are ungrouped; invoice lines by the line's manager, by the
 * client's acquisition channel, or by the client's segment (a client attribute). Records are in
 * tables, so a grouping field is a column of dictionary ids.
 */
import { NONE, UNATTRIBUTED } from '../records/types.js';
import type { TextDict } from '../records/table/dict.js';
import type { LeadTable } from '../records/table/lead-table.js';
import type { CallTable } from '../records/table/call-table.js';
import type { ClientInfo } from './link.js';
import type { InputKind } from './registry.js';
import type { IdColumn } from '../records/table/base.js';

export type GroupBy = 'channel' | 'manager' | 'segment' | null;

/** A grouping field stored in a table: the column of dictionary ids and its dictionary. */
export interface GroupColumn {
  ids: IdColumn;
  names: TextDict;
}

/** The group of a lead is its own field. */
export function leadGroupColumn(t: LeadTable, by: Exclude<GroupBy, null>): GroupColumn {
  return by === 'channel' ? { ids: t.channel, names: t.channels } : by === 'manager' ? { ids: t.manager, names: t.managers } : { ids: t.segment, names: t.segments };
}

/** Calls group by manager or by channel (via tracking number); null when they cannot (segment). */
export function callGroupColumn(t: CallTable, by: Exclude<GroupBy, null>): GroupColumn | null {
  return by === 'channel' ? { ids: t.channel, names: t.channels } : by === 'manager' ? { ids: t.manager, names: t.managers } : null;
}

/** The name behind a group id (a missing name is the `(none)` placeholder). */
export function groupName(g: GroupColumn, i: number): string {
  return g.names.value(g.ids[i] as number) ?? NONE;
}

/** The group of an invoice line by a client attribute: acquisition channel or segment. */
export function clientGroup(client: ClientInfo | undefined, by: 'channel' | 'segment'): string {
  if (client === undefined) return UNATTRIBUTED;
  return by === 'channel' ? (client.acquisition?.channel ?? UNATTRIBUTED) : client.segment;
}

/** Kinds that lack the grouping field (Decision #11a): their metrics show only a total row. */
export function ungroupedKinds(by: GroupBy, has: Record<InputKind, boolean>): InputKind[] {
  return by === 'segment' && has.calls ? ['calls'] : [];
}

const PLACEHOLDER_RANK: Record<string, number> = { [NONE]: 1, [UNATTRIBUTED]: 2 };

/** Group order (Decision #25): by code point, the placeholders `(none)`, `(unattributed)` last. */
export function compareGroups(a: string, b: string): number {
  const pa = PLACEHOLDER_RANK[a] ?? 0;
  const pb = PLACEHOLDER_RANK[b] ?? 0;
  if (pa !== pb) return pa - pb;
  return compareCodePoints(a, b);
}

/** Code-point order (plain `<` compares UTF-16 units, which misorders astral characters). */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i) as number;
    const cb = b.codePointAt(j) as number;
    if (ca !== cb) return ca - cb;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  return a.length - i - (b.length - j);
}
