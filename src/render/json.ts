/**
 * `-O json` (SPEC §5 `kpi-report/1`): tidy rows, one per (period, group_by, group, metric), each
 * metric once under its home section (SPEC-DECISIONS #2); comparisons only with --compare (#4);
 * `explain` terms with --explain (#10); `target` where a target applies (#15).
 */
import type { Report } from '../report/model.js';
import { formatDay } from '../period/calendar.js';
import { issueToJson } from '../report/issue-json.js';
import type { Issue } from '../errors/issue.js';

export interface JsonRow {
  period: string;
  start: string;
  end: string;
  section: string;
  group_by: string | null;
  group: string | null;
  metric: string;
  value: number | null;
  compare?: unknown;
  explain?: unknown;
  target?: unknown;
}

/** The kind whose records a metric is counted from (invoices when it needs them). */
function tallyKind(needs: readonly string[]): string | undefined {
  return needs.includes('invoices') ? 'invoices' : needs[0];
}

export function reportRows(r: Report): JsonRow[] {
  const rows: JsonRow[] = [];
  const basis = r.meta.compare;
  const ungrouped = new Set(r.meta.ungrouped);
  r.columns.forEach((col, ci) => {
    for (const sec of r.sections) {
      for (const row of sec.rows) {
        if (r.only === null && row.def.home !== sec.id) continue;
        const out: JsonRow = {
          period: col.label,
          start: formatDay(col.start),
          end: formatDay(col.end),
          section: sec.id,
          // a section whose kind lacks the grouping field has total rows only: not split (Decisions #11a, #25)
          group_by: ungrouped.has(tallyKind(row.def.needs) ?? '') ? null : r.meta.group_by,
          group: row.group,
          metric: row.def.id,
          value: row.values[ci] ?? null,
        };
        if (basis) {
          const c = basis === 'prev' ? row.compare.prev[ci] : basis === 'yoy' ? row.compare.yoy[ci] : row.compare.fixed[ci];
          out.compare = c ?? null;
        }
        if (r.explain) out.explain = { formula: row.def.formula, terms: row.terms[ci] ?? null };
        const t = row.targets[ci];
        if (t) out.target = t;
        rows.push(out);
      }
    }
  });
  return rows;
}

export function renderJson(r: Report): string {
  return [...renderJsonChunks(r)].join('');
}

/** Issues per chunk of {@link jsonWithIssues}. */
const ISSUES_PER_CHUNK = 2000;

/**
 * The same document as `JSON.stringify(doc, null, 2)`, in pieces: meta and rows, then the issues a
 * few thousand at a time. A messy export can raise an issue per row, and one string of a million
 * issues (~400 MB, and again as the bytes written) would cost more memory than the records did.
 */
export function renderJsonChunks(r: Report): Generator<string> {
  return jsonWithIssues({ schema: 'kpi-report/1', meta: r.meta, rows: reportRows(r) }, r.issues);
}

/**
 * `JSON.stringify({ ...doc, issues }, null, 2) + '\n'` in pieces (issues last, as every kpi JSON
 * document has them): the issues are made into JSON a few thousand at a time, so a run with an
 * issue on every row never builds one string of them all — which past ~500 MB V8 cannot make.
 */
export function* jsonWithIssues(doc: Record<string, unknown>, issues: readonly Issue[]): Generator<string> {
  const head = JSON.stringify({ ...doc, issues: [] }, null, 2);
  if (issues.length === 0) {
    yield head + '\n';
    return;
  }
  const EMPTY_TAIL = '[]\n}';
  yield head.slice(0, head.length - EMPTY_TAIL.length) + '[\n';
  // `{"issues": batch}` indents the batch's items as deep as the document does: cut its frame off
  const open = '{\n  "issues": [\n';
  const close = '\n  ]\n}';
  for (let k = 0; k < issues.length; k += ISSUES_PER_CHUNK) {
    const framed = JSON.stringify({ issues: issues.slice(k, k + ISSUES_PER_CHUNK).map(issueToJson) }, null, 2);
    yield (k > 0 ? ',\n' : '') + framed.slice(open.length, framed.length - close.length);
  }
  yield '\n  ]\n}\n';
}
