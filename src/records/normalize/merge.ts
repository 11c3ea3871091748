/**
 * Rows with the same id are one record (SPEC §2, SPEC-DECISIONS #6): parsed first, merged in source
 * order, validated last. Leads: the first non-empty value of each field wins, a conflicting later
 * value warns (status/won_at/amount excepted), won if any row won. Calls (legs): start = min,
 * answered = any, duration = max; from/direction/tracking from the earliest leg, to/manager from the
 * longest answered leg. Records live in tables; a later row is merged into its record in place.
 */
import type { Issue } from '../../errors/issue.js';
import { makeIssue } from '../../errors/issue.js';
import { plainIssue } from './context.js';
import { NONE } from '../types.js';
import { formatWall } from '../../values/dates.js';
import { LEAD_EXCLUDED, LEAD_OUTBOUND, LEAD_WON, PHONE_PENDING, type LeadRow, type LeadTable } from '../table/lead-table.js';
import { PENDING_IDS, type PackedDict, type PackedDictParts } from '../table/packed-dict.js';
import { ANSWERED_NO, ANSWERED_UNKNOWN, ANSWERED_YES, DIR_UNKNOWN, type CallRow, type CallTable } from '../table/call-table.js';
import type { IdColumn } from '../table/base.js';
import type { InvoiceTable } from '../table/invoice-table.js';

/** Where a merged row sits, for messages. */
export interface RowPos {
  file: string;
  sheet: string | null;
  line: number;
}

/** The config's field names, for messages. */
const FIELD_NAME = { createdAt: 'created_at', channelRaw: 'channel', client: 'client', clientId: 'client_id', phone: 'phone', email: 'email' } as const;
type ConflictField = keyof typeof FIELD_NAME;

/**
 * A later row's value that differs from its record's: one per field per row, so a column of one
 * repeated "id" raises millions. Its message is put together when read, and its texts are the
 * dictionaries' and the date formatter's own strings (nothing cut from a chunk), so a conflict
 * costs one small object. Send one to another thread as `plainIssue(c)`.
 */
class MergeConflict implements Issue {
  // the same for every conflict: on the prototype, not in each object
  get severity(): 'warning' {
    return 'warning';
  }
  get code(): 'merge_conflict' {
    return 'merge_conflict';
  }
  get columnIndex(): null {
    return null;
  }
  get expected(): null {
    return null;
  }
  get hint(): null {
    return null;
  }
  readonly #lead: string;
  readonly #was: string;
  constructor(
    readonly file: string,
    readonly sheet: string | null,
    readonly line: number,
    readonly column: string,
    lead: string,
    was: string,
    readonly value: string,
  ) {
    this.#lead = lead;
    this.#was = was;
  }

  get message(): string {
    return `lead ${this.#lead}: ${this.column} ${JSON.stringify(this.value)} differs from ${JSON.stringify(this.#was)} seen earlier; the first value is kept`;
  }
}

function conflict(t: LeadTable, i: number, f: ConflictField, was: string, now: string, at: RowPos): Issue {
  return new MergeConflict(at.file, at.sheet, at.line, FIELD_NAME[f], String(t.idOf(i)), was, now);
}

/** Warnings that stand for a conflict not yet decided (`deferPhoneConflict`): not counted yet. */
const pendingIssues = new WeakSet<Issue>();

/** Whether `issue` is a placeholder of a phone conflict still to be decided. */
export function isPendingIssue(issue: Issue): boolean {
  return pendingIssues.has(issue);
}

function deferPhoneConflict(t: LeadTable, i: number, a: number, b: number, at: RowPos): Issue {
  // a placeholder where the warning goes among the issues, filled in or dropped later
  const issue = makeIssue('merge_conflict', { file: at.file, sheet: at.sheet, line: at.line, column: FIELD_NAME.phone }, { message: '' });
  pendingIssues.add(issue);
  t.pendingPhones.push({ issue, i, a, b, at });
  return issue;
}

/**
 * Once a file whose phones a reading worker coded is read: add the worker's dictionary to the
 * table's (`PackedDict.absorb`), renumber every pending phone (`PHONE_PENDING`), and decide the
 * phone conflicts that waited. Returns the placeholders that turned out to be conflicts (now
 * filled in) and those that did not (to drop).
 */
export function adoptWorkerPhones(t: LeadTable, parts: PackedDictParts | null): { found: Issue[]; dropped: Issue[] } {
  const real = takeWorkerDict(t.phones, parts);
  renumber(t.phone, t.length, real);
  const found: Issue[] = [];
  const dropped: Issue[] = [];
  for (const p of t.pendingPhones) {
    pendingIssues.delete(p.issue);
    const a = real(p.a);
    const b = real(p.b);
    if (a === b) dropped.push(p.issue);
    else {
      // the placeholder is a plain object: its message becomes a field
      Object.assign(p.issue, plainIssue(conflict(t, p.i, 'phone', t.phones.value(a)!, t.phones.value(b)!, p.at)));
      found.push(p.issue);
    }
  }
  t.pendingPhones = [];
  return { found, dropped };
}

/**
 * The same for a call log whose numbers a reading worker coded: its `from`, `to` and tracking
 * numbers renumbered. Legs merge by copying ids, never comparing numbers: nothing waited.
 */
export function adoptWorkerCallPhones(t: CallTable, parts: PackedDictParts | null): void {
  const real = takeWorkerDict(t.phones, parts);
  for (const col of [t.from, t.to, t.tracking]) if (col !== null) renumber(col, t.length, real);
}

/** The same for an invoice register whose invoice numbers a reading worker coded. */
export function adoptWorkerNumbers(t: InvoiceTable, parts: PackedDictParts | null): void {
  renumber(t.number, t.length, takeWorkerDict(t.numbers, parts));
}

/**
 * Add a reading worker's dictionary to `dict`; returns what an id becomes: a pending one
 * (`PENDING_IDS` up, the worker's id) its id in `dict`, any other itself.
 */
function takeWorkerDict(dict: PackedDict, parts: PackedDictParts | null): (v: number) => number {
  const map = parts === null ? null : dict.absorb(parts);
  return (v) => {
    if (v < PENDING_IDS) return v;
    if (parts === null) throw new Error('internal: cells were coded by the reading thread, which sent no dictionary');
    return map === null ? v - PENDING_IDS : (map[v - PENDING_IDS] as number);
  };
}

/** Each pending id of `col[0, n)` (see `takeWorkerDict`) made its id in the table's dictionary. */
function renumber(col: Int32Array, n: number, real: (v: number) => number): void {
  for (let i = 0; i < n; i++) {
    const v = col[i] as number;
    if (v >= PENDING_IDS) col[i] = real(v);
  }
}

/**
 * Merge the row `next` into lead `i` of `t` (same id). Returns the merge-conflict warnings, or
 * null when there are none (the common case allocates nothing).
 */
export function mergeLead(t: LeadTable, i: number, next: LeadRow, at: RowPos): Issue[] | null {
  let issues: Issue[] | null = null;
  const add = (x: Issue) => (issues ??= []).push(x);
  // the first non-empty value wins; a different later one warns (fields in message order)
  const ca = t.createdAt[i] as number;
  if (next.createdAt === next.createdAt) {
    if (ca !== ca) t.createdAt[i] = next.createdAt;
    else if (ca !== next.createdAt) add(conflict(t, i, 'createdAt', formatWall(ca, true), formatWall(next.createdAt, true), at));
  }
  const text = (f: Exclude<ConflictField, 'createdAt'>, col: IdColumn, dict: { value(id: number): string | null }, b: number) => {
    const a = col[i] as number;
    if (a < 0) col[i] = b;
    else if (a !== b) add(conflict(t, i, f, dict.value(a)!, dict.value(b)!, at));
  };
  // a row without a value changes nothing (and does not make a lazy column)
  if (next.channelRaw >= 0) text('channelRaw', t.channelRaw, t.channels, next.channelRaw);
  if (next.client >= 0) text('client', t.client, t.clients, next.client);
  if (next.clientId >= 0) text('clientId', t.clientIdColumn(), t.clientIds, next.clientId);
  if (next.phone >= 0) {
    const a = t.phone[i] as number;
    const b = next.phone;
    if (a < 0) t.phone[i] = b;
    else if (a !== b) {
      // a phone the reading worker coded is not in `phones` yet: decided once it is
      if (a >= PHONE_PENDING || b >= PHONE_PENDING) add(deferPhoneConflict(t, i, a, b, at));
      else add(conflict(t, i, 'phone', t.phones.value(a)!, t.phones.value(b)!, at));
    }
  }
  if (next.email >= 0) text('email', t.emailColumn(), t.emails, next.email);

  let flags = t.flags[i] as number;
  const noChannel = t.channels.find(NONE);
  if (t.channel[i] === noChannel && next.channel !== noChannel) {
    t.channel[i] = next.channel;
    flags = next.outbound ? flags | LEAD_OUTBOUND : flags & ~LEAD_OUTBOUND;
  }
  const noManager = t.managers.find(NONE);
  if (t.manager[i] === noManager) t.manager[i] = next.manager;
  if (t.segment[i] === t.segments.find(NONE)) t.segment[i] = next.segment;
  if ((t.status[i] as number) < 0) {
    t.status[i] = next.status;
    flags = next.excluded ? flags | LEAD_EXCLUDED : flags & ~LEAD_EXCLUDED;
  }
  if (next.wonAt === next.wonAt) {
    const wonAt = t.wonAtColumn();
    if (wonAt[i] !== wonAt[i]) wonAt[i] = next.wonAt;
  }
  if (t.amount[i] !== t.amount[i]) t.amount[i] = next.amount;
  if (next.won) flags |= LEAD_WON; // Decision #6(b): a win in any row wins
  t.flags[i] = flags;
  return issues;
}

/** The leg that currently supplies a merged call's `to` and manager. */
export interface BestLeg {
  answered: boolean;
  duration: number;
}

/** The best-leg key of call `i` while it still holds only its first leg's values. */
export function firstLeg(t: CallTable, i: number): BestLeg {
  const d = t.durationS[i] as number;
  return { answered: t.answered[i] === ANSWERED_YES, duration: d === d ? d : -1 };
}

/** Merge a call leg into call `i` of `t`; `best` is updated in place. */
export function mergeCall(t: CallTable, i: number, next: CallRow, best: BestLeg): void {
  const nStart = next.startedAt;
  const accStart = t.startedAt[i] as number;
  if (nStart === nStart && (accStart !== accStart || nStart < accStart)) {
    // the earliest leg supplies start, from, direction, tracking
    t.startedAt[i] = nStart;
    t.startedAtUtc[i] = next.startedAtUtc;
    if (next.direction >= 0) t.direction[i] = next.direction;
    t.from[i] = next.from;
    t.fromAnonymous[i] = next.fromAnonymous ? 1 : 0;
    if (next.tracking >= 0) {
      t.trackingColumn()[i] = next.tracking;
      t.channel[i] = next.channel;
    }
  } else if (t.direction[i] === DIR_UNKNOWN && next.direction >= 0) t.direction[i] = next.direction;
  if (next.answered === ANSWERED_YES) t.answered[i] = ANSWERED_YES;
  else if (next.answered === ANSWERED_NO && t.answered[i] === ANSWERED_UNKNOWN) t.answered[i] = ANSWERED_NO;
  const d = t.durationS[i] as number;
  if (next.durationS === next.durationS && (d !== d || next.durationS > d)) t.durationS[i] = next.durationS;
  // to and manager: the longest answered leg
  const answered = next.answered === ANSWERED_YES;
  const duration = next.durationS === next.durationS ? next.durationS : -1;
  if ((answered && !best.answered) || (answered === best.answered && duration > best.duration)) {
    best.answered = answered;
    best.duration = duration;
    if (next.to >= 0) t.to[i] = next.to;
    if (next.manager !== t.managers.find(NONE)) t.manager[i] = next.manager;
  }
}
