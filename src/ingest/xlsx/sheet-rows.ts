/**
 * The streaming worksheet scanner: sheet XML arrives in arbitrary text chunks and complete
 * `<row>` elements come out as `RawRow`s with their real sheet row numbers and typed cells.
 * No DOM: tags are found with indexOf and attributes read with charCodeAt, because this loop runs
 * once per cell of a possibly million-row sheet. Pure.
 */
import { FAR_GAP, spreadFar, type Cell, type FarCells, type RawRow } from '../types.js';
import { columnOfRef, decodeCell, MAX_COLUMN, parseUint, TYPE, typeCode } from './cell-value.js';
import type { CellContext } from './cell-value.js';
import { ELEMENT_SIZE_LIMIT, formatBytes, invalidXlsx, MAX_SHEET_ROW, xlsxOverLimit } from './xlsx-errors.js';
import { isTagAt, nextTag, rootPrefix, textTags } from './xml-text.js';
import type { TextTags } from './xml-text.js';
import { HeldText } from '../held-text.js';

export type { CellContext } from './cell-value.js';

interface SheetTags {
  sheetData: string;
  sheetDataEnd: string;
  row: string;
  rowEnd: string;
  c: string;
  cEnd: string;
  v: string;
  vEnd: string;
  is: string;
  isEnd: string;
  text: TextTags;
  /** Longest tag we must recognise at a chunk boundary before deciding what a `<` starts. */
  longest: number;
}

function sheetTags(p: string): SheetTags {
  return {
    sheetData: `<${p}sheetData`, sheetDataEnd: `</${p}sheetData>`,
    row: `<${p}row`, rowEnd: `</${p}row>`, c: `<${p}c`, cEnd: `</${p}c>`,
    v: `<${p}v`, vEnd: `</${p}v>`, is: `<${p}is`, isEnd: `</${p}is>`,
    text: textTags(p), longest: `</${p}sheetData>`.length + 1,
  };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Feed consecutive chunks of one worksheet's XML to `push`; each call returns the rows it
 * completed. `done` turns true at `</sheetData>` (the caller may stop inflating). `finish`
 * checks the sheet data was complete.
 */
export class SheetRowScanner {
  private buf = '';
  private readonly held = new HeldText();
  private pos = 0;
  private tags: SheetTags | null = null;
  private state: 'before' | 'rows' | 'done' = 'before';
  private lastRow = 0;
  /** Where the search for the pending row's `</row>` resumes (offset from the row start). */
  private pendingEnd = 0;
  // Attributes of the tag read last, kept in fields so the per-cell path allocates nothing.
  private attrRef = 0;
  private attrStyle = 0;
  private attrType: number = TYPE.n;

  /**
   * @param ctx shared strings, styles and the date system.
   * @param part the worksheet's path in the package, for messages.
   * @param maxElementChars longest unfinished element held (default {@link ELEMENT_SIZE_LIMIT}).
   */
  constructor(
    private readonly ctx: CellContext,
    private readonly part = 'the worksheet',
    private readonly maxElementChars = ELEMENT_SIZE_LIMIT,
  ) {}

  /** True once `</sheetData>` has been seen. */
  get done(): boolean {
    return this.state === 'done';
  }

  /**
   * Consume the next chunk; returns the rows completed by it. A chunk that arrives while a long
   * element is unfinished may be held (see `HeldText`): `last` marks the final chunk.
   */
  push(chunk: string, last = false): RawRow[] {
    const out: RawRow[] = [];
    if (this.state === 'done') return out;
    const text = last ? this.held.take() + chunk : this.held.offer(chunk, this.buf.length - this.pos, this.maxElementChars);
    if (text === null) return out;
    this.buf = this.pos > 0 ? this.buf.slice(this.pos) + text : this.buf + text;
    this.pos = 0;
    if (this.state === 'before' && !this.findSheetData()) {
      this.checkPending();
      return out;
    }
    if (this.state === 'rows') this.scanRows(out);
    this.checkPending();
    return out;
  }

  /** What is left unconsumed is one unfinished element: past the limit it is junk, not data to wait for. */
  private checkPending(): void {
    if (this.state === 'done' || this.buf.length - this.pos <= this.maxElementChars) return;
    const where = this.state === 'rows' ? `row ${this.lastRow + 1}` : 'the text before <sheetData>';
    throw xlsxOverLimit(this.ctx.file, this.part, `${where} runs past ${formatBytes(this.maxElementChars)} of XML text without ending`,
      `XML elements under ${formatBytes(this.maxElementChars)}`);
  }

  /** Call at the end of the part: throws when the XML stopped inside the sheet data. */
  finish(): void {
    if (this.state !== 'done') throw invalidXlsx(this.ctx.file, 'the worksheet XML ends before its </sheetData>');
  }

  private findSheetData(): boolean {
    if (this.tags === null) {
      const prefix = rootPrefix(this.buf);
      if (prefix === null) {
        if (this.buf.indexOf('<') < 0) this.buf = ''; // no element can start in this text
        return false;
      }
      this.tags = sheetTags(prefix);
    }
    const t = this.tags;
    const start = nextTag(this.buf, t.sheetData, 0, this.buf.length);
    if (start < 0) {
      this.pos = Math.max(0, this.buf.length - t.sheetData.length - 1);
      return false;
    }
    const gt = this.buf.indexOf('>', start);
    if (gt < 0) {
      this.pos = start;
      return false;
    }
    this.state = this.buf.charCodeAt(gt - 1) === 47 ? 'done' : 'rows';
    this.pos = gt + 1;
    return true;
  }

  private scanRows(out: RawRow[]): void {
    const s = this.buf;
    const t = this.tags as SheetTags;
    let p = this.pos;
    for (;;) {
      const lt = s.indexOf('<', p);
      if (lt < 0) {
        p = s.length;
        break;
      }
      if (s.length - lt < t.longest) {
        p = lt; // too little left to tell which tag this is: wait for the next chunk
        break;
      }
      if (s.startsWith(t.sheetDataEnd, lt)) {
        this.state = 'done';
        p = lt;
        break;
      }
      if (s.startsWith('<!--', lt)) {
        const close = s.indexOf('-->', lt);
        if (close < 0) {
          p = lt;
          break;
        }
        p = close + 3;
        continue;
      }
      const gt = s.indexOf('>', lt);
      if (gt < 0) {
        p = lt;
        break;
      }
      const after = s.charCodeAt(lt + t.row.length);
      if (!s.startsWith(t.row, lt) || !(after === 62 || after === 47 || isSpace(after))) {
        p = gt + 1; // something else inside sheetData (an extension element): skip its tag
        continue;
      }
      const selfClosing = s.charCodeAt(gt - 1) === 47;
      this.readAttrs(s, lt + t.row.length, selfClosing ? gt - 1 : gt, false);
      const rowNum = this.attrRef > 0 ? this.attrRef : this.lastRow + 1;
      if (rowNum > MAX_SHEET_ROW) {
        throw xlsxOverLimit(this.ctx.file, this.part, `row ${rowNum} is past Excel's last row, ${MAX_SHEET_ROW}`, `at most ${MAX_SHEET_ROW} rows`);
      }
      if (selfClosing) {
        this.lastRow = rowNum; // an empty row still occupies its number
        p = gt + 1;
        continue;
      }
      const end = s.indexOf(t.rowEnd, Math.max(gt, lt + this.pendingEnd));
      if (end < 0) {
        // A row longer than the chunk: resume the end search where this one stopped.
        this.pendingEnd = Math.max(0, s.length - lt - t.rowEnd.length);
        p = lt;
        break;
      }
      this.pendingEnd = 0;
      this.lastRow = rowNum;
      const cells = this.parseCells(s, gt + 1, end, rowNum);
      const far = this.far;
      if (far !== null) {
        this.far = null;
        out.push({ line: rowNum, cells, far });
      } else if (cells.length > 0) out.push({ line: rowNum, cells });
      p = end + t.rowEnd.length;
    }
    this.pos = p;
  }

  /** The far cells of the row `parseCells` read last (`RawRow.far`), or null. */
  private far: FarCells | null = null;

  /**
   * The cells of one row; trailing and all-empty cells are not materialised (length = last filled
   * column, or the last before a gap of more than FAR_GAP columns: the cells past it go to `far`).
   */
  private parseCells(s: string, from: number, to: number, rowNum: number): Cell[] {
    const t = this.tags as SheetTags;
    const cells: Cell[] = [];
    let far: FarCells | null = null;
    let col = 0;
    let p = from;
    for (;;) {
      const cs = nextTag(s, t.c, p, to);
      if (cs < 0) break;
      const gt = s.indexOf('>', cs);
      if (gt < 0 || gt >= to) throw invalidXlsx(this.ctx.file, `malformed cell in row ${rowNum}`);
      const selfClosing = s.charCodeAt(gt - 1) === 47;
      this.readAttrs(s, cs + t.c.length, selfClosing ? gt - 1 : gt, true);
      col = this.attrRef > 0 ? this.attrRef : col + 1;
      if (col > MAX_COLUMN) throw invalidXlsx(this.ctx.file, `cell reference beyond column XFD in row ${rowNum}`);
      if (selfClosing) {
        p = gt + 1;
        continue;
      }
      const end = s.indexOf(t.cEnd, gt);
      if (end < 0 || end > to) throw invalidXlsx(this.ctx.file, `unterminated cell in row ${rowNum}`);
      p = end + t.cEnd.length;
      const cell = this.cellValue(s, gt + 1, end, rowNum, col);
      if (cell === null) continue;
      const j = col - 1;
      if (far !== null && j >= cells.length) {
        if (j > (far.cols[far.cols.length - 1] as number)) {
          far.cols.push(j);
          far.cells.push(cell);
          continue;
        }
        // an out-of-order reference among the far cells (not seen in real files): spread them
        const row = { line: rowNum, cells, far };
        spreadFar(row);
        far = null;
      } else if (far === null && j - cells.length > FAR_GAP) {
        far = { cols: [j], cells: [cell] };
        continue;
      }
      while (cells.length < j) cells.push(null);
      if (cells.length === j) cells.push(cell);
      else cells[j] = cell; // out-of-order references: the later one wins
    }
    this.far = far;
    return cells;
  }

  /**
   * Walk the cell's child elements in order (`<f>`, then `<v>` or `<is>`, then `<extLst>`),
   * bounded by the cell's end: an unbounded indexOf for a rare tag such as `<is` would rescan
   * the rest of the buffer for every numeric cell.
   */
  private cellValue(s: string, from: number, to: number, row: number, col: number): Cell {
    const t = this.tags as SheetTags;
    let q = from;
    for (;;) {
      const lt = s.indexOf('<', q);
      if (lt < 0 || lt >= to) return null;
      const gt = s.indexOf('>', lt);
      if (gt < 0 || gt >= to) throw invalidXlsx(this.ctx.file, `malformed cell in row ${row}`);
      const empty = s.charCodeAt(gt - 1) === 47;
      if (isTagAt(s, t.v, lt)) {
        if (empty) return null;
        const end = s.indexOf(t.vEnd, gt);
        if (end < 0 || end > to) throw invalidXlsx(this.ctx.file, `unterminated value in row ${row}`);
        return decodeCell(this.ctx, this.attrType, s.slice(gt + 1, end), this.attrStyle, row, col, s, 0, 0, t.text);
      }
      if (isTagAt(s, t.is, lt)) {
        if (empty) return null;
        const end = s.indexOf(t.isEnd, gt);
        if (end < 0 || end > to) throw invalidXlsx(this.ctx.file, `unterminated inline string in row ${row}`);
        return decodeCell(this.ctx, TYPE.inlineStr, '', this.attrStyle, row, col, s, gt + 1, end, t.text);
      }
      if (empty) {
        q = gt + 1;
        continue;
      }
      // Another child (`<f>` formula, `<extLst>`): skip to its end tag.
      let nameEnd = lt + 1;
      while (nameEnd < gt && !isSpace(s.charCodeAt(nameEnd))) nameEnd++;
      const close = s.indexOf(`</${s.slice(lt + 1, nameEnd)}>`, gt);
      if (close < 0 || close > to) throw invalidXlsx(this.ctx.file, `malformed cell in row ${row}`);
      q = close + 3 + (nameEnd - lt - 1);
    }
  }

  /**
   * Read `r` (and, for cells, `s` and `t`) from the tag's attribute text into fields. For a
   * cell `r` is the column number of `C7`; for a row it is the row number. 0 means absent.
   */
  private readAttrs(s: string, from: number, to: number, cell: boolean): void {
    this.attrRef = 0;
    this.attrStyle = 0;
    this.attrType = TYPE.n;
    let i = from;
    while (i < to) {
      // Jump between '=' and closing quotes with indexOf: tags are short but there are millions.
      const eq = s.indexOf('=', i);
      if (eq < 0 || eq >= to) break;
      let nameEnd = eq;
      while (nameEnd > i && isSpace(s.charCodeAt(nameEnd - 1))) nameEnd--;
      let q = eq + 1;
      while (q < to && isSpace(s.charCodeAt(q))) q++;
      const quote = s.charCodeAt(q);
      if (quote !== 34 && quote !== 39) break;
      const vStart = q + 1;
      const vEnd = s.indexOf(quote === 34 ? '"' : "'", vStart);
      if (vEnd < 0 || vEnd >= to) break;
      i = vEnd + 1;
      // Only one-letter names matter (r, s, t): the character before the name must be a space.
      if (nameEnd - 2 < from - 1 || !isSpace(s.charCodeAt(nameEnd - 2))) continue;
      const name = s.charCodeAt(nameEnd - 1);
      if (name === 114 /* r */) this.attrRef = cell ? columnOfRef(s, vStart, vEnd) : parseUint(s, vStart, vEnd);
      else if (cell && name === 115 /* s */) this.attrStyle = parseUint(s, vStart, vEnd);
      else if (cell && name === 116 /* t */) this.attrType = typeCode(s, vStart, vEnd);
    }
  }
}
