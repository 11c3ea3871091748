/**
 * Which kind of records a file holds, from its headers alone (Overrides #17).
 *
 * "A kind matches when its required fields map" cannot decide by itself — a lead needs only a
 * date, so every invoice file would match leads too. So each kind is scored by the fields that
 * tell it apart (see `signals` in the alias data), counting only non-generic aliases:
 *   invoices: amount, quantity, unit price, invoice number, cost/profit;
 *   calls:    talk duration, direction, disposition/status/answered, from/to numbers;
 *   leads:    source/channel, stage/status, a lead/deal title column.
 * Candidates are the kinds with a score > 0 whose required fields all map; when there are none,
 * the kinds with a score > 0 at all (a closed-deals export without `created_at` is still a leads
 * file — it merges into its leads by id, SPEC §2 — and `missing` says what it lacks). Among the
 * candidates the highest score wins; a tie at the top is ambiguous, never a guess — unless no kind
 * has its required fields at all (`ID;Стадия;Сумма`: leads lack created_at, invoices a date and a
 * client): then naming either kind would only trade the error for `column_missing`, so the file is
 * unknown, and `missing` says per kind what it lacks.
 */
import type { Kind } from '../records/types.js';
import { KINDS } from '../records/types.js';
import { missingRequired, type Field } from './fields.js';
import { compiledAliases } from './alias-table.js';
import { matchAliases } from './map-columns.js';

export interface KindScore {
  kind: Kind;
  score: number;
  missing: string[];
  /** Leads only: the headers name a lead id and what tells a deal's outcome (status or won date). */
  closedDeals?: boolean;
}

const NO_CTX = { file: '', sheet: null, headerLine: null };

/** Score one kind against the headers. */
export function scoreKind(headers: readonly string[], kind: Kind): KindScore {
  const { mapping, weakFields, hintColumns } = matchAliases(headers, kind, NO_CTX);
  // a required field found only under a generic header (a lead list's bare `Date`) is read once
  // the kind is known, but does not make the kind a candidate: `Date, Client, Amount` stays invoices
  const mapped = new Set<string>(Object.keys(mapping.fields).filter((f) => !weakFields.has(f as Field)));
  let score = hintColumns > 0 ? 1 : 0;
  for (const group of compiledAliases(kind).signals) {
    if (group.some((f) => mapping.fields[f] !== undefined && !weakFields.has(f))) score++;
  }
  const out: KindScore = { kind, score, missing: missingRequired(kind, mapped) };
  if (kind === 'leads' && mapped.has('id') && (mapped.has('status') || mapped.has('won_at'))) out.closedDeals = true;
  return out;
}

/** Pick the single highest score, or return the kinds that tie at the top. */
function pick(cands: readonly KindScore[]): { kind: Kind | null; tied: KindScore[] } {
  let top = -1;
  for (const c of cands) top = Math.max(top, c.score);
  const winners = cands.filter((c) => c.score === top);
  if (winners.length === 1) return { kind: winners[0]!.kind, tied: [] };
  return { kind: null, tied: winners };
}

/** Overrides #17: score each kind by the fields that tell it apart (invoices: amount, quantity, unit
 *  price, invoice number, cost; calls: duration, direction, disposition/status, from/to; leads:
 *  source/channel, stage/status, lead/deal title), only among kinds whose required fields map;
 *  the clear winner is taken; a tie → ambiguous, with `tied` the kinds that tie (the message names
 *  them: the complete ones when some are, else the incomplete ones, which `scores` alone cannot
 *  tell); a tie when no kind has its required fields → unknown (not ambiguous, `tied` empty). */
export function detectKind(headers: readonly string[]): { kind: Kind | null; ambiguous: boolean; tied: KindScore[]; scores: KindScore[] } {
  const scores = KINDS.map((k) => scoreKind(headers, k));
  const scored = scores.filter((s) => s.score > 0);
  const complete = scored.filter((s) => s.missing.length === 0);
  // no kind complete: a list of deals with ids and outcomes but no created date is a closed-deals
  // list (SPEC §2: it merges into the lead list by id), whatever else scores as much
  if (complete.length === 0) {
    const deals = scored.find((s) => s.closedDeals === true && s.missing.length === 1 && s.missing[0] === 'created_at');
    if (deals) return { kind: 'leads', ambiguous: false, tied: [], scores };
  }
  const { kind, tied } = pick(complete.length > 0 ? complete : scored);
  if (tied.length > 1 && scores.some((s) => s.missing.length === 0)) return { kind, ambiguous: true, tied, scores };
  return { kind, ambiguous: false, tied: [], scores };
}

/** The fields that score for a kind, for messages: `channel, status` (a group as `cost/unit_cost/profit`). */
export function signalFields(kind: Kind): string {
  const a = compiledAliases(kind);
  const groups = a.signals.map((g) => g.join('/'));
  if (a.hints.size > 0) groups.push('a title'); // leads: "Название сделки", "Deal Name", …
  return groups.join(', ');
}
