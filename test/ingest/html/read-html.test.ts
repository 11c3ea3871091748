/**
 * The HTML table reader (Bitrix24 "Экспорт в Excel": an HTML table saved as .xls): cells,
 * entities, line breaks, colspan, tolerated markup, encodings, limits.
 */
import { describe, it, expect } from 'vitest';
import { Readable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { readHtml, type HtmlOptions } from '../../../src/ingest/html/read-html.js';
import { HtmlTableScanner, HtmlRowTooLong, parseColspan } from '../../../src/ingest/html/scanner.js';
import { decodeEntities } from '../../../src/ingest/html/entities.js';
import { htmlEncoding, metaCharset } from '../../../src/ingest/html/charset.js';
import type { Issue } from '../../../src/errors/issue.js';
import type { RawRow, ReaderInfo } from '../../../src/ingest/types.js';
import type { CellRange } from '../../../src/ingest/xlsx/merges.js';
import { KpiError } from '../../../src/errors/kpi-error.js';

type Input = Parameters<typeof readHtml>[0];

function tmpFile(name: string, data: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-html-'));
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}

/** A stream that hands out `bytes` in pieces of `size` bytes (stdin, a pipe). */
function streamOf(bytes: Buffer, size: number): NodeJS.ReadableStream {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

async function readAll(input: Input, opts: Partial<HtmlOptions> = {}): Promise<{ info: ReaderInfo; rows: RawRow[]; merges: CellRange[]; issues: Issue[] } | null> {
  const issues: Issue[] = [];
  const t = await readHtml(input, { file: 'in.xls', ...opts }, issues);
  if (t === null) return null;
  const rows: RawRow[] = [];
  for await (const r of t.rows) rows.push(r);
  return { info: t.info, rows, merges: t.merges, issues };
}

/** Read an HTML document (UTF-8 bytes unless given as bytes) from a file. */
async function read(html: string | Buffer, opts: Partial<HtmlOptions> = {}) {
  const r = await readAll({ path: tmpFile('in.xls', html) }, opts);
  if (r === null) throw new Error('no table read');
  return r;
}

const cellsOf = (rows: RawRow[]) => rows.map((r) => r.cells);

/** Scan `html` pushed in pieces of `size` characters, straight into the scanner. */
function scan(html: string, size = html.length, opts: { maxRowChars?: number } = {}): { rows: RawRow[]; scanner: HtmlTableScanner } {
  const scanner = new HtmlTableScanner(opts);
  const rows: RawRow[] = [];
  const out = (r: RawRow) => rows.push(r);
  for (let i = 0; i < html.length; i += size) scanner.push(html.slice(i, i + size), out);
  scanner.end(out);
  return { rows, scanner };
}

async function kpiError(p: Promise<unknown>): Promise<KpiError> {
  const e = await p.then(() => null, (err: unknown) => err);
  if (!(e instanceof KpiError)) throw new Error(`expected a KpiError, got ${String(e)}`);
  return e;
}

/** A Bitrix24 lead list as its excel.php writes it (crm.lead.list/templates/.default/excel.php). */
function bitrix(charset: string, rows: string[][]): string {
  const head = ['ID', 'Название лида', 'Дата создания', 'Статус', 'Источник'];
  let s = `<meta http-equiv="Content-type" content="text/html;charset=${charset}" />\n\t\t<table border="1">\n\t\t<thead>\n\t\t<tr>`;
  s += head.map((h) => `<th>${h}</th>`).join('') + '</tr>\n\t\t</thead>\n\t\t<tbody>';
  for (const r of rows) s += '<tr>' + r.map((c) => `<td>${c}</td>`).join('') + '</tr>';
  return s + '</tbody></table>';
}

describe('decodeEntities', () => {
  it.each([
    ['a &amp; b', 'a & b'],
    ['&lt;b&gt;', '<b>'],
    ['&quot;Ромашка&quot;', '"Ромашка"'],
    ['1&nbsp;234', '1\u00a0234'],
    ['O&#39;Brien', "O'Brien"],
    ['&#1040;&#x411;&#X412;', 'АБВ'],
    ['&#39 no semicolon', "' no semicolon"],
    ['&#150;', '–'],
    ['&#0;&#xD800;&#x110000;', '\ufffd\ufffd\ufffd'],
    ['&#99999999999999999999;', '\ufffd'],
    ['&laquo;ООО&raquo; &numero;5', '«ООО» №5'],
    ['A & B', 'A & B'],
    ['&amp', '&amp'],
    ['&foo; &; &#; &#x;', '&foo; &; &#; &#x;'],
    ['&amp;lt;', '&lt;'],
  ])('%j → %j', (s, want) => {
    expect(decodeEntities(s)).toBe(want);
  });
});

describe('parseColspan', () => {
  it.each([
    ['2', 2], [' 3 ', 3], ['0', 1], ['', 1], ['x', 1], ['4px', 4], ['99999999', 1000], ['-2', 1],
  ])('%j → %d', (v, n) => {
    expect(parseColspan(v)).toBe(n);
  });
});

describe('readHtml: cells', () => {
  it('reads a Bitrix24 export: th header, td rows, line = row number in the table', async () => {
    const r = await read(bitrix('UTF-8', [['1', 'Сайт', '01.11.2026 10:15:00', 'Не обработан', 'Веб-сайт'], ['2', 'Звонок', '02.11.2026 11:00:00', 'В работе', 'Звонок']]));
    expect(r.info).toMatchObject({ format: 'html', encoding: 'utf-8', encodingGuessed: false, delimiter: null, sheet: null, sheets: [] });
    expect(cellsOf(r.rows)).toEqual([
      ['ID', 'Название лида', 'Дата создания', 'Статус', 'Источник'],
      ['1', 'Сайт', '01.11.2026 10:15:00', 'Не обработан', 'Веб-сайт'],
      ['2', 'Звонок', '02.11.2026 11:00:00', 'В работе', 'Звонок'],
    ]);
    expect(r.rows.map((x) => x.line)).toEqual([1, 2, 3]);
    expect(r.rows.every((x) => x.raw === undefined)).toBe(true);
    expect(r.merges).toEqual([]);
    expect(r.issues).toEqual([]);
  });

  it('decodes entities in cells', async () => {
    const r = await read('<table><tr><td>a</td></tr><tr><td>ООО &quot;Ромашка&quot; &amp; Co</td><td>&lt;b&gt;</td><td>1&nbsp;234,50</td><td>O&#39;Brien</td><td>&#1040;&#x411;</td><td>A & B &foo;</td></tr></table>');
    expect(r.rows[1]!.cells).toEqual(['ООО "Ромашка" & Co', '<b>', '1\u00a0234,50', "O'Brien", 'АБ', 'A & B &foo;']);
  });

  it('reads <br> as a line break, in any spelling, without the spaces around it', async () => {
    const r = await read('<table><tr><td>h</td></tr><tr><td>a<br>b<br/>c<BR />d</br>e</td><td>line 1 <br>\n   line 2</td></tr></table>');
    expect(r.rows[1]!.cells).toEqual(['a\nb\nc\nd\ne', 'line 1\nline 2']);
  });

  it('removes tags inside cells (span, b, a, font) and keeps their text', async () => {
    const r = await read('<table><tr><th><b>ID</b></th><th>Имя</th></tr><tr><td><span class="x">1</span>2</td><td><a href="/crm/lead/show/12/"><b>Иван</b> <i>Петров</i></a><font color=red>!</font></td></tr></table>');
    expect(cellsOf(r.rows)).toEqual([['ID', 'Имя'], ['12', 'Иван Петров!']]);
  });

  it('a ">" inside a quoted attribute does not end the tag', async () => {
    const r = await read(`<table><tr><td title="a > b" data-x='c>d'>x</td><td style="width:40px" class=plain>y</td></tr><tr><td a="<td>">1</td><td>2</td></tr></table>`);
    expect(cellsOf(r.rows)).toEqual([['x', 'y'], ['1', '2']]);
  });

  it('colspan fills N columns: text in the first, empty cells after, columns stay aligned', async () => {
    const r = await read('<table><tr><td colspan="3">Отчёт</td></tr><tr><th>A</th><th colspan=2>B</th><th>C</th></tr><tr><td>1</td><td>2</td><td>3</td><td>4</td></tr><tr><td COLSPAN=\'0\'>z</td><td colspan="2000">w</td></tr></table>');
    expect(cellsOf(r.rows).slice(0, 3)).toEqual([['Отчёт', '', ''], ['A', 'B', '', 'C'], ['1', '2', '3', '4']]);
    // colspan 0 is 1; past 1000 is 1000 (the HTML standard's limit)
    expect(r.rows[3]!.cells.length).toBe(1001);
    expect(r.merges).toEqual([
      { top: 1, bottom: 1, left: 1, right: 3 },
      { top: 2, bottom: 2, left: 2, right: 3 },
      { top: 4, bottom: 4, left: 2, right: 1001 },
    ]);
  });

  it('reads uppercase and mixed-case tags and attributes', async () => {
    const r = await read('<HTML><BODY><TABLE BORDER=1><TR><TH>ID</TH><Th>Сумма</Th></TR><TR><TD>1</TD><tD>100</tD></TR></TABLE></BODY></HTML>');
    expect(cellsOf(r.rows)).toEqual([['ID', 'Сумма'], ['1', '100']]);
  });

  it('tolerates missing </td>, </th> and </tr>, and cells outside a row, as a browser does', async () => {
    const r = await read('<table><thead><tr><th>ID<th>Имя</thead><tbody><tr><td>1<td>Анна<tr><td>2<td>Борис</tbody><td>3<td>Вера</table>');
    expect(cellsOf(r.rows)).toEqual([['ID', 'Имя'], ['1', 'Анна'], ['2', 'Борис'], ['3', 'Вера']]);
    expect(r.rows.map((x) => x.line)).toEqual([1, 2, 3, 4]);
  });

  it('tolerates a table that never closes', async () => {
    const r = await read('<table><tr><td>a<td>b<tr><td>1<td>2');
    expect(cellsOf(r.rows)).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('reads source white space as a browser shows it: one space per run, nothing trimmed', async () => {
    const r = await read('<table>\n  <tr>\n    <td>\n      ООО   Ромашка\n    </td>\n    <td>a\tb</td><td> </td><td></td>\n  </tr>\n  <tr><td>x</td></tr>\n</table>');
    expect(r.rows[0]!.cells).toEqual([' ООО Ромашка ', 'a b', ' ', '']);
  });

  it('an empty row is a row with one empty cell, as a blank CSV line', async () => {
    const r = await read('<table><tr><td>a</td></tr><tr></tr><tr><td>b</td></tr></table>');
    expect(cellsOf(r.rows)).toEqual([['a'], [''], ['b']]);
  });

  it('skips comments, doctype, processing instructions, script, style and title', async () => {
    const html = `<?xml version="1.0"?><!DOCTYPE html><html><head><title>Лиды <td>нет</td></title>
      <style>td {mso-number-format:\\@;} </style><script>if (a < b) document.write("<tr><td>x</td></tr>")</script></head>
      <body><!-- <table><tr><td>commented</td></tr><tr><td>out</td></tr></table> --><!----><!-->
      <table><tr><td>a<!-- hidden -->b</td><td><script>var s = "</td>";</SCRIPT >c</td></tr><tr><td>1</td><td>2</td></tr></table></body></html>`;
    const r = await read(html);
    expect(cellsOf(r.rows)).toEqual([['ab', 'c'], ['1', '2']]);
  });

  it('a "<" that starts no tag is text', async () => {
    const r = await read('<table><tr><td>ООО <Ромашка></td><td>a < b</td><td>1 <2</td><td>x<</td></tr><tr><td>1</td></tr></table>');
    expect(r.rows[0]!.cells).toEqual(['ООО <Ромашка>', 'a < b', '1 <2', 'x<']);
  });

  it('reads the first table with at least two rows; earlier one-row tables and later tables are not read', async () => {
    const html = '<table><tr><td>logo</td><td>menu</td></tr></table><p>text</p><table><tr><td>ID</td></tr><tr><td>1</td></tr><tr><td>2</td></tr></table><table><tr><td>other</td></tr><tr><td>table</td></tr></table>';
    const r = await read(html);
    expect(cellsOf(r.rows)).toEqual([['ID'], ['1'], ['2']]);
    expect(r.rows.map((x) => x.line)).toEqual([1, 2, 3]);
  });

  it('a table inside a cell is part of that cell\'s text', async () => {
    const r = await read('<table><tr><td>a</td><td><table><tr><td>x</td><td>y</td></tr><tr><td>z</td></tr></table></td></tr><tr><td>1</td><td>2</td></tr></table>');
    expect(cellsOf(r.rows)).toEqual([['a', ' x y z '], ['1', '2']]);
  });

  it('reads the same rows whatever the chunks: every split of the text', () => {
    const html = '<table border="1"><tr><th title="a>b">ID</th><th>Имя</th></tr><!-- c --><tr><td colspan=2>x &amp; y<br/>z</td></tr><script>"</tr>"</script><TR><td>1<td>&#1040;</table>';
    const whole = scan(html).rows;
    expect(cellsOf(whole)).toEqual([['ID', 'Имя'], ['x & y\nz', ''], ['1', 'А']]);
    for (let size = 1; size <= 7; size++) expect(scan(html, size).rows, `size ${size}`).toEqual(whole);
  });

  it('reads the same through a stream in 1-byte pieces (stdin) as from a file', async () => {
    const bytes = Buffer.from(bitrix('UTF-8', [['1', 'Сайт', '01.11.2026', 'Новый', 'Веб']]), 'utf8');
    const a = await readAll({ stream: streamOf(bytes, 1) });
    const b = await read(bytes);
    expect(a?.rows).toEqual(b.rows);
  });
});

describe('readHtml: encodings', () => {
  it('windows-1251 from the meta charset', async () => {
    const bytes = iconv.encode(bitrix('windows-1251', [['1', 'Заявка с сайта', '01.11.2026', 'Не обработан', 'Веб-сайт']]), 'win1251');
    const r = await read(bytes);
    expect(r.info.encoding).toBe('windows-1251');
    expect(r.rows[1]!.cells).toEqual(['1', 'Заявка с сайта', '01.11.2026', 'Не обработан', 'Веб-сайт']);
    expect(r.issues).toEqual([]);
  });

  it('the meta of <meta charset=…> and Bitrix\'s own content="text/html; charset=\'UTF-8"', () => {
    expect(metaCharset(Buffer.from('<html><head><META CHARSET="Windows-1251"></head>'))).toBe('windows-1251');
    expect(metaCharset(Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=\'UTF-8">'))).toBe('utf-8');
    expect(metaCharset(Buffer.from('<meta name="x"><meta http-equiv=content-type content=text/html;charset=cp1251>'))).toBe('cp1251');
    // a meta inside the table (a cell's pasted HTML) is not the document's
    expect(metaCharset(Buffer.from('<table><tr><td><meta charset="koi8-r"></td></tr></table>'))).toBeNull();
    expect(htmlEncoding(Buffer.from('<meta charset="x-cp1251">')).encoding).toBe('windows-1251');
    // an unknown charset is no declaration: the bytes decide
    expect(htmlEncoding(Buffer.from('<meta charset="no-such-thing">')).encoding).toBe('utf-8');
  });

  it('the meta wins over detection: windows-1251 bytes declared windows-1251 even in a short file', async () => {
    const bytes = iconv.encode('<meta charset="windows-1251"><table><tr><td>Ёж</td></tr><tr><td>я</td></tr></table>', 'win1251');
    const r = await read(bytes);
    expect(cellsOf(r.rows)).toEqual([['Ёж'], ['я']]);
  });

  it('UTF-8 with a BOM (the BOM outranks the meta, as in a browser)', async () => {
    const html = '<meta http-equiv="Content-type" content="text/html;charset=windows-1251" /><table><tr><th>Статус</th></tr><tr><td>В работе</td></tr></table>';
    const r = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html, 'utf8')]));
    expect(r.info.encoding).toBe('utf-8-bom');
    expect(cellsOf(r.rows)).toEqual([['Статус'], ['В работе']]);
  });

  it('no meta: UTF-8 when valid, else windows-1251 when the bytes read as Cyrillic', async () => {
    const html = '<table><tr><th>Ответственный</th></tr><tr><td>Иванов Иван Петрович</td></tr></table>';
    const u = await read(Buffer.from(html, 'utf8'));
    expect([u.info.encoding, u.rows[1]!.cells[0]]).toEqual(['utf-8', 'Иванов Иван Петрович']);
    const w = await read(iconv.encode(html, 'win1251'));
    expect([w.info.encoding, w.rows[1]!.cells[0]]).toEqual(['windows-1251', 'Иванов Иван Петрович']);
  });

  it('no meta and an ASCII start past 64 KiB: the first Cyrillic bytes decide, as in the CSV reader', async () => {
    let html = '<table><tr><th>ID</th><th>Name</th></tr>';
    for (let i = 0; i < 3000; i++) html += `<tr><td>${i}</td><td>name ${i}</td></tr>`;
    html += '<tr><td>x</td><td>Иванов Иван Петрович, Сидоров Пётр Ильич</td></tr>'.repeat(100) + '</table>';
    const r = await read(iconv.encode(html, 'win1251'));
    expect(r.info.encoding).toBe('windows-1251');
    expect(r.rows.at(-1)!.cells[1]).toBe('Иванов Иван Петрович, Сидоров Пётр Ильич');
  });

  it('an encoding declared in the config wins over the meta', async () => {
    const bytes = iconv.encode('<meta charset="utf-8"><table><tr><td>Сумма</td></tr><tr><td>1</td></tr></table>', 'koi8-r');
    const r = await read(bytes, { encoding: 'koi8-r' });
    expect([r.info.encoding, r.rows[0]!.cells[0]]).toEqual(['koi8-r', 'Сумма']);
  });
});

describe('readHtml: what it does not read, and limits', () => {
  it.each([
    ['a web page without a table', '<!DOCTYPE html><html><body><h1>Hello</h1><p>No table here.</p></body></html>'],
    ['a table of one row', '<html><table><tr><td>ID</td><td>Имя</td></tr></table></html>'],
    ['tables of one row each', '<table><tr><td>a</td></tr></table><table><tr><td>b</td></tr></table>'],
    ['a table only inside a comment', '<html><!-- <table><tr><td>a</td></tr><tr><td>b</td></tr></table> --></html>'],
    ['a comment that never closes', '<html><!-- <table><tr><td>a</td></tr><tr><td>b</td></tr></table>'],
    ['an empty document', ''],
  ])('%s: null (refused as format_unsupported by openTable)', async (_n, html) => {
    expect(await readAll({ path: tmpFile('x.html', html) })).toBeNull();
  });

  it('refuses a row past the row limit with file_unreadable at that row', async () => {
    const html = `<table><tr><td>ID</td></tr><tr><td>1</td></tr><tr><td>${'x'.repeat(5000)}</td></tr></table>`;
    const e = await kpiError(read(html, { maxRowChars: 1000 }));
    expect(e.exitCode).toBe(3);
    expect(e.issue).toMatchObject({ code: 'file_unreadable', line: 3 });
    expect(e.message).toMatch(/^in\.xls:3: error\[file_unreadable\] the table row starting here runs past/);
  });

  it('counts colspan padding against the row limit (a row of huge colspans cannot blow memory)', () => {
    const html = '<table><tr><td>a</td></tr><tr>' + '<td colspan=1000></td>'.repeat(50) + '</tr></table>';
    expect(() => scan(html, html.length, { maxRowChars: 10_000 })).toThrow(HtmlRowTooLong);
  });

  it('a row that never ends is refused by the limit, not buffered whole (the first row too)', async () => {
    const html = '<table><tr><td>' + 'Ж'.repeat(3_000_000) + '<b>' + 'x'.repeat(3_000_000);
    const e = await kpiError(read(html, { maxRowChars: 2_000_000 }));
    expect(e.issue).toMatchObject({ code: 'file_unreadable', line: 1 });
  });

  it('markup outside rows is not held: a long text, tag or attribute before the table costs nothing', async () => {
    const junk = `<p>${'a'.repeat(3_000_000)}</p><div title="${'b'.repeat(3_000_000)}"></div><!--${'c'.repeat(1_000_000)}-->`;
    const r = await read(`${junk}<table><tr><td>1</td></tr><tr><td>2</td></tr></table>`, { maxRowChars: 1000 });
    expect(cellsOf(r.rows)).toEqual([['1'], ['2']]);
  });

  it('stops reading at the end of the table', async () => {
    const html = '<table><tr><td>1</td></tr><tr><td>2</td></tr></table>' + `<p>${'z'.repeat(2_000_000)}`;
    const { scanner } = scan(html);
    expect(scanner.finished).toBe(true);
    const r = await read(html, { maxRowChars: 1000 });
    expect(r.rows.length).toBe(2);
  });

  it('quotes left open inside a tag in a row hit the row limit instead of running on', async () => {
    const html = `<table><tr><td>a</td></tr><tr><td title="never closed>1</td></tr>${'<tr><td>2</td></tr>'.repeat(100_000)}</table>`;
    const e = await kpiError(read(html, { maxRowChars: 100_000 }));
    expect(e.issue).toMatchObject({ code: 'file_unreadable', line: 2 });
  });
});
