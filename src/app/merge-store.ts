/**
 * Records with an id, gathered across all files of a kind and validated once every row is in
 * (SPEC §2, SPEC-DECISIONS #6): a row whose required cell is bad or empty is rejected only when no
 * other row with the same id supplies it; then every contributing row is rejected, each in its
 * own file's counts.
 */
import { makeIssue, type Issue } from '../errors/issue.js';
import type { Call, Lead } from '../records/types.js';
import type { PartialLead } from '../records/normalize/lead.js';
import type { PartialCall } from '../records/normalize/call.js';
import { completeCall, completeLead, mergeCall, mergeLead, type Contribution, type Group } from '../records/normalize/merge.js';

export class MergeStore {
  readonly leads = new Map<string, Group<PartialLead>>();
  readonly calls = new Map<string, Group<PartialCall>>();

  /** Add a lead row; returns merge-conflict warnings and whether it folded into an earlier record. */
  addLead(p: PartialLead, c: Contribution): { merged: boolean; issues: Issue[] } {
    const g = this.leads.get(p.id!);
    if (!g) {
      this.leads.set(p.id!, { rec: p, rows: [c] });
      return { merged: false, issues: [] };
    }
    g.rows.push(c);
    return { merged: true, issues: mergeLead(g.rec, p, c) };
  }

  addCall(p: PartialCall, c: Contribution): { merged: boolean } {
    const g = this.calls.get(p.id!);
    if (!g) {
      const grp: Group<PartialCall> = { rec: p, rows: [c] };
      grp.best = { answered: p.answered === true, duration: p.durationS ?? -1, start: p.startedAt ?? Infinity };
      this.calls.set(p.id!, grp);
      return { merged: false };
    }
    g.rows.push(c);
    mergeCall(g, p);
    return { merged: true };
  }
}

export interface Settled<R> {
  records: R[];
  /** Rows rejected because their merged record is incomplete. */
  rejected: { row: Contribution; issue: Issue }[];
  /** Held-back cell problems of rows whose record turned out complete: now warnings. */
  warnings: { row: Contribution; issue: Issue }[];
}

function settle<P extends { id: string | null }, R>(groups: Map<string, Group<P>>, complete: (p: P) => p is P & R, what: string, field: string): Settled<R> {
  const out: Settled<R> = { records: [], rejected: [], warnings: [] };
  for (const g of groups.values()) {
    if (complete(g.rec)) {
      out.records.push(g.rec);
      for (const r of g.rows) if (r.held) out.warnings.push({ row: r, issue: { ...r.held, severity: 'warning', message: `${r.held.message}; another row with id ${g.rec.id} supplies it` } });
      continue;
    }
    const firstHeld = g.rows.find((r) => r.held)?.held ?? null;
    for (const r of g.rows) {
      const issue = r.held ?? makeIssue(firstHeld?.code ?? 'missing_required', { file: r.file, sheet: r.sheet, line: r.line, column: firstHeld?.column ?? field }, {
        expected: firstHeld?.expected ?? field,
        message: `${what} ${g.rec.id}: no row with this id has a valid ${field}` + (g.rows.length > 1 ? ` (${g.rows.length} rows merged)` : ''),
        hint: field === 'created_at' ? 'a deal list without a created date needs the lead list with the same ids among the inputs' : null,
      });
      out.rejected.push({ row: r, issue });
    }
  }
  return out;
}

export function settleLeads(store: MergeStore): Settled<Lead> {
  return settle<PartialLead, Lead>(store.leads, completeLead as (p: PartialLead) => p is PartialLead & Lead, 'lead', 'created_at');
}

export function settleCalls(store: MergeStore): Settled<Call> {
  return settle<PartialCall, Call>(store.calls, completeCall as (p: PartialCall) => p is PartialCall & Call, 'call', 'started_at');
}
