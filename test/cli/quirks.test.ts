/**
 * Every reader quirk fixture through the whole pipeline (`kpi inspect`): the kind, the rows read
 * and what became of them. Reader-level details (cells, lines, encodings) are tested in
 * test/ingest; this pins what a user sees.
 */
import { describe, it, expect } from 'vitest';
import { kpi } from '../helpers/cli.js';

// [fixture, kind, rows, records, rejected, issue codes that must appear]
const CASES: [string, string | null, number, number, number, string[]][] = [
  ['csv/cp1251-bitrix-leads.csv', 'leads', 4, 4, 0, []],
  ['csv/utf8-bom.csv', 'leads', 4, 4, 0, []],
  ['csv/utf16le-bom.csv', 'leads', 4, 4, 0, []],
  ['csv/utf16le-nobom.csv', 'leads', 4, 4, 0, []],
  ['csv/utf16be-bom.csv', 'leads', 4, 4, 0, []],
  ['csv/utf16be-nobom.csv', 'leads', 4, 4, 0, []],
  ['csv/sep-line.csv', 'leads', 2, 2, 0, []],
  ['csv/delim-comma-hubspot.csv', 'leads', 4, 4, 0, []],
  ['csv/delim-semicolon-decimal-comma.csv', 'invoices', 4, 4, 0, []],
  ['csv/delim-tab.tsv', 'calls', 3, 3, 0, []],
  ['csv/invalid-utf8-byte.csv', 'leads', 5, 5, 0, []],
  ['csv/ragged.csv', 'leads', 5, 4, 1, ['missing_required']],
  ['csv/title-rows-and-total.csv', 'invoices', 4, 3, 1, ['total_row']],
  ['csv/freepbx-embedded-quotes.csv', 'calls', 3, 0, 0, ['direction_undecidable']],
  ['csv/asterisk-master-stock.csv', 'calls', 2, 0, 0, ['direction_undecidable']],
  ['csv/cr-only-excel-mac.csv', 'invoices', 3, 0, 0, ['date_ambiguous']],
  ['xlsx/pivot-merged.xlsx', null, 3, 0, 0, ['not_a_table']],
];

describe('quirk fixtures through inspect', () => {
  it.each(CASES)('%s', (file, kind, rows, records, rejected, codes) => {
    const r = kpi(['inspect', `fixtures/quirks/${file}`, '--no-config', '--today', '2026-11-27', '-O', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const f = JSON.parse(r.stdout).files[0];
    expect([f.kind, f.rows, f.records, f.rejected]).toEqual([kind, rows, records, rejected]);
    for (const c of codes) expect(f.issues.map((i: { code: string }) => i.code)).toContain(c);
  });

  it('refuses broken workbooks with exit 3 and a reason, never a stack trace', () => {
    for (const [file, re] of [
      ['xlsx/truncated.xlsx', /not a valid XLSX/],
      ['xlsx/corrupt-deflate.xlsx', /not a valid XLSX/],
      ['xlsx/bomb-declared.xlsx', /limit/],
      ['csv/delimiter-tie.csv', /delimiter_ambiguous/],
    ] as const) {
      const r = kpi(['inspect', `fixtures/quirks/${file}`, '--no-config']);
      expect(r.code, file).toBe(3);
      expect(r.stderr).toMatch(re);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('a CR-only Excel-for-Mac export reads once its day-first format is declared', () => {
    const r = kpi(['report', '--invoices', 'fixtures/quirks/csv/cr-only-excel-mac.csv', '--no-config', '--today', '2026-11-27', '-O', 'json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/date_format/);
  });
});
