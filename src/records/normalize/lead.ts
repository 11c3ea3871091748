/**
 * One CSV/XLSX row → a lead (SPEC §2), written into a reused `LeadRow` with dictionary ids.
 * Parsing only; required-field checks happen after merging by id (SPEC §2: "Required fields are
 * checked on the merged record").
 */
import type { Cell, RawRow } from '../../ingest/types.js';
import { cellText } from '../../ingest/types.js';
import { NONE } from '../types.js';
import { DateCell, EMPTY, NumberCell, readText, type ColumnState } from '../../app/cells.js';
import { normalizeClientId, normalizeEmail } from '../../values/client.js';
import { normalizePhone } from '../../values/phone.js';
import { tryCents } from '../../values/numbers.js';
import { colRef, EXPONENT_FLAG, isExponentForm, RowIssues, warnExponent, type ColumnRef, type FileRef } from './context.js';
import type { NormalizeSettings } from './settings.js';
import { DictMemo, IdCodes, Predictor, TextMemo, type Memo } from './memo.js';
import { PackedMemo } from './packed-memo.js';
import { PHONE_PENDING, type LeadRow, type LeadTable } from '../table/lead-table.js';
import type { CodeJob } from '../../ingest/csv/cell-codes.js';

export type LeadColumns = Partial<Record<'id' | 'created_at' | 'channel' | 'direction' | 'client' | 'client_id' | 'phone' | 'email' | 'manager' | 'segment' | 'status' | 'won_at' | 'amount', number>>;

/** Columns read, in turn, where a field's own column is empty (`ColumnMapping.fallbacks`). */
export type LeadFallbacks = Partial<Record<'channel' | 'client' | 'phone' | 'email', readonly number[]>>;

export interface DateFormats {
  /** Declared date formats for a field, or null to detect. */
  (field: string): readonly string[] | null;
}

/** Direction-column codes of the memo. */
const D_NONE = 0;
const D_IN = 1;
const D_OUT = 2;
const D_UNKNOWN = 3;

/** Compiled per file: column parsers with their detection state, and per-column memos. */
/**
 * Each raw channel id's rule result — the channel's id and the direction it implies — in typed
 * arrays: a source column of landing URLs with a click id has a raw channel per lead, and an
 * object per id in a Map cost ~100 bytes each.
 */
class ChannelRules {
  private channels = new Int32Array(64);
  /** 0: none, 1: inbound, 2: outbound. */
  private directions = new Uint8Array(64);

  set(id: number, channel: number, direction: 'inbound' | 'outbound' | null): void {
    if (id >= this.channels.length) {
      const size = Math.max(id + 1, this.channels.length * 2);
      const c = new Int32Array(size);
      c.set(this.channels);
      this.channels = c;
      const d = new Uint8Array(size);
      d.set(this.directions);
      this.directions = d;
    }
    this.channels[id] = channel;
    this.directions[id] = direction === 'inbound' ? 1 : direction === 'outbound' ? 2 : 0;
  }

  channel(id: number): number {
    return this.channels[id] as number;
  }

  direction(id: number): 'inbound' | 'outbound' | null {
    const d = this.directions[id];
    return d === 1 ? 'inbound' : d === 2 ? 'outbound' : null;
  }
}

/** Where a reading worker's numbers for a row are, after `RawRow.idAt`: `numberedColumns`' ids, then the phone's code. */
const NAME_SLOT = 0;
const EMAIL_SLOT = 1;
const PHONE_SLOT = 2;

export class LeadNormalizer {
  private readonly created: DateCell;
  private readonly wonAt: DateCell;
  private readonly amount: NumberCell;
  private readonly refs: Record<string, ColumnRef | null> = {};
  /** channel text → channelRaw id; its rule's channel id and direction in `channelRule`. */
  private readonly channelMemo: Memo;
  private readonly channelRule = new ChannelRules();
  private readonly directionMemo: Memo;
  private readonly clientMemo: Memo;
  /** Its codes by the ids a reading worker gave the cells (see `numberedColumns`). */
  private readonly clientCodes: IdCodes;
  /** Client name guessed from the client id (they repeat together). */
  private readonly clientGuess: Predictor;
  private readonly clientIdMemo: Memo;
  /** phone text → (phone id + 1) × 2 + 1 when invalid. */
  private readonly phoneMemo: Memo;
  private readonly emailMemo: Memo;
  private readonly emailCodes: IdCodes;
  private readonly managerMemo: Memo;
  private readonly segmentMemo: Memo;
  private readonly statusMemo: Memo;
  /** Per status id: 1 won, 2 excluded. */
  private readonly statusFlags: number[] = [];
  private readonly none: { manager: number; segment: number; channel: number };

  constructor(
    private readonly cols: LeadColumns,
    headers: readonly string[] | null,
    private readonly s: NormalizeSettings,
    formats: DateFormats,
    decimal: ',' | '.' | null,
    private readonly file: FileRef,
    table: LeadTable,
    fallbacks: LeadFallbacks = {},
  ) {
    this.created = new DateCell(s.tz, formats('created_at'));
    this.wonAt = new DateCell(s.tz, formats('won_at'));
    this.amount = new NumberCell(decimal);
    for (const [f, i] of Object.entries(cols)) this.refs[f] = colRef(headers, i);
    this.alt = fallbacks;
    for (const list of Object.values(fallbacks)) for (const i of list) this.altRefs.set(i, colRef(headers, i)!);
    const t = table;
    this.none = { manager: t.managers.id(s.manager(null)), segment: t.segments.id(NONE), channel: t.channels.id(s.channel(null).channel) };
    this.channelMemo = new DictMemo(t.channels, () => true, (id, raw) => {
      const rule = s.channel(raw);
      // a channel left as it was read is this very entry (no second lookup of the same text)
      this.channelRule.set(id, rule.channel === raw ? id : t.channels.id(rule.channel), rule.direction);
    });
    this.directionMemo = new TextMemo((raw) => {
      if (s.isNull(raw)) return D_NONE;
      const d = s.direction(raw);
      return d === 'inbound' ? D_IN : d === 'outbound' ? D_OUT : D_UNKNOWN;
    });
    this.clientMemo = new DictMemo(t.clients, (raw) => !s.isNull(raw));
    this.clientCodes = new IdCodes(this.clientMemo);
    this.clientGuess = new Predictor(t.clients);
    // the ИНН (and a lead's phone below) goes into a dictionary, which copies it
    this.clientIdMemo = new PackedMemo((raw) => (s.isNull(raw) ? -1 : t.clientIds.id(normalizeClientId(raw)) + (isExponentForm(raw) ? EXPONENT_FLAG : 0)), true);
    this.phoneMemo = new PackedMemo((raw) => {
      if (s.isNull(raw)) return 0;
      const p = normalizePhone(raw, s.defaultCountry);
      return (t.phones.id(p.value) + 1) * 2 + (p.kind === 'invalid' ? 1 : 0);
    }, true);
    // the address goes into a PackedDict, which copies it
    this.emailMemo = new TextMemo((raw) => (s.isNull(raw) ? -1 : t.emails.id(normalizeEmail(raw))), true);
    this.emailCodes = new IdCodes(this.emailMemo);
    this.managerMemo = new TextMemo((raw) => t.managers.id(s.manager(raw)));
    this.segmentMemo = new TextMemo((raw) => t.segments.id(cleanSegment(raw)));
    this.statusMemo = new DictMemo(t.statuses, () => true, (id, raw) => {
      this.statusFlags[id] = (s.isWon(raw) ? 1 : 0) | (s.isExcluded(raw) ? 2 : 0);
    });
  }

  /**
   * The columns whose cells a reading worker numbers (`RawRow.ids`): the company name, and the
   * e-mail — the latter only while this thread is the slower one (`optionalNumbered`).
   */
  numberedColumns(): number[] {
    return [this.cols.client ?? -1, this.cols.email ?? -1];
  }

  /** Indexes into `numberedColumns` of the columns the reader numbers only when that pays (see `PipeBalance`). */
  optionalNumbered(): number[] {
    return this.cols.email === undefined ? [] : [1];
  }

  /**
   * What a reading worker needs to code the phone column as `phoneMemo` would (see
   * src/ingest/csv/cell-codes.ts), rows after line `fromLine` only; null without a phone column
   * or without the null texts to test cells against. One column: coded there whether or not the
   * worker also hashes the rows (`_hashesRows`, see `CallNormalizer.codeJob`).
   */
  codeJob(fromLine: number, _hashesRows = false): CodeJob | null {
    const c = this.cols.phone;
    const nulls = this.s.nullValues;
    if (c === undefined || nulls === undefined) return null;
    return { columns: [c], form: 'lead', country: this.s.defaultCountry, nulls, internal: [], fromLine };
  }

  /** The worker codes the phones from now on: numbered rows carry the code after the name's and the e-mail's ids. */
  useWorkerCodes(): void {
    this.workerPhones = true;
  }

  private workerPhones = false;

  private readonly alt: LeadFallbacks;
  private readonly altRefs = new Map<number, ColumnRef>();
  /** The text and column of the last phone `phoneCode` read (its warning names them). */
  private phText = '';
  private phRef: ColumnRef | null = null;

  /** The first non-empty cell of `cols` (a field's fallback columns); '' when none. */
  private altText(row: RawRow, cols: readonly number[] | undefined): string {
    if (cols === undefined) return '';
    for (let k = 0; k < cols.length; k++) {
      const t = readText(row.cells[cols[k]!] ?? null);
      if (t !== '') return t;
    }
    return '';
  }

  /**
   * The phone memo's code of the row's phone: its own column's, else the first fallback column's
   * that holds a phone (a null sentinel is none); sets `phText` and `phRef`. 0 for none.
   */
  private phoneCode(row: RawRow, own: string): number {
    let code = own === '' ? 0 : this.phoneMemo.of(own);
    this.phText = own;
    this.phRef = this.refs.phone ?? null;
    const alt = this.alt.phone;
    if (code !== 0 || alt === undefined) return code;
    for (let k = 0; k < alt.length; k++) {
      const t = readText(row.cells[alt[k]!] ?? null);
      if (t === '' || (code = this.phoneMemo.of(t)) === 0) continue;
      this.phText = t;
      this.phRef = this.altRefs.get(alt[k]!) ?? null;
      return code;
    }
    return 0;
  }

  /**
   * The phone of `row` as a `phones` id, worked out here (a row merged into a record: its sample
   * shows the phone at once).
   */
  phoneOf(row: RawRow): number {
    return (this.phoneCode(row, this.raw(row, this.cols.phone)) >> 1) - 1;
  }

  /** Feed detection (all rows, in order, before parse of undecided columns). */
  observe(row: RawRow): void {
    const c = this.cols;
    if (c.created_at !== undefined) this.created.observe(row.cells[c.created_at] ?? null, this.s.isNull);
    if (c.won_at !== undefined) this.wonAt.observe(row.cells[c.won_at] ?? null, this.s.isNull);
    if (c.amount !== undefined) this.amount.observe(row.cells[c.amount] ?? null, this.s.isNull);
  }

  /** True while a column lacks evidence to parse (slashed dates all ≤ 12, ambiguous decimal marks). */
  get isUndecided(): boolean {
    const c = this.cols;
    return (c.created_at !== undefined && this.created.undecided) || (c.won_at !== undefined && this.wonAt.undecided) || (c.amount !== undefined && this.amount.undecided);
  }

  /** The still-undecided columns, by field name. */
  undecided(): string[] {
    const out: string[] = [];
    if (this.cols.created_at !== undefined && this.created.undecided) out.push('created_at');
    if (this.cols.won_at !== undefined && this.wonAt.undecided) out.push('won_at');
    if (this.cols.amount !== undefined && this.amount.undecided) out.push('amount');
    return out;
  }

  /** What the date and number columns learned (see `ColumnState`). */
  detection(): ColumnState[] {
    const c = this.cols;
    const out: ColumnState[] = [];
    if (c.created_at !== undefined) out.push(this.created.state('created_at'));
    if (c.won_at !== undefined) out.push(this.wonAt.state('won_at'));
    if (c.amount !== undefined) out.push(this.amount.state('amount'));
    return out;
  }

  formatOf(field: string): string | null {
    if (field === 'created_at') return this.created.col.format();
    if (field === 'won_at') return this.wonAt.col.format();
    if (field === 'amount') return this.amount.col.format();
    return null;
  }

  /** Trimmed text of a mapped cell, '' when unmapped or empty. */
  private raw(row: RawRow, i: number | undefined): string {
    return i === undefined ? '' : readText(row.cells[i] ?? null);
  }

  private cell(row: RawRow, i: number | undefined): Cell {
    return i === undefined ? null : (row.cells[i] ?? null);
  }

  /** Parse `row` into `r`; problems go to `out`. */
  normalize(row: RawRow, out: RowIssues, r: LeadRow): void {
    const c = this.cols;
    const s = this.s;

    r.createdAt = NaN;
    if (c.created_at !== undefined) {
      const v = this.created.read(this.cell(row, c.created_at), s.isNull);
      if (v === v && v !== EMPTY) r.createdAt = v;
      else if (v !== EMPTY) out.reject('bad_date', this.refs.created_at!, cellText(this.cell(row, c.created_at)), `a date (${this.created.col.format() ?? 'dd.MM.yyyy, yyyy-MM-dd, …'})`, 'set `date_format:` for this source if the column uses another form');
    }

    r.wonAt = NaN;
    if (c.won_at !== undefined) {
      const v = this.wonAt.read(this.cell(row, c.won_at), s.isNull);
      if (v === v && v !== EMPTY) r.wonAt = v;
      else if (v !== EMPTY) out.badOptional(this.refs.won_at!, this.cell(row, c.won_at), 'a date');
    }

    r.amount = NaN;
    if (c.amount !== undefined) {
      const v = this.amount.read(this.cell(row, c.amount), s.isNull);
      if (v === v && v !== EMPTY) r.amount = tryCents(v) ?? NaN;
      else if (v !== EMPTY) out.badOptional(this.refs.amount!, this.cell(row, c.amount), 'an amount such as 1 234,56 or 1234.56');
    }

    // group fields keep null-like text as written (SPEC §2: `NA` may be North America)
    let chText = this.raw(row, c.channel);
    if (chText === '') chText = this.altText(row, this.alt.channel);
    let direction: 'inbound' | 'outbound';
    if (chText === '') {
      r.channelRaw = -1;
      r.channel = this.none.channel;
      direction = 'inbound';
    } else {
      r.channelRaw = this.channelMemo.of(chText);
      r.channel = this.channelRule.channel(r.channelRaw);
      direction = this.channelRule.direction(r.channelRaw) ?? 'inbound';
    }
    if (c.direction !== undefined) {
      const raw = this.raw(row, c.direction);
      const d = raw === '' ? D_NONE : this.directionMemo.of(raw);
      if (d === D_IN) direction = 'inbound';
      else if (d === D_OUT) direction = 'outbound';
      else if (d === D_UNKNOWN) out.warnFound('unknown_direction', this.refs.direction!, raw, 'expected inbound or outbound; the channel rule or inbound is used', 'add the value to `direction_values:` of this source');
    }
    r.outbound = direction === 'outbound';

    const cid = this.raw(row, c.client_id);
    r.clientId = cid === '' ? -1 : this.clientIdMemo.of(cid);
    if (r.clientId >= EXPONENT_FLAG) {
      r.clientId -= EXPONENT_FLAG;
      warnExponent(out, this.refs.client_id!, cid, 'client id');
    }

    // coded by the reading worker: its own dictionary's id, renumbered once the file is read
    const wc = this.workerPhones && row.ids ? (row.ids[row.idAt! + PHONE_SLOT] as number) : -1;
    // the worker coded the phone column; an empty one may still have a fallback column
    if (wc >= 2 || (wc >= 0 && this.alt.phone === undefined)) {
      r.phone = wc < 2 ? -1 : PHONE_PENDING + (wc >> 1) - 1;
      if ((wc & 1) === 1) out.warnFound('phone_invalid', this.refs.phone!, this.raw(row, c.phone), 'not a valid phone number; kept as digits');
    } else {
      const pc = this.phoneCode(row, wc >= 0 ? '' : this.raw(row, c.phone));
      r.phone = (pc >> 1) - 1;
      if ((pc & 1) === 1) out.warnFound('phone_invalid', this.phRef, this.phText, 'not a valid phone number; kept as digits');
    }

    const em = this.raw(row, c.email);
    const eid = row.ids ? (row.ids[row.idAt! + EMAIL_SLOT] as number) : -1;
    r.email = em === '' ? -1 : eid >= 0 ? this.emailCodes.of(em, eid) : this.emailMemo.of(em);
    if (r.email < 0 && this.alt.email !== undefined) r.email = this.altEmail(row, this.alt.email);

    const st = this.raw(row, c.status);
    r.status = st === '' ? -1 : this.statusMemo.of(st);
    const flags = r.status < 0 ? 0 : (this.statusFlags[r.status] as number);
    let won = (flags & 1) !== 0;
    if (r.wonAt === r.wonAt && r.wonAt >= s.todayEndWall) {
      out.warn('future_won_at', this.refs.won_at!, cellText(this.cell(row, c.won_at)), 'a won date after --today does not make a lead won (planned close date?)');
    } else if (r.status < 0 && r.wonAt === r.wonAt) won = true;
    r.won = won;
    r.excluded = (flags & 2) !== 0;

    const id = this.raw(row, c.id);
    r.id = id === '' || s.isNull(id) ? null : id;
    if (r.id !== null && isExponentForm(id)) warnExponent(out, this.refs.id!, id, 'id');
    let cl = this.raw(row, c.client);
    // numbered by a reading worker: the code by index, no guess or lookup
    let nid = row.ids ? (row.ids[row.idAt! + NAME_SLOT] as number) : -1;
    if (cl === '' && this.alt.client !== undefined) {
      // the worker numbered the client column only: a fallback's name is looked up here
      cl = this.altText(row, this.alt.client);
      nid = -1;
    }
    if (cl === '') r.client = -1;
    else if (nid >= 0) r.client = this.clientCodes.of(cl, nid);
    else {
      const guess = this.clientGuess.guess(r.clientId, cl);
      if (guess >= 0) r.client = guess;
      else this.clientGuess.learn(r.clientId, (r.client = this.clientMemo.of(cl)));
    }
    const mg = this.raw(row, c.manager);
    r.manager = mg === '' ? this.none.manager : this.managerMemo.of(mg);
    const sg = this.raw(row, c.segment);
    r.segment = sg === '' ? this.none.segment : this.segmentMemo.of(sg);
  }

  /** The e-mail of the first fallback column that holds one (a null sentinel is none); -1 for none. */
  private altEmail(row: RawRow, cols: readonly number[]): number {
    for (let k = 0; k < cols.length; k++) {
      const t = readText(row.cells[cols[k]!] ?? null);
      const id = t === '' ? -1 : this.emailMemo.of(t);
      if (id >= 0) return id;
    }
    return -1;
  }

  /** Where this normalizer's records come from (for messages). */
  get ref(): FileRef {
    return this.file;
  }
}

function cleanSegment(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t === '' ? NONE : t;
}
