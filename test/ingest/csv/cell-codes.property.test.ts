/**
 * The reading worker's cell codes (src/ingest/csv/cell-codes.ts) are the ones the normalizers'
 * memos give: for any cell, under every supported default country (and an unknown one), with
 * null texts that do or do not look like numbers, a lead's and a call's code of the cell count in
 * a dictionary that holds `normalizePhone`'s value, an invoice number's in one of trimmed texts,
 * in first-seen order — whichever path the cell took (its own E.164 form, digits read into a
 * buffer, the text where it lies, or the string path).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { CellCodes, type CodeJob } from '../../../src/ingest/csv/cell-codes.js';
import { normalizePhone, SUPPORTED_COUNTRIES } from '../../../src/values/phone.js';
import { makeNullTest, DEFAULT_NULL_VALUES } from '../../../src/values/nulls.js';
import { compileInternalNumbers } from '../../../src/mapping/rules.js';
import { PackedDict } from '../../../src/records/table/packed-dict.js';

const COUNTRIES = [...SUPPORTED_COUNTRIES, 'ru', 'ZZ'];
const NULLS = [DEFAULT_NULL_VALUES, [...DEFAULT_NULL_VALUES, '0000000', 'не указан'], [...DEFAULT_NULL_VALUES, '+0']];
const INTERNAL = ['^1\\d\\d$', '^8'];

/** What the normalizers' memos give `cells`, with ids of a dictionary of `normalizePhone`'s values. */
function reference(cells: readonly string[], job: CodeJob): { codes: number[]; values: string[] } {
  const isNull = makeNullTest(job.nulls);
  const internal = compileInternalNumbers(job.internal);
  const ids = new Map<string, number>();
  const codes = cells.map((cell) => {
    const raw = cell.trim();
    if (raw === '' || isNull(raw)) return 0;
    if (job.form === 'text') {
      const id = ids.get(raw) ?? ids.size;
      ids.set(raw, id);
      return id + 1;
    }
    const p = normalizePhone(raw, job.country);
    let id = -1;
    if (p.value !== null) {
      id = ids.get(p.value) ?? ids.size;
      ids.set(p.value, id);
    }
    if (job.form === 'lead') return (id + 1) * 2 + (p.kind === 'invalid' ? 1 : 0);
    return (id + 1) * 4 + (job.internal.length > 0 && internal(raw) ? 2 : 0) + (p.kind === 'anonymous' ? 1 : 0);
  });
  return { codes, values: [...ids.keys()] };
}

/** The worker's codes of `cells`, each a range of one text, and its dictionary's texts. */
function coded(cells: readonly string[], job: CodeJob): { codes: number[]; values: string[] } {
  const pc = new CellCodes(job);
  const text = cells.join(',');
  const codes: number[] = [];
  let a = 0;
  for (const c of cells) {
    codes.push(pc.code(text, a, a + c.length, false));
    a += c.length + 1;
  }
  const dict = new PackedDict();
  dict.absorb(pc.parts());
  return { codes, values: dict.values };
}

const digit = fc.constantFrom(...'0123456789');
/** Numbers as exports write them: a prefix, digits, separators between them. */
const written = fc
  .tuple(
    fc.constantFrom('', '', '+', '00', '8', '7', '810', '011', '1', '0', '+8', '+7', '+1', '+44', '80', '+0', ' ', '(', '+ '),
    fc.array(fc.tuple(digit, fc.constantFrom('', '', '', ' ', '-', '(', ')', '.', ') ', ' (')), { maxLength: 17 }),
    fc.constantFrom('', '', ' ', ')', '.'),
  )
  .map(([p, ds, end]) => p + ds.map(([d, sep]) => d + sep).join('') + end);
/** Anything near a number: letters, wrappers, Cyrillic, null texts, long digit runs. */
const odd = fc.oneof(
  fc.array(fc.constantFrom(...'0123456789 +-().x<>#дa'), { maxLength: 22 }).map((cs) => cs.join('')),
  fc.constantFrom('Anonymous', 'NULL', '-', 'n/a', '0000000', ' 0000000 ', 'не указан', '+0', '"Agent" <101>', 'доб. 12', '1'.repeat(30), '+' + '7'.repeat(25), '101', ' 102 ', 'INV-1', ' INV-1', 'Не указан', 'NA-7', 'ТД-0001', '\u00a0INV-2'),
);
const cells = fc.array(fc.oneof({ weight: 4, arbitrary: written }, { weight: 1, arbitrary: odd }), { minLength: 1, maxLength: 40 });

describe('cell codes of a reading worker', () => {
  it('are the memos\' codes, in a dictionary of normalizePhone\'s values or the trimmed texts (every country, null list, form)', () => {
    fc.assert(
      fc.property(cells, fc.constantFrom(...COUNTRIES), fc.constantFrom(...NULLS), fc.constantFrom('lead' as const, 'call' as const, 'text' as const), fc.boolean(), (cs, country, nulls, form, internal) => {
        // repeats: a cell's second time finds its id
        const all = [...cs, ...cs.slice(0, 5)];
        const job: CodeJob = { columns: [0], form, country, nulls, internal: form === 'call' && internal ? INTERNAL : [], fromLine: 0 };
        expect(coded(all, job)).toEqual(reference(all, job));
      }),
      { numRuns: 3000 },
    );
  });

  it('read the common written forms of every supported country (hand-checked)', () => {
    const job = (country: string): CodeJob => ({ columns: [0], form: 'lead', country, nulls: DEFAULT_NULL_VALUES, internal: [], fromLine: 0 });
    const ru = coded(['8 (916) 123-45-67', '+7 916 123 45 67', '79161234567', '9161234567', '+8 916 123-45-67', '101', '8-800-555-35-35', '12345678901234567890'], job('RU'));
    expect(ru.values).toEqual(['+79161234567', '101', '+78005553535', '12345678901234567890']);
    expect(ru.codes).toEqual([2, 2, 2, 2, 2, 4, 6, 9]);
    const us = coded(['(212) 555-0100', '1 212 555 0100', '011 44 20 7946 0958'], job('US'));
    expect(us.values).toEqual(['+12125550100', '+442079460958']);
  });
});
