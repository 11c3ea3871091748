/**
 * The one message format (SPEC-DECISIONS #40, hledger style):
 *   FILE[:SHEET]:LINE: error[bad_date] column "Дата" (3): found "31.02.2024", expected a date; hint: …
 * and the stderr summary that keeps 10,000 bad cells from flooding a terminal (#58).
 */
import type { Issue, IssueCode } from './issue.js';
import { russian, SEVERITY_RU } from './messages-ru.js';

export type MessageLang = 'en' | 'ru';

export function formatPos(i: Pick<Issue, 'file' | 'sheet' | 'line'>): string {
  let s = i.file;
  if (i.sheet) s += `[${i.sheet}]`;
  if (i.line !== null && i.line !== undefined) s += `:${i.line}`;
  return s;
}

export function formatIssueLine(i: Issue, lang: MessageLang = 'en'): string {
  if (lang === 'ru') {
    const r = russian(i);
    return `${formatPos(i)}: ${SEVERITY_RU[i.severity]}[${i.code}] ${r.message}${r.hint ? `; подсказка: ${r.hint}` : ''}`;
  }
  const hint = i.hint ? `; hint: ${i.hint}` : '';
  return `${formatPos(i)}: ${i.severity}[${i.code}] ${i.message}${hint}`;
}

/** The notes (severity info) that stderr shows; the others are for JSON and inspect only. */
const SHOWN_NOTES: ReadonlySet<IssueCode> = new Set<IssueCode>(['encoding_guessed', 'repeated_header', 'sheets_not_read']);

/**
 * Lines for stderr: at most `perCode` issues per code, then "…and N more" per code.
 * With `quiet`, only errors are kept.
 */
export function summarizeIssues(issues: readonly Issue[], opts: { perCode?: number; quiet?: boolean; lang?: MessageLang } = {}): string[] {
  const perCode = opts.perCode ?? 10;
  const shown = new Map<IssueCode, number>();
  const more = new Map<IssueCode, number>();
  const lines: string[] = [];
  for (const i of issues) {
    if (opts.quiet && i.severity !== 'error') continue;
    if (i.severity === 'info' && !SHOWN_NOTES.has(i.code)) continue;
    const n = shown.get(i.code) ?? 0;
    if (n < perCode) {
      lines.push(formatIssueLine(i, opts.lang));
      shown.set(i.code, n + 1);
    } else more.set(i.code, (more.get(i.code) ?? 0) + 1);
  }
  for (const [code, n] of more) lines.push(opts.lang === 'ru' ? `…и ещё ${n} ${code} (все — в -O json или --rejects ФАЙЛ)` : `…and ${n} more ${code} (see -O json or --rejects FILE)`);
  return lines;
}
