/**
 * The shared part of the record tables: growable typed columns, where each record came from
 * (source file + line), and record ids. Records live in columns (structure of arrays) because a
 * million objects cost hundreds of megabytes and keep the garbage collector busy tracing them;
 * typed arrays cost a few bytes per value and hold no pointers.
 */
import type { Origin } from '../types.js';
import type { TextDict } from './dict.js';
import { PackedDict } from './packed-dict.js';
import { idNumber, isTextKey, keyText, TEXT_ID_BASE } from './id-keys.js';

/** Any typed-array column. */
export type Column = Float64Array | Int32Array | Int16Array | Uint8Array | Uint16Array;

/** A column of dictionary ids: Int16 while its dictionary is small (see `Layout.narrow`). */
export type IdColumn = Int16Array | Int32Array;

const FIRST_CAPACITY = 1024;

/** A copy of `a` with room for `cap` values; new slots hold `fill`. */
export function grow<T extends Column>(a: T, cap: number, fill = 0): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

/** `a` reordered: value k of the result is `a[order[k]]`. */
export function pick<T extends Column>(a: T, order: Int32Array): T {
  const b = new (a.constructor as new (n: number) => T)(order.length);
  for (let k = 0; k < order.length; k++) b[k] = a[order[k] as number] as number;
  return b;
}

/**
 * A table's own columns: Float64 values (NaN = none), Int32 dictionary ids (-1 = none) with the
 * name of their dictionary, and Uint8 flags. Resizing, reordering, exporting and appending are
 * written once, here, over this list.
 */
export interface Layout {
  f64: readonly string[];
  i32: readonly (readonly [column: string, dict: string])[];
  /**
   * Those of the `i32` columns that start as Int16Array (2 bytes a record instead of 4) and become
   * Int32Array when their dictionary passes 32,768 texts: managers, channels, statuses, segments
   * (a dozen values in real exports, never trusted to stay few).
   */
  narrow?: readonly string[];
  /**
   * Those of the `f64` and `i32` columns that stay null until a record has a value for them
   * (NaN / -1 for every record before, written when the column is made): a lead's won date, ИНН
   * and e-mail, an invoice line's cost and payment date, a call's tracking number — fields many
   * exports lack, which cost 4–8 MB a million records filled with nothing. Readers check for null.
   */
  lazy?: readonly string[];
  u8: readonly string[];
}

/** A table's content as plain data: what a worker thread hands back (typed arrays transfer). */
export interface TableState {
  length: number;
  /** A lazy column that was never made is absent. */
  columns: Record<string, Column>;
  dicts: Record<string, readonly string[]>;
  line: Int32Array;
  source: Uint16Array;
  /** Id keys (see `TableBase.idKey`); null when no record has an id. */
  idKey: Float64Array | null;
  /** The texts of text ids: key `TEXT_ID_BASE + k` is `idTexts[k]`. */
  idTexts: readonly string[];
  sources: TableSource[];
}

/** Where a table's records came from: one entry per input file (and sheet). */
export interface TableSource {
  file: string;
  sheet: string | null;
}

/** Columns every record table has: origin (source + line) and the optional record id. */
export abstract class TableBase {
  length = 0;
  protected capacity = 0;
  /** Input files, indexed by the `source` column. */
  readonly sources: TableSource[] = [];
  /** 1-based physical line (CSV) or sheet row (XLSX) of the record's first row. */
  line = new Int32Array(0);
  source = new Uint16Array(0);
  /**
   * Each record's id as one number: a canonical numeric id as itself, a
   * dotted one (Asterisk's `1709633702.26`) packed above 2^52 (see id-keys.ts), any other
   * id as `TEXT_ID_BASE` + its index in `idTexts`; NaN when the record has no id. Allocated with
   * the first id: invoice lines and call logs without an id column never pay for it. Text ids
   * (Salesforce's `00Q5e00000AbCdE`, Zoho's `zcrm_…`) sit in a typed-array dictionary, not in Maps
   * of strings: a million of them cost ~30 MB, not ~190.
   */
  idKey: Float64Array | null = null;
  /** The texts of the ids not kept as numbers (neither canonical decimals nor dotted). */
  idTexts = new PackedDict();
  /** The last id text given a key (`idKeyFor`), so `pushBase` right after need not hash it again. */
  private lastIdText: string | null = null;
  private lastIdKey = NaN;

  /** Register an input; returns its source index (one per call, even for a repeated name). */
  addSource(file: string, sheet: string | null): number {
    this.sources.push({ file, sheet });
    return this.sources.length - 1;
  }

  /** The source index of an origin, registering it on first sight (for tables built from objects). */
  sourceOf(file: string, sheet: string | null): number {
    const at = this.sources.findIndex((s) => s.file === file && s.sheet === sheet);
    return at >= 0 ? at : this.addSource(file, sheet);
  }

  /** The key of id text `id` (see `idKey`), registering a text id on first sight. */
  idKeyFor(id: string): number {
    if (id === this.lastIdText) return this.lastIdKey;
    const n = idNumber(id);
    // a file's first text id: its other ids are likely text too (sized once, like the table)
    if (n !== n && this.idTexts.size === 0) this.idTexts.reserve(this.capacity);
    const key = n === n ? n : TEXT_ID_BASE + this.idTexts.id(id);
    this.lastIdText = id;
    this.lastIdKey = key;
    return key;
  }

  /** The key of id text `id` if some record could have it, else NaN (never registers). */
  findIdKey(id: string): number {
    const n = idNumber(id);
    if (n === n) return n;
    const k = this.idTexts.find(id);
    return k < 0 ? NaN : TEXT_ID_BASE + k;
  }

  /** True when record i has an id. */
  hasId(i: number): boolean {
    return this.idKeyOf(i) === this.idKeyOf(i);
  }

  /** The record's id key (NaN: none). */
  idKeyOf(i: number): number {
    return this.idKey === null ? NaN : (this.idKey[i] as number);
  }

  /** The record's id as text, or null. */
  idOf(i: number): string | null {
    const k = this.idKeyOf(i);
    if (k !== k) return null;
    return isTextKey(k) ? this.idTexts.value(k - TEXT_ID_BASE) : keyText(k);
  }

  /** Where record i came from. */
  originOf(i: number): Origin {
    const s = this.sources[this.source[i] as number] as TableSource;
    return { file: s.file, sheet: s.sheet, line: this.line[i] as number };
  }

  /** Append the common columns of a new record; returns its index. */
  protected pushBase(id: string | null, line: number, source: number): number {
    const i = this.length;
    // 1.5× growth: less overshoot than doubling (callers that know the size call `reserve`)
    if (i === this.capacity) this.resize(this.capacity === 0 ? FIRST_CAPACITY : Math.ceil(this.capacity * 1.5));
    this.line[i] = line;
    this.source[i] = source;
    const key = id === null ? NaN : this.idKeyFor(id);
    if (key === key) {
      this.idKey ??= new Float64Array(this.capacity).fill(NaN, 0, i);
      this.idKey[i] = key;
    } else if (this.idKey !== null) this.idKey[i] = NaN;
    this.length = i + 1;
    return i;
  }

  /**
   * Make room for `n` records in all, so a big input is allocated once instead of regrown. Each
   * input file reserves its own rows on top of the others', so the room still grows at least
   * 1.5× at a time: growing to the exact sum copied every column once per file, and 2,000
   * small exports spent more time copying than reading.
   */
  reserve(n: number): void {
    if (n > this.capacity) this.resize(Math.max(Math.ceil(n), Math.ceil(this.capacity * 1.5)));
  }

  /**
   * Room for `cap` records. The new slots are not filled: every push writes all columns of its
   * record, nothing reads past `length`, and pages never written are never made resident — so
   * the headroom of an estimate or of a 1.5× growth costs address space, not memory.
   */
  private resize(cap: number): void {
    this.watchNarrow();
    this.line = grow(this.line, cap);
    this.source = grow(this.source, cap);
    if (this.idKey !== null) this.idKey = grow(this.idKey, cap);
    const c = this.cols();
    for (const k of this.columnNames()) {
      const a = c[k]!;
      if (a !== null) c[k] = grow(a, cap);
    }
    this.capacity = cap;
  }

  /** Every column of the layout by name: f64, i32, u8. */
  private columnNames(): string[] {
    return [...this.layout.f64, ...this.layout.i32.map(([col]) => col), ...this.layout.u8];
  }

  /**
   * Lazy column `name` (see `Layout.lazy`), made now if it is still null: room for the table's
   * capacity, NaN (Float64) or -1 (Int32) for the records so far.
   */
  protected made(name: string): Float64Array | Int32Array {
    const c = this.cols();
    const have = c[name];
    if (have !== null && have !== undefined) return have as Float64Array | Int32Array;
    if (!(this.layout.lazy ?? []).includes(name)) throw new Error(`${name} is not a lazy column`);
    const a = this.layout.f64.includes(name) ? new Float64Array(this.capacity).fill(NaN, 0, this.length) : new Int32Array(this.capacity).fill(-1, 0, this.length);
    c[name] = a;
    return a;
  }

  private watching = false;

  /** Have each narrow column widened before its dictionary hands out an id it cannot hold. */
  private watchNarrow(): void {
    if (this.watching) return;
    this.watching = true;
    for (const col of this.layout.narrow ?? []) {
      const d = this.layout.i32.find(([k]) => k === col)![1];
      (this.dict(d) as TextDict & { onWide(widen: () => void): void }).onWide(() => {
        const c = this.cols();
        const a = c[col]!;
        if (a instanceof Int32Array) return;
        const b = new Int32Array(a.length);
        b.set(a);
        c[col] = b;
      });
    }
  }

  /** The kind's columns by name (the layout's names are fields of the subclass). */
  private cols(): Record<string, Column | null> {
    return this as unknown as Record<string, Column | null>;
  }

  private dict(name: string): TextDict {
    return (this as unknown as Record<string, TextDict>)[name]!;
  }

  /**
   * The records as plain data, trimmed to `length` (for handing over from a worker thread).
   * `views`: the columns are views of this table's own arrays instead of copies — for a table
   * that is handed over and never used again (its buffers are transferred, not copied).
   */
  exportState(views = false): TableState {
    const n = this.length;
    const c = this.cols();
    const cut = <T extends Column>(a: T): T => (views ? (a.subarray(0, n) as T) : (a.slice(0, n) as T));
    const columns: Record<string, Column> = {};
    for (const k of this.columnNames()) {
      const a = c[k]!;
      if (a !== null) columns[k] = cut(a);
    }
    const dicts: Record<string, readonly string[]> = {};
    for (const [, d] of this.layout.i32) dicts[d] ??= this.dict(d).values;
    return {
      length: n,
      columns,
      dicts,
      line: cut(this.line),
      source: cut(this.source),
      idKey: this.idKey === null ? null : cut(this.idKey),
      idTexts: this.idTexts.size === 0 ? [] : this.idTexts.values,
      sources: this.sources,
    };
  }

  /**
   * Append the records of `state` (from a table of the same kind): dictionary ids are mapped to
   * this table's dictionaries, sources through `sourceMap` (their index → this table's).
   */
  appendState(state: TableState, sourceMap: readonly number[]): void {
    this.watchNarrow();
    const n = state.length;
    const at = this.length;
    this.reserve(at + n);
    const c = this.cols();
    const remaps = new Map<string, Int32Array>();
    for (const [, d] of this.layout.i32) {
      if (remaps.has(d)) continue;
      const dict = this.dict(d);
      remaps.set(d, Int32Array.from(state.dicts[d] ?? [], (v) => dict.id(v)));
    }
    // a lazy column the part never made holds the default for its records; one it made is made here
    const target = (k: string, from: Column | undefined): Column | null => {
      const to = c[k]!;
      if (from !== undefined) return to ?? this.made(k);
      if (to !== null) to.fill(this.layout.f64.includes(k) ? NaN : -1, at, at + n);
      return null;
    };
    for (const k of [...this.layout.f64, ...this.layout.u8]) target(k, state.columns[k])?.set(state.columns[k]!, at);
    for (const [k, d] of this.layout.i32) {
      const from = state.columns[k] as IdColumn | undefined;
      const to = target(k, from) as IdColumn | null;
      if (from === undefined || to === null) continue;
      const map = remaps.get(d)!;
      for (let i = 0; i < n; i++) {
        const v = from[i] as number;
        to[at + i] = v < 0 ? v : (map[v] as number);
      }
    }
    this.line.set(state.line, at);
    for (let i = 0; i < n; i++) this.source[at + i] = sourceMap[state.source[i] as number] as number;
    if (state.idKey !== null) {
      this.idKey ??= new Float64Array(this.capacity).fill(NaN, 0, at);
      const texts = state.idTexts.length === 0 ? null : Float64Array.from(state.idTexts, (t) => TEXT_ID_BASE + this.idTexts.id(t));
      for (let i = 0; i < n; i++) {
        const k = state.idKey[i] as number;
        this.idKey[at + i] = isTextKey(k) ? (texts![k - TEXT_ID_BASE] as number) : k;
      }
    } else if (this.idKey !== null) this.idKey.fill(NaN, at, at + n);
    this.length = at + n;
  }

  /** Keep only the records in `order`, in that order (used once loading is settled). */
  select(order: Int32Array): void {
    this.line = pick(this.line, order);
    this.source = pick(this.source, order);
    if (this.idKey !== null) this.idKey = pick(this.idKey, order);
    const c = this.cols();
    for (const k of this.columnNames()) {
      const a = c[k]!;
      if (a !== null) c[k] = pick(a, order);
    }
    this.length = this.capacity = order.length;
  }

  /** The kind's own columns. */
  protected abstract readonly layout: Layout;
}
