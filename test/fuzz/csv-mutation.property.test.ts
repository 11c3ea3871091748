/**
 * Random and mutated CSV files through the loader (in-process, as `report` and `inspect` load
 * them): good exports with quotes shuffled in, delimiters swapped, line breaks and bytes inserted,
 * spans deleted, lines repeated, the text re-encoded (UTF-8 with or without BOM, windows-1251,
 * KOI8-R, UTF-16 either way) and truncated mid-character; plus pure noise. Invariants:
 * - the only exception is a KpiError (exit 2 or 3), never a crash;
 * - read = used + rejected for the file (inspect: unless it cannot be mapped), every rejected row is in `rejects`, every issue has a
 *   known code, the file's name and a line inside the file;
 * - inspect (lenient) reads what report reads, and counts the same rows.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { loadInputs, type LoadResult } from '../../src/app/load.js';
import { compileSettings } from '../../src/app/context.js';
import { defaultConfig } from '../../src/config/load.js';
import { KpiError } from '../../src/errors/kpi-error.js';
import { ISSUE_CODES } from '../../src/errors/issue.js';
import type { Kind } from '../../src/records/types.js';
import type { SourceConfig } from '../../src/app/config-types.js';
import { callsCsv, invoicesCsv, leadsCsv } from './support/exports.js';
import { fuzzRuns, fuzzSeed } from './support/runs.js';

const settings = compileSettings(defaultConfig(), 'UTC', 20_000);
let dir = '';
let n = 0;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kpi-fuzz-csv-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

type Mutation =
  | { op: 'insert'; at: number; s: string }
  | { op: 'delete'; at: number; len: number }
  | { op: 'dupLine'; at: number }
  | { op: 'swapDelimiter'; to: string };

const INSERTS = ['"', '""', '"\r\n', ';', ',', '\t', '|', '\r', '\n', '\r\n', '\u0000', '\ufffd', 'Итого;;;', '=1+1', '\ufeff', ' '];
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), s: fc.constantFrom(...INSERTS) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('dupLine' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('swapDelimiter' as const), to: fc.constantFrom(',', ';', '\t', '|') }) },
);

function mutate(text: string, ms: readonly Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = t.length ? m.op === 'swapDelimiter' ? 0 : (m as { at: number }).at % (t.length + 1) : 0;
    if (m.op === 'insert') t = t.slice(0, at) + m.s + t.slice(at);
    else if (m.op === 'delete') t = t.slice(0, at) + t.slice(at + m.len);
    else if (m.op === 'dupLine') {
      const s = t.lastIndexOf('\n', at - 1) + 1;
      const e = t.indexOf('\n', at);
      const line = t.slice(s, e < 0 ? t.length : e + 1);
      t = t.slice(0, s) + line + t.slice(s);
    } else t = t.replace(/[;,]/g, m.to);
  }
  return t;
}

const ENCODINGS = ['utf-8', 'utf-8-bom', 'windows-1251', 'koi8-r', 'utf-16le', 'utf-16le-bom', 'utf-16be'] as const;
function encode(text: string, enc: (typeof ENCODINGS)[number]): Buffer {
  if (enc === 'utf-8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
  if (enc === 'utf-16le-bom') return iconv.encode(text, 'utf-16le', { addBOM: true });
  return iconv.encode(text, enc);
}

interface Case {
  bytes: Buffer;
  /** The kind written, forced as a flag would (or null: detected from the headers). */
  kind: Kind | null;
  /** Declared in a config source (KOI8-R cannot be detected, only declared: SPEC §2). */
  encoding: string | null;
}

const exportOf = fc.oneof(
  leadsCsv.map((text) => ({ text, kind: 'leads' as Kind })),
  callsCsv.map((text) => ({ text, kind: 'calls' as Kind })),
  invoicesCsv.map((text) => ({ text, kind: 'invoices' as Kind })),
);

/** A case: a mutated good export (encoded, maybe cut mid-character), or plain noise. */
const cases: fc.Arbitrary<Case> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ exp: exportOf, ms: fc.array(mutation, { maxLength: 5 }), enc: fc.constantFrom(...ENCODINGS), cut: fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 99 }) }), force: fc.boolean() })
    .map(({ exp, ms, enc, cut, force }) => {
      const b = encode(mutate(exp.text, ms), enc);
      return { bytes: cut === null ? b : b.subarray(0, Math.floor((b.length * cut) / 100)), kind: force ? exp.kind : null, encoding: enc === 'koi8-r' ? 'koi8-r' : null };
    }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }).map((u) => ({ bytes: Buffer.from(u), kind: null, encoding: null })) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('"', ';', ',', '\n', '\r', 'a', '1', '.', ' ', 'Я'), maxLength: 200 }).map((t) => ({ bytes: Buffer.from(t), kind: 'leads' as Kind, encoding: null })) },
);

async function load(file: string, c: Case, lenient: boolean): Promise<LoadResult | KpiError> {
  const source: SourceConfig | null = c.encoding ? { kind: c.kind ?? 'leads', files: file, encoding: c.encoding } : null;
  try {
    return await loadInputs([{ path: file, display: path.basename(file), kind: c.kind, source }], settings, { keepRaw: true, lenient });
  } catch (e) {
    if (e instanceof KpiError) return e;
    throw e; // anything else is a crash: exit 70 for the user
  }
}

/** Problems found only once every row was read: a date or amount column still undecided. */
const END_PROBLEMS = new Set(['date_ambiguous', 'decimal_ambiguous']);

function checkLoad(res: LoadResult, display: string, lines: number): void {
  for (const f of res.files) {
    const s = f.stats;
    // nothing lost: a row read is used, rejected, or held back by the file's error (inspect)
    expect(s.rows_read).toBe(s.rows_used + s.rows_rejected + f.held);
    // inspect still counts the rows of a file it cannot map (no kind, ambiguous column…); none is used
    const atEnd = f.problems.length > 0 && f.problems.every((p) => END_PROBLEMS.has(p.code));
    if (f.problems.length === 0) expect(f.held).toBe(0);
    else if (!atEnd) expect([s.rows_used, s.rows_rejected, f.held]).toEqual([0, 0, s.rows_read]);
    // a column found undecided only at the end (report refuses the file, exit 3): inspect has used
    // the rows before it turned so, and holds the rows that waited
    else expect(f.held).toBeGreaterThan(0);
  }
  expect(res.rejects.length).toBe(res.files.reduce((a, f) => a + f.stats.rows_rejected, 0));
  for (const i of res.issues) {
    expect(Object.keys(ISSUE_CODES)).toContain(i.code);
    // every error says how to fix it (the bar: file, line, column, value, expectation and a hint)
    if (i.severity === 'error') expect(i.hint, `${i.code}: ${i.message}`).toBeTruthy();
    expect(i.file === display || i.file === '-').toBe(true);
    if (i.line !== null) expect(i.line >= 1 && i.line <= lines + 1, `${i.code} at line ${i.line} of ${lines}`).toBe(true);
  }
}

describe('mutated and random CSV never crash the loader, and lose no row', () => {
  it('report (strict) and inspect (lenient) loads', async () => {
    const outcome = { read: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const file = path.join(dir, `case-${++n}.csv`);
        writeFileSync(file, c.bytes);
        const lines = c.bytes.toString('latin1').split(/\r\n|\r|\n/).length;
        const strict = await load(file, c, false);
        const lenient = await load(file, c, true);
        if (strict instanceof KpiError) {
          outcome.refused++;
          expect([2, 3]).toContain(strict.exitCode);
          expect(strict.message.length).toBeGreaterThan(0);
        } else {
          outcome.read++;
          checkLoad(strict, path.basename(file), lines);
        }
        if (lenient instanceof KpiError) {
          // inspect refuses only what cannot be read at all (SPEC-DECISIONS #34): report refuses it too
          expect(strict).toBeInstanceOf(KpiError);
          expect(lenient.exitCode).toBe(3);
        } else {
          checkLoad(lenient, path.basename(file), lines);
          if (!(strict instanceof KpiError)) expect(lenient.files[0]!.stats).toEqual(strict.files[0]!.stats);
        }
      }),
      { numRuns: fuzzRuns(1500), seed: fuzzSeed() },
    );
    // the property is about reading: most mutated exports must still be read, not refused
    expect(outcome.read, JSON.stringify(outcome)).toBeGreaterThan((outcome.read + outcome.refused) * 0.5);
  }, 120_000);
});

describe('a column found undecided only at the end of the file', () => {
  it('report refuses the file; inspect holds the row that waited (a counterexample the fuzzer found)', async () => {
    const text = '\r\n"Дата|Номер|Контрагент|Менеджер|Сегмент|Сумма|Себестоимость|Статус\r\n01.01.2024||ООО Ромашка|Иванов|Опт|10000|00|10000|00|Отменен\r\n'
      + '01.01.2024|1|a|b|а|"  padded  "|10000|00||Проведен\r\n01.01.2024|10|ООО Ромашка|@SUM(A1:A9)|@SUM(A1:A9)|10000|00|10000|00|\r\n'
      + '01.01.2024|1|"  padded  "|ааа|Опт|1,000|00|1000|00|\r\n';
    const file = path.join(dir, 'end-undecided.csv');
    writeFileSync(file, text);
    const c: Case = { bytes: Buffer.from(text), kind: null, encoding: null };
    const strict = await load(file, c, false);
    expect(strict).toBeInstanceOf(KpiError);
    expect((strict as KpiError).issue?.code).toBe('decimal_ambiguous');
    const lenient = await load(file, c, true);
    expect(lenient).not.toBeInstanceOf(KpiError);
    const f = (lenient as LoadResult).files[0]!;
    expect(f.problems.map((p) => p.code)).toEqual(['decimal_ambiguous']);
    expect(f.stats.rows_read).toBe(4);
    expect([f.stats.rows_used, f.stats.rows_rejected, f.held]).toEqual([2, 1, 1]); // the last row waited for the mark
    checkLoad(lenient as LoadResult, 'end-undecided.csv', 7);
  });
});
