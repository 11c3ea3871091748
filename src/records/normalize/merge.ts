/**
 * Rows with the same id are one record (SPEC §2, SPEC-DECISIONS #6): parsed first, merged in source
 * order, validated last. Leads: the first non-empty value of each field wins, a conflicting later
 * value warns (status/won_at/amount excepted), won if any row won. Calls (legs): start = min,
 * answered = any, duration = max; from/direction/tracking from the earliest leg, to/manager from the
 * longest answered leg.
 */
import type { Issue } from '../../errors/issue.js';
import { makeIssue } from '../../errors/issue.js';
import type { Call, Lead } from '../types.js';
import { formatWall } from '../../values/dates.js';
import type { PartialLead } from './lead.js';
import type { PartialCall } from './call.js';

/** One row that contributed to a merged record. */
export interface Contribution {
  input: number;
  line: number;
  file: string;
  sheet: string | null;
  raw: string | null;
  /** The row's own rejection, held back until we know whether another row fills the field. */
  held: Issue | null;
}

export interface Group<P> {
  rec: P;
  rows: Contribution[];
  /** For calls: the leg that currently supplies to/manager. */
  best?: { answered: boolean; duration: number; start: number };
}

const LEAD_CONFLICT_FIELDS = ['createdAt', 'channelRaw', 'client', 'clientId', 'phone', 'email'] as const;
/** The config's field names, for messages. */
const FIELD_NAME: Record<string, string> = { createdAt: 'created_at', channelRaw: 'channel', client: 'client', clientId: 'client_id', phone: 'phone', email: 'email' };

/** Merge `next` into `acc` (both leads with one id). Returns conflict warnings. */
export function mergeLead(acc: PartialLead, next: PartialLead, row: Contribution): Issue[] {
  const issues: Issue[] = [];
  for (const f of LEAD_CONFLICT_FIELDS) {
    const a = acc[f];
    const b = next[f];
    if (b === null) continue;
    if (a === null) (acc as Record<string, unknown>)[f] = b;
    else if (a !== b) {
      const show = (x: unknown) => (f === 'createdAt' ? formatWall(x as number, true) : String(x));
      issues.push(makeIssue('merge_conflict', { file: row.file, sheet: row.sheet, line: row.line, column: FIELD_NAME[f] ?? f }, {
        value: show(b),
        message: `lead ${acc.id}: ${FIELD_NAME[f] ?? f} ${JSON.stringify(show(b))} differs from ${JSON.stringify(show(a))} seen earlier; the first value is kept`,
      }));
    }
  }
  if (acc.channelRaw === next.channelRaw || acc.channel === '(none)') {
    if (acc.channel === '(none)' && next.channel !== '(none)') {
      acc.channel = next.channel;
      acc.direction = next.direction;
    }
  }
  if (acc.manager === '(none)') acc.manager = next.manager;
  if (acc.segment === '(none)') acc.segment = next.segment;
  if (acc.status === null) {
    acc.status = next.status;
    acc.excluded = next.excluded;
  }
  if (acc.wonAt === null) acc.wonAt = next.wonAt;
  if (acc.amount === null) acc.amount = next.amount;
  acc.won = acc.won || next.won; // Decision #6(b): a win in any row wins
  return issues;
}

/** Merge a call leg into the call so far. */
export function mergeCall(g: Group<PartialCall>, next: PartialCall): void {
  const acc = g.rec;
  const nStart = next.startedAt;
  if (nStart !== null && (acc.startedAt === null || nStart < acc.startedAt)) {
    // the earliest leg supplies start, from, direction, tracking
    acc.startedAt = nStart;
    acc.startedAtUtc = next.startedAtUtc;
    if (next.direction !== null) acc.direction = next.direction;
    acc.from = next.from;
    acc.fromAnonymous = next.fromAnonymous;
    acc.trackingNumber = next.trackingNumber ?? acc.trackingNumber;
    acc.channel = next.trackingNumber !== null ? next.channel : acc.channel;
  } else if (acc.direction === null) acc.direction = next.direction;
  if (next.answered === true) acc.answered = true;
  else if (next.answered === false && acc.answered === null) acc.answered = false;
  if (next.durationS !== null && (acc.durationS === null || next.durationS > acc.durationS)) acc.durationS = next.durationS;
  // to and manager: the longest answered leg
  const cand = { answered: next.answered === true, duration: next.durationS ?? -1, start: nStart ?? Infinity };
  const best = g.best;
  if (!best || (cand.answered && !best.answered) || (cand.answered === best.answered && cand.duration > best.duration)) {
    g.best = cand;
    if (next.to !== null) acc.to = next.to;
    if (next.manager !== '(none)') acc.manager = next.manager;
  }
}

/** Is a merged lead complete? */
export function completeLead(p: PartialLead): p is Lead {
  return p.createdAt !== null;
}

/** Is a merged call complete? */
export function completeCall(p: PartialCall): p is Call {
  return p.startedAt !== null && p.direction !== null;
}
