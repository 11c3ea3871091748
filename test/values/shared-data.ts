/**
 * Access to the real exports in ../shared/data for the value-parser tests (never copied into the
 * repo). When the folder is missing the tests skip with a visible notice — except on CI, where
 * a missing folder must fail rather than pass silently.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

/** True when the shared data can be read; warns (or throws on CI) when it cannot. */
export function sharedDataAvailable(): boolean {
  if (existsSync(SHARED_DATA)) return true;
  if (process.env.CI === 'true') throw new Error(`shared export samples missing: ${SHARED_DATA}`);
  console.warn(`[test/values] skipping real-export tests: ${SHARED_DATA} not found`);
  return false;
}

/**
 * A minimal RFC 4180 reader for UTF-8 test files: quoted fields, doubled quotes, CRLF. Enough
 * for the samples; the product's reader lives in src/ingest.
 */
export function readCsv(relPath: string): string[][] {
  const text = readFileSync(SHARED_DATA + relPath, 'utf8').replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((r) => r.some((f) => f !== ''));
}

/** The values of one column by header name (header = first row). */
export function column(rows: string[][], header: string): string[] {
  const idx = rows[0]?.indexOf(header) ?? -1;
  if (idx < 0) throw new Error(`no column "${header}"`);
  return rows.slice(1).map((r) => r[idx] ?? '');
}
