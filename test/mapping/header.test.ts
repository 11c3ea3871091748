import { describe, expect, it } from 'vitest';
import { normalizeHeader } from '../../src/mapping/header.js';

describe('normalizeHeader (Decision #19)', () => {
  it.each([
    ['Call Duration (in seconds)', 'call duration in seconds'],
    ['call_duration_in_seconds', 'call duration in seconds'],
    ['  Дата   создания ', 'дата создания'],
    ['Дата\u00a0создания', 'дата создания'],
    ['Ёмкость', 'емкость'],
    ['Кол-во', 'кол во'],
    ['*InvoiceNumber', 'invoicenumber'],
    ['** Deal - Title', 'deal title'],
    ['Deal - ID', 'deal id'],
    ['E-mail', 'e mail'],
    ['Invoice #', 'invoice #'],
    ['№ заявки', '№ заявки'],
    ['Вероятность, %', 'вероятность %'],
    ['\uFEFFID', 'id'],
    ['datetime (tz offset incl.)', 'datetime tz offset incl'],
    ['Memo/Description', 'memo description'],
    ['', ''],
    ['---', ''],
  ])('%j → %j', (input, out) => {
    expect(normalizeHeader(input)).toBe(out);
  });

  it('keeps camel case unsplit, so API names and labels stay distinct aliases', () => {
    expect(normalizeHeader('InvoiceDate')).not.toBe(normalizeHeader('Invoice Date'));
  });

  it('is idempotent', () => {
    for (const h of ['Call Duration (in seconds)', 'Дата создания сделки', '*ContactName', 'Deal - Won time']) {
      expect(normalizeHeader(normalizeHeader(h))).toBe(normalizeHeader(h));
    }
  });
});
