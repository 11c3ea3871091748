/**
 * Header rows mixed from every alias of every kind, the fields' own names and junk, in any
 * order, case and spacing: the mapping stays a mapping and detection stays a decision.
 * - a column serves at most one field, and `fields` and `byIndex` agree (a fallback column names
 *   its field too);
 * - a header that a field's `never` list names is never mapped to that field;
 * - detection never throws, and the kind it picks has its required fields mapped by a strong
 *   alias — or, when no kind has, it is the best-scored one and says what is missing;
 * - a field's own name never changes which kind is detected (it is weak).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALIAS_DATA } from '../../src/mapping/alias-table.js';
import { detectKind } from '../../src/mapping/detect-kind.js';
import { FALLBACK_FIELDS, FIELDS, type Field } from '../../src/mapping/fields.js';
import { mapByAliases } from '../../src/mapping/map-columns.js';
import { normalizeHeader } from '../../src/mapping/header.js';
import { KINDS } from '../../src/records/types.js';
import { fuzzRuns, fuzzSeed } from '../fuzz/support/runs.js';

const ALL_ALIASES = [...new Set(KINDS.flatMap((k) => Object.values(ALIAS_DATA[k].fields).flatMap((list) =>
  (list as readonly (string | { header?: string })[]).map((e) => (typeof e === 'string' ? e : e.header)).filter((h): h is string => h !== undefined))))];
const OWN_NAMES = [...new Set(KINDS.flatMap((k) => [...FIELDS[k]]))];
/** Own names that are no system's alias too (`amount`, `profit`, `from` are: those score). */
const ONLY_OWN = OWN_NAMES.filter((o) => !ALL_ALIASES.some((a) => normalizeHeader(a) === normalizeHeader(o)));
const JUNK = ['Комментарий', 'Notes', 'x', '#', 'Column 12', 'Теги', 'UTM', ''];

/** A header as an export might spell it: other case, padding, underscores for spaces. */
const spelled = (h: string) => fc.constantFrom(h, h.toUpperCase(), h.toLowerCase(), ` ${h} `, h.replace(/ /g, '_'));
const header = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ALL_ALIASES).chain(spelled) },
  { weight: 2, arbitrary: fc.constantFrom(...OWN_NAMES).chain(spelled) },
  { weight: 1, arbitrary: fc.constantFrom(...JUNK) },
);
const headers = fc.array(header, { minLength: 1, maxLength: 14 });
const ctx = { file: 'x.csv', sheet: null, headerLine: 1 };

describe('header rows mixed from every alias', () => {
  it('map each column to at most one field, never through a `never` header', () => {
    fc.assert(
      fc.property(headers, (hs) => {
        for (const kind of KINDS) {
          const m = mapByAliases(hs, kind, ctx);
          const cols = Object.values(m.fields) as number[];
          expect(new Set(cols).size).toBe(cols.length);
          for (const [field, i] of Object.entries(m.fields) as [Field, number][]) {
            expect(m.byIndex[i]).toBe(field);
            const never = ((ALIAS_DATA[kind].never as Record<string, readonly string[] | undefined>)[field] ?? []).map(normalizeHeader);
            expect(never).not.toContain(normalizeHeader(hs[i]!));
          }
          // a fallback column (FALLBACK_FIELDS) serves its field only, after the field's own column
          const more = Object.entries(m.fallbacks ?? {}) as [Field, number[]][];
          for (const [field, list] of more) {
            expect(FALLBACK_FIELDS[kind]).toContain(field);
            expect(m.fields[field]).toBeDefined();
            for (const i of list) {
              expect(cols).not.toContain(i);
              expect(m.byIndex[i]).toBe(field);
              const never = ((ALIAS_DATA[kind].never as Record<string, readonly string[] | undefined>)[field] ?? []).map(normalizeHeader);
              expect(never).not.toContain(normalizeHeader(hs[i]!));
            }
          }
          const fallbackCols = more.flatMap(([, list]) => list);
          expect(new Set(fallbackCols).size).toBe(fallbackCols.length);
          expect(m.byIndex.filter((f) => f !== null).length).toBe(cols.length + fallbackCols.length);
        }
      }),
      { numRuns: fuzzRuns(300), seed: fuzzSeed() },
    );
  });

  it('detect one kind or none, and the same kind with the fields\' own names added', () => {
    fc.assert(
      fc.property(headers, fc.array(fc.constantFrom(...ONLY_OWN), { maxLength: 4 }), (hs, own) => {
        const d = detectKind(hs);
        if (d.kind !== null) {
          expect(d.ambiguous).toBe(false);
          const picked = d.scores.find((s) => s.kind === d.kind)!;
          expect(picked.score).toBeGreaterThan(0);
          // a kind with every required field is preferred over one without
          if (picked.missing.length > 0) expect(d.scores.every((s) => s.score === 0 || s.missing.length > 0)).toBe(true);
        }
        // own names are weak: appended where nothing else claims them, they move no score
        expect(ONLY_OWN).toEqual(expect.arrayContaining(['client_id', 'won_at', 'duration_s', 'paid_at']));
        const taken = new Set(hs.map(normalizeHeader));
        const extra = own.filter((o) => !taken.has(normalizeHeader(o)));
        const d2 = detectKind([...hs, ...extra]);
        expect(d2.scores.map((s) => s.score)).toEqual(d.scores.map((s) => s.score));
        expect(d2.kind).toBe(d.kind);
      }),
      { numRuns: fuzzRuns(300), seed: fuzzSeed() },
    );
  });
});
