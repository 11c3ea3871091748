/** `kpi inspect` as text: one block per file, what was detected and what went wrong. */
import { boxTable } from './box-table.js';
import type { InspectDoc, InspectFile } from '../report/inspect-model.js';

const SHOW_DELIM: Record<string, string> = { ',': '","', ';': '";"', '\t': 'tab', '|': '"|"' };

function block(f: InspectFile): string {
  const lines: string[] = [];
  lines.push(f.file + (f.sheet ? ` [sheet ${f.sheet}]` : ''));
  const kindLine = f.kind
    ? `${f.kind}${f.profile ? ` (headerless, profile ${f.profile})` : ''}${f.kind_scores.length ? `  scores: ${f.kind_scores.map((s) => `${s.kind} ${s.score}`).join(', ')}` : ''}`
    : 'unknown';
  lines.push(`  kind       ${kindLine}`);
  const fmt = f.format === 'csv' ? `csv, ${f.encoding ?? '?'}, delimiter ${SHOW_DELIM[f.delimiter ?? ''] ?? JSON.stringify(f.delimiter)}`
    : f.format === 'html' ? `html, ${f.encoding ?? '?'}`
    : `xlsx, sheets: ${f.sheets.join(', ')}`;
  lines.push(`  format     ${fmt}`);
  // an XLSX sheet row, the row of an HTML table, the physical line of a CSV file
  lines.push(`  header     ${f.header_row === null ? 'none' : `${f.format === 'csv' ? 'line' : 'row'} ${f.header_row}`}`);
  lines.push(`  rows       ${f.rows} read: ${f.records} records, ${f.merged} merged, ${f.rejected} rejected${f.held > 0 ? `, ${f.held} held back by the file's error below` : ''}; ${f.blank} blank skipped; ${f.void} void; ${f.warnings} warnings`);
  if (f.columns.length) {
    const rows = f.columns.map((c) => [String(c.index), c.header, c.field ?? '', c.format ?? '']);
    const t = boxTable(['#', 'header', 'field', 'format'], rows, { chars: { mid: '', leftMid: '', midMid: '', rightMid: '' } });
    lines.push(t.split('\n').map((l) => '  ' + l).join('\n'));
  }
  if (f.samples.length) {
    lines.push('  sample records');
    for (const s of f.samples) lines.push('    ' + JSON.stringify(s));
  }
  if (f.issues.length) {
    lines.push(`  issues (${f.issues.length})`);
    const byCode = new Map<string, number>();
    for (const i of f.issues) {
      const n = byCode.get(i.code) ?? 0;
      byCode.set(i.code, n + 1);
      if (n < 5) lines.push(`    ${i.line !== null ? `line ${i.line}: ` : ''}${i.severity}[${i.code}] ${i.message}${i.hint ? `; hint: ${i.hint}` : ''}`);
    }
    for (const [code, n] of byCode) if (n > 5) lines.push(`    …and ${n - 5} more ${code}`);
  }
  return lines.join('\n');
}

export function renderInspectTable(doc: InspectDoc): string {
  return doc.files.map(block).join('\n\n') + '\n';
}
