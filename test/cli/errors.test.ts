/**
 * Every error and warning code has a reproducer in fixtures/errors and a golden check of its
 * exit code, its position (FILE:LINE), its code and a hint — never a stack trace.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { kpi, tempDir } from '../helpers/cli.js';

const base = ['--no-config', '--today', '2026-11-27'];

// [fixture, extra args, code, line (null = file-level), severity]
const ROW_LEVEL: [string, string[], string, number, string][] = [
  ['bad_date.csv', [], 'bad_date', 3, 'error'],
  ['bad_amount.csv', [], 'bad_amount', 3, 'error'],
  ['missing_required.csv', [], 'missing_required', 3, 'error'],
  ['total_row.csv', [], 'total_row', 4, 'error'],
  ['call_direction_unknown.csv', [], 'call_direction_unknown', 3, 'error'],
  ['no_client.csv', [], 'no_client', 3, 'error'],
  ['unclosed_quote.csv', [], 'unclosed_quote', 2, 'warning'],
  ['duplicate_row.csv', [], 'duplicate_row', 3, 'warning'],
  ['merge_conflict.csv', [], 'merge_conflict', 3, 'warning'],
  ['repeated_header.csv', [], 'repeated_header', 3, 'info'],
  ['future_won_at.csv', [], 'future_won_at', 2, 'warning'],
  ['phone_invalid.csv', [], 'phone_invalid', 2, 'warning'],
];

describe('row-level codes: the row is rejected or warned about, the run goes on (exit 0)', () => {
  it.each(ROW_LEVEL)('%s → %s', (file, extra, code, line, severity) => {
    const r = kpi(['report', `fixtures/errors/${file}`, ...extra, ...base, '-O', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const issue = doc.issues.find((i: { code: string }) => i.code === code);
    expect(issue, JSON.stringify(doc.issues)).toBeTruthy();
    expect(issue.line).toBe(line);
    expect(issue.severity).toBe(severity);
    expect(issue.file).toBe(`fixtures/errors/${file}`);
    if (severity !== 'info') expect(r.stderr).toContain(`fixtures/errors/${file}:${line}: ${severity}[${code}]`);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    for (const input of doc.meta.inputs) expect(input.rows_read).toBe(input.rows_used + input.rows_rejected);
  });

  it('--strict turns rejections and warnings into exit 1, after printing the report', () => {
    const r = kpi(['report', 'fixtures/errors/bad_date.csv', ...base, '--strict', '-O', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).schema).toBe('kpi-report/1');
    expect(r.stderr).toContain('--strict');
  });

  it('--rejects writes every rejected row verbatim with its reason', () => {
    const dir = tempDir();
    const r = kpi(['report', `${process.cwd()}/fixtures/errors/total_row.csv`, ...base, '--rejects', 'rej.csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(`${dir}/rej.csv`, 'utf8');
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('file,sheet,line,kind,code,column,value,reason,raw');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',4,invoices,total_row,');
    expect(lines[1]).toContain('Итого;;;1 500,50');
  });

  it.each([
    ['check', []],
    ['list', ['lost-clients']],
    ['cohorts', []],
  ])('%s --rejects writes the file too (it used to be accepted and ignored)', (command, args) => {
    const dir = tempDir();
    const r = kpi([command, ...args, `${process.cwd()}/fixtures/errors/total_row.csv`, ...base, '-p', '2024', '--rejects', 'rej.json'], { cwd: dir });
    expect([0, 1], r.stderr).toContain(r.code);
    const rows = JSON.parse(readFileSync(`${dir}/rej.json`, 'utf8')) as { line: number; code: string; raw: string }[];
    expect(rows.map((x) => [x.line, x.code])).toEqual([[4, 'total_row']]);
    expect(rows[0]!.raw).toContain('Итого;;;1 500,50');
  });
});

// file-level: exit 3 before any output
const FILE_LEVEL: [string, string[], RegExp][] = [
  ['kind_unknown.csv', [], /error\[kind_unknown\].*hint: name the kind/s],
  ['column_missing_calls.csv', ['--calls'], /error\[column_missing\].*started_at/s],
  ['date_ambiguous.csv', [], /error\[date_ambiguous\].*date_format/s],
  ['decimal_ambiguous.csv', [], /error\[decimal_ambiguous\].*decimal_mark/s],
  ['delimiter_ambiguous.csv', [], /delimiter_ambiguous.*hint: declare it: delimiter/s],
  ['format_unsupported.csv', [], /unsupported format: this is a PDF document.*hint/s],
  ['direction_undecidable.csv', [], /error\[direction_undecidable\].*internal_numbers/s],
];

describe('file-level problems: exit 3, nothing on stdout, the file and a hint on stderr', () => {
  it.each(FILE_LEVEL)('%s', (file, pre, re) => {
    const path = `fixtures/errors/${file}`;
    const r = kpi(['report', ...pre, path, ...base, '-O', 'json']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(path);
    expect(r.stderr).toMatch(re);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('inspect reports the same problems as issues and exits 0', () => {
    const r = kpi(['inspect', 'fixtures/errors/kind_unknown.csv', 'fixtures/errors/date_ambiguous.csv', ...base, '-O', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.files.map((f: { issues: { code: string }[] }) => f.issues.map((i) => i.code))).toEqual([['kind_unknown'], ['date_ambiguous']]);
    // no row lost: the rows of both files are held back by their file's error
    expect(doc.files.map((f: { rows: number; records: number; rejected: number; held: number }) => [f.rows, f.records, f.rejected, f.held])).toEqual([
      [doc.files[0].rows, 0, 0, doc.files[0].rows],
      [3, 0, 0, 3],
    ]);
    expect(doc.files[0].rows).toBeGreaterThan(0);
    const text = kpi(['inspect', 'fixtures/errors/date_ambiguous.csv', ...base]);
    expect(text.stdout).toContain("3 read: 0 records, 0 merged, 0 rejected, 3 held back by the file's error below;");
  });

  it.each([
    [['report', 'no-such-file.csv'], 3, /no-such-file.csv: no such file/],
    [['report', 'nothing-*.csv'], 3, /no file matches/],
    [['report'], 2, /no input files/],
    [['report', 'fixtures/errors/bad_date.csv', '-p', '2026-13'], 2, /invalid period/],
    [['report', 'fixtures/errors/bad_date.csv', '--today', 'yesterday'], 2, /today/],
    [['report', 'fixtures/errors/bad_date.csv', '-g', 'client'], 2, /client/],
    [['report', 'fixtures/errors/bad_date.csv', '-c', 'a.yaml', '-c', 'b.yaml'], 2, /more than once/],
    [['report', 'fixtures/errors/bad_date.csv', '-c', 'missing.yaml'], 2, /missing\.yaml/],
    [['frobnicate'], 2, /unknown command/],
  ] as [string[], number, RegExp][])('%j → exit %i', (args, code, re) => {
    const r = kpi([...args, ...(args.includes('--today') ? [] : ['--today', '2026-11-27'])]);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toMatch(re);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('checks across files and records', () => {
  it('the same invoice line in two files warns duplicate_across_files at the second, and both count', () => {
    const r = kpi(['report', 'fixtures/errors/duplicate_across_files-a.csv', 'fixtures/errors/duplicate_across_files-b.csv', ...base, '-O', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const dup = doc.issues.filter((i: { code: string }) => i.code === 'duplicate_across_files');
    expect(dup).toHaveLength(1);
    expect([dup[0].file, dup[0].line]).toEqual(['fixtures/errors/duplicate_across_files-b.csv', 3]);
    expect(dup[0].message).toContain('duplicate_across_files-a.csv:2');
    expect(doc.meta.inputs.map((i: { rows_used: number }) => i.rows_used)).toEqual([2, 2]);
    // «Иванов» and «иванов» are two groups: said once
    const v = doc.issues.filter((i: { code: string }) => i.code === 'group_case_variant');
    expect(v).toHaveLength(1);
    expect(v[0].message).toMatch(/Иванов.*иванов|иванов.*Иванов/);
  });
});

describe('--lang ru: messages in Russian, codes and positions unchanged', () => {
  it('row-level and file-level messages', () => {
    const r = kpi(['report', 'fixtures/errors/bad_date.csv', ...base, '--lang', 'ru', '-O', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('fixtures/errors/bad_date.csv:3: ошибка[bad_date] столбец «Дата создания» (2): найдено «31.02.2024 11:00»');
    expect(r.stderr).toContain('подсказка:');
    // machine output keeps the English text
    expect(JSON.parse(r.stdout).issues[0].message).toMatch(/expected a date/);
    const f = kpi(['report', 'fixtures/errors/date_ambiguous.csv', ...base, '--lang', 'ru']);
    expect(f.code).toBe(3);
    expect(f.stderr).toMatch(/ошибка\[date_ambiguous\].*подсказка: укажите формат/);
  });
});

describe('a headerless file: messages name the column as its layout knows it', () => {
  const cdr = [
    '"","79257582523","110","from-trunk","79257582523","PJSIP/a-1","PJSIP/b-2","Dial","PJSIP/110,30","2025-03-03 10:00:00","2025-03-03 10:00:05","2025-03-03 10:01:00",60,55,"ANSWERED","DOCUMENTATION","1741000000.1",""',
    '"","101","+79250933203","from-internal","101","PJSIP/c-3","PJSIP/d-4","Dial","PJSIP/x,30","2025-03-03 11:00:00","","2025-03-03 11:00:30",30,0,"NO ANSWER","DOCUMENTATION","1741000000.2",""',
  ].join('\n') + '\n';

  it('an Asterisk CDR by its profile: src, not #2', () => {
    const dir = tempDir({ 'Master.csv': cdr, 'kpi.config.yaml': 'sources:\n  - kind: calls\n    files: Master.csv\n    profile: asterisk-cdr\n    header_row: none\ninternal_numbers: ["^9\\\\d\\\\d$"]\n' });
    const r = kpi(['report', '-p', '2025-03', '--today', '2025-04-01', '-O', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const issues = JSON.parse(r.stdout).issues as { code: string; column: string; message: string }[];
    expect(issues.map((i) => i.code)).toEqual(['call_direction_unknown', 'call_direction_unknown']);
    expect(issues[0]!.column).toBe('src');
    expect(r.stderr).toContain('Master.csv:1: error[call_direction_unknown] column "src" (2): found "79257582523 → 110"');
  });

  it('a columns: map by index: the field it names', () => {
    const text = 'x;05.03.2025;oops\ny;06.03.2025;12\n';
    const dir = tempDir({ 'inv.csv': text, 'kpi.config.yaml': 'sources:\n  - kind: invoices\n    files: inv.csv\n    header_row: none\n    columns: { client: 1, date: 2, amount: 3 }\n' });
    const r = kpi(['report', '-p', '2025-03', '--today', '2025-04-01', '-O', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('inv.csv:1: error[bad_amount] column "amount" (3): found "oops"');
  });
});
