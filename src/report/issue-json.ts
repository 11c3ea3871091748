/** Issues as they appear in JSON outputs (SPEC §5 `issues`, SPEC-DECISIONS #40 column_index). */
import type { Issue } from '../errors/issue.js';

export interface IssueJson {
  severity: string;
  code: string;
  file: string;
  sheet: string | null;
  line: number | null;
  column: string | null;
  column_index: number | null;
  value: string | null;
  expected: string | null;
  hint: string | null;
  message: string;
}

export function issueToJson(i: Issue): IssueJson {
  return {
    severity: i.severity,
    code: i.code,
    file: i.file,
    sheet: i.sheet,
    line: i.line,
    column: i.column,
    column_index: i.columnIndex,
    value: i.value,
    expected: i.expected,
    hint: i.hint,
    message: i.message,
  };
}
