/**
 * Checks across files and records, after loading: the same record in two files of one kind
 * (an overlapping monthly and quarterly export, or one export saved as .csv and .xlsx —
 * SPEC-DECISIONS #38), and group names that differ only in case (#50).
 */
import { makeIssue, type Issue } from '../errors/issue.js';
import type { Kind } from '../records/types.js';
import type { TableBase } from '../records/table/base.js';
import type { LeadTable } from '../records/table/lead-table.js';
import type { CallTable } from '../records/table/call-table.js';
import type { InvoiceTable } from '../records/table/invoice-table.js';
import { HashIndex, hashNumbers } from '../ingest/row-hash.js';

/** The record fields compared, as numbers (dictionary ids for text: equal ids ⇔ equal text). */
type KeyFn = (i: number, key: Float64Array) => void;

/** Record i's id as two numbers: its id key (one per distinct id in the table), no id as NaN. */
function idKey(t: TableBase, i: number, key: Float64Array): void {
  const k = t.idKeyOf(i);
  key[0] = k;
  key[1] = k === k ? -1 : -2;
}

const keyOf: Record<Kind, (t: TableBase) => { width: number; fill: KeyFn }> = {
  invoices: (table) => {
    const t = table as InvoiceTable;
    return {
      width: 8,
      fill: (i, k) => {
        k[0] = t.number[i] as number;
        k[1] = t.date[i] as number;
        k[2] = t.client[i] as number;
        k[3] = t.clientId === null ? -1 : (t.clientId[i] as number);
        k[4] = t.amount[i] as number;
        k[5] = t.cost === null ? NaN : (t.cost[i] as number);
        k[6] = t.manager[i] as number;
        k[7] = t.status[i] as number;
      },
    };
  },
  leads: (table) => {
    const t = table as LeadTable;
    return {
      width: 10,
      fill: (i, k) => {
        idKey(t, i, k);
        k[2] = t.createdAt[i] as number;
        k[3] = t.channelRaw[i] as number;
        k[4] = t.client[i] as number;
        k[5] = t.clientId === null ? -1 : (t.clientId[i] as number);
        k[6] = t.phone[i] as number;
        k[7] = t.email === null ? -1 : (t.email[i] as number);
        k[8] = t.manager[i] as number;
        k[9] = t.status[i] as number;
      },
    };
  },
  calls: (table) => {
    const t = table as CallTable;
    return {
      width: 8,
      fill: (i, k) => {
        idKey(t, i, k);
        k[2] = t.startedAt[i] as number;
        k[3] = t.direction[i] as number;
        k[4] = t.from[i] as number;
        k[5] = t.to[i] as number;
        k[6] = t.durationS[i] as number;
        k[7] = t.manager[i] as number;
      },
    };
  },
};

/** Warn once per record found again in another file of the same kind. Returns the issues. */
export function crossFileDuplicates(kind: Kind, t: TableBase): Issue[] {
  const name = (s: number) => {
    const src = t.sources[s]!;
    return src.file + '\u0000' + (src.sheet ?? '');
  };
  const used = new Uint8Array(t.sources.length);
  for (let i = 0; i < t.length; i++) used[t.source[i] as number] = 1;
  const files = new Set<string>();
  used.forEach((u, s) => u && files.add(name(s)));
  if (files.size < 2) return [];

  const { width, fill } = keyOf[kind](t);
  const key = new Float64Array(width);
  const seen = new HashIndex();
  const out: Issue[] = [];
  for (let i = 0; i < t.length; i++) {
    fill(i, key);
    hashNumbers(key);
    const first = seen.claimLast(i);
    if (first < 0) continue;
    const a = t.originOf(first);
    const b = t.originOf(i);
    if (a.file === b.file && a.sheet === b.sheet) continue; // same file: duplicate_row's job
    out.push(makeIssue('duplicate_across_files', { file: b.file, sheet: b.sheet, line: b.line }, {
      message: `this ${kind.replace(/s$/, '')} is identical to ${a.file}${a.sheet ? `[${a.sheet}]` : ''}:${a.line}; both are counted`,
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
