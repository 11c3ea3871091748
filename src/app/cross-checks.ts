/**
 * Checks across files and records, after loading: the same record in two files of one kind
 * (an overlapping monthly and quarterly export, or one export saved as .csv and .xlsx —
 * SPEC-DECISIONS #38), and group names that differ only in case (#50).
 */
import { makeIssue, type Issue } from '../errors/issue.js';
import type { Call, InvoiceLine, Lead } from '../records/types.js';
import { hashTexts } from './row-hash.js';

type Rec = { origin: { file: string; sheet: string | null; line: number } };

function key(kind: 'leads' | 'calls' | 'invoices', r: Lead | Call | InvoiceLine): string[] {
  if (kind === 'invoices') {
    const l = r as InvoiceLine;
    return [l.number ?? '', String(l.date), l.client ?? '', l.clientId ?? '', String(l.amount), String(l.cost), l.manager, l.status ?? ''];
  }
  if (kind === 'leads') {
    const l = r as Lead;
    return [l.id ?? '', String(l.createdAt), l.channelRaw ?? '', l.client ?? '', l.clientId ?? '', l.phone ?? '', l.email ?? '', l.manager, l.status ?? ''];
  }
  const c = r as Call;
  return [c.id ?? '', String(c.startedAt), c.direction, c.from ?? '', c.to ?? '', String(c.durationS), c.manager];
}

/** Warn once per record found again in another file of the same kind. Returns the issues. */
export function crossFileDuplicates(kind: 'leads' | 'calls' | 'invoices', records: readonly (Lead | Call | InvoiceLine)[]): Issue[] {
  const files = new Set(records.map((r) => r.origin.file + '\u0000' + (r.origin.sheet ?? '')));
  if (files.size < 2) return [];
  const seen = new Map<number, Rec['origin']>();
  const out: Issue[] = [];
  for (const r of records) {
    const h = hashTexts(key(kind, r));
    const first = seen.get(h);
    if (!first) {
      seen.set(h, r.origin);
      continue;
    }
    if (first.file === r.origin.file && first.sheet === r.origin.sheet) continue; // same file: duplicate_row's job
    out.push(makeIssue('duplicate_across_files', { file: r.origin.file, sheet: r.origin.sheet, line: r.origin.line }, {
      message: `this ${kind.replace(/s$/, '')} is identical to ${first.file}${first.sheet ? `[${first.sheet}]` : ''}:${first.line}; both are counted`,
      hint: 'overlapping exports (a month inside a quarter, the same data as .csv and .xlsx) double the figures: give each period once',
    }));
  }
  return out;
}

/** Group names that differ only in case or spacing are two groups; say so once per name. */
export function caseVariants(names: Iterable<string>, field: string): Issue[] {
  const by = new Map<string, Set<string>>();
  for (const n of names) {
    const k = n.toLowerCase().replace(/\s+/g, ' ').trim();
    const set = by.get(k) ?? new Set<string>();
    set.add(n);
    by.set(k, set);
  }
  const out: Issue[] = [];
  for (const set of by.values()) {
    if (set.size < 2) continue;
    const list = [...set].map((s) => JSON.stringify(s)).join(', ');
    out.push(makeIssue('group_case_variant', { file: '-' }, {
      value: list,
      message: `${field} names ${list} differ only in letter case; they are separate groups`,
      hint: `unify them with a \`${field === 'manager' ? 'managers' : 'channels'}:\` rule in kpi.config.yaml`,
    }));
  }
  return out;
}
