/**
 * Leads in columns (see base.ts for why). `LeadRow` is the scratch record a normalizer fills for
 * each source row; the table stores it, and `get(i)` rebuilds a `Lead` object for the few
 * consumers that want one (samples, `kpi check`, tests).
 */
import type { Lead, Origin } from '../types.js';
import { NONE } from '../types.js';
import { TableBase, type IdColumn, type Layout } from './base.js';
import { StringDict } from './dict.js';
import { PackedDict, PENDING_IDS } from './packed-dict.js';
import type { Issue } from '../../errors/issue.js';
import type { RowPos } from '../normalize/merge.js';

/** Flag bits of `LeadTable.flags`. */
export const LEAD_OUTBOUND = 1;
export const LEAD_WON = 2;
export const LEAD_EXCLUDED = 4;

/**
 * One lead as parsed from one row, before it is stored or merged: text fields are dictionary ids
 * of the table's dicts (-1 = null), missing numbers are NaN. One instance is reused for every row.
 */
export class LeadRow {
  id: string | null = null;
  /** NaN when the row has no (valid) created date: a closed-deals list may lack it. */
  createdAt = NaN;
  channelRaw = -1;
  channel = -1;
  outbound = false;
  client = -1;
  clientId = -1;
  phone = -1;
  email = -1;
  manager = -1;
  segment = -1;
  status = -1;
  won = false;
  wonAt = NaN;
  amount = NaN;
  excluded = false;
}


/** A lead's phone while its file is read, when the reading worker coded it (see `PENDING_IDS`). */
export const PHONE_PENDING = PENDING_IDS;

/** A phone merge conflict that can be decided only once the worker's phones are in `phones`. */
export interface PendingPhoneConflict {
  /** Its warning, filled in or dropped then. */
  issue: Issue;
  i: number;
  a: number;
  b: number;
  at: RowPos;
}

export class LeadTable extends TableBase {
  protected readonly layout: Layout = {
    f64: ['createdAt', 'wonAt', 'amount'],
    i32: [['channelRaw', 'channels'], ['channel', 'channels'], ['client', 'clients'], ['clientId', 'clientIds'], ['phone', 'phones'], ['email', 'emails'], ['manager', 'managers'], ['segment', 'segments'], ['status', 'statuses']],
    narrow: ['channelRaw', 'channel', 'manager', 'segment', 'status'],
    lazy: ['wonAt', 'clientId', 'email'],
    u8: ['flags'],
  };
  createdAt = new Float64Array(0);
  /** Null while no lead has a won date (see `Layout.lazy`); so are `clientId` and `email`. */
  wonAt: Float64Array | null = null;
  amount = new Float64Array(0);
  channelRaw: IdColumn = new Int16Array(0);
  channel: IdColumn = new Int16Array(0);
  client = new Int32Array(0);
  clientId: Int32Array | null = null;
  phone = new Int32Array(0);
  email: Int32Array | null = null;
  manager: IdColumn = new Int16Array(0);
  segment: IdColumn = new Int16Array(0);
  status: IdColumn = new Int16Array(0);
  flags = new Uint8Array(0);

  /** channel and channelRaw share one dict; so do the other group fields. */
  /** Packed: a source column of landing URLs with click ids holds a channel per lead (see packed-dict.ts). */
  readonly channels = new PackedDict();
  readonly managers = new StringDict();
  readonly segments = new StringDict();
  readonly statuses = new StringDict();
  readonly clientIds = new StringDict();
  /**
   * Company names, normalized phones and e-mails: often one per lead (a list of prospects names a
   * new company on most rows), read back only by linking and listings, so kept in typed arrays
   * (`PackedDict`) rather than as strings in a Map — a million distinct names cost ~75 MB of heap
   * that way and ~35 MB packed.
   */
  readonly clients = new PackedDict();
  readonly phones = new PackedDict();
  readonly emails = new PackedDict();
  /**
   * `emails` holds addresses as `normalizeEmail` leaves them, as the lead normalizer stores them,
   * so identity uses it as it is (see src/kpi/identity.ts); false for a table built from objects
   * by hand (`from`), whose addresses are as given.
   */
  emailsNormalized = true;
  /** Conflicts waiting for the worker's phones (see `PHONE_PENDING`). */
  pendingPhones: PendingPhoneConflict[] = [];

  /** Store a parsed row as a new record; returns its index. */
  push(r: LeadRow, line: number, source: number): number {
    const i = this.pushBase(r.id, line, source);
    this.createdAt[i] = r.createdAt;
    if (this.wonAt !== null) this.wonAt[i] = r.wonAt;
    else if (r.wonAt === r.wonAt) this.wonAtColumn()[i] = r.wonAt;
    this.amount[i] = r.amount;
    this.channelRaw[i] = r.channelRaw;
    this.channel[i] = r.channel;
    this.client[i] = r.client;
    if (this.clientId !== null) this.clientId[i] = r.clientId;
    else if (r.clientId >= 0) this.clientIdColumn()[i] = r.clientId;
    this.phone[i] = r.phone;
    if (this.email !== null) this.email[i] = r.email;
    else if (r.email >= 0) this.emailColumn()[i] = r.email;
    this.manager[i] = r.manager;
    this.segment[i] = r.segment;
    this.status[i] = r.status;
    this.flags[i] = (r.outbound ? LEAD_OUTBOUND : 0) | (r.won ? LEAD_WON : 0) | (r.excluded ? LEAD_EXCLUDED : 0);
    return i;
  }

  /** The lazy columns, made when still null (for writing a value). */
  wonAtColumn(): Float64Array {
    return (this.wonAt ??= this.made('wonAt') as Float64Array);
  }
  clientIdColumn(): Int32Array {
    return (this.clientId ??= this.made('clientId') as Int32Array);
  }
  emailColumn(): Int32Array {
    return (this.email ??= this.made('email') as Int32Array);
  }

  isOutbound(i: number): boolean {
    return ((this.flags[i] as number) & LEAD_OUTBOUND) !== 0;
  }
  isWon(i: number): boolean {
    return ((this.flags[i] as number) & LEAD_WON) !== 0;
  }
  isExcluded(i: number): boolean {
    return ((this.flags[i] as number) & LEAD_EXCLUDED) !== 0;
  }

  /** Fill `r` with record i. */
  read(i: number, r: LeadRow): LeadRow {
    r.id = this.idOf(i);
    r.createdAt = this.createdAt[i] as number;
    r.wonAt = this.wonAt === null ? NaN : (this.wonAt[i] as number);
    r.amount = this.amount[i] as number;
    r.channelRaw = this.channelRaw[i] as number;
    r.channel = this.channel[i] as number;
    r.client = this.client[i] as number;
    r.clientId = this.clientId === null ? -1 : (this.clientId[i] as number);
    r.phone = this.phone[i] as number;
    r.email = this.email === null ? -1 : (this.email[i] as number);
    r.manager = this.manager[i] as number;
    r.segment = this.segment[i] as number;
    r.status = this.status[i] as number;
    r.outbound = this.isOutbound(i);
    r.won = this.isWon(i);
    r.excluded = this.isExcluded(i);
    return r;
  }

  /** A parsed row as a lead object; `createdAt` is null when the row had none. */
  describe(r: LeadRow, origin: Origin): Omit<Lead, 'createdAt'> & { createdAt: number | null } {
    const num = (x: number): number | null => (x === x ? x : null);
    return {
      id: r.id,
      createdAt: num(r.createdAt),
      channelRaw: this.channels.value(r.channelRaw),
      channel: this.channels.value(r.channel) ?? NONE,
      direction: r.outbound ? 'outbound' : 'inbound',
      client: this.clients.value(r.client),
      clientId: this.clientIds.value(r.clientId),
      phone: this.phones.value(r.phone),
      email: this.emails.value(r.email),
      manager: this.managers.value(r.manager) ?? NONE,
      segment: this.segments.value(r.segment) ?? NONE,
      status: this.statuses.value(r.status),
      won: r.won,
      wonAt: num(r.wonAt),
      amount: num(r.amount),
      excluded: r.excluded,
      origin,
    };
  }

  /** Record i as a `Lead` object (allocates; not for per-record loops over big tables). */
  get(i: number): Lead {
    return this.describe(this.read(i, new LeadRow()), this.originOf(i)) as Lead;
  }

  /** Every record as `Lead` objects. */
  toArray(): Lead[] {
    const out: Lead[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.get(i));
    return out;
  }

  /** A table holding `leads` (tests and callers that build records by hand). */
  static from(leads: readonly Lead[]): LeadTable {
    const t = new LeadTable();
    t.emailsNormalized = false;
    const r = new LeadRow();
    for (const l of leads) {
      r.id = l.id;
      r.createdAt = l.createdAt;
      r.channelRaw = t.channels.id(l.channelRaw);
      r.channel = t.channels.id(l.channel);
      r.outbound = l.direction === 'outbound';
      r.client = t.clients.id(l.client);
      r.clientId = t.clientIds.id(l.clientId);
      r.phone = t.phones.id(l.phone);
      r.email = t.emails.id(l.email);
      r.manager = t.managers.id(l.manager);
      r.segment = t.segments.id(l.segment);
      r.status = t.statuses.id(l.status);
      r.won = l.won;
      r.wonAt = l.wonAt ?? NaN;
      r.amount = l.amount ?? NaN;
      r.excluded = l.excluded;
      t.push(r, l.origin.line, t.sourceOf(l.origin.file, l.origin.sheet));
    }
    return t;
  }


}
