/** Typed access to mapped cells (src/app/cells.ts): dates from text, typed XLSX cells and serials. */
import { describe, it, expect } from 'vitest';
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
