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
 */
import type { Lead, InvoiceLine, Origin } from '../records/types.js';
import { makeIssue, type Issue } from '../errors/issue.js';
import { normalizeClientId, normalizeCompanyName, normalizeEmail } from '../values/client.js';

type AttrKind = 'name' | 'phone' | 'email';

interface Ident {
  id: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  /** Raw client text, for records whose name normalizes to nothing (e.g. a bare «ООО»). */
  raw: string | null;
  origin: Origin;
}

/** Client keys aligned with the input arrays, plus the warnings raised. */
export interface ClientKeys {
  leadKeys: (string | null)[];
  invoiceKeys: string[];
  issues: Issue[];
}

function rawText(text: string): string | null {
  const t = text.trim().replace(/\s+/g, ' ').toLowerCase();
  return t === '' ? null : t;
}

type Norm = (text: string | null) => string | null;

/**
 * Normalizers memoized by raw text: a client appears on many lines, so each distinct spelling is
 * normalized once, and equal results share one string (its hash is computed once for Map keys).
 */
function memo(fn: (text: string) => string | null): Norm {
  const cache = new Map<string, string | null>();
  return (text) => {
    if (text === null) return null;
    let v = cache.get(text);
    if (v === undefined && !cache.has(text)) {
      v = fn(text);
      cache.set(text, v);
    }
    return v ?? null;
  };
}

interface Normalizers {
  id: Norm;
  name: Norm;
  email: Norm;
  raw: Norm;
}

const ATTRS = ['name', 'phone', 'email'] as const;

function identOf(
  n: Normalizers,
  r: { clientId: string | null; client: string | null; origin: Origin },
  phone: string | null,
  email: string | null,
): Ident {
  return { id: n.id(r.clientId), name: n.name(r.client), phone, email: n.email(email), raw: n.raw(r.client), origin: r.origin };
}

/** attribute value → the client_ids seen with it. */
type Links = Record<AttrKind, Map<string, Set<string>>>;

function collectLinks(lists: readonly (readonly Ident[])[]): Links {
  const links: Links = { name: new Map(), phone: new Map(), email: new Map() };
  for (const idents of lists) for (const r of idents) {
    if (r.id === null) continue;
    for (const kind of ATTRS) {
      const v = r[kind];
      if (v === null) continue;
      let ids = links[kind].get(v);
      if (ids === undefined) links[kind].set(v, (ids = new Set()));
      ids.add(r.id);
    }
  }
  return links;
}

/**
 * Resolve the client key of every lead and invoice line. Invoice lines always get a key (the
 * client is required for them): when even the raw text is empty the line becomes its own client
 * (`line:FILE:LINE`) rather than silently joining another.
 */
export function resolveClientKeys(leads: readonly Lead[], invoices: readonly InvoiceLine[]): ClientKeys {
  const norm: Normalizers = { id: memo(normalizeClientId), name: memo(normalizeCompanyName), email: memo(normalizeEmail), raw: memo(rawText) };
  const leadIdents = leads.map((l) => identOf(norm, l, l.phone, l.email));
  const invoiceIdents = invoices.map((v) => identOf(norm, v, null, null));
  const links = collectLinks([leadIdents, invoiceIdents]);
  const issues: Issue[] = [];
  const warned = new Set<string>();

  // One key string per distinct key: equal keys share a string, and Map lookups hash it once.
  const keys = new Map<string, Map<string, string>>();
  const key = (prefix: string, v: string): string => {
    let byValue = keys.get(prefix);
    if (byValue === undefined) keys.set(prefix, (byValue = new Map()));
    let k = byValue.get(v);
    if (k === undefined) byValue.set(v, (k = prefix + v));
    return k;
  };
  const keyOf = (r: Ident): string | null => {
    if (r.id !== null) return key('id:', r.id);
    for (const kind of ATTRS) {
      const v = r[kind];
      if (v === null) continue;
      const ids = links[kind].get(v);
      if (ids === undefined) continue;
      if (ids.size === 1) return key('id:', ids.values().next().value as string);
      // Linked to several client_ids: adopt none, stay keyed by the record's own attributes.
      const tag = `${kind}:${v}`;
      if (!warned.has(tag)) {
        warned.add(tag);
        issues.push(ambiguousIssue(kind, v, [...ids], r.origin));
      }
      break;
    }
    if (r.name !== null) return key('name:', r.name);
    if (r.phone !== null) return key('phone:', r.phone);
    if (r.email !== null) return key('email:', r.email);
    if (r.raw !== null) return key('raw:', r.raw);
    return null;
  };

  const leadKeys = leadIdents.map(keyOf);
  const invoiceKeys = invoiceIdents.map(
    (r) => keyOf(r) ?? `line:${r.origin.file}${r.origin.sheet === null ? '' : `[${r.origin.sheet}]`}:${r.origin.line}`,
  );
  return { leadKeys, invoiceKeys, issues };
}

function ambiguousIssue(kind: AttrKind, value: string, ids: string[], origin: Origin): Issue {
  const what = kind === 'name' ? 'company name' : kind === 'phone' ? 'phone' : 'e-mail';
  return makeIssue(
    'client_ambiguous',
    { file: origin.file, sheet: origin.sheet, line: origin.line },
    {
      value,
      message: `${what} "${value}" belongs to ${ids.length} client ids (${ids.join(', ')}); records without a client id keep their own key`,
      hint: 'add the client id (ИНН/VAT) to these records, or fix the conflicting ids',
    },
  );
}
