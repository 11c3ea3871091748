/**
 * Compiles the alias data (src/mapping/aliases/*) into lookup tables keyed by normalized header,
 * once per process. Pure: no I/O.
 */
import type { Kind } from '../records/types.js';
import { KINDS } from '../records/types.js';
import type { Field } from './fields.js';
import { normalizeHeader } from './header.js';
import type { AliasEntry, AnsweredRead, KindAliases } from './aliases/types.js';
import { LEAD_ALIASES } from './aliases/leads.js';
import { CALL_ALIASES } from './aliases/calls.js';
import { INVOICE_ALIASES } from './aliases/invoices.js';

/** One alias after compilation; `rank` is its position in the field's list (0 = best). */
export interface CompiledAlias {
  rank: number;
  /** The alias as written in the data, for `inspect`. */
  text: string;
  weak: boolean;
  read: AnsweredRead | null;
  /** Normalized headers whose presence disables this alias. */
  unless: readonly string[] | null;
}

export interface CompiledField {
  field: Field;
  exact: ReadonlyMap<string, CompiledAlias>;
  contains: readonly { fragment: string; alias: CompiledAlias }[];
  never: ReadonlySet<string>;
}

export interface CompiledKind {
  kind: Kind;
  /** In priority order. */
  fields: readonly CompiledField[];
  hints: ReadonlySet<string>;
  signals: readonly (readonly Field[])[];
}

export const ALIAS_DATA: { readonly [K in Kind]: KindAliases<Field> } = {
  leads: LEAD_ALIASES as KindAliases<Field>,
  calls: CALL_ALIASES as KindAliases<Field>,
  invoices: INVOICE_ALIASES as KindAliases<Field>,
};

function compileField(field: Field, entries: readonly AliasEntry[], never: readonly string[] | undefined): CompiledField {
  const exact = new Map<string, CompiledAlias>();
  const contains: { fragment: string; alias: CompiledAlias }[] = [];
  // A column headed with the field's own name (SPEC §2: `created_at`, `duration_s`, `number`) is
  // that field, whatever system wrote it — after every alias of the list, and weak: a file
  // written by hand or by a script is no evidence of a kind.
  const list: readonly AliasEntry[] = [...entries, { header: field, weak: true }];
  list.forEach((e, rank) => {
    const spec = typeof e === 'string' ? { header: e } : e;
    const alias: CompiledAlias = {
      rank,
      text: spec.header ?? `*${spec.contains ?? ''}*`,
      weak: spec.weak === true,
      read: spec.read ?? null,
      unless: spec.unlessHeaders ? spec.unlessHeaders.map(normalizeHeader) : null,
    };
    if (spec.header !== undefined) {
      const key = normalizeHeader(spec.header);
      if (!exact.has(key)) exact.set(key, alias); // a repeated spelling keeps its first rank
    } else if (spec.contains !== undefined) {
      // Substring aliases rank after every exact one, whatever their place in the list.
      contains.push({ fragment: normalizeHeader(spec.contains), alias: { ...alias, rank: list.length + rank } });
    }
  });
  return { field, exact, contains, never: new Set((never ?? []).map(normalizeHeader)) };
}

function compileKind(kind: Kind): CompiledKind {
  const data = ALIAS_DATA[kind];
  const fields = (Object.keys(data.fields) as Field[]).map((f) =>
    compileField(f, (data.fields as Record<string, readonly AliasEntry[]>)[f] ?? [], (data.never as Record<string, readonly string[]>)[f]));
  return { kind, fields, hints: new Set(data.hints.map(normalizeHeader)), signals: data.signals };
}

const cache = new Map<Kind, CompiledKind>();

/** The compiled alias table of a kind. */
export function compiledAliases(kind: Kind): CompiledKind {
  let c = cache.get(kind);
  if (!c) {
    c = compileKind(kind);
    cache.set(kind, c);
  }
  return c;
}

/** The alias a normalized header matches for a field, or null (`never` wins over every alias). */
export function aliasFor(cf: CompiledField, norm: string): CompiledAlias | null {
  if (norm === '' || cf.never.has(norm)) return null;
  const hit = cf.exact.get(norm);
  if (hit) return hit;
  for (const c of cf.contains) {
    if (norm.includes(c.fragment)) return c.alias;
  }
  return null;
}

let globalIndex: Map<string, { kind: Kind; field: Field; weak: boolean }[]> | null = null;

/**
 * Normalized header → every (kind, field) whose exact aliases contain it, and whether that alias
 * is weak. Used to score rows as header candidates without building a full mapping per row.
 */
export function headerAliasIndex(): ReadonlyMap<string, readonly { kind: Kind; field: Field; weak: boolean }[]> {
  if (globalIndex) return globalIndex;
  const idx = new Map<string, { kind: Kind; field: Field; weak: boolean }[]>();
  for (const kind of KINDS) {
    for (const cf of compiledAliases(kind).fields) {
      for (const [key, alias] of cf.exact) {
        const list = idx.get(key) ?? [];
        list.push({ kind, field: cf.field, weak: alias.weak });
        idx.set(key, list);
      }
    }
  }
  globalIndex = idx;
  return idx;
}
