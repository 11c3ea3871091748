/**
 * Client identity across leads and invoices, resolved in two passes (SPEC §2, SPEC-DECISIONS #5).
 *
 * Pass 1 collects links client_id ↔ normalized name / phone / e-mail from every record that has
 * both. Pass 2 gives each record a key: its own client_id; else the client_id uniquely linked to
 * its name, else to its phone, else to its e-mail; else its name, phone or e-mail as the key.
 * An attribute linked to two client_ids adopts neither (two ИНН never merge) and raises one
 * `client_ambiguous` warning.
 *
 * Keys are prefixed so that the kinds never collide: `id:7701234567`, `name:ромашка`,
 * `phone:+79123456789`, `email:a@b.ru`; `raw:…` for a client text that normalizes to nothing
 * (a bare «ООО») and `line:FILE:LINE` for an invoice line with no client text at all.
 *
 * Records come as tables whose text fields are dictionary ids, so every normalization runs once
 * per distinct text (not per record) and the per-record work is integer array lookups.
 */
import type { Origin } from '../records/types.js';
import { makeIssue, type Issue } from '../errors/issue.js';
import { normalizeClientId, normalizeCompanyName, normalizeEmail } from '../values/client.js';
import { StringDict, type TextDict } from '../records/table/dict.js';
import { PackedDict } from '../records/table/packed-dict.js';
import type { LeadTable } from '../records/table/lead-table.js';
import type { InvoiceTable } from '../records/table/invoice-table.js';

/** What a client key is made of (its prefix). */
const KEY_PREFIXES = ['id:', 'name:', 'phone:', 'email:', 'raw:'] as const;
const K_ID = 0;
const K_RAW = 4;
/** Key kind of `line:FILE:LINE` keys (the text is kept as is). */
const K_LINE = 5;

/** Client keys aligned with the tables, as dense key ids, plus the warnings raised. */
export interface ClientKeys {
  /** Key id per lead; -1 when the lead names no client at all. */
  leadKeys: Int32Array;
  /** Key id per invoice line (always ≥ 0). */
  invoiceKeys: Int32Array;
  /** Number of distinct keys. */
  count: number;
  /** The text of a key (`id:7701234567`, …), built on demand. */
  text(key: number): string;
  issues: Issue[];
}

function rawText(text: string): string | null {
  const t = text.trim().replace(/\s+/g, ' ').toLowerCase();
  return t === '' ? null : t;
}

/**
 * Raw-text keys, only for the clients whose name normalizes to nothing (a bare «ООО»): a raw key
 * is used only when a record has no id, name, phone or e-mail, so the other clients need none —
 * and 50,000 lowercased copies of names would cost megabytes for nothing.
 */
function rawKeys(from: TextDict, names: Int32Array, into: TextDict): Int32Array {
  const out = new Int32Array(from.size).fill(-1);
  for (let k = 0; k < out.length; k++) if ((names[k] as number) < 0) out[k] = into.id(rawText(from.value(k) as string));
  return out;
}

/** Per entry of a record dict: the id of its normalized value in `into` (-1 for none). */
function mapDict(from: TextDict, into: TextDict, fn: (text: string) => string | null): Int32Array {
  // one text at a time: a PackedDict builds its strings on demand, and a million at once would
  // cost more than the dictionary itself
  const out = new Int32Array(from.size);
  for (let k = 0; k < out.length; k++) out[k] = into.id(fn(from.value(k) as string));
  return out;
}

/**
 * The map of a record dict that is its own normalized dict (entry k is k), without an array:
 * a million distinct phones would cost 4 MB for it.
 */
const SAME = new Int32Array(0);

const at = (map: Int32Array | null, col: Int32Array | null, i: number): number => {
  if (map === null || col === null) return -1;
  const id = col[i] as number;
  return id < 0 ? -1 : map === SAME ? id : (map[id] as number);
};

const ATTR_NAMES = ['name', 'phone', 'email'] as const;
type AttrKind = (typeof ATTR_NAMES)[number];

/** How to read one table's identity attributes: record column → normalized-value id. */
interface Source {
  n: number;
  id: [Int32Array | null, Int32Array];
  name: [Int32Array, Int32Array];
  phone: [Int32Array | null, Int32Array | null];
  email: [Int32Array | null, Int32Array | null];
  raw: Int32Array;
  origin(i: number): Origin;
}

/** Record i's attributes, into a reused scratch (no per-record objects). */
class Ident {
  id = -1;
  /** name, phone, email: ATTR order. */
  readonly attr = [-1, -1, -1];
  raw = -1;
  read(s: Source, i: number): this {
    this.id = at(s.id[1], s.id[0], i);
    this.attr[0] = at(s.name[1], s.name[0], i);
    this.attr[1] = at(s.phone[1], s.phone[0], i);
    this.attr[2] = at(s.email[1], s.email[0], i);
    this.raw = at(s.raw, s.name[0], i);
    return this;
  }
}

/** attribute value → the client_ids seen with it, in first-seen order. */
class Links {
  /** First id per attribute value (-1: none); made on the first link (records without a client id make none). */
  private firsts: Int32Array | null = null;
  /**
   * All ids, for values seen with more than one, in first-seen order. A Set, not a list: one
   * office phone typed into 240,000 leads of as many companies made a list's `includes` per lead
   * quadratic (43 s).
   */
  readonly many = new Map<number, Set<number>>();
  constructor(private readonly size: number) {}
  /** The first client id linked to `value`, or -1. */
  first(value: number): number {
    return this.firsts === null ? -1 : (this.firsts[value] as number);
  }
  add(value: number, id: number): void {
    const firsts = (this.firsts ??= new Int32Array(this.size).fill(-1));
    const f = firsts[value] as number;
    if (f === -1) firsts[value] = id;
    else if (f !== id) {
      const set = this.many.get(value);
      if (set === undefined) this.many.set(value, new Set([f, id]));
      else set.add(id);
    }
  }
}

/**
 * Resolve the client key of every lead and invoice line. Invoice lines always get a key (the
 * client is required for them): when even the raw text is empty the line becomes its own client
 * (`line:FILE:LINE`) rather than silently joining another.
 */
export function resolveClientKeys(leads: LeadTable, invoices: InvoiceTable): ClientKeys {
  // phones (and e-mails, unless the table was built by hand) are normalized already when read:
  // the leads' own dicts are the normalized ones — a million distinct addresses are not copied
  const emails = leads.emailsNormalized;
  const dict = { id: new StringDict(), name: new PackedDict(), phone: leads.phones as TextDict, email: emails ? (leads.emails as TextDict) : new PackedDict(), raw: new StringDict() };
  // each distinct text of each record dict is normalized once
  const leadNames = mapDict(leads.clients, dict.name, normalizeCompanyName);
  const invoiceNames = mapDict(invoices.clients, dict.name, normalizeCompanyName);
  const sources: Source[] = [
    {
      n: leads.length,
      id: [leads.clientId, mapDict(leads.clientIds, dict.id, normalizeClientId)],
      name: [leads.client, leadNames],
      phone: [leads.phone, SAME],
      email: [leads.email, emails ? SAME : mapDict(leads.emails, dict.email, normalizeEmail)],
      raw: rawKeys(leads.clients, leadNames, dict.raw),
      origin: (i) => leads.originOf(i),
    },
    {
      n: invoices.length,
      id: [invoices.clientId, mapDict(invoices.clientIds, dict.id, normalizeClientId)],
      name: [invoices.client, invoiceNames],
      phone: [null, null],
      email: [null, null],
      raw: rawKeys(invoices.clients, invoiceNames, dict.raw),
      origin: (i) => invoices.originOf(i),
    },
  ];
  const r = new Ident();

  // pass 1: links from every record that has a client id
  const links: [Links, Links, Links] = [new Links(dict.name.size), new Links(dict.phone.size), new Links(dict.email.size)];
  for (const src of sources) {
    for (let i = 0; i < src.n; i++) {
      r.read(src, i);
      if (r.id < 0) continue;
      for (let a = 0; a < 3; a++) {
        const v = r.attr[a] as number;
        if (v >= 0) links[a]!.add(v, r.id);
      }
    }
  }

  // pass 2: dense key ids, one per (prefix, normalized value); the text is built only on demand
  const valueDicts = [dict.id, dict.name, dict.phone, dict.email, dict.raw];
  // made on the first key of each kind: a list whose every lead names its company never keys by phone
  const cache: (Int32Array | null)[] = valueDicts.map(() => null);
  const keyKind: number[] = [];
  const keyValue: number[] = [];
  const lineKeys = new Map<number, string>();
  const lineKeyIds = new Map<string, number>();
  const keyOf = (kind: number, v: number): number => {
    const c = (cache[kind] ??= new Int32Array(valueDicts[kind]!.size).fill(-1));
    let k = c[v] as number;
    if (k < 0) {
      c[v] = k = keyKind.length;
      keyKind.push(kind);
      keyValue.push(v);
    }
    return k;
  };
  const issues: Issue[] = [];
  const warned = ATTR_NAMES.map(() => new Set<number>());
  const resolve = (src: Source, i: number): number => {
    r.read(src, i);
    if (r.id >= 0) return keyOf(K_ID, r.id);
    for (let a = 0; a < 3; a++) {
      const v = r.attr[a] as number;
      if (v < 0) continue;
      const first = links[a]!.first(v);
      if (first < 0) continue;
      const many = links[a]!.many.get(v);
      if (many === undefined) return keyOf(K_ID, first);
      // Linked to several client_ids: adopt none, stay keyed by the record's own attributes.
      if (!warned[a]!.has(v)) {
        warned[a]!.add(v);
        issues.push(ambiguousIssue(ATTR_NAMES[a]!, valueDicts[a + 1]!.value(v)!, many, (x) => dict.id.value(x)!, src.origin(i)));
      }
      break;
    }
    for (let a = 0; a < 3; a++) {
      const v = r.attr[a] as number;
      if (v >= 0) return keyOf(a + 1, v);
    }
    return r.raw >= 0 ? keyOf(K_RAW, r.raw) : -1;
  };

  // A record with a client id is keyed by it: once per distinct id text, not per record (a
  // lookup less per record, in a table the size of the id dictionary).
  const idKeys = (src: Source): Int32Array | null => (src.id[0] === null ? null : new Int32Array(src.id[1].length).fill(-2));
  const keyed = (src: Source, memo: Int32Array | null, i: number): number => {
    if (memo !== null) {
      const raw = src.id[0]![i] as number;
      if (raw >= 0) {
        let k = memo[raw] as number;
        if (k === -2) {
          const id = src.id[1][raw] as number;
          memo[raw] = k = id >= 0 ? keyOf(K_ID, id) : -1;
        }
        if (k >= 0) return k;
      }
    }
    return resolve(src, i);
  };

  const leadKeys = new Int32Array(leads.length);
  const leadIdKeys = idKeys(sources[0]!);
  for (let i = 0; i < leads.length; i++) leadKeys[i] = keyed(sources[0]!, leadIdKeys, i);
  const invoiceKeys = new Int32Array(invoices.length);
  // An invoice line without a client id has no phone or e-mail either: its key follows from its
  // client text alone, so it is resolved once per distinct text, at the text's first line (keys
  // are numbered and ambiguities reported in the same order as line by line).
  const inv = sources[1]!;
  const byName = new Int32Array(invoices.clients.size).fill(-2);
  const invIds = inv.id[0];
  const invNames = invoices.client;
  const invIdKeys = idKeys(inv);
  for (let i = 0; i < invoices.length; i++) {
    let k: number;
    const nm = invNames[i] as number;
    if (nm < 0 || (invIds !== null && (invIds[i] as number) >= 0)) k = keyed(inv, invIdKeys, i);
    else if ((k = byName[nm] as number) === -2) byName[nm] = k = resolve(inv, i);
    if (k >= 0) invoiceKeys[i] = k;
    else {
      // the line is its own client (one key per distinct text: the same file given twice shares it)
      const o = invoices.originOf(i);
      const t = `line:${o.file}${o.sheet === null ? '' : `[${o.sheet}]`}:${o.line}`;
      let key = lineKeyIds.get(t);
      if (key === undefined) {
        lineKeyIds.set(t, (key = keyKind.length));
        lineKeys.set(key, t);
        keyKind.push(K_LINE);
        keyValue.push(-1);
      }
      invoiceKeys[i] = key;
    }
  }
  const text = (key: number): string => {
    const kind = keyKind[key] as number;
    return kind === K_LINE ? lineKeys.get(key)! : KEY_PREFIXES[kind]! + valueDicts[kind]!.value(keyValue[key] as number);
  };
  return { leadKeys, invoiceKeys, count: keyKind.length, text, issues };
}

/** Client ids a `client_ambiguous` message names; the rest are counted. */
const IDS_SHOWN = 10;

function ambiguousIssue(kind: AttrKind, value: string, ids: ReadonlySet<number>, idText: (id: number) => string, origin: Origin): Issue {
  const what = kind === 'name' ? 'company name' : kind === 'phone' ? 'phone' : 'e-mail';
  const shown: string[] = [];
  for (const id of ids) {
    if (shown.length === IDS_SHOWN) break;
    shown.push(idText(id));
  }
  const more = ids.size - shown.length;
  const list = more > 0 ? `${shown.join(', ')}, … and ${more} more` : shown.join(', ');
  return makeIssue(
    'client_ambiguous',
    { file: origin.file, sheet: origin.sheet, line: origin.line },
    {
      value,
      message: `${what} "${value}" belongs to ${ids.size} client ids (${list}); records without a client id keep their own key`,
      hint: 'add the client id (ИНН/VAT) to these records, or fix the conflicting ids',
    },
  );
}
