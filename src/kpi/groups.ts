/**
 * Which group a record belongs to under `--group-by` (SPEC §3 "Groups", SPEC-DECISIONS #11):
 * leads by their own field; calls by manager or by channel (via tracking number) — calls have no
 * segment, so under `-g segment` they are ungrouped; invoice lines by the line's manager, by the
 * client's acquisition channel, or by the client's segment (a client attribute).
 */
import type { Call, InvoiceLine, Lead } from '../records/types.js';
import { NONE, UNATTRIBUTED } from '../records/types.js';
import type { ClientInfo } from './link.js';
import type { InputKind } from './registry.js';

export type GroupBy = 'channel' | 'manager' | 'segment' | null;

/** The group of a lead. */
export function leadGroup(lead: Lead, by: Exclude<GroupBy, null>): string {
  return by === 'channel' ? lead.channel : by === 'manager' ? lead.manager : lead.segment;
}

/** The group of a call; null when calls cannot be split that way (segment). */
export function callGroup(call: Call, by: Exclude<GroupBy, null>): string | null {
  return by === 'channel' ? call.channel : by === 'manager' ? call.manager : null;
}

/** The group of an invoice line, given its client. */
export function invoiceGroup(line: InvoiceLine, client: ClientInfo | undefined, by: Exclude<GroupBy, null>): string {
  if (by === 'manager') return line.manager;
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
