/**
 * A merge conflict's issue is a small object whose message is put together when read (a column
 * of one repeated id raises one per field per row): every field of it must still reach the JSON,
 * the stderr summary, and — as a plain object — another thread.
 */
import { describe, expect, it } from 'vitest';
import { kpi, tempDir } from '../helpers/cli.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainIssue } from '../../src/records/normalize/context.js';
import type { Issue } from '../../src/errors/issue.js';

const base = ['--no-config', '--today', '2026-11-27', '-O', 'json'];

/** `kpi report --leads` on a lead list of `text`: the file's path and the run (exit 0 checked). */
function reportOn(text: string): { file: string; r: ReturnType<typeof kpi> } {
  const file = join(tempDir(), 'leads.csv');
  writeFileSync(file, text);
  const r = kpi(['report', '--leads', file, ...base]);
  expect(r.code, r.stderr).toBe(0);
  return { file, r };
}

describe('merge_conflict issues, and rejections a merge makes good', () => {
  it('carry every field to the JSON and stderr', () => {
    const { file, r } = reportOn('ID;Дата создания;Источник;Компания;Телефон\n7;05.03.2024 10:00;SEO;ООО Ромашка;+7 916 000-00-01\n7;06.03.2024 11:30;Директ;ООО Лютик;+7 916 000-00-02\n');
    const issues = (JSON.parse(r.stdout) as { issues: Record<string, unknown>[] }).issues.filter((i) => i.code === 'merge_conflict');
    expect(issues.map((i) => i.column).sort()).toEqual(['channel', 'client', 'created_at', 'phone']);
    const channel = issues.find((i) => i.column === 'channel');
    expect(channel).toEqual({
      severity: 'warning', code: 'merge_conflict', file, sheet: null, line: 3, column: 'channel', column_index: null,
      value: 'Директ', expected: null, hint: null,
      message: 'lead 7: channel "Директ" differs from "SEO" seen earlier; the first value is kept',
    });
    expect(issues.find((i) => i.column === 'created_at')?.message).toBe('lead 7: created_at "2024-03-06 11:30:00" differs from "2024-03-05 10:00:00" seen earlier; the first value is kept');
    expect(r.stderr).toContain(`${file}:3: warning[merge_conflict] lead 7: channel "Директ" differs from "SEO" seen earlier`);
  });

  it('a rejection another row of the id makes good becomes a warning with every field', () => {
    const { file, r } = reportOn('ID;Дата создания;Источник\n7;31.02.2024;SEO\n7;05.03.2024;SEO\n8;06.03.2024;Директ\n');
    const doc = JSON.parse(r.stdout) as { issues: Record<string, unknown>[]; meta: { inputs: Record<string, number>[] } };
    expect(doc.issues).toEqual([{
      severity: 'warning', code: 'bad_date', file, sheet: null, line: 2, column: 'Дата создания', column_index: 2,
      value: '31.02.2024', expected: 'a date (dd.MM.yyyy, yyyy-MM-dd, …)',
      hint: 'set `date_format:` for this source if the column uses another form',
      message: 'column "Дата создания" (2): found "31.02.2024", expected a date (dd.MM.yyyy, yyyy-MM-dd, …); another row with id 7 supplies it',
    }]);
    expect(doc.meta.inputs[0]).toMatchObject({ rows_read: 3, rows_used: 3, rows_rejected: 0, rows_merged: 1, warnings: 1 });
  });

  it('plainIssue makes any issue class an object of own fields (for postMessage)', () => {
    class Lazy implements Issue {
      severity = 'warning' as const;
      code = 'merge_conflict' as const;
      file = 'f.csv';
      sheet = null;
      line = 2;
      column = 'channel';
      columnIndex = null;
      value = 'x';
      expected = null;
      hint = null;
      get message(): string {
        return 'made when read';
      }
    }
    const plain = plainIssue(new Lazy());
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(structuredClone(plain)).toMatchObject({ code: 'merge_conflict', line: 2, message: 'made when read' });
    const already: Issue = { ...plain };
    expect(plainIssue(already)).toBe(already);
  });
});
