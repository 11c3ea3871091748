/**
 * Dictionary encoding for the text fields records keep (group names, clients, phones, invoice
 * numbers): every distinct string is stored once and records hold its dense integer id.
 *
 * Why: a CSV cell is a V8 *sliced string*, a view into the 64 KiB chunk it was cut from. Keeping
 * one cell per record keeps every chunk, i.e. the whole decoded file, alive. The dictionary keeps a
 * flat copy of each distinct value instead, so the chunks can be collected, and a million records
 * cost a few integer columns rather than a million string pointers for the GC to trace.
 */

import { flatten } from '../../values/flat.js';

export { flatten } from '../../values/flat.js';

/** Distinct texts ↔ dense ids 0, 1, 2, … in first-seen order; -1 stands for null. */
export interface TextDict {
  /** Number of distinct texts. */
  readonly size: number;
  /** The id of `s`, adding it when new; -1 for null. */
  id(s: string | null): number;
  /** The id of `s` if present, else -1 (never adds). */
  find(s: string): number;
  /** Add `s`, which `find` just said is absent, without looking it up again; its new id. */
  add(s: string): number;
  /** The text of an id; null for -1. */
  value(id: number): string | null;
  /** Every text by id (a `PackedDict` builds them: not for per-record loops). */
  readonly values: readonly string[];
}

/** Ids an Int16 column holds (0 … 32,767; -1 is null). */
export const NARROW_IDS = 32_768;

/** Distinct strings ↔ dense ids 0, 1, 2, … in first-seen order; -1 stands for null. */
export class StringDict implements TextDict {
  private readonly ids = new Map<string, number>();
  /** The strings by id (flat copies). */
  readonly values: string[] = [];
  /** Called once when the dictionary outgrows Int16 ids (see `onWide`). */
  private wide: (() => void)[] | null = null;

  /**
   * Run `widen` before the first id that does not fit an Int16 is handed out (at once if one
   * was): a table keeps a column of this dictionary's ids in an Int16Array until then.
   */
  onWide(widen: () => void): void {
    if (this.values.length > NARROW_IDS) widen();
    else (this.wide ??= []).push(widen);
  }

  /** Number of distinct strings. */
  get size(): number {
    return this.values.length;
  }

  /** The id of `s`, adding it when new; -1 for null. */
  id(s: string | null): number {
    if (s === null) return -1;
    const got = this.ids.get(s);
    return got !== undefined ? got : this.add(s);
  }

  /** Add `s`, known to be absent; its new id. */
  add(s: string): number {
    const flat = flatten(s);
    const id = this.values.length;
    if (id === NARROW_IDS && this.wide !== null) {
      for (const widen of this.wide) widen();
      this.wide = null;
    }
    this.values.push(flat);
    this.ids.set(flat, id);
    return id;
  }

  /** The id of `s` if present, else -1 (never adds). */
  find(s: string): number {
    return this.ids.get(s) ?? -1;
  }

  /** The string of an id; null for -1. */
  value(id: number): string | null {
    return id < 0 ? null : (this.values[id] as string);
  }
}
