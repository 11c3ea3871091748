/**
 * Header → field mapping: by aliases (Decision #19) or by a source's explicit `columns:` map
 * (Decision #18). Pure; problems come back as issues, or as a KpiError when the file cannot be
 * read as configured.
 */
import type { Kind } from '../records/types.js';
import { makeIssue, type Issue } from '../errors/issue.js';
import { EXIT, KpiError, usageError } from '../errors/kpi-error.js';
import { FALLBACK_FIELDS, FIELDS, isFieldOf, missingRequired, type Field } from './fields.js';
import { normalizeHeader } from './header.js';
import { aliasFor, compiledAliases } from './alias-table.js';
import type { AnsweredRead } from './aliases/types.js';
import type { SplitMoment } from './split-moment.js';

export type { AnsweredRead } from './aliases/types.js';

export interface ColumnMapping {
  kind: Kind;
  /** field → 0-based column index */
  fields: Partial<Record<Field, number>>;
  /** column index → field or null */
  byIndex: (Field | null)[];
  /** column_ambiguous, duplicate_header, column_missing_optional (position: the header line). */
  issues: Issue[];
  /** How the `answered` column's values read (`flag` unless the alias says otherwise). */
  answeredRead?: AnsweredRead;
  /** field → the alias (or `columns:` value) that matched it, for `inspect`. */
  matched?: Partial<Record<Field, string>>;
  /** A moment written as a date column and a time column (see split-moment.ts). */
  split?: SplitMoment;
  /**
   * field → further columns, in order, read where the field's column is empty (`FALLBACK_FIELDS`):
   * amoCRM's `Источник` then `utm_source`, Bitrix's `Компания` then `Контакт`, a work phone then a
   * mobile one. `byIndex` names the field at each of them too.
   */
  fallbacks?: Partial<Record<Field, number[]>>;
  /** Calltouch's `callbackCall` as the direction column: a yes/no flag, yes = a callback (outbound). */
  directionRead?: 'callback';
  /**
   * A call-tracking log (Roistat, Calltouch) without a direction column: every call in it came in
   * on a tracking number, so every call is inbound (EXPORT-FORMATS §2, §5).
   */
  inboundOnly?: true;
}

/** Headers only a call-tracking system's log has (Roistat's visit and marker, Calltouch's call flags). */
const CALL_TRACKING_MARKERS = new Set(['visit id', 'marker', 'callbackcall', 'uniquecall', 'targetcall', 'uniqtargetcall']);

/** A call log's direction as a call-tracking log gives it (see `directionRead`, `inboundOnly`). */
function callTracking(mapping: ColumnMapping, norm: readonly string[] | null): void {
  if (mapping.kind !== 'calls' || norm === null) return;
  const d = mapping.fields.direction;
  if (d !== undefined) {
    if (norm[d] !== 'callbackcall') return;
    mapping.directionRead = 'callback';
    // its `callerNumber` is the client's number both ways: the caller of a call that came in, the
    // number called back — the other party's one column (`phone`), not `from`
    const f = mapping.fields;
    if (f.from !== undefined && f.to === undefined && f.phone === undefined) {
      f.phone = f.from;
      mapping.byIndex[f.from] = 'phone';
      delete f.from;
    }
  } else if (norm.some((n) => CALL_TRACKING_MARKERS.has(n))) mapping.inboundOnly = true;
}


export interface MapContext { file: string; sheet: string | null; headerLine: number | null }

/** Alias matching plus what kind detection needs to know about it. */
export interface AliasMatch {
  mapping: ColumnMapping;
  /** Fields mapped only through a generic alias (`Type`, `Status`): they do not score. */
  weakFields: ReadonlySet<Field>;
  /** Columns that are detection hints of the kind (a lead/deal title). */
  hintColumns: number;
}

function pos(ctx: MapContext, headers: readonly string[] | null, i: number) {
  return { file: ctx.file, sheet: ctx.sheet, line: ctx.headerLine, column: headers?.[i] ?? null, columnIndex: i + 1 };
}

function quoteList(headers: readonly string[]): string {
  const shown = headers.filter((h) => h.trim() !== '').slice(0, 30).map((h) => JSON.stringify(h));
  return shown.length ? shown.join(', ') : '(none)';
}

/** Full alias matching; `mapByAliases` returns just the mapping. */
export function matchAliases(headers: readonly string[], kind: Kind, ctx: MapContext): AliasMatch {
  const table = compiledAliases(kind);
  const norm = headers.map(normalizeHeader);
  const present = new Set(norm);
  // Decision: a repeated header (amoCRM repeats `Источник`, `roistat`…) keeps its first column.
  const firstOf = new Map<string, number>();
  const usable = norm.map((n, i) => {
    if (n === '') return false;
    if (firstOf.has(n)) return false;
    firstOf.set(n, i);
    return true;
  });
  const byIndex: (Field | null)[] = new Array<Field | null>(headers.length).fill(null);
  const fields: Partial<Record<Field, number>> = {};
  const matched: Partial<Record<Field, string>> = {};
  const weakFields = new Set<Field>();
  const issues: Issue[] = [];
  let answeredRead: AnsweredRead | undefined;

  for (const cf of table.fields) {
    let best = -1;
    let bestRank = Infinity;
    let bestAlias = null as ReturnType<typeof aliasFor>;
    const ties: number[] = [];
    for (let i = 0; i < norm.length; i++) {
      if (!usable[i] || byIndex[i] !== null) continue;
      const a = aliasFor(cf, norm[i]!);
      if (!a) continue;
      if (a.unless && a.unless.some((u) => present.has(u))) continue;
      if (a.rank < bestRank) {
        best = i; bestRank = a.rank; bestAlias = a; ties.length = 0;
      } else if (a.rank === bestRank) ties.push(i);
    }
    if (best < 0 || !bestAlias) continue;
    fields[cf.field] = best;
    byIndex[best] = cf.field;
    matched[cf.field] = bestAlias.text;
    if (bestAlias.weak) weakFields.add(cf.field);
    if (cf.field === 'answered' && kind === 'calls') answeredRead = bestAlias.read ?? 'flag';
    if (ties.length) {
      const others = ties.map((t) => `"${headers[t]}" (${t + 1})`).join(', ');
      const more = FALLBACK_FIELDS[kind].includes(cf.field) ? ', and the others where it is empty' : '';
      issues.push(makeIssue('column_ambiguous', pos(ctx, headers, best), {
        value: headers[best] ?? null,
        message: `columns "${headers[best]}" (${best + 1}) and ${others} all fit ${cf.field}; using the leftmost${more}`,
        hint: `name the column for ${cf.field} under \`columns:\` in the config`,
      }));
    }
  }

  // every field has its column: the columns left that fit a fallback field follow it, best first
  const fallbacks: Partial<Record<Field, number[]>> = {};
  for (const cf of table.fields) {
    if (fields[cf.field] === undefined || !FALLBACK_FIELDS[kind].includes(cf.field)) continue;
    const more: { i: number; rank: number }[] = [];
    for (let i = 0; i < norm.length; i++) {
      if (!usable[i] || byIndex[i] !== null) continue;
      const a = aliasFor(cf, norm[i]!);
      if (!a || (a.unless && a.unless.some((u) => present.has(u)))) continue;
      more.push({ i, rank: a.rank });
    }
    if (more.length === 0) continue;
    more.sort((x, y) => x.rank - y.rank || x.i - y.i);
    fallbacks[cf.field] = more.map((m) => m.i);
    for (const m of more) byIndex[m.i] = cf.field;
  }

  norm.forEach((n, i) => {
    const first = firstOf.get(n);
    if (n === '' || first === undefined || first === i) return;
    const field = byIndex[first];
    if (!field) return; // an unused repeated column changes nothing; no noise
    issues.push(makeIssue('duplicate_header', pos(ctx, headers, i), {
      value: headers[i] ?? null,
      message: `header "${headers[i]}" appears again in column ${i + 1}; ${field} is read from column ${first + 1}, the first one`,
      hint: 'rename one of the columns, or name the one to use under `columns:`',
    }));
  });

  let hintColumns = 0;
  for (let i = 0; i < norm.length; i++) if (usable[i] && table.hints.has(norm[i]!)) hintColumns++;

  const mapping: ColumnMapping = { kind, fields, byIndex, issues, matched };
  if (answeredRead) mapping.answeredRead = answeredRead;
  if (Object.keys(fallbacks).length > 0) mapping.fallbacks = fallbacks;
  callTracking(mapping, norm);
  return { mapping, weakFields, hintColumns };
}

/** Alias matching: exact after normalizeHeader; each field's ordered alias list, earliest alias wins;
 *  equal rank → leftmost + warning column_ambiguous; a column maps to at most one field. */
export function mapByAliases(headers: readonly string[], kind: Kind, ctx: MapContext): ColumnMapping {
  return matchAliases(headers, kind, ctx).mapping;
}

/** A `columns:` entry as messages name it: `column "Сумма"`, `column 99` (not "column column 99"). */
function shownColumn(wanted: string): string {
  return wanted.startsWith('column ') ? wanted : `column ${wanted}`;
}

/** The requirement (as `missingRequired` names it) that a field helps to meet, if any. */
function requirementOf(kind: Kind, field: Field): string | null {
  if (kind === 'leads') return field === 'created_at' ? 'created_at' : null;
  if (kind === 'calls') return field === 'started_at' ? 'started_at' : null;
  if (field === 'date') return 'date';
  if (field === 'client' || field === 'client_id') return 'client or client_id';
  if (field === 'amount' || field === 'quantity' || field === 'unit_price') return 'amount or quantity+unit_price';
  return null;
}

/** A source's `columns:` map (Decision #18): string = header (matched after normalizeHeader), integer
 *  = 1-based index; exactly those columns, nothing else auto-mapped. A missing required column →
 *  KpiError exit 3 (code column_missing) naming the file, the header wanted and the headers seen;
 *  a missing optional column → warning column_missing_optional. `headers` null = headerless file. */
export function mapExplicit(headers: readonly string[] | null, kind: Kind,
  columns: Readonly<Record<string, string | number | readonly (string | number)[]>>, ctx: MapContext): ColumnMapping {
  const norm = headers ? headers.map(normalizeHeader) : null;
  const fields: Partial<Record<Field, number>> = {};
  const fallbacks: Partial<Record<Field, number[]>> = {};
  const matched: Partial<Record<Field, string>> = {};
  const issues: Issue[] = [];
  const absent: { field: Field; wanted: string }[] = [];
  const taken = new Map<number, string>();
  let width = headers ? headers.length : 0;

  /** The 0-based column `spec` names for `key`, or -1 when the file lacks it. */
  const columnOf = (key: string, field: Field, spec: string | number): number => {
    let idx = -1;
    if (typeof spec === 'number') {
      if (!Number.isInteger(spec) || spec < 1) {
        throw usageError(`${ctx.file}: columns.${key}: found ${spec}, expected a 1-based column number or a header`);
      }
      if (!headers || spec <= headers.length) idx = spec - 1;
    } else {
      if (!norm) {
        throw usageError(`${ctx.file}: columns.${key}: "${spec}" names a header, but the file is read without one (header_row: none)`,
          'give the 1-based column number instead');
      }
      const want = normalizeHeader(spec);
      const hits: number[] = [];
      norm.forEach((n, i) => { if (n === want && want !== '') hits.push(i); });
      if (hits.length) idx = hits[0]!;
      if (hits.length > 1) {
        issues.push(makeIssue('duplicate_header', pos(ctx, headers, hits[1]!), {
          value: spec,
          message: `header "${spec}" appears in columns ${hits.map((h) => h + 1).join(', ')}; ${field} is read from column ${idx + 1}`,
          hint: `use the column number for ${field} under \`columns:\``,
        }));
      }
    }
    if (idx < 0) return -1;
    const other = taken.get(idx);
    if (other !== undefined) {
      throw usageError(`${ctx.file}: columns.${key} and columns.${other} both name column ${idx + 1}`, 'a column feeds one field');
    }
    taken.set(idx, key);
    width = Math.max(width, idx + 1);
    return idx;
  };
  const wantedText = (spec: string | number) => (typeof spec === 'number' ? `column ${spec}` : `"${spec}"`);

  for (const [key, value] of Object.entries(columns)) {
    if (!isFieldOf(kind, key)) {
      throw usageError(`${ctx.file}: columns.${key}: not a field of ${kind}`, `fields of ${kind}: ${FIELDS[kind].join(', ')}`);
    }
    const field: Field = key;
    const list = typeof value === 'string' || typeof value === 'number' ? [value] : value;
    if (list.length > 1 && !FALLBACK_FIELDS[kind].includes(field)) {
      throw usageError(`${ctx.file}: columns.${key}: a list of columns is read only for ${FALLBACK_FIELDS[kind].join(', ') || 'no field'} of ${kind}`, `name one column for ${field}`);
    }
    // a list: the first column the file has, then the others where it is empty
    const found: number[] = [];
    const missing: string[] = [];
    for (const spec of list) {
      const idx = columnOf(key, field, spec);
      if (idx < 0) missing.push(wantedText(spec));
      else {
        if (found.length === 0) matched[field] = String(spec);
        found.push(idx);
      }
    }
    if (found.length === 0) {
      absent.push({ field, wanted: missing.join(' or ') });
      continue;
    }
    fields[field] = found[0]!;
    if (found.length > 1) fallbacks[field] = found.slice(1);
    for (const wanted of missing) {
      issues.push(makeIssue('column_missing_optional', { file: ctx.file, sheet: ctx.sheet, line: ctx.headerLine, column: wanted }, {
        expected: wanted,
        message: `${shownColumn(wanted)} for ${field} (from \`columns:\`) is not in the file; the other columns listed for it are read`,
        hint: 'fix or remove it under `columns:`',
      }));
    }
  }

  const mappedSet = new Set<string>(Object.keys(fields));
  const unmet = new Set(missingRequired(kind, mappedSet));
  for (const { field, wanted } of absent) {
    const req = requirementOf(kind, field);
    if (req && unmet.has(req)) {
      const seen = headers ? quoteList(headers) : '(no header row)';
      const message = `${ctx.file}: ${shownColumn(wanted)} for ${field} (from \`columns:\`) is not in the file; headers seen: ${seen}`;
      const issue = makeIssue('column_missing', { file: ctx.file, sheet: ctx.sheet, line: ctx.headerLine, column: wanted }, {
        value: seen, expected: wanted, message,
        hint: 'fix the header under `columns:` (matching ignores case, spaces and punctuation), or check the export',
      });
      throw new KpiError(EXIT.input, message, { issue });
    }
    issues.push(makeIssue('column_missing_optional', { file: ctx.file, sheet: ctx.sheet, line: ctx.headerLine, column: wanted }, {
      expected: wanted,
      message: `${shownColumn(wanted)} for ${field} (from \`columns:\`) is not in the file; ${field} stays empty`,
      hint: 'fix or remove it under `columns:`',
    }));
  }

  const byIndex: (Field | null)[] = new Array<Field | null>(width).fill(null);
  for (const [f, i] of Object.entries(fields) as [Field, number][]) byIndex[i] = f;
  for (const [f, list] of Object.entries(fallbacks) as [Field, number[]][]) for (const i of list) byIndex[i] = f;
  const mapping: ColumnMapping = { kind, fields, byIndex, issues, matched };
  if (Object.keys(fallbacks).length > 0) mapping.fallbacks = fallbacks;
  if (kind === 'calls' && fields.answered !== undefined) {
    // An explicitly named `is_lost` still reads inverted: the alias data knows how its values read.
    const cf = compiledAliases('calls').fields.find((f) => f.field === 'answered');
    const a = cf && norm ? aliasFor(cf, norm[fields.answered] ?? '') : null;
    mapping.answeredRead = a?.read ?? 'flag';
  }
  callTracking(mapping, norm);
  return mapping;
}
