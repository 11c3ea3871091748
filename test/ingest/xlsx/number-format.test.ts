import { describe, it, expect } from 'vitest';
import { classifyBuiltinFormat, classifyFormatCode, padZeros } from '../../../src/ingest/xlsx/number-format.js';
import { parseStyles } from '../../../src/ingest/xlsx/styles.js';

const date = (time: boolean) => ({ kind: 'date', time });
const number = { kind: 'number' };

describe('classifyFormatCode', () => {
  it.each([
    ['General', number],
    ['0', { kind: 'zeros', width: 1 }],
    ['0000000000', { kind: 'zeros', width: 10 }],
    ['000000;-000000', { kind: 'zeros', width: 6 }],
    ['0.00', number],
    ['#,##0.00 "₽"', number],
    ['#,##0.00 "руб."', number],
    ['0.00 "days"', number], // letters inside quotes are literals
    ['0\\d', number], // an escaped letter is a literal
    ['_-* #,##0.00_-;\\-* #,##0.00_-', number],
    ['[Red][<=100]0;[Blue]0', number],
    ['0.00E+00', number],
    ['@', number],
    ['dd.mm.yyyy', date(false)],
    ['yyyy-mm-dd hh:mm:ss', date(true)],
    ['m/d/yy h:mm', date(true)],
    ['[$-419]d mmmm yyyy" г."', date(false)],
    ['[$-F800]dddd, mmmm dd, yyyy', date(false)],
    ['h:mm AM/PM', date(true)],
    ['mm:ss', date(true)], // minutes next to seconds: a time
    ['hh:mm;@', date(true)],
    ['DD/MM/YYYY', date(false)], // tokens are case-insensitive
    ['[h]:mm:ss', number], // elapsed time: a duration, not a date
    ['[h]:mm', number],
    ['[mm]:ss', number],
    ['[ss].00', number],
  ])('%j', (code, expected) => {
    expect(classifyFormatCode(code)).toEqual(expected);
  });
});

describe('classifyBuiltinFormat', () => {
  it.each([
    [0, number], [1, { kind: 'zeros', width: 1 }], [2, number], [10, number], [13, number],
    [14, date(false)], [17, date(false)], [18, date(true)], [22, date(true)],
    [27, date(false)], [32, date(true)], [36, date(false)],
    [45, date(true)], [46, number], [47, date(true)], [49, number],
    [50, date(false)], [55, date(true)], [58, date(false)], [59, number],
  ])('id %i', (id, expected) => {
    expect(classifyBuiltinFormat(id)).toEqual(expected);
  });
});

describe('padZeros', () => {
  it.each([
    ['123456789', 10, '0123456789'],
    ['7707083893', 10, '7707083893'],
    ['12345678901', 10, '12345678901'],
    ['-5', 10, '-5'],
    ['12.5', 10, '12.5'],
    ['1E+3', 10, '1E+3'],
  ])('%s to %i → %s', (text, width, expected) => {
    expect(padZeros(text, width)).toBe(expected);
  });
});

describe('parseStyles', () => {
  it('maps each cellXfs entry to its kind; custom codes override, cellStyleXfs are ignored', () => {
    const xml =
      '<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="0000000000"/><numFmt numFmtId="14" formatCode="0.00"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="22"/></cellStyleXfs>' +
      '<cellXfs count="4"><xf numFmtId="0"><alignment vertical="center"/></xf><xf numFmtId="164"/><xf numFmtId="22" applyNumberFormat="1"/><xf numFmtId="14"/></cellXfs></styleSheet>';
    expect(parseStyles(xml)).toEqual([number, { kind: 'zeros', width: 10 }, date(true), number]);
  });

  it('reads prefixed styles', () => {
    const xml = '<x:styleSheet xmlns:x="ns"><x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="14"/></x:cellXfs></x:styleSheet>';
    expect(parseStyles(xml)).toEqual([number, date(false)]);
  });
});
