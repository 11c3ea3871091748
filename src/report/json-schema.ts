/**
 * zod schemas of the JSON documents `kpi` writes (SPEC §5): `kpi-report/1` (`report -O json`) and
 * `kpi-inspect/1` (`inspect -O json`). They are the contract scripts rely on: objects are strict
 * (an unknown key is an error) where SPEC and SPEC-DECISIONS name every field, ids are closed
 * enums, and the invariants SPEC states in words are checked too — rows_read = rows_used +
 * rows_rejected per input, one row per (period, group_by, group, metric), rows only on the
 * columns in `meta.columns`, `group: null` wherever `group_by` is null. Tests and fuzzers validate
 * every JSON output against them; a consumer may import them to check a file it was handed.
 */
import { z } from 'zod';
import { ISSUE_CODES, type IssueCode } from '../errors/issue.js';
import { METRIC_IDS, SECTION_IDS } from '../kpi/registry.js';

/** A calendar day `yyyy-MM-dd` (start and end bounds: end is exclusive). */
const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day yyyy-MM-dd');
/** Period labels of SPEC §4: day, ISO week, month, quarter, year (weeks not starting on Monday use their first day). */
const periodLabel = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?|-Q[1-4]|-W(0[1-9]|[1-4]\d|5[0-3]))?$/, 'a period label');
const count = z.int().nonnegative();
/** A finite number (JSON cannot carry NaN or Infinity; a ratio with a zero denominator is null). */
const num = z.number();
const kind = z.enum(['leads', 'calls', 'invoices']);
const groupBy = z.enum(['channel', 'manager', 'segment']);
const interval = z.enum(['day', 'week', 'month', 'quarter', 'year']);
const span = z.strictObject({ start: day, end: day }).refine((s) => s.start < s.end, 'start must be before end');

/** One issue (SPEC §5 `issues`, SPEC-DECISIONS #40: `column` is the header text, `column_index` 1-based). */
export const issueJsonSchema = z.strictObject({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.enum(Object.keys(ISSUE_CODES) as [IssueCode, ...IssueCode[]]),
  file: z.string().min(1),
  sheet: z.string().nullable(),
  line: z.int().positive().nullable(),
  column: z.string().nullable(),
  column_index: z.int().positive().nullable(),
  value: z.string().nullable(),
  expected: z.string().nullable(),
  hint: z.string().nullable(),
  message: z.string().min(1),
});

/** One `meta.inputs` entry (SPEC §5; `rows_excluded`: Overrides #52). Entries are per (file, sheet). */
export const inputStatsSchema = z
  .strictObject({
    file: z.string().min(1),
    kind,
    sheet: z.string().nullable(),
    rows_read: count,
    rows_used: count,
    rows_rejected: count,
    rows_blank: count,
    rows_merged: count,
    rows_void: count,
    rows_excluded: count,
    warnings: count,
  })
  .superRefine((s, ctx) => {
    if (s.rows_read !== s.rows_used + s.rows_rejected) {
      ctx.addIssue({ code: 'custom', message: `rows_read ${s.rows_read} ≠ rows_used ${s.rows_used} + rows_rejected ${s.rows_rejected}` });
    }
    for (const k of ['rows_merged', 'rows_void', 'rows_excluded'] as const) {
      if (s[k] > s.rows_used) ctx.addIssue({ code: 'custom', path: [k], message: `${k} counts used rows, so it cannot exceed rows_used` });
    }
  });

/** A comparison of one cell (SPEC-DECISIONS #4); null where the comparison period has no value. */
const comparison = z.strictObject({
  basis: z.enum(['prev', 'yoy', 'period']),
  period: z.string().min(1),
  start: day,
  end: day,
  value: num.nullable(),
  delta: num.nullable(),
  delta_pct: num.nullable(),
});

/** One tidy row (SPEC §5, with `section` from SPEC-DECISIONS #2; compare #4, explain #10, target #15). */
export const reportRowSchema = z.strictObject({
  period: periodLabel,
  start: day,
  end: day,
  section: z.enum(SECTION_IDS as [string, ...string[]]),
  group_by: groupBy.nullable(),
  group: z.string().nullable(),
  metric: z.enum(METRIC_IDS),
  value: num.nullable(),
  compare: comparison.nullable().optional(),
  explain: z.strictObject({ formula: z.string().min(1), terms: z.record(z.string(), num.nullable()).nullable() }).optional(),
  target: z.strictObject({ min: num.nullable(), max: num.nullable(), status: z.enum(['ok', 'missed', 'n/a', 'pending']) }).optional(),
});

/** `meta` (SPEC §5, plus coverage/columns #12, inputs_missing #13, ungrouped #11, compare #4). */
const reportMeta = z.strictObject({
  version: z.string().regex(/^\d+\.\d+\.\d+/, 'a semver version'),
  today: day,
  timezone: z.string().min(1),
  span: span.nullable(),
  interval,
  group_by: groupBy.nullable(),
  inputs: z.array(inputStatsSchema),
  records: z.strictObject({ leads: count, calls: count, invoices: count }),
  inputs_missing: z.array(kind),
  coverage: z.record(kind, span.nullable()),
  columns: z.array(
    z.strictObject({ period: periodLabel, start: day, end: day, clipped: z.boolean(), partial_kinds: z.array(kind) })
      .refine((c) => c.start < c.end, 'a column starts before it ends'),
  ),
  ungrouped: z.array(kind),
  compare: z.enum(['prev', 'yoy', 'period']).nullable(),
});

/** The whole `kpi report -O json` document, `kpi-report/1`. */
export const reportJsonSchema = z
  .strictObject({
    schema: z.literal('kpi-report/1'),
    meta: reportMeta,
    rows: z.array(reportRowSchema),
    issues: z.array(issueJsonSchema),
  })
  .superRefine((doc, ctx) => {
    const columns = new Map(doc.meta.columns.map((c) => [c.period, c]));
    const seen = new Set<string>();
    doc.rows.forEach((r, i) => {
      const at = ['rows', i];
      const col = columns.get(r.period);
      if (!col || col.start !== r.start || col.end !== r.end) {
        ctx.addIssue({ code: 'custom', path: at, message: `row period ${r.period} ${r.start}..${r.end} is not a column of meta.columns` });
      }
      // SPEC §5: rows carry the run's group_by (null for sections that cannot be split, #11a).
      if (r.group_by !== null && r.group_by !== doc.meta.group_by) {
        ctx.addIssue({ code: 'custom', path: [...at, 'group_by'], message: `group_by ${r.group_by} but the report is grouped by ${doc.meta.group_by}` });
      }
      if (r.group_by === null && r.group !== null) ctx.addIssue({ code: 'custom', path: [...at, 'group'], message: 'a row with group_by null is a total: group must be null' });
      if ((r.compare !== undefined) !== (doc.meta.compare !== null)) {
        ctx.addIssue({ code: 'custom', path: [...at, 'compare'], message: 'rows carry compare exactly when meta.compare is set (--compare)' });
      }
      // SPEC-DECISIONS #2: each (period, group_by, group, metric) exactly once.
      const key = JSON.stringify([r.period, r.group_by, r.group, r.metric]);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: at, message: `duplicate row ${key}` });
      seen.add(key);
    });
    if (doc.meta.span === null && doc.rows.length > 0) ctx.addIssue({ code: 'custom', path: ['meta', 'span'], message: 'rows without a span' });
  });

export type ReportJson = z.infer<typeof reportJsonSchema>;

/** One column of an inspected file (SPEC-DECISIONS #34: `index` 1-based, unmapped → field null). */
const inspectColumn = z.strictObject({
  header: z.string(),
  index: z.int().positive(),
  field: z.string().nullable(),
  format: z.string().nullable(),
});

/** One file of `kpi inspect -O json`. */
export const inspectFileSchema = z
  .strictObject({
    file: z.string().min(1),
    kind: kind.nullable(),
    kind_scores: z.array(z.strictObject({ kind, score: num, missing: z.array(z.string()) })),
    profile: z.string().nullable(),
    format: z.enum(['csv', 'xlsx', 'html']),
    encoding: z.string().nullable(),
    delimiter: z.string().length(1).nullable(),
    sheet: z.string().nullable(),
    sheets: z.array(z.string()),
    header_row: z.int().positive().nullable(),
    rows: count,
    records: count,
    rejected: count,
    held: count,
    blank: count,
    merged: count,
    void: count,
    warnings: count,
    columns: z.array(inspectColumn),
    samples: z.array(z.record(z.string(), z.unknown())),
    issues: z.array(issueJsonSchema),
  })
  .superRefine((f, ctx) => {
    if (f.rejected > f.rows) ctx.addIssue({ code: 'custom', path: ['rejected'], message: 'more rows rejected than read' });
    // nothing lost: each row read is a record, merged into one, rejected, or held back by a file-level error
    if (f.records + f.merged + f.rejected + f.held !== f.rows) ctx.addIssue({ code: 'custom', path: ['records'], message: `rows ${f.rows} ≠ records ${f.records} + merged ${f.merged} + rejected ${f.rejected} + held ${f.held}` });
    if (f.held > 0 && !f.issues.some((i) => i.severity === 'error')) ctx.addIssue({ code: 'custom', path: ['held'], message: 'rows are held back only by a file-level error' });
    f.columns.forEach((c, i) => {
      if (c.index !== i + 1) ctx.addIssue({ code: 'custom', path: ['columns', i, 'index'], message: 'columns are listed in order, index = position' });
    });
    if (f.format === 'csv' && (f.encoding === null || f.delimiter === null)) ctx.addIssue({ code: 'custom', message: 'a CSV file has an encoding and a delimiter' });
    if (f.format === 'xlsx' && f.sheet === null) ctx.addIssue({ code: 'custom', path: ['sheet'], message: 'an XLSX file names the sheet read' });
    if (f.format === 'html' && (f.encoding === null || f.delimiter !== null || f.sheet !== null)) ctx.addIssue({ code: 'custom', message: 'an HTML file has an encoding, and no delimiter or sheet' });
  });

/** The whole `kpi inspect -O json` document, `kpi-inspect/1`. */
export const inspectJsonSchema = z.strictObject({
  schema: z.literal('kpi-inspect/1'),
  files: z.array(inspectFileSchema),
});

export type InspectJson = z.infer<typeof inspectJsonSchema>;
