/**
 * The per-column memos of the normalizers: each answers exactly what its compute function
 * answers, whatever the text and however often it repeats; the packed memo's keys are one-to-one.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DictMemo, Front, Predictor, TextMemo } from '../../src/records/normalize/memo.js';
import { PackedMemo } from '../../src/records/normalize/packed-memo.js';
import { StringDict } from '../../src/records/table/dict.js';
import { PackedDict } from '../../src/records/table/packed-dict.js';

/** A compute function that counts its calls and gives each distinct text its own code. */
function counting() {
  const codes = new Map<string, number>();
  let calls = 0;
  const fn = (t: string) => {
    calls++;
    let c = codes.get(t);
    if (c === undefined) codes.set(t, (c = codes.size));
    return c;
  };
  return { fn, calls: () => calls, codes };
}

const phoneLike = fc.string({ unit: fc.constantFrom(...'0123456789+-() '.split('')), minLength: 1, maxLength: 30 });
const anyText = fc.oneof(phoneLike, fc.string({ maxLength: 20 }), fc.constantFrom('Ann', 'Анна', 'Bob', '(none)', '+7 (912) 000-00-01'));

describe.each([
  ['TextMemo', (fn: (t: string) => number) => new TextMemo(fn)],
  ['PackedMemo', (fn: (t: string) => number) => new PackedMemo(fn)],
])('%s', (_name, make) => {
  it('answers what compute answers, computing each distinct text once', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 200 }), (texts) => {
        const c = counting();
        const m = make(c.fn);
        for (const t of [...texts, ...texts]) expect(m.of(t)).toBe(c.codes.get(t) ?? c.fn(t));
        expect(c.calls()).toBe(new Set(texts).size);
      }),
    );
  });
});

describe('TextMemo on a column of distinct texts', () => {
  it('drops its Map once full and mostly missed, and keeps answering what compute answers', () => {
    const c = counting();
    const m = new TextMemo(c.fn);
    const n = 250_000;
    for (let i = 0; i < n; i++) expect(m.of(`user${i}@example.com`)).toBe(i);
    // past the limit every text is worked out again (no Map to ask), with the same answers
    const before = c.calls();
    for (let i = 0; i < 1000; i++) expect(m.of(`user${i}@example.com`)).toBe(i);
    expect(c.calls()).toBe(before + 1000);
  });

  it('keeps its Map when it answers most lookups', () => {
    const c = counting();
    const m = new TextMemo(c.fn);
    for (let i = 0; i < 200_100; i++) {
      m.of(`client ${i}`);
      for (let k = 1; k <= 3; k++) m.of(`client ${i - k}`);
    }
    const before = c.calls();
    for (let i = 0; i < 1000; i++) expect(m.of(`client ${i}`)).toBe(c.codes.get(`client ${i}`));
    expect(c.calls()).toBe(before);
  });
});

describe('PackedMemo on a column of distinct numbers', () => {
  const phone = (i: number) => `+7916${String(i).padStart(7, '0')}`;

  it('drops its tables once they hold 200,000 numbers and mostly missed, and keeps answering what compute answers', () => {
    const c = counting();
    const m = new PackedMemo(c.fn);
    for (let i = 0; i < 210_000; i++) expect(m.of(phone(i))).toBe(i);
    // every number is worked out again now (no table to ask), with the same answers
    const before = c.calls();
    for (let i = 0; i < 1000; i++) expect(m.of(phone(i))).toBe(i);
    expect(c.calls()).toBe(before + 1000);
  });

  it('keeps its tables when they answer most lookups', () => {
    const c = counting();
    const m = new PackedMemo(c.fn);
    for (let i = 0; i < 210_000; i++) {
      m.of(phone(i));
      for (let k = 1; k <= 3; k++) m.of(phone(Math.max(0, i - k)));
    }
    const before = c.calls();
    for (let i = 0; i < 1000; i++) expect(m.of(phone(i))).toBe(c.codes.get(phone(i)));
    expect(c.calls()).toBe(before);
  });

  it('keeps its tables when the numbers come back later, as a year of calls does', () => {
    // 180,000 numbers with 40 % of lookups found, then each new number among two found (67 %):
    // over the whole column fewer than half are found when the tables pass 200,000 numbers
    const c = counting();
    const m = new PackedMemo(c.fn);
    for (let i = 0; i < 180_000; i++) {
      m.of(phone(i));
      if (i % 3 !== 0) m.of(phone(i >> 1));
    }
    for (let i = 180_000; i < 300_000; i++) {
      m.of(phone(i));
      m.of(phone(i - 1000));
      m.of(phone(i - 2000));
    }
    const before = c.calls();
    for (let i = 0; i < 300_000; i += 7) m.of(phone(i));
    expect(c.calls()).toBe(before);
  });
});

describe('PackedMemo keys', () => {
  it.each([
    ['1', '01'],
    ['+7912', '7912+'],
    ['1234567890123', '12345678901230'],
    ['12345678901234567890123456', '12345678901234567890123455'],
    ['(495)', '495'],
  ])('%j and %j are different texts', (a, b) => {
    const m = new PackedMemo((t) => (t === a ? 1 : 2));
    expect([m.of(a), m.of(b), m.of(a)]).toEqual([1, 2, 1]);
  });

  it('keeps 60,000 numbers of every length apart through its tables growing (keys split in 32-bit halves)', () => {
    const c = counting();
    const m = new PackedMemo(c.fn);
    // lengths 1…26: one key and two; keys whose low 32 bits agree; keys above 2^32 and near 2^52
    const texts: string[] = [];
    for (let i = 0; i < 60_000; i++) {
      const len = 1 + (i % 26);
      const digits = String(i * 7919 + 1).padStart(6, '9');
      texts.push(('+7 (' + digits + ') ' + digits + '-' + digits).slice(0, len));
    }
    texts.push('9999999999999', '0000000000001', '1' + '0'.repeat(12), '1' + '0'.repeat(25));
    // 16^8 = 2^32 apart: the same low halves
    texts.push('100000000', '200000000', '300000000', '1000000000000', '1000000000000' + '100000000', '1000000000000' + '200000000');
    const first = texts.map((t) => m.of(t));
    expect(texts.map((t) => m.of(t))).toEqual(first);
    expect(first).toEqual(texts.map((t) => c.codes.get(t)));
    expect(c.calls()).toBe(new Set(texts).size);
  });

  it('falls back for texts it cannot pack (letters, 27+ characters)', () => {
    const m = new PackedMemo((t) => t.length);
    expect([m.of('ext. 12'), m.of('1'.repeat(27)), m.of('Anonymous')]).toEqual([7, 27, 9]);
  });
});

describe('DictMemo', () => {
  it('is the dictionary itself: ids of the texts, -1 for texts it does not accept', () => {
    const d = new StringDict();
    const seen: string[] = [];
    const m = new DictMemo(d, (t) => t !== 'NULL', (_id, t) => seen.push(t));
    expect([m.of('Won'), m.of('Lost'), m.of('Won'), m.of('NULL'), m.of('NULL')]).toEqual([0, 1, 0, -1, -1]);
    expect(d.values).toEqual(['Won', 'Lost']);
    expect(seen).toEqual(['Won', 'Lost']);
  });

  it('checks a text another file put in a shared dictionary against its own null sentinels', () => {
    const d = new StringDict();
    new DictMemo(d, () => true).of('N/A'); // a file where N/A is a value
    const strict = new DictMemo(d, (t) => t !== 'N/A');
    expect(strict.of('N/A')).toBe(-1);
  });

  it('keeps answering correctly past the few texts its front holds', () => {
    const d = new StringDict();
    const m = new DictMemo(d, () => true);
    const names = Array.from({ length: 100 }, (_, i) => `name ${i}`);
    for (const n of [...names, ...names.reverse()]) expect(d.value(m.of(n))).toBe(n);
  });
});

describe('Front', () => {
  it('holds up to 32 texts, found by equality, then reports full', () => {
    const f = new Front();
    for (let i = 0; i < 32; i++) f.add(`t${i}`, i);
    expect([f.get('t0'), f.get('t31'), f.get('t32'), f.full]).toEqual([0, 31, -2, false]);
    f.add('t32', 32);
    expect(f.full).toBe(true);
  });
});

describe('Predictor', () => {
  it('guesses only what it learned for the key, verified against the text', () => {
    const d = new PackedDict();
    const p = new Predictor(d);
    d.id('Beta');
    const alpha = d.id('Alpha');
    p.learn(5, alpha);
    expect([p.guess(5, 'Alpha'), p.guess(5, 'Beta'), p.guess(6, 'Alpha'), p.guess(-1, 'Alpha')]).toEqual([alpha, -1, -1, -1]);
    // the stored text is compared whole: a prefix, a longer text or another case is no match
    expect([p.guess(5, 'Alph'), p.guess(5, 'Alphabet'), p.guess(5, 'alpha'), p.guess(5, 'Альфа')]).toEqual([-1, -1, -1, -1]);
    p.learn(1000, alpha);
    expect(p.guess(1000, 'Alpha')).toBe(alpha);
  });
});
