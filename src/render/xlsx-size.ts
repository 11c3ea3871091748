/**
 * Whether a report fits an XLSX workbook before one is built. An Excel sheet holds at most
 * 1,048,576 rows and 16,384 columns: a report grouped by a column of thousands of values can need
 * more rows, a daily report over decades more columns, and kpi says so, with what to do, instead
 * of writing a file Excel refuses (or failing inside exceljs). The workbook is streamed (rows
 * are written as they are made), but the finished package is re-zipped in memory for fixed
 * entry dates, which costs ~90 bytes a cell (720,000 Data rows: 922 MB against 300 MB for the
 * same report as JSON); past the heap's limit kpi says so rather than dying with V8's
 * out-of-memory abort. (Before the streaming writer, exceljs held ~1 KB a cell: 720,000 rows took
 * 349 s and 4.9 GB; now 39 s.)
 */
import { getHeapStatistics } from 'node:v8';
import type { Report } from '../report/model.js';
import { usageError } from '../errors/kpi-error.js';
import { deltaColumns } from './human-cells.js';
import { dataSheetShape, type DataSheetShape } from './xlsx-tables.js';
import { sectionLayout } from './xlsx-section.js';

/** Rows of an Excel worksheet (the header row included). */
export const EXCEL_MAX_ROWS = 1_048_576;
/** Columns of an Excel worksheet. */
export const EXCEL_MAX_COLUMNS = 16_384;
/** What writing the workbook costs per cell, rounded up from the measurement above. */
export const BYTES_PER_CELL = 128;

export interface XlsxSize {
  /** Rows of the Data sheet, header included. */
  dataRows: number;
  /** Rows of the longest section sheet, header included. */
  sectionRows: number;
  /** Columns of the widest section sheet: labels, a column per period, Δ and Δ %, plan. */
  sectionColumns: number;
  /** Cells of the workbook, at most. */
  cells: number;
  /** The Data sheet's columns and widths, for writing it without another pass over its rows. */
  data: DataSheetShape;
}

/** The size of the workbook `r` would make (an upper bound of its cells). */
export function xlsxSize(r: Report): XlsxSize {
  const data = dataSheetShape(r);
  const dataRows = data.rows + 1;
  let cells = dataRows * data.heads.length;
  let sectionRows = 0;
  let sectionColumns = 0;
  const deltas = deltaColumns(r, 'en');
  for (const sec of r.sections) {
    const { columns } = sectionLayout(r, sec, deltas);
    sectionRows = Math.max(sectionRows, sec.rows.length + 1);
    sectionColumns = Math.max(sectionColumns, columns);
    cells += (sec.rows.length + 1) * columns;
  }
  return { dataRows, sectionRows, sectionColumns, cells, data };
}

const HINT = 'write -O csv or -O json instead, or narrow the report: a shorter period, or fewer groups (channel and manager rules in the config map many raw values to a few)';

/**
 * The workbook's size ({@link xlsxSize}); throws a usage error (exit 2) when `r` cannot be an
 * XLSX file, or not within `heapLimit` bytes.
 */
export function checkXlsxSize(r: Report, heapLimit: number = getHeapStatistics().heap_size_limit): XlsxSize {
  const size = xlsxSize(r);
  const n = (x: number) => x.toLocaleString('en-US');
  const longest = Math.max(size.dataRows, size.sectionRows);
  if (longest > EXCEL_MAX_ROWS) {
    const which = size.dataRows >= size.sectionRows ? 'its Data sheet' : 'a section sheet';
    throw usageError(`this report does not fit an XLSX workbook: ${which} would need ${n(longest)} rows, and an Excel sheet holds at most ${n(EXCEL_MAX_ROWS)}`, HINT);
  }
  if (size.sectionColumns > EXCEL_MAX_COLUMNS) {
    throw usageError(
      `this report does not fit an XLSX workbook: its section sheets would need ${n(size.sectionColumns)} columns (a column per period), and an Excel sheet holds at most ${n(EXCEL_MAX_COLUMNS)}`,
      'use a longer interval (-W, -M, -Q or -Y) or a shorter span (-p, -b/-e), or write -O csv --layout tidy or -O json',
    );
  }
  const need = size.cells * BYTES_PER_CELL;
  if (need > heapLimit) {
    const gb = (x: number) => (x / 2 ** 30).toFixed(1);
    throw usageError(
      `this report is too large to build as an XLSX workbook: ${n(size.cells)} cells (${n(size.dataRows - 1)} data rows) need about ${gb(need)} GB, more than this process may use (${gb(heapLimit)} GB)`,
      `${HINT}; or give Node more memory (NODE_OPTIONS=--max-old-space-size=${Math.ceil((need * 1.25) / 2 ** 20)})`,
    );
  }
  return size;
}
