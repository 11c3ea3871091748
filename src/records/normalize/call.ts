/**
 * One row → a call leg (SPEC §2 calls, SPEC-DECISIONS #11(c), #20, #21, #56), written into a reused
 * `CallRow` with dictionary ids. Legs sharing an id are merged later (src/app/merge-store.ts).
 */
import type { Cell, RawRow } from '../../ingest/types.js';
import { cellText } from '../../ingest/types.js';
import { DateCell, EMPTY, readDuration, readText, type ColumnState } from '../../app/cells.js';
import { normalizePhone } from '../../values/phone.js';
import { parseBool } from '../../values/bool.js';
import { wallToInstant } from '../../values/timezone.js';
import { colRef, isExponentForm, RowIssues, warnExponent, type ColumnRef, type FileRef } from './context.js';
import type { NormalizeSettings } from './settings.js';
import type { DateFormats } from './lead.js';
import { TextMemo, type Memo } from './memo.js';
import { PackedMemo } from './packed-memo.js';
import { ANSWERED_NO, ANSWERED_UNKNOWN, ANSWERED_YES, DIR_INBOUND, DIR_INTERNAL, DIR_OUTBOUND, type CallRow, type CallTable } from '../table/call-table.js';
import { PENDING_IDS } from '../table/packed-dict.js';
import type { CodeJob } from '../../ingest/csv/cell-codes.js';

export type CallColumns = Partial<Record<'id' | 'started_at' | 'direction' | 'from' | 'to' | 'phone' | 'duration_s' | 'answered' | 'status' | 'manager' | 'tracking_number', number>>;

/** Memo code of a null-like number cell (`NULL`, `-`): the same as an empty one. */
const NULL_TEXT = -1;
/** Answered-column memo code: unreadable, non-empty text (warns). */
const ANSWERED_BAD = 3;
/** Direction-column memo code: null-like text; -1 is "not a direction". */
const DIR_NULL_TEXT = -2;

export class CallNormalizer {
  private readonly started: DateCell;
  private readonly refs: Record<string, ColumnRef | null> = {};
  /** True when nothing in this source tells whether a call was answered. */
  readonly answeredUnknown: boolean;
  /**
   * number text → (phone id + 1) × 4, + 2 when `internal_numbers:` matches the text, + 1 when
   * anonymous; NULL_TEXT for null-like text. One memo answers both questions a number asks: a
   * call log's external numbers are mostly distinct, so a second lookup per side cost as much.
   */
  private readonly phoneMemo: Memo;
  private readonly internal: boolean;
  /** Every call is inbound where nothing else says (a call-tracking log: `inboundOnly`). */
  private readonly inboundOnly: boolean;
  private readonly directionMemo: Memo;
  private readonly answeredMemo: Memo;
  private readonly statusMemo: Memo;
  private readonly managerMemo: Memo;
  /** tracking text (not null-like, not anonymous) → channel id of the normalized number. */
  private readonly trackingChannel: Memo;
  /**
   * Where a reading worker's codes of the number columns sit after a record's ids — from, to,
   * phone, tracking; -1 for a column not mapped — once it codes them (`useWorkerCodes`).
   */
  private slots: Int32Array | null = null;
  private readonly none: { manager: number; channel: number };

  constructor(
    private readonly cols: CallColumns,
    headers: readonly string[] | null,
    private readonly s: NormalizeSettings,
    formats: DateFormats,
    private readonly file: FileRef,
    /** How the `answered` column reads (flag, inverted `is_lost`, non-empty missed reason…). */
    readAnswered: (s: string) => boolean | null = parseBool,
    table: CallTable,
    /** A call-tracking log's direction (`ColumnMapping.directionRead`, `inboundOnly`). */
    tracking: { directionRead?: 'callback'; inboundOnly?: true } = {},
  ) {
    this.inboundOnly = tracking.inboundOnly === true;
    this.started = new DateCell(s.tz, formats('started_at'));
    for (const [f, i] of Object.entries(cols)) this.refs[f] = colRef(headers, i);
    this.answeredUnknown = cols.answered === undefined && cols.status === undefined && cols.duration_s === undefined;
    const t = table;
    this.none = { manager: t.managers.id(s.manager(null)), channel: t.channels.id(s.channel(null).channel) };
    const isInternal = s.isInternal;
    this.internal = isInternal !== null;
    this.phoneMemo = new PackedMemo((raw) => {
      if (s.isNull(raw)) return NULL_TEXT;
      const p = normalizePhone(raw, s.defaultCountry);
      return (t.phones.id(p.value) + 1) * 4 + (isInternal !== null && isInternal(raw) ? 2 : 0) + (p.kind === 'anonymous' ? 1 : 0);
    });
    const callback = tracking.directionRead === 'callback';
    this.directionMemo = new TextMemo((raw) => {
      if (s.isNull(raw)) return DIR_NULL_TEXT;
      if (callback) {
        // Calltouch `callbackCall`: true for a callback it placed, false for a call that came in
        const b = parseBool(raw);
        return b === null ? -1 : b ? DIR_OUTBOUND : DIR_INBOUND;
      }
      const d = s.direction(raw);
      return d === 'inbound' ? DIR_INBOUND : d === 'outbound' ? DIR_OUTBOUND : d === 'internal' ? DIR_INTERNAL : -1;
    });
    this.answeredMemo = new TextMemo((raw) => {
      // an empty cell means something for `missed_call_reason`-style columns, so the reader decides
      const text = raw === '' || s.isNull(raw) ? '' : raw;
      const a = readAnswered(text);
      return a === null ? (text === '' ? ANSWERED_UNKNOWN : ANSWERED_BAD) : a ? ANSWERED_YES : ANSWERED_NO;
    });
    this.statusMemo = new TextMemo((raw) => (s.isAnswered(raw) ? ANSWERED_YES : ANSWERED_NO));
    this.managerMemo = new TextMemo((raw) => (s.isNull(raw) ? this.none.manager : t.managers.id(s.manager(raw))));
    this.trackingChannel = new TextMemo((raw) => t.channels.id(s.channel(normalizePhone(raw, s.defaultCountry).value).channel));
  }

  /**
   * The columns whose cells a reading worker numbers (`RawRow.ids`): none. Numbering the number
   * cells as texts was tried (0.14 s fewer lookups here, 0.45 s more work there: 3 % slower); the
   * worker codes them as phones instead (`codeJob`), which spares this thread the normalizing too.
   */
  numberedColumns(): number[] {
    return [];
  }

  /** Indexes into `numberedColumns` numbered only when that pays: none. */
  optionalNumbered(): number[] {
    return [];
  }

  /**
   * What a reading worker needs to code the number columns as `phoneMemo` would (see
   * src/ingest/csv/cell-codes.ts), rows after line `fromLine` only; null without a number column,
   * or without the null texts or `internal_numbers` patterns to test cells against — and null when
   * it would leave the worker the slower thread: more than four units of work, a unit per number
   * column and one more when it also hashes every row for the duplicate check (`hashesRows`; the
   * set of hashes is then this thread's). Measured on 1M-row logs (docs/performance.md, items
   * 82–85): one to four units gain 0.1–0.3 s; four lost nothing but gained nothing either while
   * the worker probed the set of hashes itself, and two lost 0.15 s while every national form
   * went through `normalizePhone`.
   */
  codeJob(fromLine: number, hashesRows: boolean): CodeJob | null {
    const s = this.s;
    if (s.nullValues === undefined || (s.isInternal !== null && s.internalNumbers === undefined)) return null;
    const columns = this.numberColumns().filter((i) => i >= 0);
    if (columns.length === 0 || columns.length + (hashesRows ? 1 : 0) > 4) return null;
    return { columns, form: 'call', country: s.defaultCountry, nulls: s.nullValues, internal: s.isInternal !== null ? s.internalNumbers! : [], fromLine };
  }

  private numberColumns(): number[] {
    const c = this.cols;
    return [c.from ?? -1, c.to ?? -1, c.phone ?? -1, c.tracking_number ?? -1];
  }

  /**
   * The worker codes the number columns from now on: their codes follow each coded record's ids
   * (after those of `numberedColumns`, of which there are none), mapped columns only, in
   * `codeJob`'s order.
   */
  useWorkerCodes(): void {
    let k = 0;
    this.slots = Int32Array.from(this.numberColumns(), (i) => (i < 0 ? -1 : k++));
  }

  observe(row: RawRow): void {
    if (this.cols.started_at !== undefined) this.started.observe(row.cells[this.cols.started_at] ?? null, this.s.isNull);
  }

  get isUndecided(): boolean {
    return this.cols.started_at !== undefined && this.started.undecided;
  }

  undecided(): string[] {
    return this.isUndecided ? ['started_at'] : [];
  }

  /** What the date column learned (see `ColumnState`). */
  detection(): ColumnState[] {
    return this.cols.started_at !== undefined ? [this.started.state('started_at')] : [];
  }

  formatOf(field: string): string | null {
    return field === 'started_at' ? this.started.col.format() : null;
  }

  private raw(row: RawRow, i: number | undefined): string {
    return i === undefined ? '' : readText(row.cells[i] ?? null);
  }

  private cell(row: RawRow, i: number | undefined): Cell {
    return i === undefined ? null : (row.cells[i] ?? null);
  }

  /** Parse `row` into `r`; problems go to `out`. */
  normalize(row: RawRow, out: RowIssues, r: CallRow): void {
    const c = this.cols;
    const s = this.s;

    r.startedAt = r.startedAtUtc = NaN;
    if (c.started_at !== undefined) {
      const v = this.started.read(this.cell(row, c.started_at), s.isNull);
      if (v === v && v !== EMPTY) {
        r.startedAt = v;
        r.startedAtUtc = wallToInstant(v, s.tz);
      } else if (v !== EMPTY) out.reject('bad_date', this.refs.started_at!, cellText(this.cell(row, c.started_at)), `a date and time (${this.started.col.format() ?? 'yyyy-MM-dd HH:mm:ss, dd.MM.yyyy HH:mm, …'})`, 'set `date_format:` for this source if the column uses another form');
    }

    // the numbers' codes: the reading worker's (ids of its own dictionary, renumbered once the
    // file is read), or this thread's memo's
    const sl = this.slots;
    const at = sl !== null && row.ids ? row.idAt! : -1;
    const codes = at >= 0 && (row.ids![at] as number) >= 0 ? row.ids! : null;
    // null-like number text counts as empty (the text is kept only for messages)
    let fromRaw: string | null = this.raw(row, c.from);
    const fromCode = c.from === undefined ? NULL_TEXT : this.numberCode(fromRaw, codes, at, 0);
    if (fromCode === NULL_TEXT) fromRaw = null;
    let toRaw: string | null = this.raw(row, c.to);
    const toCode = c.to === undefined ? NULL_TEXT : this.numberCode(toRaw, codes, at, 1);
    if (toCode === NULL_TEXT) toRaw = null;
    // the worker numbers every number cell in column order: so does this thread while the worker
    // codes the file, and its dictionary stays the start of the worker's (taken over whole)
    if (sl !== null && codes === null && c.phone !== undefined) {
      const raw = this.raw(row, c.phone);
      if (raw !== '') this.phoneMemo.of(raw);
    }

    let direction = -1;
    if (c.direction !== undefined) {
      const raw = this.raw(row, c.direction);
      if (raw !== '') {
        const d = this.directionMemo.of(raw);
        if (d >= 0) direction = d;
        else if (!s.isInternal) out.reject('call_direction_unknown', this.refs.direction!, raw, 'inbound, outbound or internal (Входящий, Исходящий, …)', 'add the value to `direction_values:` of this source, or set `internal_numbers:`');
      }
    }
    if (direction < 0 && this.internal) {
      const fi = fromRaw !== null && (fromCode & 2) !== 0;
      const ti = toRaw !== null && (toCode & 2) !== 0;
      if (fi && ti) direction = DIR_INTERNAL;
      else if (fi) direction = DIR_OUTBOUND;
      else if (ti) direction = DIR_INBOUND;
    }
    if (direction < 0 && this.inboundOnly) direction = DIR_INBOUND;
    if (direction < 0) {
      out.reject('call_direction_unknown', this.refs.direction ?? this.refs.from ?? null, `${fromRaw ?? ''} → ${toRaw ?? ''}`, 'one side to be an internal number', 'check `internal_numbers:` (regexes matched on the raw numbers, e.g. "^1\\\\d\\\\d$")');
    }
    r.direction = direction;
    this.numbers(row, r, fromCode, toCode, codes, at);

    r.durationS = NaN;
    if (c.duration_s !== undefined) {
      const v = readDuration(this.cell(row, c.duration_s), s.isNull);
      if (v === v && v !== EMPTY) r.durationS = v;
      else if (v !== EMPTY) out.badOptional(this.refs.duration_s!, this.cell(row, c.duration_s), 'seconds, HH:MM:SS or 1m 30s');
    }

    let answered = ANSWERED_UNKNOWN;
    if (c.answered !== undefined) {
      answered = this.answeredMemo.of(this.raw(row, c.answered));
      if (answered === ANSWERED_BAD) {
        answered = ANSWERED_UNKNOWN;
        out.badOptional(this.refs.answered!, this.cell(row, c.answered), 'yes/no, true/false, 1/0, да/нет');
      }
    }
    if (answered === ANSWERED_UNKNOWN && c.status !== undefined) {
      const st = this.raw(row, c.status);
      if (st !== '') answered = this.statusMemo.of(st);
    }
    if (answered === ANSWERED_UNKNOWN && r.durationS === r.durationS) answered = r.durationS > 0 ? ANSWERED_YES : ANSWERED_NO;
    r.answered = answered;

    const mg = this.raw(row, c.manager);
    // FreePBX's `cnum` is the caller's number: on an inbound call, the outside caller, who is no
    // manager (EXPORT-FORMATS §2: "manager←cnum (outbound) / dst ext (inbound)") — a manager
    // cell that repeats an inbound call's caller gives way to the internal side, as below
    const callerEcho = direction === DIR_INBOUND && fromRaw !== null && mg === fromRaw;
    if (mg !== '' && !callerEcho) r.manager = this.managerMemo.of(mg);
    else if (c.manager === undefined || callerEcho) {
      // Decision #11(c): no manager column → the internal side's number
      const side = direction === DIR_INBOUND ? toRaw : fromRaw;
      r.manager = side === null ? this.none.manager : this.managerMemo.of(side);
    } else r.manager = this.none.manager;

    const id = this.raw(row, c.id);
    r.id = id === '' || s.isNull(id) ? null : id;
    if (r.id !== null && isExponentForm(id)) warnExponent(out, this.refs.id!, id, 'id');
  }

  /**
   * The code of the number cell of column `j` of `numberColumns` (see `phoneMemo`; NULL_TEXT for
   * none): the reading worker's, in `codes` from `at` on (its 0 is none), or, without `codes`,
   * this thread's memo's for the text `raw`.
   */
  private numberCode(raw: string, codes: ArrayLike<number> | null, at: number, j: number): number {
    if (codes !== null) {
      const w = codes[at + this.slots![j]!] as number;
      return w === 0 ? NULL_TEXT : w;
    }
    return raw === '' ? NULL_TEXT : this.phoneMemo.of(raw);
  }

  /**
   * `r.from`, `r.to`, `r.tracking` and the tracking number's channel, from the codes of `from` and
   * `to` and the `phone` and tracking cells. A worker's codes (`codes`) count in its own
   * dictionary: the ids are written `PENDING_IDS` up, renumbered once the file is read.
   */
  private numbers(row: RawRow, r: CallRow, fromCode: number, toCode: number, codes: ArrayLike<number> | null, at: number): void {
    const c = this.cols;
    const direction = r.direction;
    const off = codes === null ? 0 : PENDING_IDS;
    // a `phone` column is the other party: the caller of an inbound call, the number an outbound
    // one dialled — where the log has no `from`/`to` of its own for that side
    let fromNumber = fromCode;
    let toNumber = toCode;
    if (c.phone !== undefined && (direction === DIR_INBOUND ? fromCode : direction === DIR_OUTBOUND ? toCode : 0) === NULL_TEXT) {
      const code = this.numberCode(this.raw(row, c.phone), codes, at, 2);
      if (direction === DIR_INBOUND) fromNumber = code;
      else toNumber = code;
    }
    if (fromNumber === NULL_TEXT) {
      r.from = -1;
      r.fromAnonymous = true;
    } else {
      r.from = pending((fromNumber >> 2) - 1, off);
      r.fromAnonymous = (fromNumber & 1) === 1;
    }
    r.to = toNumber === NULL_TEXT ? -1 : pending((toNumber >> 2) - 1, off);

    r.tracking = -1;
    r.channel = this.none.channel;
    if (c.tracking_number !== undefined) {
      const tr = this.raw(row, c.tracking_number);
      const code = this.numberCode(tr, codes, at, 3);
      // null-like text, and an anonymous number, have no channel
      const id = code === NULL_TEXT ? -1 : (code >> 2) - 1;
      if (id >= 0) {
        r.tracking = id + off;
        r.channel = this.trackingChannel.of(tr);
      }
    }
  }

  /**
   * Numbers of `r` still counting in the reading worker's dictionary (`PENDING_IDS`) worked out
   * here from `row`: a row merged into a record, whose sample shows the numbers at once.
   */
  settleNumbers(row: RawRow, r: CallRow): void {
    if (r.from < PENDING_IDS && r.to < PENDING_IDS && r.tracking < PENDING_IDS) return;
    const c = this.cols;
    const fromCode = c.from === undefined ? NULL_TEXT : this.numberCode(this.raw(row, c.from), null, 0, 0);
    const toCode = c.to === undefined ? NULL_TEXT : this.numberCode(this.raw(row, c.to), null, 0, 1);
    this.numbers(row, r, fromCode, toCode, null, -1);
  }
}

/** A phone id, `off` up when it is the reading worker's (-1, none, stays). */
function pending(id: number, off: number): number {
  return id < 0 ? id : id + off;
}
