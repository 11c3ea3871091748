/**
 * Cells coded on the reading worker (issue 5) — a lead list's phone column, a call log's number
 * columns, an invoice register's invoice numbers: a million mostly distinct values cost the main
 * thread ~0.3–0.6 s to normalize and intern, a fifth of a report, while the worker waits half its
 * time. The worker gives each cell the code the normalizer's memo would give it — a lead's
 * `(id + 1) · 2 + invalid`, a call's `(id + 1) · 4 + internal · 2 + anonymous`, an invoice
 * number's `id + 1`, 0 for none — but with ids of its own dictionary, which it hands over when
 * the file is read; the main thread adds that dictionary to its own once (`PackedDict.absorb`)
 * and renumbers the records (`PENDING_IDS`).
 */
import { normalizePhone } from '../../values/phone.js';
import { intlOkAt, MAX_PLAN_DIGITS, PHONE_PLANS, planSplit, type PhonePlan } from '../../values/phone-plans.js';
import { makeNullTest, nullStarts } from '../../values/nulls.js';
import { compileInternalNumbers } from '../../mapping/rules.js';
import { PackedDict, type PackedDictParts } from '../../records/table/packed-dict.js';

/** What the worker needs to code the cells exactly as the main thread would. */
export interface CodeJob {
  /** The columns coded, in this order after a record's numbered ids. */
  columns: readonly number[];
  /** Whose codes: a lead's phone memo's, a call's, or an invoice number's, its text (see the file comment). */
  form: 'lead' | 'call' | 'text';
  /** `default_country`. */
  country: string;
  /** The source's `null_values` (the normalizer's `isNull`). */
  nulls: readonly string[];
  /** `internal_numbers` (calls; empty: none), matched on the trimmed cell as written. */
  internal: readonly string[];
  /**
   * Records on this line or before get no codes (-1): the main thread read them itself (the
   * header and the rows it detected the layout on), and a header's text must not become a phone.
   */
  fromLine: number;
}

/** `CellCodes.e164InternalOf`'s answer for an id not asked yet. */
const UNASKED = 0;

export class CellCodes {
  private readonly dict = new PackedDict();
  private readonly isNull: (s: string) => boolean;
  private readonly isInternal: ((raw: string) => boolean) | null;
  /** Per id, for a cell written as its own E.164 form: 1 not internal, 2 internal, 0 not asked. */
  private e164Internal = new Uint8Array(0);
  /** A lead's code: (id + 1) · 2; a call's: (id + 1) · 4; an invoice number's: id + 1. */
  private readonly step: number;

  /** A null text starts with `+`: no cell is taken as a number without the null test. */
  private readonly plusNull: boolean;
  /** A null text holds a digit: no cell is read by its digits (`plainCode`) without the null test. */
  private readonly digitNull: boolean;
  /** Per ASCII code: a null text starts with it (either case); the `text` form tests those cells. */
  private readonly nullStart: Uint8Array;
  private readonly plan: PhonePlan | null;
  /** A cell's digits as `plainCode` reads them, and the number's text it builds from them. */
  private readonly digits = new Uint8Array(MAX_PLAN_DIGITS);
  private readonly built = new Uint8Array(MAX_PLAN_DIGITS + 4);
  /** `default_country` is Russia or Kazakhstan (`+8` and ten digits is a slip for `8…`). */
  private readonly cc7: boolean;

  constructor(private readonly job: CodeJob) {
    this.isNull = makeNullTest(job.nulls);
    this.isInternal = job.form === 'call' && job.internal.length > 0 ? compileInternalNumbers(job.internal) : null;
    this.step = job.form === 'call' ? 4 : job.form === 'lead' ? 2 : 1;
    this.plusNull = job.nulls.some((v) => v.trim().startsWith('+'));
    this.digitNull = job.nulls.some((v) => /\d/.test(v));
    this.nullStart = nullStarts(job.nulls);
    // as `normalizePhone` finds the plan
    this.plan = PHONE_PLANS[job.country] ?? PHONE_PLANS[job.country.toUpperCase()] ?? null;
    this.cc7 = this.plan?.cc === '7';
  }

  /**
   * Whether `text[a, b)` is its own E.164 form — `+` and 7 to 15 digits, the first not 0, as
   * `normalizePhone` leaves it — so that it is numbered as it is, without a string (most cells
   * of a big export are written so).
   */
  private isE164(text: string, a: number, b: number): boolean {
    const n = b - a - 1;
    if (n < 7 || n > 15 || text.charCodeAt(a) !== 43 || this.plusNull) return false;
    const first = text.charCodeAt(a + 1);
    if (first === 48 || (this.cc7 && n === 11 && first === 56)) return false;
    for (let i = a + 1; i < b; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return false;
    }
    return true;
  }

  get columns(): readonly number[] {
    return this.job.columns;
  }

  get fromLine(): number {
    return this.job.fromLine;
  }

  /**
   * The code of the cell `text[start, end)` (`escaped`: its `""` become `"`), as the normalizer's
   * phone memo computes it from the trimmed cell: 0 for an empty or null-like cell (and a lead's
   * anonymous one), else `(id + 1) · step`, plus a lead's 1 for a number kept as digits
   * (`phone_invalid`), a call's 2 for an internal number and 1 for an anonymous caller.
   */
  code(text: string, start: number, end: number, escaped: boolean): number {
    if (start === end) return 0;
    if (this.step === 1) return this.textCode(text, start, end, escaped);
    if (!escaped && this.isE164(text, start, end)) {
      const id = this.dict.idRange(text, start, end);
      return (id + 1) * this.step + (this.isInternal === null ? 0 : this.e164InternalOf(id, text, start, end));
    }
    if (!escaped) {
      const k = this.plainCode(text, start, end);
      if (k >= 0) return k;
    }
    const cell = escaped ? text.slice(start, end).replaceAll('""', '"') : text.slice(start, end);
    const raw = cell.trim();
    if (raw === '' || this.isNull(raw)) return 0;
    const p = normalizePhone(raw, this.job.country);
    const id = this.dict.id(p.value);
    if (this.step === 2) return (id + 1) * 2 + (p.kind === 'invalid' ? 1 : 0);
    return (id + 1) * 4 + (this.isInternal !== null && this.isInternal(raw) ? 2 : 0) + (p.kind === 'anonymous' ? 1 : 0);
  }

  /**
   * An invoice number's code: `id + 1` of the trimmed cell, 0 for an empty or null-like one. A
   * cell that starts and ends with printable ASCII, the first no null text's first letter, is
   * numbered where it lies (no string); any other is cut out, trimmed and tested.
   */
  private textCode(text: string, a: number, b: number, escaped: boolean): number {
    const first = text.charCodeAt(a);
    const last = text.charCodeAt(b - 1);
    if (escaped || first <= 32 || first >= 127 || last <= 32 || last >= 127 || this.nullStart[first] === 1) {
      const raw = (escaped ? text.slice(a, b).replaceAll('""', '"') : text.slice(a, b)).trim();
      return raw === '' || this.isNull(raw) ? 0 : this.dict.id(raw) + 1;
    }
    return this.dict.idRange(text, a, b) + 1;
  }

  /**
   * The code of a cell written with nothing but digits, spaces, `(`, `)`, `-`, `.` and `+` (`8 (916)
   * 123-45-67`, `79161234567`, `+7 916 123 45 67`, `101`) read as `normalizePhone` reads it — the
   * digits, a `+` before them, the default country's plan (`planSplit`) — but into a buffer, without
   * a string; -1 for any other cell (the string path decides), one with no digit (null or
   * anonymous) or more digits than any reading takes.
   */
  private plainCode(text: string, a: number, b: number): number {
    if (this.digitNull) return -1;
    const d = this.digits;
    let n = 0;
    let plus = false;
    for (let i = a; i < b; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        if (n === MAX_PLAN_DIGITS) return -1;
        d[n++] = c;
      } else if (c === 43) {
        // a `+` counts only before the first digit
        if (n === 0) plus = true;
      } else if (c !== 32 && c !== 40 && c !== 41 && c !== 45 && c !== 46) return -1;
    }
    if (n === 0) return -1;
    // the number's text in `built[0, len)`: the digits as they are (an extension, or invalid), or an E.164 form
    const f = this.built;
    let from = 0;
    let cc = '';
    let e164 = false;
    if (n <= 6) {
      // an extension, kept as digits
    } else if (plus) {
      // `+8 912 …` is a common Russian slip for `8 912 …`
      if (this.cc7 && n === 11 && d[0] === 56) {
        from = 1;
        cc = '7';
        e164 = true;
      } else e164 = intlOkAt(d, 0, n);
    } else if (this.plan !== null) {
      const k = planSplit(this.plan, d, n);
      if (k >= 0) {
        from = k >> 1;
        cc = (k & 1) === 1 ? this.plan.cc : '';
        e164 = true;
      }
    } else if (n >= 2 && d[0] === 48 && d[1] === 48 && intlOkAt(d, 2, n)) {
      from = 2;
      e164 = true;
    }
    let len = 0;
    if (e164) {
      f[len++] = 43;
      for (let i = 0; i < cc.length; i++) f[len++] = cc.charCodeAt(i);
    }
    for (let i = from; i < n; i++) f[len++] = d[i] as number;
    const id = this.dict.idCodes(f, 0, len);
    if (this.step === 2) return (id + 1) * 2 + (e164 || n <= 6 ? 0 : 1);
    return (id + 1) * 4 + (this.isInternal !== null && this.isInternal(text.slice(a, b).trim()) ? 2 : 0);
  }

  /**
   * A call's internal flag (2 or 0) of the number with id `id` written as its E.164 form
   * `text[a, b)`, asked of the patterns once per id: the form is the text, the same every time.
   */
  private e164InternalOf(id: number, text: string, a: number, b: number): number {
    let seen = this.e164Internal;
    if (id >= seen.length) {
      const grown = new Uint8Array(Math.max(1024, seen.length * 2, id + 1));
      grown.set(seen);
      this.e164Internal = seen = grown;
    }
    let v = seen[id] as number;
    if (v === UNASKED) seen[id] = v = this.isInternal!(text.slice(a, b)) ? 2 : 1;
    return v === 2 ? 2 : 0;
  }

  /** The dictionary the codes count in, to hand to the main thread once the file is read. */
  parts(): PackedDictParts {
    return this.dict.parts();
  }
}
