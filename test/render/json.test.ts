/**
 * `-O json` written in pieces (src/render/json.ts): the pieces join to exactly
 * `JSON.stringify(document, null, 2)`, however many issues — none, one, a chunk's worth and more —
 * and whatever their text.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fillArrays, jsonPieces, jsonWithIssues, renderJson, renderJsonChunks, reportRows } from '../../src/render/json.js';
import { issueToJson } from '../../src/report/issue-json.js';
import type { Issue } from '../../src/errors/issue.js';
import { sampleReport } from './factories.js';

function issue(k: number, value: string | null): Issue {
  return { severity: k % 3 === 0 ? 'error' : 'warning', code: k % 2 ? 'bad_date' : 'phone_invalid', file: 'Master.csv', sheet: null, line: k + 2, column: 'src', columnIndex: 2, value, expected: 'a date', hint: null, message: `column "src" (2): found ${JSON.stringify(value)}, expected a date` };
}

function whole(r: ReturnType<typeof sampleReport>): string {
  return JSON.stringify({ schema: 'kpi-report/1', meta: r.meta, rows: reportRows(r), issues: r.issues.map(issueToJson) }, null, 2) + '\n';
}

describe('renderJsonChunks', () => {
  it.each([0, 1, 2000, 2001, 4500])('%d issues: the pieces are the whole document', (n) => {
    const r = { ...sampleReport(), issues: Array.from({ length: n }, (_, k) => issue(k, `v${k}`)) };
    const pieces = [...renderJsonChunks(r)];
    expect(pieces.join('')).toBe(whole(r));
    expect(renderJson(r)).toBe(whole(r));
    // the rows and then the issues, each a piece before its first batch and a piece per 2,000
    const rows = reportRows(r).length;
    expect(rows).toBeGreaterThan(0);
    expect(pieces.length).toBe(1 + (1 + Math.ceil(rows / 2000)) + (n === 0 ? 0 : 1 + Math.ceil(n / 2000)));
    expect(JSON.parse(pieces.join('')).issues).toHaveLength(n);
  });

  it('any issue text, line breaks and quotes included, survives the re-indenting', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ maxLength: 30 })), { minLength: 1, maxLength: 20 }), (values) => {
        const r = { ...sampleReport(), issues: values.map((v, k) => issue(k, v)) };
        expect(renderJson(r)).toBe(whole(r));
      }),
    );
  });
});

describe('jsonWithIssues (check, list and cohorts documents)', () => {
  it.each([0, 1, 2001])('%d issues after any other keys: the pieces are the whole document', (n) => {
    const doc = { schema: 'kpi-check/1', meta: { today: '2026-01-15', inputs: [{ file: 'a.csv' }] }, results: [{ target: 't', status: 'missed' }], health: [] };
    const issues = Array.from({ length: n }, (_, k) => issue(k, k % 7 ? `v"${k}\n` : null));
    const pieces = [...jsonWithIssues(doc, issues)];
    expect(pieces.join('')).toBe(JSON.stringify({ ...doc, issues: issues.map(issueToJson) }, null, 2) + '\n');
    expect(pieces.length).toBe(n === 0 ? 1 : 2 + Math.ceil(n / 2000));
  });
});

describe('jsonPieces (a list: rows, then issues)', () => {
  it.each([[0, 0], [3, 0], [0, 3], [2001, 1], [4500, 2500]])('%d rows and %d issues: the pieces are the whole document', (nRows, nIssues) => {
    const head = { schema: 'kpi-list/1', meta: { list: 'missed-unreturned', note: 'a "rows": [] inside text', inputs: [{ file: 'calls.csv' }] } };
    const rows = Array.from({ length: nRows }, (_, k) => ({ phone: `+7912${k}`, missed_calls: k % 3, manager: k % 2 ? null : 'Анна "А"\n' }));
    const issues = Array.from({ length: nIssues }, (_, k) => issue(k, `v${k}`));
    const pieces = [...jsonPieces(head, [['rows', rows], ['issues', issues, issueToJson as (x: unknown) => unknown]])];
    expect(pieces.join('')).toBe(JSON.stringify({ ...head, rows, issues: issues.map(issueToJson) }, null, 2) + '\n');
    expect(pieces.length).toBe(1 + [nRows, nIssues].reduce((n, m) => n + (m > 0 ? 1 + Math.ceil(m / 2000) : 0), 0));
  });

  it.each([0, 1, 2000, 4001])('%d rows from a generator: the same document as from an array', (nRows) => {
    const head = { schema: 'kpi-report/1', meta: { a: 1 } };
    const rows = Array.from({ length: nRows }, (_, k) => ({ metric: 'leads', value: k }));
    function* each() {
      yield* rows;
    }
    const pieces = [...jsonPieces(head, [['rows', each()], ['issues', []]])];
    expect(pieces.join('')).toBe(JSON.stringify({ ...head, rows, issues: [] }, null, 2) + '\n');
    expect(pieces.length).toBe(nRows === 0 ? 1 : 2 + Math.ceil(nRows / 2000));
  });

  it('refuses an array key the document does not end with', () => {
    expect(() => [...jsonPieces({ a: 1 }, [['rows', [1]], ['a', [2]]])]).toThrow(/no "a" at depth 1/);
  });
});

describe('fillArrays (inspect: the issues of each file, nested)', () => {
  it.each([[0, 0], [1, 0], [2001, 3], [0, 4500]])('files with %d and %d issues: the pieces are the whole document', (n1, n2) => {
    const file = (name: string, n: number) => ({
      file: name,
      columns: [{ header: 'Дата', field: 'date', format: 'dd.MM.yyyy' }, { header: '"issues": []', field: null, format: null }],
      samples: [{ issues: [] as unknown[], note: 'a sample with its own "issues" key, deeper' }],
      issues: Array.from({ length: n }, (_, k) => issueToJson(issue(k, k % 4 ? `v${k}` : null))),
    });
    const doc = { schema: 'kpi-inspect/1', files: [file('a.csv', n1), file('b.csv', 0), file('c.csv', n2)] };
    const skeleton = JSON.stringify({ ...doc, files: doc.files.map((f) => ({ ...f, issues: [] })) }, null, 2);
    const pieces = [...fillArrays(skeleton, doc.files.map((f) => ({ depth: 3, key: 'issues', items: f.issues })))];
    expect(pieces.join('')).toBe(JSON.stringify(doc, null, 2) + '\n');
  });
});
