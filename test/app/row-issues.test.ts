/**
 * Row issues (src/records/normalize/context.ts): the message is composed when read, and reads
 * exactly as the issue catalogue (docs/errors.md) words it; `plainIssue` makes it a field for
 * another thread; a value cut from a big chunk is kept as a copy.
 */
import { describe, it, expect } from 'vitest';
import { plainIssue, RowIssue, RowIssues } from '../../src/records/normalize/context.js';

const file = { file: 'leads.csv', sheet: null, letters: false };
const phone = { index: 5, header: 'Рабочий телефон' };

function collector(line = 7): RowIssues {
  return new RowIssues(file, { line, cells: [] });
}

describe('RowIssues', () => {
  it('a rejection: found <value>, expected <what>', () => {
    const out = collector();
    out.reject('bad_date', { index: 1, header: 'Дата' }, '31.02.2026', 'a date (dd.MM.yyyy)', 'set `date_format:`');
    out.reject('bad_amount', null, 'x', 'never', null); // the first rejection wins
    expect(plainIssue(out.rejection!)).toEqual({
      severity: 'error', code: 'bad_date', file: 'leads.csv', sheet: null, line: 7, column: 'Дата', columnIndex: 2,
      value: '31.02.2026', expected: 'a date (dd.MM.yyyy)', hint: 'set `date_format:`',
      message: 'column "Дата" (2): found "31.02.2026", expected a date (dd.MM.yyyy)',
    });
    const none = collector();
    none.reject('missing_required', null, null, 'a created date', null);
    expect(none.rejection!.message).toBe('row: found nothing, expected a created date');
  });

  it('warnings: plain text, found-text, and a bad optional cell', () => {
    const out = collector(12);
    out.warnFound('phone_invalid', phone, '12345', 'not a valid phone number; kept as digits');
    out.warn('future_won_at', phone, '01.01.2099', 'a won date after --today does not make a lead won');
    out.badOptional({ index: 8, header: 'Сумма' }, 'abc', 'an amount');
    out.badOptional({ index: 8, header: 'Сумма' }, null, 'an amount');
    expect(out.warnings.map((w) => [w.severity, w.code, w.line, w.value, w.message])).toEqual([
      ['warning', 'phone_invalid', 12, '12345', 'column "Рабочий телефон" (6): found "12345", not a valid phone number; kept as digits'],
      ['warning', 'future_won_at', 12, '01.01.2099', 'column "Рабочий телефон" (6): a won date after --today does not make a lead won'],
      ['warning', 'bad_optional', 12, 'abc', 'column "Сумма" (9): found "abc", expected an amount; the field is left empty'],
      ['warning', 'bad_optional', 12, '', 'column "Сумма" (9): found "", expected an amount; the field is left empty'],
    ]);
    expect(out.warnings[2]!.expected).toBe('an amount');
  });

  it('XLSX columns are letters', () => {
    const out = new RowIssues({ file: 'a.xlsx', sheet: 'Лист1', letters: true }, { line: 3, cells: [] });
    out.warnFound('phone_invalid', { index: 27, header: 'Тел' }, '1', 'not valid');
    expect(out.warnings[0]!.message).toBe('column "Тел" (AB): found "1", not valid');
    expect(out.warnings[0]!.sheet).toBe('Лист1');
  });

  it('a plain issue keeps every field, survives structured cloning, and spreads with its message', () => {
    const out = collector();
    out.warnFound('phone_invalid', phone, '12345', 'not valid');
    const w = out.warnings[0]!;
    expect(w).toBeInstanceOf(RowIssue);
    const plain = plainIssue(w);
    expect(structuredClone(plain)).toEqual(plain);
    expect(plain.message).toBe(w.message);
    expect({ ...plain }.message).toBe(w.message);
    expect(plainIssue(plain)).toBe(plain);
  });

  it('issues of many rows share what they have in common, and each keeps its own line, value and text', () => {
    const out = collector(1);
    const date = { index: 1, header: 'Дата' };
    const seen: [number, string, string][] = [];
    for (let line = 1; line <= 40; line++) {
      out.reset({ line, cells: [] });
      // alternating codes on one column, a message made per row (past the shapes kept a column), a shared text
      if (line % 2) out.reject('bad_date', date, `d${line}`, 'a date (dd.MM.yyyy)', 'set `date_format:`');
      else out.reject('missing_required', date, null, 'a created date', null);
      out.warn('future_won_at', phone, `w${line}`, `won ${line} days late`);
      out.warnFound('phone_invalid', phone, `p${line}`, 'not valid');
      for (const i of [out.rejection!, ...out.warnings]) seen.push([i.line!, i.code, i.message]);
    }
    expect(seen).toHaveLength(120);
    expect(seen.slice(0, 6)).toEqual([
      [1, 'bad_date', 'column "Дата" (2): found "d1", expected a date (dd.MM.yyyy)'],
      [1, 'future_won_at', 'column "Рабочий телефон" (6): won 1 days late'],
      [1, 'phone_invalid', 'column "Рабочий телефон" (6): found "p1", not valid'],
      [2, 'missing_required', 'column "Дата" (2): found nothing, expected a created date'],
      [2, 'future_won_at', 'column "Рабочий телефон" (6): won 2 days late'],
      [2, 'phone_invalid', 'column "Рабочий телефон" (6): found "p2", not valid'],
    ]);
    expect(seen.slice(-3)).toEqual([
      [40, 'missing_required', 'column "Дата" (2): found nothing, expected a created date'],
      [40, 'future_won_at', 'column "Рабочий телефон" (6): won 40 days late'],
      [40, 'phone_invalid', 'column "Рабочий телефон" (6): found "p40", not valid'],
    ]);
  });

  it('keeps a copy of a value cut from a big text, equal to it', () => {
    const chunk = '"x";'.repeat(10_000) + '"+7 (912) 345-67-89 доб. 123"';
    const value = chunk.slice(40_001, 40_028);
    const out = collector();
    out.warnFound('phone_invalid', phone, value, 'not valid');
    expect(out.warnings[0]!.value).toBe(value);
  });
});
