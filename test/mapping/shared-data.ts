/**
 * Test helpers for the real exports in ../shared/data (never copied into the repo). When the
 * folder is missing the tests that need it are skipped with a visible notice — except on CI
 * (`CI=true`), where a missing folder fails the run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';

export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data', import.meta.url));
export const HAVE_SHARED = existsSync(SHARED_DATA);

/** Call at module level of a test file that reads shared data. */
export function requireSharedData(what: string): void {
  if (HAVE_SHARED) return;
  if (process.env.CI === 'true') {
    it(`shared data for ${what}`, () => {
      throw new Error(`${SHARED_DATA} is missing; CI must provide ../shared/data`);
    });
  } else {
    console.warn(`[kpi tests] ${SHARED_DATA} not found: skipping ${what}`);
  }
}

/** Minimal RFC 4180 record splitter for the test inputs (quotes, doubled quotes, CRLF). */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** The first record of a shared CSV (its header row, or first data row when headerless). */
export function firstRecord(relPath: string): string[] {
  const text = readFileSync(`${SHARED_DATA}/${relPath}`, 'utf8');
  let quoted = false;
  let end = text.length;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (!quoted && (text[i] === '\n' || text[i] === '\r')) { end = i; break; }
  }
  return parseCsv(text.slice(0, end))[0] ?? [];
}

/** Every record of a shared CSV. */
export function allRecords(relPath: string): string[][] {
  return parseCsv(readFileSync(`${SHARED_DATA}/${relPath}`, 'utf8'));
}
