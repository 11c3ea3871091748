/**
 * `--rejects FILE` (SPEC-DECISIONS #27): one CSV (or JSON by extension) of every rejected source
 * row with its reason and original text, always written (header only when nothing was rejected).
 */
import type { RejectRow } from './stats.js';
import type { InputSpec } from './inputs.js';
import { collectingEvery } from './collect-garbage.js';
import { writeOutput } from './write-output.js';
import { itemsText } from '../render/json.js';

const HEAD = ['file', 'sheet', 'line', 'kind', 'code', 'column', 'value', 'reason', 'raw'] as const;

/** RFC 4180 cell, with formula neutralization for text (SPEC-DECISIONS #48). */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** Rejected rows per piece of {@link renderRejects}. */
const ROWS_PER_PIECE = 2000;

/**
 * The `--rejects` file in pieces: the CSV (header, then rows), or with `json` the text of
 * `JSON.stringify(rows, null, 2)`. A log with every row rejected makes hundreds of MB, more than
 * one JavaScript string may hold, so the rows are written a few thousand at a time.
 */
export function* renderRejects(rows: readonly RejectRow[], json: boolean): Generator<string> {
  if (json) {
    if (rows.length === 0) {
      yield '[]\n';
      return;
    }
    for (let k = 0; k < rows.length; k += ROWS_PER_PIECE) yield (k === 0 ? '[\n' : ',\n') + itemsText(rows.slice(k, k + ROWS_PER_PIECE), 0);
    yield '\n]\n';
    return;
  }
  yield HEAD.join(',') + '\n';
  for (let k = 0; k < rows.length; k += ROWS_PER_PIECE) {
    const lines: string[] = [];
    for (const r of rows.slice(k, k + ROWS_PER_PIECE)) lines.push(HEAD.map((h) => csvCell(r[h] as string | number | null)).join(','));
    yield lines.join('\n') + '\n';
  }
}

/** Write the `--rejects` file (SPEC-DECISIONS #27): always, atomically, never over an input. */
export async function writeRejects(file: string, rows: readonly RejectRow[], inputs: readonly InputSpec[]): Promise<void> {
  await writeOutput(file, collectingEvery(renderRejects(rows, /\.json$/i.test(file))), inputs);
}
