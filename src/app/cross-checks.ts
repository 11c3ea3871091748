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
import type { TextDict } from '../records/table/dict.js';
import { PackedDict } from '../records/table/packed-dict.js';

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

/** A group name's comparison form: lower case, whitespace runs as one space, trimmed. */
function variantKey(n: string): string {
  return n.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** FNV-1a steps of `variantKey`'s form over ASCII code units (letters lowered, space runs as one, trimmed). */
function asciiFormHash(unit: (i: number) => number, a: number, b: number): number {
  let h = 0x811c9dc5;
  let gap = false;
  let any = false;
  for (let i = a; i < b; i++) {
    let c = unit(i);
    if (c === 32 || (c >= 9 && c <= 13)) {
      gap = any;
      continue;
    }
    if (gap) {
      h = Math.imul(h ^ 32, 0x01000193);
      gap = false;
    }
    if (c >= 65 && c <= 90) c += 32;
    h = Math.imul(h ^ c, 0x01000193);
    any = true;
  }
  return h;
}

/**
 * `variantKey(n)`'s 32-bit hash, worked out on `n` itself when it is ASCII; a name with any other
 * character is hashed through its key (`toLowerCase` knows the other alphabets).
 */
function variantHash(n: string): number {
  for (let i = 0; i < n.length; i++) if (n.charCodeAt(i) > 127) return keyHash(variantKey(n));
  return asciiFormHash((i) => n.charCodeAt(i), 0, n.length);
}

/** FNV-1a over a key's code units (a key is already in its form). */
function keyHash(k: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < k.length; i++) h = Math.imul(h ^ k.charCodeAt(i), 0x01000193);
  return h;
}

/** Group names in first-use order, repeats allowed: their count, each one's form hash and text. */
interface Names {
  count: number;
  hash(i: number): number;
  name(i: number): string;
}

/**
 * The names of the ids in `ids` of each dictionary, in that order. A packed dictionary's ASCII
 * names are hashed in its characters, with no string made: a source column of landing URLs gives
 * a million channel names, and a string for each was ~120 MB at the end of loading.
 */
export function namesOf(sources: readonly { dict: TextDict; ids: Int32Array }[]): Names {
  const at: number[] = [];
  let count = 0;
  for (const s of sources) {
    at.push(count);
    count += s.ids.length;
  }
  const where = (i: number): [TextDict, number] => {
    let k = sources.length - 1;
    while (at[k]! > i) k--;
    return [sources[k]!.dict, sources[k]!.ids[i - at[k]!]!];
  };
  return {
    count,
    name: (i) => {
      const [d, id] = where(i);
      return d.value(id)!;
    },
    hash: (i) => {
      const [d, id] = where(i);
      if (!(d instanceof PackedDict)) return variantHash(d.value(id)!);
      const u = d.units;
      const a = d.startOf(id);
      const b = d.startOf(id + 1);
      for (let j = a; j < b; j++) if ((u[j] as number) > 127) return variantHash(d.value(id)!);
      return asciiFormHash((j) => u[j] as number, a, b);
    },
  };
}

/**
 * Group names that differ only in case or spacing are two groups; say so once per name. `names`
 * in first-use order, repeats allowed (the same manager in two kinds' dictionaries). The names
 * are grouped by a hash of their comparison form first, and only names sharing a hash have their
 * form built and compared: a source column of landing URLs with click ids gives a million
 * channel names, and a `Map` of a lower-case copy and a `Set` per name took ~500 MB.
 */
export function caseVariants(names: readonly string[] | Names, field: string): Issue[] {
  const all: Names = Array.isArray(names) ? { count: names.length, hash: (i) => variantHash(names[i]!), name: (i) => names[i]! } : (names as Names);
  const n = all.count;
  const hashes = new Int32Array(n);
  for (let i = 0; i < n; i++) hashes[i] = all.hash(i);
  // the hashes more than one name has (a numeric sort of a copy finds them)
  const sorted = hashes.slice().sort();
  const shared = new Set<number>();
  for (let k = 1; k < n; k++) if (sorted[k] === sorted[k - 1]) shared.add(sorted[k]!);
  // only those names' forms are built; in first-use order, as are the names of each form
  const by = new Map<string, string[]>();
  for (let i = 0; i < n; i++) {
    if (!shared.has(hashes[i]!)) continue;
    const name = all.name(i);
    const key = variantKey(name);
    const g = by.get(key);
    if (g === undefined) by.set(key, [name]);
    else if (!g.includes(name)) g.push(name);
  }
  const out: Issue[] = [];
  for (const set of by.values()) {
    if (set.length < 2) continue;
    const list = set.map((s) => JSON.stringify(s)).join(', ');
    out.push(makeIssue('group_case_variant', { file: '-' }, {
      value: list,
      message: `${field} names ${list} differ only in letter case; they are separate groups`,
      hint: `unify them with a \`${field === 'manager' ? 'managers' : 'channels'}:\` rule in kpi.config.yaml`,
    }));
  }
  return out;
}
