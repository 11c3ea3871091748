/**
 * Plain record tables (`kpi list`, `kpi check`, `kpi cohorts`): the same rows as a terminal
 * table, CSV/TSV (formula-neutralized), Markdown or JSON.
 */
import { boxTable } from './box-table.js';
import { neutralizeText } from './neutralize.js';
import { plainNumber } from './csv.js';
import { escapeMd } from './md.js';

export type Cell = string | number | boolean | null;
export type RowsFormat = 'table' | 'csv' | 'tsv' | 'md' | 'json';

function csvField(v: Cell, delim: string): string {
  if (v === null) return '';
  if (typeof v === 'number') return plainNumber(v);
  if (typeof v === 'boolean') return String(v);
  const s = neutralizeText(v);
  return s.includes(delim) || /["\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

function show(v: Cell): string {
  if (v === null) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 10_000) / 10_000); // enough digits that 0.7978 < 0.8 shows
  return String(v);
}

/** Render rows; `json` wraps them as `{schema, meta, rows}` by the caller's `wrap`. */
export function renderRows(columns: readonly string[], rows: readonly Record<string, Cell>[], format: Exclude<RowsFormat, 'json'>): string {
  if (format === 'csv' || format === 'tsv') {
    const d = format === 'csv' ? ',' : '\t';
    const lines = [columns.map((c) => csvField(c, d)).join(d)];
    for (const r of rows) lines.push(columns.map((c) => csvField(r[c] ?? null, d)).join(d));
    return lines.join('\n') + '\n';
  }
  if (format === 'md') {
    const lines = ['| ' + columns.map(escapeMd).join(' | ') + ' |', '|' + columns.map(() => ' --- |').join('')];
    for (const r of rows) lines.push('| ' + columns.map((c) => escapeMd(show(r[c] ?? null))).join(' | ') + ' |');
    return lines.join('\n') + '\n';
  }
  if (rows.length === 0) return '(no rows)\n';
  return boxTable(columns, rows.map((r) => columns.map((c) => show(r[c] ?? null))), { compact: true }) + '\n';
}
