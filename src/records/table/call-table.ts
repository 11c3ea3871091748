/** Calls in columns (see base.ts). `CallRow` is the scratch record a normalizer fills per row. */
import type { Call, CallDirection, Origin } from '../types.js';
import { NONE } from '../types.js';
import { TableBase, type IdColumn, type Layout } from './base.js';
import { StringDict } from './dict.js';
import { PackedDict } from './packed-dict.js';

/** Direction codes of `CallTable.direction`; -1 (in a `CallRow` only) = not known yet. */
export const DIR_INBOUND = 0;
export const DIR_OUTBOUND = 1;
export const DIR_INTERNAL = 2;
/** Stored for a call leg whose direction is not known (yet). */
export const DIR_UNKNOWN = 255;
const DIRECTIONS: readonly CallDirection[] = ['inbound', 'outbound', 'internal'];

/** `answered` codes: unknown, no, yes. */
export const ANSWERED_UNKNOWN = 0;
export const ANSWERED_NO = 1;
export const ANSWERED_YES = 2;

/** One call leg as parsed from one row (dict ids, NaN for missing numbers); reused per row. */
export class CallRow {
  id: string | null = null;
  startedAt = NaN;
  startedAtUtc = NaN;
  direction = -1;
  /** Phone dict ids of the normalized numbers; -1 when empty. */
  from = -1;
  to = -1;
  fromAnonymous = false;
  answered = ANSWERED_UNKNOWN;
  durationS = NaN;
  manager = -1;
  tracking = -1;
  channel = -1;
}


export class CallTable extends TableBase {
  protected readonly layout: Layout = {
    f64: ['startedAt', 'startedAtUtc', 'durationS'],
    i32: [['from', 'phones'], ['to', 'phones'], ['manager', 'managers'], ['tracking', 'phones'], ['channel', 'channels']],
    narrow: ['manager', 'channel'],
    lazy: ['tracking'],
    u8: ['direction', 'answered', 'fromAnonymous'],
  };
  startedAt = new Float64Array(0);
  /** The same moment as a UTC instant, for elapsed-time windows across DST. */
  startedAtUtc = new Float64Array(0);
  durationS = new Float64Array(0);
  from = new Int32Array(0);
  to = new Int32Array(0);
  manager: IdColumn = new Int16Array(0);
  /** Null while no call has a tracking number (see `Layout.lazy`). */
  tracking: Int32Array | null = null;
  channel: IdColumn = new Int16Array(0);
  /** DIR_* code; DIR_UNKNOWN only while a merged call still lacks its direction. */
  direction = new Uint8Array(0);
  answered = new Uint8Array(0);
  fromAnonymous = new Uint8Array(0);

  /** from, to and tracking numbers share one dict. */
  /** Many distinct short texts, rarely read back: packed (see packed-dict.ts). */
  readonly phones = new PackedDict();
  readonly managers = new StringDict();
  readonly channels = new PackedDict();

  push(r: CallRow, line: number, source: number): number {
    const i = this.pushBase(r.id, line, source);
    this.startedAt[i] = r.startedAt;
    this.startedAtUtc[i] = r.startedAtUtc;
    this.durationS[i] = r.durationS;
    this.from[i] = r.from;
    this.to[i] = r.to;
    this.manager[i] = r.manager;
    if (this.tracking !== null) this.tracking[i] = r.tracking;
    else if (r.tracking >= 0) this.trackingColumn()[i] = r.tracking;
    this.channel[i] = r.channel;
    this.direction[i] = r.direction < 0 ? DIR_UNKNOWN : r.direction;
    this.answered[i] = r.answered;
    this.fromAnonymous[i] = r.fromAnonymous ? 1 : 0;
    return i;
  }

  /** The tracking column, made when still null (for writing a value). */
  trackingColumn(): Int32Array {
    return (this.tracking ??= this.made('tracking') as Int32Array);
  }

  /** Fill `r` with record i. */
  read(i: number, r: CallRow): CallRow {
    const d = this.direction[i] as number;
    r.id = this.idOf(i);
    r.startedAt = this.startedAt[i] as number;
    r.startedAtUtc = this.startedAtUtc[i] as number;
    r.direction = d === DIR_UNKNOWN ? -1 : d;
    r.from = this.from[i] as number;
    r.to = this.to[i] as number;
    r.fromAnonymous = this.fromAnonymous[i] === 1;
    r.answered = this.answered[i] as number;
    r.durationS = this.durationS[i] as number;
    r.manager = this.manager[i] as number;
    r.tracking = this.tracking === null ? -1 : (this.tracking[i] as number);
    r.channel = this.channel[i] as number;
    return r;
  }

  /** A parsed leg as a call object; start and direction are null when the row had none. */
  describe(r: CallRow, origin: Origin): Omit<Call, 'startedAt' | 'startedAtUtc' | 'direction'> & { startedAt: number | null; startedAtUtc: number | null; direction: CallDirection | null } {
    const num = (x: number): number | null => (x === x ? x : null);
    return {
      id: r.id,
      startedAt: num(r.startedAt),
      startedAtUtc: num(r.startedAtUtc),
      direction: r.direction < 0 ? null : (DIRECTIONS[r.direction] as CallDirection),
      from: this.phones.value(r.from),
      to: this.phones.value(r.to),
      fromAnonymous: r.fromAnonymous,
      answered: r.answered === ANSWERED_UNKNOWN ? null : r.answered === ANSWERED_YES,
      durationS: num(r.durationS),
      manager: this.managers.value(r.manager) ?? NONE,
      trackingNumber: this.phones.value(r.tracking),
      channel: this.channels.value(r.channel) ?? NONE,
      origin,
    };
  }

  /** Record i as a `Call` object (allocates). */
  get(i: number): Call {
    return this.describe(this.read(i, new CallRow()), this.originOf(i)) as Call;
  }

  toArray(): Call[] {
    const out: Call[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.get(i));
    return out;
  }

  static from(calls: readonly Call[]): CallTable {
    const t = new CallTable();
    const r = new CallRow();
    for (const c of calls) {
      r.id = c.id;
      r.startedAt = c.startedAt;
      r.startedAtUtc = c.startedAtUtc;
      r.direction = DIRECTIONS.indexOf(c.direction);
      r.from = t.phones.id(c.from);
      r.to = t.phones.id(c.to);
      r.fromAnonymous = c.fromAnonymous;
      r.answered = c.answered === null ? ANSWERED_UNKNOWN : c.answered ? ANSWERED_YES : ANSWERED_NO;
      r.durationS = c.durationS ?? NaN;
      r.manager = t.managers.id(c.manager);
      r.tracking = t.phones.id(c.trackingNumber);
      r.channel = t.channels.id(c.channel);
      t.push(r, c.origin.line, t.sourceOf(c.origin.file, c.origin.sheet));
    }
    return t;
  }


}
