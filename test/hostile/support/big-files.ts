/**
 * Hostile inputs too big to commit, generated deterministically into a folder at test time:
 * a 50 MB line, 50 MB without a line break, an unclosed quote opening a 150,000-row file,
 * 10,000 columns, and XLSX zip bombs that lie about their size (8–11 MB files inflating to
 * 1.2 GiB: a sheet of empty elements, a row that never closes, 4 Mi+ shared strings, rows past
 * Excel's last). Each returns the file's path.
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync } from 'fflate';
import { buildPackage, sharedStringsXml, worksheetXml } from '../../ingest/xlsx/support/build-package.js';
import { rawZip } from '../../ingest/xlsx/support/zip-bomb.js';
import { structuredBomb } from './deflate-bomb.js';

const MB = 1_000_000;
const GIB = 1024 ** 3;

/** Write `parts` (strings or a repeated block) to `file` without holding the whole file. */
function writeStream(file: string, parts: Iterable<string | Buffer>): string {
  const fd = openSync(file, 'w');
  try {
    for (const p of parts) writeSync(fd, typeof p === 'string' ? Buffer.from(p, 'utf8') : p);
  } finally {
    closeSync(fd);
  }
  return file;
}

function* repeat(block: Buffer, totalBytes: number): Iterable<Buffer> {
  for (let n = 0; n < totalBytes; n += block.length) yield n + block.length <= totalBytes ? block : block.subarray(0, totalBytes - n);
}

/** A lead file whose line 2 is one 50 MB line (no quote, no delimiter past the third field). */
export function longLine(dir: string): string {
  return writeStream(path.join(dir, 'long-line.csv'), [
    'ID;Дата создания;Источник\n1;05.03.2024 10:00;',
    ...repeat(Buffer.alloc(1 << 20, 'x'), 50 * MB),
    '\n2;06.03.2024 10:00;SEO\n',
  ]);
}

/** 50 MB of `a;b;` with no line break at all. */
export function noLineBreak(dir: string): string {
  return writeStream(path.join(dir, 'no-line-break.csv'), repeat(Buffer.from('a;b;'.repeat(1 << 18)), 50 * MB));
}

/** An invoice file whose line 2 opens a quote that never closes, then `rows` good lines (~5.5 MB). */
export function unclosedQuoteLarge(dir: string, rows = 150_000): string {
  function* lines(): Iterable<string> {
    yield 'Дата;Номер;Контрагент;Сумма\n05.03.2024;1;"ООО Ромашка;100,00\n';
    let chunk = '';
    for (let i = 2; i <= rows; i++) {
      chunk += `06.03.2024;${i};ООО Лютик;50,00\n`;
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk;
  }
  return writeStream(path.join(dir, 'unclosed-quote-large.csv'), lines());
}

/** A lead file with 10,000 columns (3 known, 9,997 unknown) and `rows` rows. */
export function tenThousandColumns(dir: string, rows = 200): string {
  const extra = Array.from({ length: 9997 }, (_, i) => `Поле ${i + 1}`);
  const header = ['ID', 'Дата создания', 'Источник', ...extra].join(';');
  const filler = Array.from({ length: 9997 }, (_, i) => String(i % 10)).join(';');
  function* lines(): Iterable<string> {
    yield header + '\n';
    for (let i = 1; i <= rows; i++) yield `${i};05.03.2024 10:00;SEO;${filler}\n`;
  }
  return writeStream(path.join(dir, 'ten-thousand-columns.csv'), lines());
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

/** The bomb shapes: which part inflates to what. */
export const BOMBS = {
  /** A sheet of 1.2 GiB of `<x/>` inside sheetData: stopped by the 100:1 ratio guard past 64 MiB. */
  'bomb-empty-elements.xlsx': { part: 'xl/worksheets/sheet1.xml', head: `<worksheet ${NS}><sheetData>`, unit: '<x/>', tail: '</sheetData></worksheet>' },
  /** One row whose inline string never ends: stopped by the 16 MiB element limit. */
  'bomb-open-row.xlsx': { part: 'xl/worksheets/sheet1.xml', head: `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`, unit: 'a', tail: '</t></is></c></row></sheetData></worksheet>' },
  /** 1.2 GiB of `<row/>`: stopped at row 1,048,577 (Excel's last row is 1,048,576). */
  'bomb-rows.xlsx': { part: 'xl/worksheets/sheet1.xml', head: `<worksheet ${NS}><sheetData>`, unit: '<row/>', tail: '</sheetData></worksheet>' },
  /** 256 MiB+ of `<si><t>ab</t></si>`: stopped at 4 Mi shared strings. */
  'bomb-shared-strings.xlsx': { part: 'xl/sharedStrings.xml', head: `<sst ${NS}>`, unit: '<si><t>ab</t></si>', tail: '</sst>' },
} as const;

export type BombName = keyof typeof BOMBS;

/** Write one bomb: a valid workbook whose `part` declares 1 KiB and inflates to ~1.2 GiB (the sst: 300 MiB). */
export function zipBomb(dir: string, name: BombName): string {
  const b = BOMBS[name];
  const good = unzipSync(buildPackage({
    sheets: [{ name: 'S', xml: worksheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }],
    sharedStrings: sharedStringsXml(['<t>x</t>']),
  }));
  const entries = Object.entries(good)
    .filter(([n]) => n !== b.part)
    .map(([n, data]) => ({ name: n, data, method: 0 as const, declaredSize: data.length }));
  const size = b.part === 'xl/sharedStrings.xml' ? 300 * 1024 ** 2 : 1.2 * GIB;
  const data = structuredBomb(strToU8(b.head), strToU8(b.unit), size, strToU8(b.tail));
  const file = path.join(dir, name);
  writeFileSync(file, rawZip([...entries, { name: b.part, data, method: 8, declaredSize: 1024 }]));
  return file;
}
