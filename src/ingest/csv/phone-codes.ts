/**
 * A lead list's phone column normalized and numbered on the reading worker (issue 5): a million
 * mostly distinct numbers cost the main thread ~0.6 s to normalize and intern, a fifth of a lead
 * report, while the worker waits half its time. The worker gives each cell the code the lead
 * normalizer's phone memo would give it — `(id + 1) · 2 + invalid`, 0 for none — but with ids of
 * its own dictionary, which it hands over when the file is read; the main thread adds that
 * dictionary to its own once (`PackedDict.absorb`) and renumbers the records.
 */
import { normalizePhone } from '../../values/phone.js';
import { PHONE_PLANS } from '../../values/phone-plans.js';
import { makeNullTest } from '../../values/nulls.js';
import { PackedDict, type PackedDictParts } from '../../records/table/packed-dict.js';

/** What the worker needs to normalize a phone cell exactly as the main thread would. */
export interface PhoneJob {
  /** The phone column. */
  column: number;
  /** `default_country`. */
  country: string;
  /** The source's `null_values` (the normalizer's `isNull`). */
  nulls: readonly string[];
  /**
   * Records on this line or before get no code (-1): the main thread read them itself (the
   * header and the rows it detected the layout on), and a header's text must not become a phone.
   */
  fromLine: number;
}

export class PhoneCodes {
  private readonly dict = new PackedDict();
  private readonly isNull: (s: string) => boolean;

  /** A null text starts with `+`: no cell is taken as a number without the null test. */
  private readonly plusNull: boolean;
  /** `default_country` is Russia or Kazakhstan (`+8` and ten digits is a slip for `8…`). */
  private readonly cc7: boolean;

  constructor(private readonly job: PhoneJob) {
    this.isNull = makeNullTest(job.nulls);
    this.plusNull = job.nulls.some((v) => v.trim().startsWith('+'));
    this.cc7 = PHONE_PLANS[job.country]?.cc === '7' || PHONE_PLANS[job.country.toUpperCase()]?.cc === '7';
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

  get column(): number {
    return this.job.column;
  }

  get fromLine(): number {
    return this.job.fromLine;
  }

  /**
   * The code of the cell `text[start, end)` (`escaped`: its `""` become `"`), as the lead
   * normalizer's phone memo computes it from the trimmed cell: 0 for an empty, null-like or
   * anonymous cell, else `(id + 1) · 2`, plus 1 for a number kept as digits (`phone_invalid`).
   */
  code(text: string, start: number, end: number, escaped: boolean): number {
    if (start === end) return 0;
    if (!escaped && this.isE164(text, start, end)) return (this.dict.idRange(text, start, end) + 1) * 2;
    const cell = escaped ? text.slice(start, end).replaceAll('""', '"') : text.slice(start, end);
    const raw = cell.trim();
    if (raw === '' || this.isNull(raw)) return 0;
    const p = normalizePhone(raw, this.job.country);
    return (this.dict.id(p.value) + 1) * 2 + (p.kind === 'invalid' ? 1 : 0);
  }

  /** The dictionary the codes count in, to hand to the main thread once the file is read. */
  parts(): PackedDictParts {
    return this.dict.parts();
  }
}
