/**
 * Box-drawn terminal tables, as cli-table3 0.6 draws them with the options kpi uses (a head row,
 * no colours of its own, padding 1, per-column alignment, optionally compact) — in linear time.
 *
 * cli-table3 lays every table out for row and column spans it allows: for each cell it scans all
 * the cells above for a span that covers it, so a table of n rows costs O(n²). A report grouped
 * by a column with a few hundred distinct values (UTM sources, a mis-mapped owner column) took
 * 13 s for 300 groups and 101 s for 1,000. kpi never spans, so this draws the same characters
 * without the layout: each cell's width once, each line once. test/render/box-table.test.ts
 * compares it with cli-table3 on random tables.
 */
import stringWidth from 'string-width';

export type Align = 'left' | 'right' | 'center';

/** The border characters (cli-table3's names). An empty separator character hides that line. */
export interface BoxChars {
  top: string;
  topMid: string;
  topLeft: string;
  topRight: string;
  bottom: string;
  bottomMid: string;
  bottomLeft: string;
  bottomRight: string;
  left: string;
  leftMid: string;
  mid: string;
  midMid: string;
  right: string;
  rightMid: string;
  middle: string;
}

const DEFAULT_CHARS: BoxChars = {
  top: '─',
  topMid: '┬',
  topLeft: '┌',
  topRight: '┐',
  bottom: '─',
  bottomMid: '┴',
  bottomLeft: '└',
  bottomRight: '┘',
  left: '│',
  leftMid: '├',
  mid: '─',
  midMid: '┼',
  right: '│',
  rightMid: '┤',
  middle: '│',
};

export interface BoxTableOptions {
  /** Alignment per column (default left). */
  aligns?: readonly (Align | undefined)[];
  /** Compact: a separator line under the head only, not between rows. */
  compact?: boolean;
  chars?: Partial<BoxChars>;
}

/** SGR codes as cli-table3 strips them before measuring (`ESC [ n;…;n m`). */
const SGR = /\u001b\[(?:\d*;){0,5}\d*m/g;

/**
 * Whether a character is one column wide and can be part of no wider sequence: printable ASCII,
 * Cyrillic, and the punctuation, arrows, blocks and box lines kpi's own cells use. A line of
 * such characters is as wide as it is long (test/render/box-table.test.ts checks every one of them
 * against string-width); anything else is measured by string-width.
 */
export function isNarrow(c: number): boolean {
  if (c < 0x7f) return c >= 0x20;
  if (c >= 0x400 && c <= 0x4ff) return true; // Cyrillic
  if (c >= 0xa0 && c <= 0xff) return c !== 0xa9 && c !== 0xae && c !== 0xad; // Latin-1 but ©, ® (emoji) and the soft hyphen
  if (c >= 0x2010 && c <= 0x2027) return true; // dashes, quotes, bullet, ellipsis
  if (c >= 0x2500 && c <= 0x259f) return true; // box drawing, blocks (sparklines)
  return c === 0x25b2 || c === 0x25bc || c === 0x2212 || c === 0x2248 || c === 0x2264 || c === 0x2265 || c === 0x2116; // ▲ ▼ − ≈ ≤ ≥ №
}

/** Columns a line takes in a terminal (no line breaks; colour codes count for nothing). */
function lineWidth(s: string): number {
  for (let i = 0; i < s.length; i++) {
    if (!isNarrow(s.charCodeAt(i))) return stringWidth(s);
  }
  return s.length;
}

/** The width of a cell: its widest line, colour codes stripped (cli-table3's `strlen`). */
export function textWidth(s: string): number {
  const plain = s.includes('\u001b') ? s.replace(SGR, '') : s;
  if (!plain.includes('\n')) return lineWidth(plain);
  let w = 0;
  for (const part of plain.split('\n')) w = Math.max(w, lineWidth(part));
  return w;
}

// --- colour state across a cell's lines (cli-table3's colorizeLines): each line closes what it opened

interface SgrState {
  [attr: string]: boolean | string | undefined;
  lastForegroundAdded?: string;
  lastBackgroundAdded?: string;
}

const ATTR_CODES: Record<string, { on: string; off: string }> = {
  bold: { on: '\u001b[1m', off: '\u001b[22m' },
  italics: { on: '\u001b[3m', off: '\u001b[23m' },
  underline: { on: '\u001b[4m', off: '\u001b[24m' },
  inverse: { on: '\u001b[7m', off: '\u001b[27m' },
  strikethrough: { on: '\u001b[9m', off: '\u001b[29m' },
};
const CODE_ATTR = new Map<string, { set: string; to: boolean }>();
for (const [name, { on, off }] of Object.entries(ATTR_CODES)) {
  CODE_ATTR.set(on, { set: name, to: true });
  CODE_ATTR.set(off, { set: name, to: false });
}

function updateState(state: SgrState, code: string, params: string | undefined): void {
  const n = params ? parseInt(params.split(';')[0]!, 10) : 0;
  if ((n >= 30 && n <= 39) || (n >= 90 && n <= 97)) {
    state.lastForegroundAdded = code;
    return;
  }
  if ((n >= 40 && n <= 49) || (n >= 100 && n <= 107)) {
    state.lastBackgroundAdded = code;
    return;
  }
  if (n === 0) {
    for (const k of Object.keys(state)) delete state[k];
    return;
  }
  const info = CODE_ATTR.get(code);
  if (info) state[info.set] = info.to;
}

function readState(line: string): SgrState {
  const re = /\u001b\[((?:\d*;){0,5}\d*)m/g;
  const state: SgrState = {};
  for (let m = re.exec(line); m !== null; m = re.exec(line)) updateState(state, m[0], m[1]);
  return state;
}

function unwindState(state: SgrState, line: string): string {
  const { lastBackgroundAdded: bg, lastForegroundAdded: fg } = state;
  delete state.lastBackgroundAdded;
  delete state.lastForegroundAdded;
  for (const k of Object.keys(state)) if (state[k]) line += ATTR_CODES[k]!.off;
  if (bg && bg !== '\u001b[49m') line += '\u001b[49m';
  if (fg && fg !== '\u001b[39m') line += '\u001b[39m';
  return line;
}

function rewindState(state: SgrState, line: string): string {
  const { lastBackgroundAdded: bg, lastForegroundAdded: fg } = state;
  delete state.lastBackgroundAdded;
  delete state.lastForegroundAdded;
  for (const k of Object.keys(state)) if (state[k]) line = ATTR_CODES[k]!.on + line;
  if (bg && bg !== '\u001b[49m') line = bg + line;
  if (fg && fg !== '\u001b[39m') line = fg + line;
  return line;
}

/** A cell's lines; colour codes are closed at each line's end and reopened on the next. */
function cellLines(content: string): string[] {
  const lines = content.split('\n');
  if (!content.includes('\u001b')) return lines;
  let state: SgrState = {};
  return lines.map((l) => {
    const line = rewindState(state, l);
    state = readState(line);
    return unwindState({ ...state }, line);
  });
}

function padTo(s: string, width: number, len: number, align: Align | undefined): string {
  const n = len - width;
  if (n <= 0) return s;
  if (align === 'right') return ' '.repeat(n) + s;
  if (align === 'center') {
    const right = Math.ceil(n / 2);
    return ' '.repeat(n - right) + s + ' '.repeat(right);
  }
  return s + ' '.repeat(n);
}

/**
 * `head` and `rows` as a box-drawn table (lines joined by `\n`, no final newline). Rows shorter
 * than the widest are filled with empty cells.
 */
export function boxTable(head: readonly string[], rows: readonly (readonly string[])[], o: BoxTableOptions = {}): string {
  return [...boxLines(head, rows, o)].join('\n');
}

/**
 * {@link boxTable}'s lines, made one at a time once the column widths are known (none for an
 * empty table): a grouped report's table may be more text than one string holds, and all its
 * lines kept at once cost as much again as its cells.
 */
export function* boxLines(head: readonly string[], rows: readonly (readonly string[])[], o: BoxTableOptions = {}): Generator<string> {
  const ch: BoxChars = { ...DEFAULT_CHARS, ...o.chars };
  const aligns = o.aligns ?? [];
  const all = head.length ? [head, ...rows] : rows;
  let ncols = 0;
  for (const r of all) ncols = Math.max(ncols, r.length);
  if (all.length === 0 || ncols === 0) return;
  // inner width per column (padding excluded); each cell's width computed once, kept in one array
  const inner = new Array<number>(ncols).fill(0);
  const widths = new Int32Array(all.length * ncols);
  all.forEach((r, y) => {
    for (let x = 0; x < r.length; x++) {
      const w = textWidth(r[x]!);
      widths[y * ncols + x] = w;
      if (w > inner[x]!) inner[x] = w;
    }
  });
  const rule = (l: string, m: string, r: string, fill: string): string => {
    let s = l;
    for (let x = 0; x < ncols; x++) s += (x ? m : '') + fill.repeat(inner[x]! + 2);
    return s + r;
  };
  // a rule drawn with empty characters is no line at all (inspect's table has no separators)
  const separator = rule(ch.leftMid, ch.midMid, ch.rightMid, ch.mid);
  const top = rule(ch.topLeft, ch.topMid, ch.topRight, ch.top);
  if (top !== '') yield top;
  for (let y = 0; y < all.length; y++) {
    const r = all[y]!;
    if (y > 0 && separator !== '' && (!o.compact || (y === 1 && head.length))) yield separator;
    if (!r.some((c) => c.includes('\n') || c.includes('\u001b'))) {
      // one line, no colour state to carry: the common row, drawn from the widths above
      // joined, not `+=`: a line built by appending is a rope of dozens of pieces until printed,
      // and a table of 400,000 lines held them all (1.8 GB for a 48 MB table)
      const parts: string[] = [];
      for (let x = 0; x < ncols; x++) {
        parts.push(x ? ch.middle : ch.left);
        parts.push(x < r.length ? ' ' + padTo(r[x]!, widths[y * ncols + x]!, inner[x]!, aligns[x]) + ' ' : ' '.repeat(inner[x]! + 2));
      }
      parts.push(ch.right);
      yield parts.join('');
      continue;
    }
    const lines = r.map((c) => cellLines(c));
    let height = 1;
    for (const l of lines) height = Math.max(height, l.length);
    for (let k = 0; k < height; k++) {
      let s = '';
      for (let x = 0; x < ncols; x++) {
        s += x ? ch.middle : ch.left;
        const line = lines[x]?.[k];
        s += line === undefined ? ' '.repeat(inner[x]! + 2) : ' ' + padTo(line, textWidth(line), inner[x]!, aligns[x]) + ' ';
      }
      yield s + ch.right;
    }
  }
  const bottom = rule(ch.bottomLeft, ch.bottomMid, ch.bottomRight, ch.bottom);
  if (bottom !== '') yield bottom;
}
