import { describe, it, expect } from 'vitest';
import { detectDelimiter, fieldCounts } from '../../../src/ingest/csv/delimiter.js';
import { thrown } from '../../helpers/thrown.js';

const text = (...lines: string[]): string => lines.join('\n') + '\n';


describe('detectDelimiter', () => {
  it.each([
    ['comma', text('id,name,amount', '1,Acme,10', '2,Globex,20'), ','],
    ['semicolon', text('id;name;amount', '1;Acme;10', '2;Globex;20'), ';'],
    ['tab', text('id\tname\tamount', '1\tAcme, Inc.\t10', '2\tGlobex\t20'), '\t'],
    ['pipe', text('id|name|note', '1|Acme|a, b; c', '2|Globex|x, y'), '|'],
    ['; with decimal-comma amounts', text('Дата;Контрагент;Сумма', '05.03.2024;ООО Ромашка;1 234,56', '06.03.2024;АО Вектор;12 500,00'), ';'],
    ['; data only, one decimal comma per row', text('05.03.2024;ООО Ромашка;1 234,56', '06.03.2024;АО Вектор;500,00'), ';'],
    ['; with quoted cells holding commas (Bitrix24)', text('"ID";"Название";"Сумма"', '"1";"Заявка, срочно";"1 234,56"', '"2";"Звонок";"500,00"'), ';'],
    ['quoted ; cells with as many commas as semicolons', text('"1";"a, b";"1,5"', '"2";"c, d";"2,5"', '"3";"e, f";"3,5"'), ';'],
    ['FreePBX rows (unescaped quotes in clid), no header', text('2024-03-05 10:15:02,"User 9" <113>,113,ANSWERED', '2024-03-05 10:21:40,"Sales; 2nd line" <114>,114,BUSY'), ','],
    ['title rows above a ; table', text('Продажи по контрагентам', 'Отчет сформирован 02.04.2024, 10:15', 'Период: 01.03.2024 - 31.03.2024', '',
      'Контрагент;ИНН;Сумма', 'ООО "Ромашка";7701234567;12 500,00', 'АО "Вектор";7702345678;32 800,50', 'Итого;;45 300,50'), ';'],
    ['commas inside quoted multi-line cells', text('id,comment,amount', '1,"a;b\nc;d;e",10', '2,"x;y",20'), ','],
    ['a single column', text('phone', '+7 912 345-67-89', '79123456780'), ','],
    ['empty text', '', ','],
  ])('%s → %j', (_name, sample, expected) => {
    expect(detectDelimiter(sample)).toEqual({ delimiter: expected, sepLine: false });
  });

  it.each([
    ['sep=;\r\nid;name\r\n1;a\r\n', ';'],
    ['sep=,\nid;name;x\n', ','],
    ['SEP=|\nid|name\n', '|'],
    ['"sep=\t"\nid\tname\n', '\t'],
  ])('an Excel sep= line declares the delimiter: %j', (sample, expected) => {
    expect(detectDelimiter(sample)).toEqual({ delimiter: expected, sepLine: true });
  });

  it('reports the sep= line even when the delimiter is declared', () => {
    expect(detectDelimiter('sep=;\nid;name\n', ',')).toEqual({ delimiter: ',', sepLine: true });
  });

  it.each([
    [';', ';'],
    ['tab', '\t'],
    ['\\t', '\t'],
    ['\t', '\t'],
    ['Pipe', '|'],
    ['comma', ','],
  ])('declared %j → %j', (declared, expected) => {
    expect(detectDelimiter(text('a;b', '1;2'), declared).delimiter).toBe(expected);
  });

  it.each(['', ';;', '"', '\n'])('declared %j is a usage error (exit 2)', (declared) => {
    expect(thrown(() => detectDelimiter('a,b\n', declared)).exitCode).toBe(2);
  });

  it('a real tie is exit 3 with a delimiter: hint', () => {
    const e = thrown(() => detectDelimiter(text('a,b;c', '1,2;3', '4,5;6')));
    expect(e.exitCode).toBe(3);
    expect(e.message).toContain('delimiter_ambiguous');
    expect(e.hint).toContain('delimiter:');
  });

  it('looks at the first 50 non-blank records only', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i};a;b`);
    const tail = Array.from({ length: 80 }, (_, i) => `${i},a,b,c`);
    expect(detectDelimiter(text('', ...rows, ...tail)).delimiter).toBe(';');
  });

  it('ignores the cut last record of a truncated sample', () => {
    const sample = text('a;b;c', '1;2;3', '4;5;6') + '7,8,9,10,11';
    expect(fieldCounts(sample, ',', true)).toEqual([1, 1, 1]);
    expect(fieldCounts(sample, ',', false)).toEqual([1, 1, 1, 5]);
  });
});

describe('fieldCounts', () => {
  it.each([
    ['quoted delimiters do not count', '"a,b",c\n', ',', [2]],
    ['a quote closing before another candidate breaks the record for this one', '"a;b";"c"\n', ',', [-1]],
    ['FreePBX clid (quote, then other text) counts as one cell', '"User 9" <113>,113,114\n', ',', [3]],
    ['an unclosed quote is literal', 'a;"b;c\nd;e;f\n', ';', [3, 3]],
    ['blank lines are skipped, delimiter-only lines are not', 'a;b\n\n  \n;;\n', ';', [2, 3]],
    ['CR and CRLF end records', 'a;b\rc;d\r\ne;f', ';', [2, 2, 2]],
  ])('%s', (_name, sample, d, expected) => {
    expect(fieldCounts(sample, d, false)).toEqual(expected);
  });
});
