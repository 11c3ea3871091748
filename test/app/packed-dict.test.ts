import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { StringDict } from '../../src/records/table/dict.js';
import { PackedDict } from '../../src/records/table/packed-dict.js';

describe('PackedDict', () => {
  it('gives the same ids, finds and texts as StringDict for any sequence of texts', () => {
    // short texts from a small alphabet repeat often; some are wide (Cyrillic, emoji halves), some long
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('1', '2', '-', 'Т', 'Д', 'a', ' ', '\u00e9'), maxLength: 4 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.string({ unit: 'grapheme-ascii', minLength: 60, maxLength: 20_000 }),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 300 }), fc.array(text, { maxLength: 20 }), (adds, probes) => {
        const a = new StringDict();
        const b = new PackedDict();
        for (const t of adds) expect(b.id(t)).toBe(a.id(t));
        expect(b.size).toBe(a.size);
        for (const t of [...adds, ...probes]) expect(b.find(t)).toBe(a.find(t));
        for (let k = 0; k < a.size; k++) expect(b.value(k)).toBe(a.value(k));
        expect(b.values).toEqual(a.values);
        for (let k = 0; k < a.size; k++) expect(b.hasCodeIn(k, 48, 57)).toBe(/[0-9]/.test(a.value(k)!));
      }),
      { numRuns: 200 },
    );
  });

  it('does not add a missed text at a slot taken or moved since the miss', () => {
    // texts added in between: one of 1,500 takes the slot `find` stopped at for 't'
    const d = new PackedDict();
    expect(d.find('t')).toBe(-1);
    for (let i = 0; i < 1500; i++) d.id(`u${i}`);
    expect(d.add('t')).toBe(1500);
    for (let i = 0; i < 1500; i++) expect(d.find(`u${i}`)).toBe(i);
    expect(d.find('t')).toBe(1500);
    // the slots regrown in between: the old slot means nothing in the new table
    const g = new PackedDict();
    expect(g.find('t')).toBe(-1);
    g.reserve(100_000);
    expect(g.add('t')).toBe(0);
    expect(g.find('t')).toBe(0);
  });

  it('adds after a find as a memo does (find, then add what it missed) with other finds and adds between', () => {
    // `add` reuses the slot `find` stopped at for the text it missed: any text added in between
    // (by `id`, another `add`, a text found by range) or a regrowth must not leave it stale
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'Т', '1'), maxLength: 3 });
    const op = fc.oneof(
      fc.record({ op: fc.constant('memo' as const), t: text }),
      fc.record({ op: fc.constant('id' as const), t: text }),
      fc.record({ op: fc.constant('findOther' as const), t: text, u: text }),
      fc.record({ op: fc.constant('range' as const), t: text }),
      fc.record({ op: fc.constant('reserve' as const), n: fc.integer({ min: 0, max: 5000 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const a = new StringDict();
        const b = new PackedDict();
        for (const o of ops) {
          if (o.op === 'memo') {
            const f = b.find(o.t);
            expect(f >= 0 ? f : b.add(o.t)).toBe(a.id(o.t));
          } else if (o.op === 'id') expect(b.id(o.t)).toBe(a.id(o.t));
          else if (o.op === 'findOther') {
            // a miss on t, then u added before t is
            if (b.find(o.t) < 0 && a.find(o.u) < 0 && o.u !== o.t) {
              expect(b.add(o.u)).toBe(a.id(o.u));
              expect(b.add(o.t)).toBe(a.id(o.t));
            }
          } else if (o.op === 'range') {
            const f = b.find(o.t);
            const hay = `<${o.t}>`;
            expect(b.idRange(hay, 1, hay.length - 1)).toBe(a.id(o.t));
            if (f < 0) expect(b.find(o.t)).toBe(a.find(o.t));
          } else b.reserve(a.size + o.n);
        }
        expect(b.size).toBe(a.size);
        for (let k = 0; k < a.size; k++) expect(b.find(a.value(k)!)).toBe(k);
        expect(b.values).toEqual(a.values);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a lone surrogate and widens from one byte per character without losing earlier texts', () => {
    const d = new PackedDict();
    const ids = ['00012', 'caf\u00e9', '\ud800x', 'РН-000123', 'x'.repeat(70_000) + 'Я'].map((t) => d.id(t));
    expect(ids).toEqual([0, 1, 2, 3, 4]);
    expect([d.value(0), d.value(1), d.value(2), d.value(3)]).toEqual(['00012', 'caf\u00e9', '\ud800x', 'РН-000123']);
    expect(d.value(4)).toBe('x'.repeat(70_000) + 'Я');
    expect([d.id(null), d.value(-1), d.find('00012 '), d.find('РН-000123')]).toEqual([-1, null, -1, 3]);
    // the first wide character at the end of a text: its one-byte start is written again, wide
    const late = new PackedDict();
    expect(['abc', 'Ромашка'.replace('Р', 'R'), 'xyz'].map((t) => late.id(t))).toEqual([0, 1, 2]);
    expect([late.value(0), late.value(1), late.value(2), late.find('Rомашка')]).toEqual(['abc', 'Rомашка', 'xyz', 1]);
  });

  it('holds a hundred thousand texts across its growth', () => {
    const d = new PackedDict();
    let wrong = 0;
    for (let k = 0; k < 100_000; k++) if (d.id(`ТД-${String(k).padStart(7, '0')}`) !== k) wrong++;
    expect(wrong).toBe(0);
    // every text is found again, above all those added just after the arrays grew (a hash
    // array left shorter than the start array once lost ids 2048, 4096+1, 8192+2…)
    let lost = 0;
    for (let k = 0; k < 100_000; k++) if (d.find(`ТД-${String(k).padStart(7, '0')}`) !== k || d.id(`ТД-${String(k).padStart(7, '0')}`) !== k) lost++;
    expect(lost).toBe(0);
    expect(d.size).toBe(100_000);
    expect(d.value(99_999)).toBe('ТД-0099999');
  });

  it('keeps every text found across a reserve in the middle of adding', () => {
    const d = new PackedDict();
    const key = (k: number): string => `+7916${String(k * 7919).padStart(7, '0')}`;
    for (let k = 0; k < 3_000; k++) d.id(key(k));
    d.reserve(50_000);
    for (let k = 3_000; k < 40_000; k++) d.add(key(k));
    let lost = 0;
    for (let k = 0; k < 40_000; k++) if (d.find(key(k)) !== k || d.id(key(k)) !== k) lost++;
    expect(lost).toBe(0);
    expect([d.size, d.find('+79160000000 '), d.value(39_999)]).toEqual([40_000, -1, key(39_999)]);
  });

  it('numbers a text inside a longer one (idRange) as id numbers the text itself', () => {
    const text = fc.string({ unit: fc.constantFrom('1', '+', 'Т', 'a', '\u00e9', '\ud83d'), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text, text), { maxLength: 200 }), (cells) => {
        const a = new StringDict();
        const b = new PackedDict();
        for (const [pre, t, post] of cells) {
          const whole = pre + t + post;
          expect(b.idRange(whole, pre.length, pre.length + t.length, a.size < 50)).toBe(a.size < 50 ? a.id(t) : a.find(t));
        }
        for (let k = 0; k < a.size; k++) expect(b.value(k)).toBe(a.value(k));
      }),
      { numRuns: 200 },
    );
  });

  it('absorbs another dictionary: its ids mapped to the texts here, taken as it is when this one is its start', () => {
    const text = fc.string({ unit: fc.constantFrom('1', '2', 'Т', 'a', '\u00e9'), maxLength: 4 });
    fc.assert(
      fc.property(fc.array(text, { maxLength: 100 }), fc.array(text, { maxLength: 200 }), fc.boolean(), (here, there, prefix) => {
        // prefix: this thread saw the file's first texts, the other thread all of them
        const other = new PackedDict();
        for (const t of prefix ? [...here, ...there] : there) other.id(t);
        const otherTexts = other.values;
        const d = new PackedDict();
        for (const t of here) d.id(t);
        const want = new StringDict();
        for (const t of [...here, ...otherTexts]) want.id(t);
        const map = d.absorb(other.parts());
        expect(d.values).toEqual(want.values);
        otherTexts.forEach((t, k) => expect(map === null ? k : map[k]).toBe(want.find(t)));
        if (prefix) expect(map).toBeNull();
        for (const t of want.values) expect(d.find(t)).toBe(want.find(t));
        expect(d.id('new text')).toBe(want.id('new text'));
      }),
      { numRuns: 300 },
    );
  });
});
