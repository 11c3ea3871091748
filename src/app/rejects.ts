/**
 * `--rejects FILE` (SPEC-DECISIONS #27): one CSV (or JSON by extension) of every rejected source
 * row with its reason and original text, always written (header only when nothing was rejected).
 */
import type { RejectRow } from './stats.js';

const HEAD = ['file', 'sheet', 'line', 'kind', 'code', 'column', 'value', 'reason', 'raw'] as const;

/** RFC 4180 cell, with formula neutralization for text (SPEC-DECISIONS #48). */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export function renderRejects(rows: readonly RejectRow[], json: boolean): string {
  if (json) return JSON.stringify(rows, null, 2) + '\n';
  const lines = [HEAD.join(',')];
  for (const r of rows) lines.push(HEAD.map((k) => csvCell(r[k] as string | number | null)).join(','));
  return lines.join('\n') + '\n';
}
