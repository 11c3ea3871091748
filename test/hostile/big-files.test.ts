/**
 * Big hostile inputs, generated at test time (never committed), each run through `inspect` and
 * `report` in a process capped at 256 MB of heap: the documented exit code, the file and line
 * named, no stack trace, within seconds. A V8 heap overflow would be a crash (exit 134), not an
 * exit code, so passing here means memory stayed bounded.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspectJsonSchema, reportJsonSchema } from '../../src/report/json-schema.js';
import { BASE, expectJson, expectRefusal, run } from './support/run.js';
import { BOMBS, longLine, noLineBreak, tenThousandColumns, unclosedQuoteLarge, zipBomb, type BombName } from './support/big-files.js';

const HEAP = 256;
/** Wall-clock budget per run; generous for a loaded CI machine, far below a hang. */
const BUDGET_MS = 15_000;
let dir = '';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kpi-hostile-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const opts = { heapMb: HEAP, timeoutMs: 30_000 };

describe('records that never end are refused, not buffered', () => {
  it.each([
    ['a 50 MB line', longLine, 2],
    ['50 MB without a line break', noLineBreak, 1],
  ] as const)('%s: exit 3 file_unreadable at its line, in bounded memory', (_what, make, line) => {
    const file = make(dir);
    expect(statSync(file).size).toBeGreaterThanOrEqual(50_000_000);
    for (const cmd of ['inspect', 'report']) {
      const r = run([cmd, file, ...BASE, '-O', 'json'], opts);
      expectRefusal(r, 3, file, line);
      expect(r.stderr).toContain(`error[file_unreadable] the record starting here runs past 8 Mi characters`);
      expect(r.stderr).toMatch(/\n {2}hint: /);
      expect(r.ms).toBeLessThan(BUDGET_MS);
    }
  }, 60_000);
});

describe('large files that are read', () => {
  it('an unclosed quote at the start of 150,000 rows: one warning at line 2, every row read', () => {
    const file = unclosedQuoteLarge(dir);
    const r = run(['report', file, ...BASE, '-O', 'json'], opts);
    const doc = reportJsonSchema.parse(expectJson(r));
    expect(doc.meta.inputs[0]).toMatchObject({ rows_read: 150_000, rows_used: 150_000, rows_rejected: 0 });
    const unclosed = doc.issues.filter((i) => i.code === 'unclosed_quote');
    expect(unclosed.map((i) => [i.line, i.value])).toEqual([[2, '"ООО Ромашка']]);
    expect(r.stderr).toContain(`${file}:2: warning[unclosed_quote]`);
    expect(r.ms).toBeLessThan(BUDGET_MS);

    const ins = run(['inspect', file, ...BASE, '-O', 'json'], opts);
    const idoc = inspectJsonSchema.parse(expectJson(ins));
    expect([idoc.files[0]!.rows, idoc.files[0]!.rejected]).toEqual([150_000, 0]);
    expect(ins.ms).toBeLessThan(BUDGET_MS);
  }, 60_000);

  it('10,000 columns: the three known ones are mapped, the rest ignored', () => {
    const file = tenThousandColumns(dir);
    const ins = run(['inspect', file, ...BASE, '-O', 'json'], opts);
    const f = inspectJsonSchema.parse(expectJson(ins)).files[0]!;
    expect(f.columns).toHaveLength(10_000);
    expect(f.columns.filter((c) => c.field !== null).map((c) => c.field)).toEqual(['id', 'created_at', 'channel']);
    expect([f.rows, f.records, f.rejected]).toEqual([200, 200, 0]);
    const r = run(['report', file, ...BASE, '-O', 'json'], opts);
    const doc = reportJsonSchema.parse(expectJson(r));
    expect(doc.meta.records.leads).toBe(200);
    expect(Math.max(ins.ms, r.ms)).toBeLessThan(BUDGET_MS);
  }, 60_000);
});

describe('XLSX zip bombs: refused past a documented limit, in bounded memory and time', () => {
  const WHY: Record<BombName, RegExp> = {
    'bomb-empty-elements.xlsx': /it inflates to more than 100 times its compressed size \(a zip bomb\?\)/,
    'bomb-open-row.xlsx': /row 1 runs past 16 MiB of XML text without ending/,
    'bomb-rows.xlsx': /row 1048577 is past Excel's last row, 1048576/,
    'bomb-shared-strings.xlsx': /it holds more than 4194304 shared strings/,
  };
  it.each(Object.keys(BOMBS) as BombName[])('%s', (name) => {
    const file = zipBomb(dir, name);
    expect(statSync(file).size).toBeLessThan(12_000_000);
    for (const cmd of ['inspect', 'report']) {
      const r = run([cmd, file, ...BASE, '-O', 'json'], opts);
      expectRefusal(r, 3, file);
      expect(r.stderr).toContain(`refusing to read XLSX part ${BOMBS[name].part}: `);
      expect(r.stderr).toMatch(WHY[name]);
      expect(r.ms).toBeLessThan(BUDGET_MS);
    }
  }, 60_000);

  it('a sheet declaring 2 GiB is refused before anything is inflated', () => {
    const file = 'fixtures/hostile/codes/xlsx_too_large.xlsx';
    const r = run(['report', file, ...BASE], opts);
    expectRefusal(r, 3, file);
    expect(r.stderr).toContain('it declares an inflated size over the 1 GiB limit');
    expect(r.ms).toBeLessThan(5_000);
  });
});
