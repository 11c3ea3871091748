/**
 * Issues: every rejection, warning and note the pipeline raises. Codes are stable snake_case ids
 * that tests match on (SPEC §6, SPEC-DECISIONS #40); messages are for people.
 */

import { flatten } from '../values/flat.js';

export type Severity = 'error' | 'warning' | 'info';

/** Where a value came from: file (as given), sheet (XLSX only), physical line or sheet row. */
export interface SourcePos {
  file: string;
  sheet: string | null;
  /** 1-based physical line where the record starts (CSV) or the sheet row (XLSX). */
  line: number | null;
  /** Header text of the column, or null when the issue is about a whole row or file. */
  column: string | null;
  /** 1-based column index. */
  columnIndex: number | null;
}

export interface Issue extends SourcePos {
  severity: Severity;
  code: IssueCode;
  /** The raw value found (cell text), when there is one. */
  value: string | null;
  /** What was expected, e.g. "a date dd.MM.yyyy". */
  expected: string | null;
  /** How to fix it. */
  hint: string | null;
  /** The full human message, without the position prefix. */
  message: string;
}

/**
 * The closed set of codes. Severity here is the default; an error code rejects a row
 * (or, for file-level codes, the whole input).
 */
export const ISSUE_CODES = {
  // file level (exit 3 in report, issues in inspect)
  file_not_found: 'error',
  file_unreadable: 'error',
  format_unsupported: 'error',
  not_a_table: 'error',
  kind_unknown: 'error',
  kind_ambiguous: 'error',
  column_missing: 'error',
  date_ambiguous: 'error',
  decimal_ambiguous: 'error',
  delimiter_ambiguous: 'error',
  sheet_not_found: 'error',
  direction_undecidable: 'error',
  glob_no_match: 'error',
  xlsx_too_large: 'error',
  // row level rejections
  missing_required: 'error',
  bad_date: 'error',
  bad_amount: 'error',
  bad_number: 'error',
  bad_duration: 'error',
  total_row: 'error',
  call_direction_unknown: 'error',
  no_client: 'error',
  unclosed_quote: 'error',
  // warnings: the row is used
  bad_optional: 'warning',
  merge_conflict: 'warning',
  duplicate_row: 'warning',
  duplicate_across_files: 'warning',
  ragged_row: 'warning',
  duplicate_header: 'warning',
  column_ambiguous: 'warning',
  column_missing_optional: 'warning',
  phone_invalid: 'warning',
  id_precision_lost: 'warning',
  future_date: 'warning',
  future_won_at: 'warning',
  client_ambiguous: 'warning',
  group_case_variant: 'warning',
  mixed_currency: 'warning',
  cost_missing: 'warning',
  unknown_direction: 'warning',
  answered_unknown: 'warning',
  kind_flag_conflict: 'warning',
  period_flag_conflict: 'warning',
  file_repeated: 'warning',
  config_multiple: 'warning',
  no_records: 'warning',
  // notes
  encoding_guessed: 'info',
  repeated_header: 'info',
  sheets_not_read: 'info',
  won_source_missing: 'info',
} as const satisfies Record<string, Severity>;

export type IssueCode = keyof typeof ISSUE_CODES;

/** Build an issue with the code's default severity. */
export function makeIssue(
  code: IssueCode,
  pos: Partial<SourcePos> & { file: string },
  parts: { message: string; value?: string | null; expected?: string | null; hint?: string | null; severity?: Severity },
): Issue {
  return {
    severity: parts.severity ?? ISSUE_CODES[code],
    code,
    file: pos.file,
    sheet: pos.sheet ?? null,
    line: pos.line ?? null,
    column: pos.column ?? null,
    columnIndex: pos.columnIndex ?? null,
    // an issue outlives its row: a value or message built from a cell must not pin the file's chunk
    value: parts.value == null ? null : flatten(parts.value),
    expected: parts.expected ?? null,
    hint: parts.hint ?? null,
    message: flatten(parts.message),
  };
}
