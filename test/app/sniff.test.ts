import { describe, it, expect } from 'vitest';
import { sniffFormat } from '../../src/app/sniff.js';

const b = (s: string | number[]) => (typeof s === 'string' ? Buffer.from(s, 'latin1') : Buffer.from(s));

describe('sniffFormat decides by bytes, not extension', () => {
  it.each([
    ['zip/xlsx', b([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'xlsx'],
    ['csv text', b('a,b\n1,2\n'), 'csv'],
    ['utf-16le csv', Buffer.from('\ufeffa;b\r\n1;2\r\n', 'utf16le'), 'csv'],
    ['utf-16le csv without BOM', Buffer.from('Дата;Сумма\r\n01.02.2024;5\r\n', 'utf16le'), 'csv'],
    ['cp1251 text', b([0xc4, 0xe0, 0xf2, 0xe0, 0x3b, 0xd1, 0xf3, 0xec, 0xec, 0xe0, 0x0a]), 'csv'],
    // HTML is read when it holds a table of at least two rows (src/ingest/html/), else refused by openTable
    ['bitrix html-as-xls', b('<html><meta charset=utf-8><table border=1>'), 'html'],
    ['bitrix excel.php', b('<meta http-equiv="Content-type" content="text/html;charset=windows-1251" />\n<table border="1">'), 'html'],
    ['html with a BOM and a doctype', b('\xEF\xBB\xBF  <!DOCTYPE html><html>'), 'html'],
    ['a bare table', b('<TABLE><TR><TD>a</TD></TR>'), 'html'],
  ])('%s → %s', (_n, bytes, want) => {
    expect(sniffFormat(bytes).format).toBe(want);
  });

  it.each([
    ['legacy xls', b([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), /legacy Excel/],
    ['pdf', b('%PDF-1.7\n'), /PDF/],
    ['excel 2003 xml', b('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'), /Excel 2003 XML/],
    ['gzip', b([0x1f, 0x8b, 8, 0]), /gzip/],
    ['binary garbage', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256)), /binary/],
  ])('%s is refused with what it is', (_n, bytes, re) => {
    const s = sniffFormat(bytes);
    expect(s.format).toBe('unsupported');
    if (s.format === 'unsupported') {
      expect(s.what).toMatch(re);
      expect(s.hint.length).toBeGreaterThan(5);
    }
  });
});
