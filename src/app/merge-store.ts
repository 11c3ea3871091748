/**
 * Records of one kind gathered across all its files (SPEC §2, SPEC-DECISIONS #6). Rows without an
 * id are records at once; rows with an id are merged into the record of that id and validated once
 * every row is in: a row whose required cell is bad or empty is rejected only when no other row
 * with the same id supplies it; then every contributing row is rejected, each in its own file's
 * counts.
 *
 * Records live in a table (src/records/table). Per-row details (file, line, raw text, held-back
 * rejection) are kept only for records that settling may need them for: those incomplete when
 * first seen, and those with a held-back rejection. Everything else costs no object per row.
 */
import type { RawRow } from '../ingest/types.js';
import { makeIssue, type Issue } from '../errors/issue.js';
import { plainIssue } from '../records/normalize/context.js';
import { rowText } from './row-text.js';
import { IdIndex } from '../records/table/id-index.js';
import type { TableBase, TableState } from '../records/table/base.js';
import { isTextKey, TEXT_ID_BASE } from '../records/table/id-keys.js';
import { LeadRow, LeadTable } from '../records/table/lead-table.js';
import { CallRow, CallTable, DIR_UNKNOWN } from '../records/table/call-table.js';
import { InvoiceRow, InvoiceTable } from '../records/table/invoice-table.js';
import { firstLeg, mergeCall, mergeLead, type BestLeg, type RowPos } from '../records/normalize/merge.js';

/** One row that contributed to a merged record. */
export interface Contribution {
  input: number;
  line: number;
  file: string;
  sheet: string | null;
  raw: string | null;
  /** The row's own rejection, held back until we know whether another row fills the field. */
  held: Issue | null;
}

/** What settling found: the record order to keep, and the issues to raise. */
export interface Settled {
  /** Record indices to keep, in output order: records without an id first, then merged ones. */
  order: Int32Array;
  /** Held-back cell problems of rows whose record turned out complete: now warnings. */
  warnings: { row: Contribution; issue: Issue }[];
  /** Rows rejected because their merged record is incomplete. */
  /** `merged`: the row had folded into an earlier row of its record (counted in rows_merged). */
  rejected: { row: Contribution; issue: Issue; merged: boolean }[];
}

interface KindRules<T extends TableBase, R> {
  push(t: T, r: R, line: number, source: number): number;
  /** Merge row `r` into record `i`; merge-conflict warnings or null. */
  merge(t: T, i: number, r: R, at: RowPos): Issue[] | null;
  complete(t: T, i: number): boolean;
  what: string;
  field: string;
  hint: string | null;
}

/** The records of one kind with their id index. */
export class RecordStore<T extends TableBase, R> {
  private readonly ids = new IdIndex((i) => this.table.idKeyOf(i));
  /** Rows per record that settling may need (see the module comment), by record index. */
  private readonly tracked = new Map<number, Contribution[]>();
  /** The input (index into all inputs) of each table source. */
  readonly inputOf: number[] = [];
  /** Set by `addKeyed`: whether the last row folded into an earlier record. */
  merged = false;

  constructor(
    readonly table: T,
    private readonly rules: KindRules<T, R>,
  ) {}

  /** Register an input file; returns its source index in the table. */
  addSource(file: string, sheet: string | null, input: number): number {
    this.inputOf.push(input);
    return this.table.addSource(file, sheet);
  }

  /** Make room for `n` more records (and their ids, when `keyed`). */
  reserve(n: number, keyed: boolean): void {
    this.table.reserve(this.table.length + n);
    if (keyed) this.ids.reserve(this.table.length + n);
  }

  /** A row without an id: a record of its own. */
  addLoose(r: R, line: number, source: number): number {
    return this.rules.push(this.table, r, line, source);
  }

  /**
   * A row with an id: a new record, or merged into the earlier record with that id (`merged`).
   * Returns merge-conflict warnings or null. `raw` is the source row when --rejects keeps row text.
   */
  addKeyed(r: R, line: number, source: number, held: Issue | null, raw: RawRow | null): Issue[] | null {
    const t = this.table;
    const at = this.ids.claim(t.idKeyFor((r as { id: string }).id), t.length);
    if (at < 0) {
      this.merged = false;
      const i = this.rules.push(t, r, line, source);
      if (held !== null || !this.rules.complete(t, i)) this.tracked.set(i, [this.contribution(source, line, held, raw)]);
      return null;
    }
    this.merged = true;
    const s = t.sources[source]!;
    const issues = this.rules.merge(t, at, r, { file: s.file, sheet: s.sheet, line });
    const rows = this.tracked.get(at);
    if (rows !== undefined) rows.push(this.contribution(source, line, held, raw));
    else if (held !== null) this.tracked.set(at, [this.contribution(source, line, held, raw)]);
    return issues;
  }

  private contribution(source: number, line: number, held: Issue | null, raw: RawRow | null): Contribution {
    const s = this.table.sources[source]!;
    return { input: this.inputOf[source]!, line, file: s.file, sheet: s.sheet, raw: raw ? rowText(raw) : null, held };
  }

  /** The per-row details kept so far, by record index (a worker hands them over). */
  trackedEntries(): [number, Contribution[]][] {
    return [...this.tracked];
  }

  /**
   * Append the records a worker read from a later part of a file (`source`: the file's source
   * index here). Refused — false, nothing changed — when an id of the part was seen before it:
   * merging across the cut would need the rows in reading order.
   */
  adoptPart(state: TableState, tracked: readonly [number, Contribution[]][], source: number): boolean {
    const t = this.table;
    const n = state.length;
    if (state.idKey !== null) {
      for (let i = 0; i < n; i++) {
        const k = state.idKey[i] as number;
        if (k !== k) continue;
        const here = isTextKey(k) ? t.findIdKey(state.idTexts[k - TEXT_ID_BASE]!) : k;
        if (here === here && this.ids.get(here) >= 0) return false;
      }
    }
    const at = t.length;
    t.appendState(state, state.sources.map(() => source));
    for (let i = at; i < at + n; i++) {
      const k = t.idKeyOf(i);
      if (k === k) this.ids.claim(k, i);
    }
    for (const [i, rows] of tracked) this.tracked.set(at + i, rows);
    return true;
  }

  /** Decide every merged record (call once, after the last row). */
  settle(): Settled {
    const t = this.table;
    const { complete, what, field, hint } = this.rules;
    const order: number[] = [];
    for (let i = 0; i < t.length; i++) if (!t.hasId(i)) order.push(i);
    const out: Settled = { order: new Int32Array(0), warnings: [], rejected: [] };
    for (let i = 0; i < t.length; i++) {
      if (!t.hasId(i)) continue;
      const rows = this.tracked.get(i);
      if (complete(t, i)) {
        order.push(i);
        if (rows !== undefined) {
          for (const r of rows) if (r.held) out.warnings.push({ row: r, issue: { ...plainIssue(r.held), severity: 'warning', message: `${r.held.message}; another row with id ${t.idOf(i)} supplies it` } });
        }
        continue;
      }
      // incomplete records are tracked from their first row on
      const all = rows!;
      const firstHeld = all.find((r) => r.held)?.held ?? null;
      for (const [k, r] of all.entries()) {
        const issue = r.held ?? makeIssue(firstHeld?.code ?? 'missing_required', { file: r.file, sheet: r.sheet, line: r.line, column: firstHeld?.column ?? field }, {
          expected: firstHeld?.expected ?? field,
          message: `${what} ${t.idOf(i)}: no row with this id has a valid ${field}` + (all.length > 1 ? ` (${all.length} rows merged)` : ''),
          hint,
        });
        out.rejected.push({ row: r, issue, merged: k > 0 });
      }
    }
    out.order = Int32Array.from(order);
    return out;
  }
}

export type LeadStore = RecordStore<LeadTable, LeadRow>;
export type CallStore = RecordStore<CallTable, CallRow>;
/** Invoice lines are never merged: only `addLoose` is used. */
export type InvoiceStore = RecordStore<InvoiceTable, InvoiceRow>;

/** The stores of one run, by kind. */
export interface Stores {
  leads: LeadStore;
  calls: CallStore;
  invoices: InvoiceStore;
}

export function newStores(): Stores {
  return { leads: leadStore(), calls: callStore(), invoices: invoiceStore() };
}

export function leadStore(): LeadStore {
  return new RecordStore<LeadTable, LeadRow>(new LeadTable(), {
    push: (t, r, line, source) => t.push(r, line, source),
    merge: mergeLead,
    complete: (t, i) => t.createdAt[i] === t.createdAt[i],
    what: 'lead',
    field: 'created_at',
    hint: 'a deal list without a created date needs the lead list with the same ids among the inputs',
  });
}

export function callStore(): CallStore {
  // the leg supplying to/manager, for calls that have more than one leg
  const best = new Map<number, BestLeg>();
  return new RecordStore<CallTable, CallRow>(new CallTable(), {
    push: (t, r, line, source) => t.push(r, line, source),
    merge: (t, i, r) => {
      let b = best.get(i);
      if (b === undefined) best.set(i, (b = firstLeg(t, i)));
      mergeCall(t, i, r, b);
      return null;
    },
    complete: (t, i) => t.startedAt[i] === t.startedAt[i] && t.direction[i] !== DIR_UNKNOWN,
    what: 'call',
    field: 'started_at',
    hint: null,
  });
}

export function invoiceStore(): InvoiceStore {
  return new RecordStore<InvoiceTable, InvoiceRow>(new InvoiceTable(), {
    push: (t, r, line, source) => t.push(r, line, source),
    merge: () => {
      throw new Error('invoice lines are never merged');
    },
    complete: () => true,
    what: 'invoice line',
    field: 'date',
    hint: null,
  });
}
