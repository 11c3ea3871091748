/**
 * Nothing is lost: over generated messy exports (bad dates, blank rows, totals, duplicate ids,
 * ragged rows, quotes, Cyrillic, several encodings and delimiters), every file's rows read =
 * rows used + rows rejected, and rows read = the data rows written.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { loadInputs } from '../../src/app/load.js';
import { compileSettings } from '../../src/app/context.js';
import { defaultConfig } from '../../src/config/load.js';
import { tempDir } from '../helpers/cli.js';

const settings = compileSettings(defaultConfig(), 'UTC', 20_000);

const goodDate = fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2020, max: 2025 }), fc.integer({ min: 0, max: 23 }))
  .map(([d, m, y, h]) => `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y} ${String(h).padStart(2, '0')}:15`);
const badDate = fc.constantFrom('31.02.2024', 'вчера', '2024-13-01', '99.99.9999', 'N/A', '');
const text = fc.string({ unit: fc.constantFrom('а', 'б', 'Ж', 'x', ' ', '"', ';', ',', '\n', 'é', '1'), maxLength: 12 });
const amount = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }).map((c) => `${Math.floor(c / 100)},${String(c % 100).padStart(2, '0')}`), fc.constantFrom('', 'abc', '1e309', '-'));

type Line = { kind: 'row'; cells: string[] } | { kind: 'blank' } | { kind: 'total' };
const row = fc.record({
  id: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 40 }).map(String)),
  date: fc.oneof({ weight: 4, arbitrary: goodDate }, { weight: 1, arbitrary: badDate }),
  source: text,
  manager: text,
  company: text,
  status: fc.constantFrom('Новая', 'В работе', 'Сделка успешна', '', 'NA'),
  amount,
  extra: fc.boolean(),
}).map((r): Line => ({ kind: 'row', cells: [r.id, r.date, r.source, r.manager, r.company, r.status, r.amount, ...(r.extra ? ['лишнее'] : [])] }));
const line = fc.oneof({ weight: 10, arbitrary: row }, { weight: 1, arbitrary: fc.constant<Line>({ kind: 'blank' }) }, { weight: 1, arbitrary: fc.constant<Line>({ kind: 'total' }) });

function quote(c: string, d: string): string {
  return /["\r\n]/.test(c) || c.includes(d) ? '"' + c.replace(/"/g, '""') + '"' : c;
}

describe('read = used + rejected, for any messy lead export', () => {
  it('holds per file, and read counts every data row', async () => {
    const runs = Number(process.env.FUZZ_RUNS ?? 60);
    let checked = 0;
    const refusals: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 0, maxLength: 60 }), fc.constantFrom(';', ',', '\t'), fc.constantFrom('utf-8', 'windows-1251', 'utf-16le'), fc.boolean(), async (lines, delim, enc, title) => {
        const out: string[] = [];
        if (title) out.push('Отчёт по лидам за период', '');
        out.push(['ID', 'Дата создания', 'Источник', 'Ответственный', 'Компания', 'Стадия', 'Сумма'].join(delim));
        let dataRows = 0;
        for (const l of lines) {
          if (l.kind === 'blank') out.push('');
          else if (l.kind === 'total') {
            out.push(['Итого', '', '', '', '', '', '100,00'].join(delim));
            dataRows++;
          } else {
            const cells = l.cells;
            if (cells.every((c) => c.trim() === '')) continue;
            out.push(cells.map((c) => quote(c, delim)).join(delim));
            dataRows++;
          }
        }
        const body = out.join('\r\n') + '\r\n';
        const bytes = enc === 'utf-16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(body, 'utf-16le')]) : iconv.encode(body, enc);
        const dir = tempDir();
        const file = path.join(dir, 'leads.csv');
        writeFileSync(file, bytes);
        const res = await loadInputs([{ path: file, display: 'leads.csv', kind: 'leads', source: null }], settings, { keepRaw: true, lenient: true });
        const f = res.files[0]!;
        if (f.problems.length) {
          refusals.push(f.problems.map((p) => p.code).join(','));
          return; // a file-level refusal (e.g. an ambiguous tiny file) loses no row: the run stops
        }
        checked++;
        const s = f.stats;
        expect(s.rows_read).toBe(s.rows_used + s.rows_rejected);
        expect(s.rows_read).toBe(dataRows);
        expect(res.rejects.length).toBe(s.rows_rejected);
        // records: unique ids plus rows without id, never more than rows used
        expect(res.leads.length).toBeLessThanOrEqual(s.rows_used);
      }),
      { numRuns: runs },
    );
    // the property must actually be exercised, not skipped by refusals
    expect(checked, refusals.join(' ')).toBeGreaterThan(runs * 0.7);
  });
});
