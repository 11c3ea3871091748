import { describe, it, expect } from 'vitest';
import { Readable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { readCsv, SAMPLE_BYTES, type CsvOptions } from '../../../src/ingest/csv/read-csv.js';
import type { Issue } from '../../../src/errors/issue.js';
import type { RawRow, ReaderInfo } from '../../../src/ingest/types.js';
import { KpiError } from '../../../src/errors/kpi-error.js';

type Input = Parameters<typeof readCsv>[0];

async function readAll(input: Input, opts: Partial<CsvOptions> = {}): Promise<{ info: ReaderInfo; rows: RawRow[]; issues: Issue[] }> {
  const issues: Issue[] = [];
  const { info, rows } = await readCsv(input, { file: opts.file ?? 'in.csv', ...opts }, issues);
  const all: RawRow[] = [];
  for await (const r of rows) all.push(r);
  return { info, rows: all, issues };
}

/** A stream that hands out `bytes` in pieces of `size` bytes (stdin, a pipe). */
function streamOf(bytes: Buffer, size: number): NodeJS.ReadableStream {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

function tmpFile(name: string, data: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-csv-'));
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}

async function kpiError(p: Promise<unknown>): Promise<KpiError> {
  const e = await p.then(() => null, (err: unknown) => err);
  if (!(e instanceof KpiError)) throw new Error(`expected a KpiError, got ${String(e)}`);
  return e;
}

const RU = 'ID;Название лида;Сумма\r\n1;Заявка с сайта «Ёлка»;1 234,56\r\n2;"Звонок\r\nповторный";780,00\r\n';
const RU_ROWS = [
  [1, ['ID', 'Название лида', 'Сумма']],
  [2, ['1', 'Заявка с сайта «Ёлка»', '1 234,56']],
  [3, ['2', 'Звонок\r\nповторный', '780,00']],
];
const shape = (rows: RawRow[]) => rows.map((r) => [r.line, r.cells]);

describe('readCsv', () => {
  it.each([
    ['UTF-8', Buffer.from(RU, 'utf8'), 'utf-8'],
    ['UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RU, 'utf8')]), 'utf-8-bom'],
    ['UTF-16LE BOM', iconv.encode(RU, 'utf-16le', { addBOM: true }), 'utf-16le'],
    ['UTF-16BE', iconv.encode(RU, 'utf-16be'), 'utf-16be'],
    ['windows-1251', iconv.encode(RU, 'windows-1251'), 'windows-1251'],
  ])('%s from a stream in 1-byte chunks: characters split across chunks decode whole', async (_n, bytes, encoding) => {
    const { info, rows } = await readAll({ stream: streamOf(bytes, 1) }, { file: '-' });
    expect(info.encoding).toBe(encoding);
    expect(info.delimiter).toBe(';');
    expect(shape(rows)).toEqual(RU_ROWS);
  });

  it('streams a file larger than the 64 KiB sample: every record, physical lines, nothing lost at the seam', async () => {
    const n = 4000;
    let text = 'sep=;\r\nid;note;amount\r\n';
    for (let i = 1; i <= n; i++) text += i % 100 === 0 ? `${i};"две\nстроки";${i},50\r\n` : `${i};заметка ${i};${i},50\r\n`;
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.length).toBeGreaterThan(2 * SAMPLE_BYTES);
    for (const input of [{ path: tmpFile('big.csv', bytes) }, { stream: streamOf(bytes, 7919) }]) {
      const { info, rows } = await readAll(input);
      expect(info.delimiter).toBe(';');
      expect(rows).toHaveLength(n + 1);
      expect(rows[0]).toMatchObject({ line: 2, cells: ['id', 'note', 'amount'] });
      // Record i starts on line 2 + i + (multi-line cells before it).
      for (const i of [1, 99, 100, 101, 2500, n]) {
        expect(rows[i]!.line, `record ${i}`).toBe(2 + i + Math.floor((i - 1) / 100));
        expect(rows[i]!.cells[0]).toBe(String(i));
      }
      expect(rows[100]!.cells[1]).toBe('две\nстроки');
    }
  });

  it('honours a declared encoding and delimiter', async () => {
    const bytes = iconv.encode('a|b\r\nПривет|мир\r\n', 'koi8-r');
    const { info, rows } = await readAll({ stream: streamOf(bytes, 3) }, { encoding: 'koi8-r', delimiter: 'pipe' });
    expect(info).toMatchObject({ encoding: 'koi8-r', encodingGuessed: false, delimiter: '|' });
    expect(rows[1]!.cells).toEqual(['Привет', 'мир']);
  });

  it('pushes encoding_guessed (info) for the windows-1252 fallback', async () => {
    const { info, issues } = await readAll({ stream: streamOf(iconv.encode('name;city\r\nCafé Olé;Besançon\r\n', 'windows-1252'), 64) });
    expect(info.encodingGuessed).toBe(true);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'encoding_guessed', severity: 'info', file: 'in.csv', line: null });
  });

  it('a missing file is exit 3 with file_not_found in the message', async () => {
    const e = await kpiError(readCsv({ path: '/nonexistent/leads.csv' }, { file: 'leads.csv' }, []));
    expect(e.exitCode).toBe(3);
    expect(e.message).toContain('file_not_found');
    expect(e.message).toContain('leads.csv');
    expect(e.issue?.code).toBe('file_not_found');
  });

  it('a directory is exit 3 file_unreadable', async () => {
    const e = await kpiError(readCsv({ path: tmpdir() }, { file: 'tmp' }, []));
    expect(e.exitCode).toBe(3);
    expect(e.issue?.code).toBe('file_unreadable');
  });

  it('an unknown declared encoding is exit 2', async () => {
    const e = await kpiError(readCsv({ stream: streamOf(Buffer.from('a,b\n'), 4) }, { file: 'x.csv', encoding: 'no-such-charset' }, []));
    expect(e.exitCode).toBe(2);
  });

  it('an empty input yields no rows', async () => {
    const { info, rows } = await readAll({ stream: streamOf(Buffer.alloc(0), 1) });
    expect(info).toMatchObject({ encoding: 'utf-8', delimiter: ',' });
    expect(rows).toEqual([]);
  });

  it('a file that is only a sep= line yields no rows', async () => {
    const { info, rows } = await readAll({ stream: streamOf(Buffer.from('sep=;\r\n'), 2) });
    expect(info.delimiter).toBe(';');
    expect(rows).toEqual([]);
  });

  it('a big file read in large pieces (cut in 64 KiB chunks, mid-character) reads as a trickle of bytes does', async () => {
    // 3-byte and 2-byte characters, so chunk boundaries fall inside characters
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i};ООО «Ромашка ${i}»;€${i},5;"a""b"`);
    for (const enc of ['utf-8', 'windows-1251'] as const) {
      const text = 'ID;Компания;Сумма;Заметка\n' + rows.map((r) => (enc === 'utf-8' ? r : r.replace('€', 'Р'))).join('\n');
      const bytes = enc === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'windows-1251');
      expect(bytes.length).toBeGreaterThan(3 * 256 * 1024);
      const whole = await readAll({ path: tmpFile('big.csv', bytes) }, { encoding: enc });
      const trickle = await readAll({ stream: streamOf(bytes, 1000) }, { encoding: enc });
      const oneRead = await readAll({ stream: streamOf(bytes, bytes.length) }, { encoding: enc });
      expect(whole.rows.length).toBe(20_001);
      expect(whole.rows[20_000]!.cells[1]).toBe('ООО «Ромашка 19999»');
      expect(whole.rows).toEqual(trickle.rows);
      expect(oneRead.rows).toEqual(trickle.rows);
    }
  });

  it.each([0, 1, 65_535, 65_536, 65_537, 262_143, 262_144, 262_145, 524_288, 524_291])(
    'a file of %i bytes (around the 64 KiB chunks and 256 KiB reads) reads as a trickle of its bytes does',
    async (size) => {
      // rows of two-byte characters, cut to the exact size (the last character may be split)
      let text = 'ID;Имя\n';
      for (let i = 0; Buffer.byteLength(text) < size + 8; i++) text += `${i};Ёж ${i}\n`;
      const bytes = Buffer.from(text, 'utf8').subarray(0, size);
      const whole = await readAll({ path: tmpFile('sized.csv', bytes) }, { encoding: 'utf-8', delimiter: ';' });
      const trickle = await readAll({ stream: streamOf(bytes, 999) }, { encoding: 'utf-8', delimiter: ';' });
      expect(whole.rows).toEqual(trickle.rows);
      expect(whole.issues).toEqual(trickle.issues);
      if (size > 1000) expect(whole.rows.length).toBeGreaterThan(size / 20);
    },
  );

  it('a file all ASCII up to a few windows-1251 bytes at the end of a read piece: the bytes held back survive the next read', async () => {
    const head = 'ID;Company;Sum\n';
    const ascii: string[] = [];
    let size = head.length;
    for (let i = 0; size < 256 * 1024 - 200; i++) {
      const row = `${i};Client ${i};${i},50\n`;
      ascii.push(row);
      size += row.length;
    }
    const pad = 'x'.repeat(256 * 1024 - 40 - size);
    const cyr = Array.from({ length: 8000 }, (_, i) => `${i};ООО Ромашка ${i};1,00`).join('\n');
    const bytes = Buffer.concat([Buffer.from(head + ascii.join('') + `0;${pad};1\n`, 'latin1'), iconv.encode(cyr, 'windows-1251')]);
    // the first non-ASCII byte lies within the last 40 bytes of the first 256 KiB piece
    expect(bytes.subarray(0, 256 * 1024 - 40).every((b) => b < 0x80)).toBe(true);
    const whole = await readAll({ path: tmpFile('late.csv', bytes) });
    const trickle = await readAll({ stream: streamOf(bytes, 1000) });
    expect(whole.info.encoding).toBe('windows-1251');
    expect(whole.rows[whole.rows.length - 1]!.cells[1]).toBe('ООО Ромашка 7999');
    expect(whole.rows).toEqual(trickle.rows);
  });

  it('stopping early closes the file', async () => {
    const p = tmpFile('many.csv', 'a,b\n' + '1,2\n'.repeat(100_000));
    const { rows } = await readCsv({ path: p }, { file: 'many.csv' }, []);
    let n = 0;
    for await (const r of rows) {
      expect(r.cells).toHaveLength(2);
      if (++n === 3) break;
    }
    expect(n).toBe(3);
    // A second iteration of the same (single-use) iterable ends at once.
    const again: RawRow[] = [];
    for await (const r of rows) again.push(r);
    expect(again).toEqual([]);
  });

  it('reports an unclosed quote with its line, and its rows are still read', async () => {
    const { rows, issues } = await readAll({ stream: streamOf(Buffer.from('id,name\n1,"Acme\n2,Globex\n'), 5) });
    expect(shape(rows)).toEqual([[1, ['id', 'name']], [2, ['1', '"Acme']], [3, ['2', 'Globex']]]);
    expect(issues.map((i) => [i.code, i.line, i.severity])).toEqual([['unclosed_quote', 2, 'warning']]);
  });

  it('an unclosed quote in a big file is found at maxRecordChars, not at the end', async () => {
    const text = 'id,name\n1,"stray\n' + Array.from({ length: 5000 }, (_, i) => `${i + 2},row\n`).join('');
    const { rows, issues } = await readAll({ stream: streamOf(Buffer.from(text), 1000) }, { maxRecordChars: 500 });
    expect(rows).toHaveLength(5002);
    expect(rows[1]!.cells).toEqual(['1', '"stray']);
    expect(rows[5001]).toMatchObject({ line: 5002, cells: ['5001', 'row'] });
    expect(issues.map((i) => [i.code, i.line])).toEqual([['unclosed_quote', 2]]);
  });
});

describe('an encoding still open after an all-ASCII start', () => {
  // 2,000 ASCII rows (~80 KB, past the 64 KiB sample), then Cyrillic rows
  const ascii = Array.from({ length: 2000 }, (_, k) => `2024-01-01 09:00:${String(k % 60).padStart(2, '0')},Inbound,101,+7916${String(k).padStart(7, '0')}`).join('\r\n');
  const late = '\r\n2024-01-02 10:00:00,Входящий,Иванов Пётр,+79160000001\r\n2024-01-02 10:05:00,Исходящий,Сидорова Анна,+79160000002\r\n';
  const header = 'Start,Type,Agent,Number\r\n';

  it('reads later Windows-1251 text as Windows-1251, from a file and from a pipe cut anywhere', async () => {
    const bytes = Buffer.concat([Buffer.from(header + ascii, 'ascii'), iconv.encode(late, 'windows-1251')]);
    expect(Buffer.from(header + ascii).length).toBeGreaterThan(SAMPLE_BYTES);
    for (const input of [{ path: tmpFile('late.csv', bytes) }, { stream: streamOf(bytes, 4096) }, { stream: streamOf(bytes, 1) }]) {
      const { info, rows, issues } = await readAll(input);
      expect(info.encoding).toBe('windows-1251');
      expect(info.asciiSoFar).toBeUndefined();
      expect(rows.at(-2)!.cells).toEqual(['2024-01-02 10:00:00', 'Входящий', 'Иванов Пётр', '+79160000001']);
      expect(rows.at(-1)!.cells[2]).toBe('Сидорова Анна');
      expect(rows).toHaveLength(2003);
      expect(issues).toEqual([]);
    }
  });

  it('stays UTF-8 when the later text is UTF-8, and notes a Western guess', async () => {
    const utf8 = Buffer.from(header + ascii + late, 'utf8');
    const r1 = await readAll({ stream: streamOf(utf8, 7) });
    expect(r1.info.encoding).toBe('utf-8');
    expect(r1.rows.at(-1)!.cells[2]).toBe('Сидорова Анна');
    const western = Buffer.concat([Buffer.from(header + ascii, 'ascii'), iconv.encode('\r\n2024-01-02 10:00:00,Inbound,Agent Müller-Señor,+4930000000\r\n', 'windows-1252')]);
    const r2 = await readAll({ path: tmpFile('west.csv', western) });
    expect(r2.info.encoding).toBe('windows-1252');
    expect(r2.rows.at(-1)!.cells[2]).toBe('Agent Müller-Señor');
    expect(r2.issues.map((i) => i.code)).toEqual(['encoding_guessed']);
  });

  it('keeps a declared encoding as declared', async () => {
    const bytes = Buffer.concat([Buffer.from(header + ascii, 'ascii'), iconv.encode(late, 'windows-1251')]);
    const { info, rows } = await readAll({ path: tmpFile('decl.csv', bytes) }, { encoding: 'utf-8' });
    expect(info.encoding).toBe('utf-8');
    expect(rows.at(-1)!.cells[2]).toContain('\uFFFD');
  });
});
