import { describe, expect, it } from 'vitest';
import { findHeaderRow, looksLikeValue, scoreHeaderRows } from '../../src/mapping/header-row.js';

describe('findHeaderRow', () => {
  it('skips 1C report titles, parameters, filters and blank rows', () => {
    const rows = [
      ['Валовая прибыль предприятия', '', ''],
      ['Период: 01.05.2026 - 31.05.2026', '', ''],
      ['Параметры:', 'Период: 01.05.2026 - 31.05.2026', ''],
      ['Отбор:', 'Организация Равно "ООО Ромашка"', ''],
      ['', '', ''],
      ['Контрагент', 'Документ', 'Дата', 'Количество', 'Выручка', 'Себестоимость', 'Валовая прибыль'],
      ['ООО "Вектор"', 'Реализация (акт, накладная, УПД) № ФР150726/1 от 15.07.2026', '15.07.2026', '2', '1 234,56', '800,00', '434,56'],
      ['Итого', '', '', '2', '1 234,56', '800,00', '434,56'],
    ];
    expect(findHeaderRow(rows)).toBe(5);
  });

  it('skips an Excel sep= line', () => {
    expect(findHeaderRow([['sep=;'], ['Дата', 'Контрагент', 'Сумма'], ['01.05.2026', 'ООО Ромашка', '100']])).toBe(1);
  });

  it('prefers the row naming the most fields over an earlier text row', () => {
    const rows = [
      ['Sales by Customer Detail', 'Acme Inc'],
      ['Customer', 'Date'],
      ['Date', 'Transaction Type', 'No.', 'Customer', 'Qty', 'Sales Price', 'Amount'],
      ['2026-01-05', 'Invoice', '1001', 'Acme', '2', '10.00', '20.00'],
    ];
    expect(findHeaderRow(rows)).toBe(2);
  });

  it('never takes a row with a number or a date for a header', () => {
    const rows = [
      ['Дата', 'Сумма', '2026'],
      ['Дата', 'Контрагент', 'Сумма'],
    ];
    expect(findHeaderRow(rows)).toBe(1);
  });

  it('without any alias: the first text row followed by a row of similar width', () => {
    const rows = [
      ['Report', 'Q2'],
      ['Foo', 'Bar', 'Baz', 'Qux'],
      ['1', 'a', 'b', '2'],
    ];
    expect(findHeaderRow(rows)).toBe(1);
  });

  it('returns -1 for headerless files (every row has numbers)', () => {
    const rows = [
      ['"" <client1>', 'client1', '6789', 'default', 'PJSIP/client1-00000002', '2023-07-26 01:51:32', '13', 'ANSWERED'],
      ['"" <client2>', 'client2', '1234', 'default', 'PJSIP/client2-00000004', '2023-07-26 01:52:11', '0', 'NO ANSWER'],
    ];
    expect(findHeaderRow(rows)).toBe(-1);
    expect(findHeaderRow([])).toBe(-1);
  });

  it('only the first 30 rows are scanned', () => {
    const rows: string[][] = Array.from({ length: 40 }, () => ['x']);
    rows[35] = ['Дата', 'Контрагент', 'Сумма'];
    expect(findHeaderRow(rows)).toBe(-1);
  });

  it('exposes its scoring for inspect', () => {
    const s = scoreHeaderRows([['Период: 01.05.2026'], ['Дата', 'Номер', 'Контрагент', 'Сумма'], ['01.05.2026', '1', 'X', '5']]);
    expect(s.map((r) => [r.candidate, r.aliasMatches, r.kind])).toEqual([
      [false, 0, null],
      [true, 4, 'invoices'],
      [false, 0, null],
    ]);
  });
});

describe('looksLikeValue', () => {
  it.each([
    ['1 234,56', true], ['(123.45)', true], ['₽ 1 000', true], ['$22,700.00', true], ['15.07.2026', true],
    ['2023-07-26 01:51:32', true], ['2024-03-05T15:31Z', true], ['+7 (912) 345-67-89', true], ['12%', true],
    ['Дата', false], ['ID', false], ['Q1 2024', false], ['15 Apr, 2021', false], ['-', false], ['', false],
  ])('%j → %s', (s, v) => {
    expect(looksLikeValue(s)).toBe(v);
  });
});
