/**
 * The XLSX reader: opens the package, picks the sheet, loads the shared strings, styles and date
 * system, pre-scans merged ranges, and streams the sheet's rows as `RawRow`s with real sheet row
 * numbers and typed cells. Knows nothing about kinds, headers or fields.
 */
import type { FileHandle } from 'node:fs/promises';
import type { Issue } from '../../errors/issue.js';
import type { Cell, RawRow, ReaderInfo } from '../types.js';
import type { CellContext } from './cell-value.js';
import { MergeCollector } from './merges.js';
import type { CellRange } from './merges.js';
import { SharedStringsParser } from './shared-strings.js';
import { SheetRowScanner } from './sheet-rows.js';
import { NO_STYLES, parseStyles } from './styles.js';
import { chooseSheet, dirOf, parseRels, parseWorkbook, relsPathOf } from './workbook.js';
import type { Relationship, SheetRef } from './workbook.js';
import { invalidXlsx, isKpiError, MAX_INFLATE_RATIO, MERGE_SCAN_LIMIT, PART_SIZE_LIMIT, RATIO_GRACE, SHEET_SIZE_LIMIT, xlsxTooLarge } from './xlsx-errors.js';
import { findEntry, inflateEntry, openFile, readEntryText, readZipIndex } from './zip.js';
import type { RatioGuard, ZipEntry, ZipIndex } from './zip.js';

/** Worksheets get the zip-bomb ratio guard; the smaller parts are bounded by size and structure. */
const SHEET_RATIO: RatioGuard = { maxRatio: MAX_INFLATE_RATIO, afterBytes: RATIO_GRACE };

export type { CellRange } from './merges.js';
export { ELEMENT_SIZE_LIMIT, MAX_INFLATE_RATIO, MAX_SHEET_ROW, MERGE_SCAN_LIMIT, PART_SIZE_LIMIT, RATIO_GRACE, SHEET_SIZE_LIMIT } from './xlsx-errors.js';
export { MAX_SHARED_STRINGS } from './shared-strings.js';

/** `file`: the path as the user gave it (for messages); `sheet`: the sheet to read, null = default. */
export interface XlsxOptions {
  file: string;
  sheet?: string | null;
}

/** True when the bytes start with a ZIP local-file signature (PK\x03\x04). */
export function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/**
 * Opens the workbook; picks `opts.sheet` (exact name, else case-insensitive; missing → KpiError
 * exit 3 naming the sheets that exist) or the first *visible* worksheet that holds a value (the
 * first visible one when none does). `merges` lists the sheet's merged ranges (pre-scanned when
 * the sheet XML is ≤ 64 MiB uncompressed; larger sheets report []; merged areas are not filled
 * in: only their top-left cell has a value).
 *
 * `rows` may be iterated more than once. The first pass over a pre-scanned sheet reuses the
 * pre-scan's inflated bytes; any other pass re-reads the file, holding a handle only while
 * iterating. The first rows come in the order of their row numbers (see `streamRows`). Blank
 * rows are skipped; each row's `cells` ends at its last non-empty cell, and empty text is null.
 * Every failure is a KpiError (exit 3) carrying its issue (`file_not_found`, `file_unreadable`,
 * `sheet_not_found`, `xlsx_too_large`); `issues` is not written to.
 */
export async function readXlsx(
  path: string,
  opts: XlsxOptions,
  issues: Issue[],
): Promise<{ info: ReaderInfo; merges: CellRange[]; rows: AsyncIterable<RawRow> }> {
  void issues; // nothing here is row-level; file-level problems are thrown with their issue attached
  const label = opts.file;
  const fh = await openFile(path, label);
  try {
    const index = await readZipIndex(fh, label);
    const part = async (e: ZipEntry): Promise<string> => readEntryText(fh, index, e, PART_SIZE_LIMIT, label);
    const workbookPath = await findWorkbookPath(fh, index, label);
    const workbookEntry = findEntry(index, workbookPath);
    if (!workbookEntry) throw invalidXlsx(label, 'no workbook part; is this a Word or PowerPoint file?');
    const workbook = parseWorkbook(await part(workbookEntry));
    const relsPath = relsPathOf(workbookPath);
    const relsEntry = findEntry(index, relsPath);
    // without its relationships part the sheets the workbook lists cannot be found: a damaged
    // package to re-save (file_unreadable), not a workbook without worksheets (sheet_not_found)
    if (!relsEntry && workbook.sheets.length > 0) throw invalidXlsx(label, `the part ${relsPath} is missing, so the workbook's sheets cannot be found`);
    const rels = relsEntry ? parseRels(await part(relsEntry), dirOf(workbookPath)) : [];
    const relById = new Map(rels.map((r) => [r.id, r]));
    const worksheets = workbook.sheets.filter((s) => relById.get(s.relId)?.type === 'worksheet');
    const dangling = workbook.sheets.find((s) => !relById.has(s.relId));
    if (worksheets.length === 0 && dangling) throw invalidXlsx(label, `sheet "${dangling.name}" points to relationship ${dangling.relId}, which ${relsPath} lacks`);
    // A blank name (an empty `sheet:` in a config) means "not given": no sheet can be named ''.
    const wanted = opts.sheet?.trim() ? opts.sheet : null;
    const entryOf = (s: SheetRef): ZipEntry => {
      const target = relById.get(s.relId)?.target ?? '';
      const e = findEntry(index, target);
      if (!e) throw invalidXlsx(label, `sheet "${s.name}" points to ${target}, which is missing`);
      if (e.size > SHEET_SIZE_LIMIT) throw xlsxTooLarge(label, e.name, SHEET_SIZE_LIMIT, true);
      return e;
    };
    let chosen = chooseSheet(worksheets, wanted, label);
    let sheetEntry = entryOf(chosen);

    const ctx: CellContext = {
      file: label,
      date1904: workbook.date1904,
      sharedStrings: await readSharedStrings(fh, index, partFor(index, rels, 'sharedStrings', 'xl/sharedStrings.xml'), label),
      styles: await readOptionalPart(partFor(index, rels, 'styles', 'xl/styles.xml'), part, parseStyles, NO_STYLES),
    };
    const others = await otherSheetsWithData(fh, index, worksheets, chosen, relById, label, ctx);
    // By default the data is read, not an empty first sheet (a cover left blank, a template tab
    // before the months): read, it failed as `kind_unknown` while the data sat on the next tab.
    // So the first visible sheet with a value is read, in tab order. The first sheet is probed
    // only when another has data, and a failure there is thrown as reading it would throw it
    // (a damaged sheet is not passed over as empty). A sheet a source names is read as named.
    const withData = others.sheets[0];
    if (wanted === null && withData !== undefined && !(await hasData(fh, index, sheetEntry, label, ctx))) {
      chosen = withData;
      sheetEntry = entryOf(chosen);
      others.sheets.shift();
    }
    const { merges, inflated } = await scanMerges(fh, index, sheetEntry, label);
    // The pre-scan's bytes serve the first pass over the rows (inflating is most of the read
    // time); later passes, if any, inflate again so the bytes are not pinned for long.
    let cached: Uint8Array[] | null = inflated;
    const info: ReaderInfo = {
      format: 'xlsx',
      encoding: null,
      encodingGuessed: false,
      delimiter: null,
      sheet: chosen.name,
      sheets: worksheets.map((s) => s.name),
    };
    if (others.sheets.length > 0) info.otherSheetsWithData = others.sheets.map((s) => s.name);
    if (others.unprobed > 0) info.otherSheetsUnprobed = others.unprobed;
    const rows: AsyncIterable<RawRow> = {
      [Symbol.asyncIterator]: () => {
        const chunks = cached;
        cached = null;
        return streamRows(chunks ? { chunks } : { path, index, entry: sheetEntry }, label, ctx, sheetEntry.name, true);
      },
    };
    return { info, merges, rows };
  } catch (e) {
    throw asUserError(e, label);
  } finally {
    await fh.close();
  }
}

/** Other sheets looked at for data, at most (see `otherSheetsWithData`). */
export const MAX_SHEETS_PROBED = 64;

/**
 * The visible worksheets besides `chosen` that hold a value, in tab order, and how many were not
 * looked at: only the first {@link MAX_SHEETS_PROBED} are, each inflated only as far as its first
 * non-blank row (~2 ms a sheet on a slow machine). Hidden sheets are left out (lookup tables, by
 * intent), and so is a sheet that cannot be read: it is not the one asked for, and its turn to
 * fail comes when a source names it.
 */
async function otherSheetsWithData(
  fh: FileHandle,
  index: ZipIndex,
  worksheets: readonly SheetRef[],
  chosen: SheetRef,
  relById: ReadonlyMap<string, Relationship>,
  label: string,
  ctx: CellContext,
): Promise<{ sheets: SheetRef[]; unprobed: number }> {
  const sheets: SheetRef[] = [];
  let probed = 0;
  let unprobed = 0;
  for (const s of worksheets) {
    if (s === chosen || s.state === 'hidden' || s.state === 'veryHidden') continue;
    if (probed++ >= MAX_SHEETS_PROBED) {
      unprobed++;
      continue;
    }
    const entry = findEntry(index, relById.get(s.relId)?.target ?? '');
    if (entry && entry.size <= SHEET_SIZE_LIMIT && (await hasData(fh, index, entry, label, ctx).catch(() => false))) sheets.push(s);
  }
  return { sheets, unprobed };
}

/**
 * Whether a sheet has a cell with a value: text other than spaces counts, as it does for the
 * loader's blank rows, so a sheet of styled or space-only cells is as empty as one without rows.
 * Reads as far as the first such row; a sheet that cannot be read throws.
 */
async function hasData(fh: FileHandle, index: ZipIndex, entry: ZipEntry, label: string, ctx: CellContext): Promise<boolean> {
  // leaving the loop early stops the inflater (inflateEntry's finally); the borrowed handle stays open
  for await (const row of streamRows({ fh, index, entry }, label, ctx, entry.name)) {
    if (row.cells.some(filled) || row.far?.cells.some(filled)) return true;
  }
  return false;
}

function filled(c: Cell): boolean {
  return c !== null && (typeof c !== 'string' || c.trim() !== '');
}

/** The package's main part from `_rels/.rels`, falling back to the conventional path. */
async function findWorkbookPath(fh: FileHandle, index: ZipIndex, label: string): Promise<string> {
  const root = findEntry(index, '_rels/.rels');
  if (root) {
    const rels = parseRels(await readEntryText(fh, index, root, PART_SIZE_LIMIT, label), '');
    const doc = rels.find((r) => r.type === 'officeDocument');
    if (doc && findEntry(index, doc.target)) return doc.target;
  }
  return 'xl/workbook.xml';
}

function partFor(index: ZipIndex, rels: readonly Relationship[], type: string, fallback: string): ZipEntry | null {
  const rel = rels.find((r) => r.type === type);
  return (rel && findEntry(index, rel.target)) ?? findEntry(index, fallback);
}

async function readOptionalPart<T>(e: ZipEntry | null, read: (e: ZipEntry) => Promise<string>, parse: (xml: string) => T, absent: T): Promise<T> {
  return e ? parse(await read(e)) : absent;
}

async function readSharedStrings(fh: FileHandle, index: ZipIndex, e: ZipEntry | null, label: string): Promise<string[]> {
  if (!e) return [];
  const parser = new SharedStringsParser({ file: label, part: e.name });
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of inflateEntry(fh, index, e, PART_SIZE_LIMIT, label)) parser.push(decoder.decode(chunk, { stream: true }));
  parser.push(decoder.decode(), true);
  return parser.finish();
}

/**
 * First pass over the sheet for `<mergeCell>`, keeping the inflated bytes for the first row pass.
 * Skipped (→ no merges, nothing kept) for sheets over MERGE_SCAN_LIMIT, declared or actual:
 * merges matter for report-shaped sheets, which are small, and a huge data sheet should be
 * inflated once, streaming, without holding its bytes.
 */
async function scanMerges(
  fh: FileHandle,
  index: ZipIndex,
  e: ZipEntry,
  label: string,
): Promise<{ merges: CellRange[]; inflated: Uint8Array[] | null }> {
  if (e.size > MERGE_SCAN_LIMIT) return { merges: [], inflated: null };
  const collector = new MergeCollector();
  const inflated: Uint8Array[] = [];
  try {
    for await (const chunk of inflateEntry(fh, index, e, MERGE_SCAN_LIMIT, label, SHEET_RATIO)) {
      collector.push(chunk);
      inflated.push(chunk);
    }
  } catch (err) {
    if (isKpiError(err) && err.issue?.code === 'xlsx_too_large') return { merges: [], inflated: null };
    throw err;
  }
  return { merges: collector.result(), inflated };
}

/**
 * Rows put in sheet order (by `r`) at the top of a sheet: at least this many, or the rows of at
 * least {@link SORTED_BYTES} bytes of XML, whichever comes first (a sheet of very wide rows is
 * not held whole).
 */
export const SORTED_ROWS = 1000;
const SORTED_BYTES = 4 * 1024 * 1024;

/**
 * One pass over the sheet's rows: from the pre-scan's bytes, or inflating with its own file
 * handle held for the duration, or with a handle the caller holds (`fh`). Inflation stops at
 * `</sheetData>`: what follows (merges, page setup) is not needed here.
 *
 * `sorted`: the first rows ({@link SORTED_ROWS}) are held and put in the order of their row
 * numbers. Excel writes rows in order, but other writers may list one before the header
 * (`<row r="2">`, then `<row r="1">`), and the header search takes the rows above the header as
 * titles: in stream order that row would be neither data nor counted. Later rows come as listed —
 * sorting the whole sheet would hold it whole — so a row listed out of order further down is
 * still read as data, under its own row number; only a header listed past the first rows is
 * not found. In order, as every real export is, the rows pass as they come after one check each.
 */
async function* streamRows(
  source: { chunks: Uint8Array[] } | { path: string; index: ZipIndex; entry: ZipEntry } | { fh: FileHandle; index: ZipIndex; entry: ZipEntry },
  label: string,
  ctx: CellContext,
  part: string,
  sorted = false,
): AsyncGenerator<RawRow> {
  const own = 'path' in source ? await openFile(source.path, label) : null;
  try {
    const scanner = new SheetRowScanner(ctx, part);
    const decoder = new TextDecoder('utf-8');
    const fh = own ?? ('fh' in source ? source.fh : null);
    const chunks = 'chunks' in source ? source.chunks : inflateEntry(fh as FileHandle, source.index, source.entry, SHEET_SIZE_LIMIT, label, SHEET_RATIO);
    // the rows held to be sorted, null once they are passed on; checked once a chunk, not a row
    let top: RawRow[] | null = sorted ? [] : null;
    let bytes = 0;
    for await (const chunk of chunks) {
      let rows = scanner.push(decoder.decode(chunk, { stream: true }));
      if (top !== null) {
        for (const row of rows) top.push(row);
        bytes += chunk.length;
        if (top.length < SORTED_ROWS && bytes < SORTED_BYTES && !scanner.done) continue;
        rows = inSheetOrder(top);
        top = null;
      }
      for (const row of rows) yield row;
      if (scanner.done) break;
    }
    let rows = scanner.done ? [] : scanner.push(decoder.decode(), true);
    if (top !== null) rows = inSheetOrder(top.concat(rows));
    for (const row of rows) yield row;
    scanner.finish();
  } catch (err) {
    // A consumer's own exception never arrives here (for-await calls return(), not throw()).
    throw asUserError(err, label);
  } finally {
    await own?.close();
  }
}

/** The rows by row number; rows of one number keep their order. The same array when in order. */
function inSheetOrder(rows: RawRow[]): RawRow[] {
  for (let i = 1; i < rows.length; i++) {
    if (rows[i]!.line < rows[i - 1]!.line) return rows.sort((a, b) => a.line - b.line);
  }
  return rows;
}

/** Anything unexpected while decoding a damaged file becomes "not a valid XLSX", never a stack trace. */
function asUserError(e: unknown, label: string): unknown {
  if (isKpiError(e)) return e;
  return invalidXlsx(label, e instanceof Error ? e.message : String(e));
}
