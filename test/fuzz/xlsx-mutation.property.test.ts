/**
 * Damaged workbooks through the loader: random bytes of a good invoice workbook overwritten,
 * the file cut short, and — past the zip layer — its sheet and shared-string XML mangled (tags cut,
 * quotes and angle brackets inserted, cell references and row numbers garbled) then zipped again.
 * The only acceptable failure is a KpiError with exit 3 (unreadable input); a read that goes
 * through loses no row (read = used + rejected).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { loadInputs } from '../../src/app/load.js';
import { compileSettings } from '../../src/app/context.js';
import { defaultConfig } from '../../src/config/load.js';
import { KpiError } from '../../src/errors/kpi-error.js';
import { buildPackage, rezip, sharedStringsXml, stylesXml, worksheetXml } from '../ingest/xlsx/support/build-package.js';
import { fuzzRuns, fuzzSeed } from './support/runs.js';

const settings = compileSettings(defaultConfig(), 'UTC', 20_000);
let dir = '';
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kpi-fuzz-xlsx-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A good invoice workbook: shared strings, date cells, numbers, an inline string per row. */
function goodBook(): Uint8Array {
  const rows = ['<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>'];
  for (let r = 2; r <= 30; r++) {
    rows.push(`<row r="${r}"><c r="A${r}" s="1"><v>${45300 + r}</v></c><c r="B${r}"><v>${r}</v></c><c r="C${r}" t="s"><v>${4 + (r % 3)}</v></c><c r="D${r}"><v>${r * 101.25}</v></c></row>`);
  }
  const strings = ['Дата', 'Номер', 'Контрагент', 'Сумма', 'ООО Ромашка', 'АО &lt;Вектор&gt;', 'ИП Сидоров'].map((t) => `<t>${t}</t>`);
  return buildPackage({ sheets: [{ name: 'Продажи', xml: worksheetXml(rows.join('')) }], sharedStrings: sharedStringsXml(strings), styles: stylesXml([], [0, 14]) });
}

const GOOD = goodBook();
const PARTS = unzipSync(GOOD);

const byteDamage = fc.oneof(
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
    const b = new Uint8Array(GOOD);
    for (const [at, v] of flips) b[at % b.length] = v;
    return b;
  }),
  fc.integer({ min: 0, max: GOOD.length - 1 }).map((len) => GOOD.subarray(0, len)),
);

const XML_INSERTS = ['<', '>', '"', "'", '</row>', '<row>', '<c r="A1">', '<v>', '</c>', '&', '&#0;', '<!--', ']]>', 'r="0"', 'r="XFE99"', 't="s"', '<v>999999</v>', '\u0000'];
const xmlDamage = fc.tuple(
  fc.constantFrom('xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/workbook.xml', 'xl/styles.xml'),
  fc.array(fc.oneof(
    fc.record({ at: fc.nat(), insert: fc.constantFrom(...XML_INSERTS) }),
    fc.record({ at: fc.nat(), cut: fc.integer({ min: 1, max: 30 }) }),
  ), { minLength: 1, maxLength: 5 }),
).map(([part, edits]) => {
  let xml = strFromU8(PARTS[part]!);
  for (const e of edits) {
    const at = e.at % (xml.length + 1);
    xml = 'insert' in e ? xml.slice(0, at) + e.insert + xml.slice(at) : xml.slice(0, at) + xml.slice(at + e.cut);
  }
  return rezip({ ...PARTS, [part]: strToU8(xml) });
});

describe('damaged workbooks: read, or refused with exit 3, never a crash', () => {
  it('byte damage and XML damage', async () => {
    const outcome = { read: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(byteDamage, xmlDamage), fc.boolean(), async (bytes, lenient) => {
        const file = path.join(dir, `book-${++n}.xlsx`);
        writeFileSync(file, bytes);
        try {
          const res = await loadInputs([{ path: file, display: 'book.xlsx', kind: 'invoices', source: null }], settings, { keepRaw: true, lenient });
          outcome.read++;
          for (const f of res.files) if (f.problems.length === 0) expect(f.stats.rows_read).toBe(f.stats.rows_used + f.stats.rows_rejected);
          expect(res.rejects.length).toBe(res.files.reduce((a, f) => a + f.stats.rows_rejected, 0));
        } catch (e) {
          if (!(e instanceof KpiError)) throw e;
          outcome.refused++;
          expect(e.exitCode).toBe(3);
          expect(e.message).toMatch(/^book\.xlsx/);
        }
      }),
      { numRuns: fuzzRuns(1000), seed: fuzzSeed() },
    );
    expect(outcome.read, JSON.stringify(outcome)).toBeGreaterThan(0);
    expect(outcome.refused, JSON.stringify(outcome)).toBeGreaterThan(0);
  }, 120_000);
});
