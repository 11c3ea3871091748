/** Typed access to mapped cells (src/app/cells.ts): dates from text, typed XLSX cells and serials. */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DateCell, EMPTY } from '../../src/app/cells.js';

const isNull = (s: string) => s.trim() === '';
const wall = (iso: string) => Date.parse(`${iso}Z`);

describe('DateCell.read', () => {
  const cell = () => new DateCell('UTC', null);

  it('takes typed date cells and serials in the 1900–2200 range', () => {
    expect(cell().read({ t: 'd', v: wall('2024-03-05T10:30:00'), text: '45356.4375' }, isNull)).toBe(wall('2024-03-05T10:30:00'));
    expect(cell().read({ t: 'n', v: 45356, text: '45356' }, isNull)).toBe(wall('2024-03-05T00:00:00'));
    expect(cell().read(null, isNull)).toBe(EMPTY);
  });

  it('refuses a typed date or serial outside 1900–2200 (a 31.12.9999 placeholder), as it does text', () => {
    expect(cell().read({ t: 'd', v: wall('9999-12-31T00:00:00'), text: '2958465' }, isNull)).toBeNaN();
    expect(cell().read({ t: 'n', v: 2958465, text: '2958465' }, isNull)).toBeNaN();
    expect(cell().read({ t: 'd', v: wall('1899-12-31T00:00:00'), text: '0' }, isNull)).toBeNaN();
    expect(cell().read('31.12.9999', isNull)).toBeNaN();
  });
});

describe('DateCell.observe: a cell equal to the one before is not observed again', () => {
  // Observing is a set of facts (forms seen, day-first or month-first evidence), so a run of equal
  // cells — a register's lines of one day — teaches the column what one of them does.
  const texts = ['05/03/2024', '03/05/2024', '13/03/2024', '03/13/2024', '2024-03-05', '2024-03-05 10:30', '05.03.2024', '1709634600', 'вчера', '', ' 05/03/2024 ', '31/02/2024'];

  const state = (seq: readonly string[], declared: readonly string[] | null) => {
    const c = new DateCell('UTC', declared);
    // a fresh string per cell, as a reader cuts them out, so that `===` compares text, not identity
    const cells = seq.map((t) => ` ${t}`.slice(1));
    for (const t of cells) c.observe(t, isNull);
    return { undecided: c.undecided, conflicting: c.col.conflicting, format: c.col.format(), sensitive: c.sensitive, reads: cells.map((t) => c.read(t, isNull)) };
  };

  it('gives the column the same state, format and values as observing each of them', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...texts), fc.integer({ min: 1, max: 4 })), { maxLength: 12 }), fc.boolean(), (runs, withFormat) => {
        const declared = withFormat ? ['dd/MM/yyyy', 'yyyy-MM-dd'] : null;
        const once = runs.map(([t]) => t);
        const repeated = runs.flatMap(([t, k]) => Array.from({ length: k }, () => t));
        const a = state(once, declared);
        const b = state(repeated, declared);
        expect({ ...b, reads: undefined }).toEqual({ ...a, reads: undefined });
        // every cell of a run reads as its first one did
        let at = 0;
        runs.forEach(([, k], i) => {
          for (let j = 0; j < k; j++) expect(Object.is(b.reads[at + j], a.reads[i])).toBe(true);
          at += k;
        });
      }),
      { numRuns: 500 },
    );
  });

  it('a run of day-first-only dates settles the column as one of them does', () => {
    const c = new DateCell('UTC', null);
    for (const t of ['05/03/2024', '05/03/2024', '05/03/2024']) c.observe(` ${t}`.slice(1), isNull);
    expect(c.undecided).toBe(true);
    c.observe('13/03/2024', isNull);
    expect(c.undecided).toBe(false);
    expect(c.read('05/03/2024', isNull)).toBe(wall('2024-03-05T00:00:00'));
  });
});
