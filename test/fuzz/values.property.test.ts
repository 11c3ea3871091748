/**
 * The value parsers never throw and never let a non-number through: whatever text a cell holds,
 * each parser returns null (→ the caller rejects or warns, visibly) or a value inside its
 * documented range. Strings are drawn from the characters real exports and hostile files use.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createNumberColumn, MAX_ABS, toCents, tryCents } from '../../src/values/numbers.js';
import { createDateColumn, MAX_YEAR, MIN_YEAR } from '../../src/values/dates.js';
import { parseDuration } from '../../src/values/duration.js';
import { normalizePhone } from '../../src/values/phone.js';
import { normalizeClientId, normalizeCompanyName, normalizeEmail } from '../../src/values/client.js';
import { parseBool } from '../../src/values/bool.js';
import { daysFromCivil } from '../../src/values/calendar.js';
import { MS_PER_DAY } from '../../src/period/types.js';
import { fuzzRuns, fuzzSeed } from './support/runs.js';

/** Characters that matter to the parsers, plus a few that should never matter. */
const CHARS = [...'0123456789', ...'0123456789', '.', ',', ' ', '\u00a0', '\u202f', '-', '+', '(', ')', '/', ':', 'T', 'Z', 'e', 'E', '₽', '$', '€', 'р', 'у', 'б', 'N', 'a', 'I', 'n', 'f', 'x', '\'', '"', '%', '\t', '\n', 'я', 'г', '#', '@', '\u0000', '\ud800', '٣'];
const messy = fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 40 });
/** Numbers with extreme magnitudes and forms, as text. */
const numeric = fc.oneof(
  messy,
  fc.double().map(String),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.constantFrom('1e309', '-1e309', 'NaN', 'Infinity', '-Infinity', '1e-400', '0x10', '١٢٣', '9'.repeat(30), '1 234,56', '(1,234.56)', '-', '', ' '),
);
const dateLike = fc.oneof(
  messy,
  fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([y, m, d]) => `${y}-${m}-${d}`),
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 99 })).map(([d, m, y, h]) => `${d}.${m}.${y} ${h}:00`),
  fc.constantFrom('0001-01-01', '9999-12-31', '9999-12-31T23:59:59+14:00', '1900-01-01T00:00:00+01:00', '2200-12-31T23:59:59-12:00', '99999999999', '1e10', '2024-02-30', '24:00', '31/12/9999'),
);

const MIN_WALL = daysFromCivil(MIN_YEAR, 1, 1) * MS_PER_DAY;
const MAX_WALL = daysFromCivil(MAX_YEAR + 1, 1, 1) * MS_PER_DAY;
const runs = fuzzRuns(1000);

describe('value parsers under any text', () => {
  it('number columns: null or a finite value within ±MAX_ABS; cents exact or null', () => {
    fc.assert(
      fc.property(fc.array(numeric, { maxLength: 12 }), fc.constantFrom<',' | '.' | null>(null, ',', '.'), (values, declared) => {
        const col = createNumberColumn({ declared });
        for (const v of values) expect(typeof col.observe(v)).toBe('boolean');
        for (const v of values) {
          const x = col.parse(v);
          if (x === null) continue;
          expect(Number.isFinite(x)).toBe(true);
          expect(Math.abs(x)).toBeLessThanOrEqual(MAX_ABS);
          const c = tryCents(x);
          if (c !== null) {
            expect(Number.isSafeInteger(c)).toBe(true);
            expect(toCents(x)).toBe(c);
          }
        }
      }),
      { numRuns: runs, seed: fuzzSeed() },
    );
  });

  it('date columns: null or a wall time inside the accepted years', () => {
    fc.assert(
      fc.property(fc.array(dateLike, { maxLength: 12 }), fc.constantFrom('UTC', 'Europe/Moscow', 'Pacific/Kiritimati', 'America/Los_Angeles'), (values, tz) => {
        const col = createDateColumn({ tz });
        for (const v of values) expect(typeof col.observe(v)).toBe('boolean');
        for (const v of values) {
          const d = col.parse(v);
          if (d === null) continue;
          expect(Number.isFinite(d.wall)).toBe(true);
          expect(d.wall).toBeGreaterThanOrEqual(MIN_WALL);
          expect(d.wall).toBeLessThan(MAX_WALL);
        }
        const f = col.format();
        expect(f === null || typeof f === 'string').toBe(true);
      }),
      { numRuns: runs, seed: fuzzSeed() },
    );
  });

  it('durations, phones, client keys, booleans: no throw, no NaN', () => {
    fc.assert(
      fc.property(fc.oneof(messy, numeric, dateLike, fc.string({ maxLength: 300 })), (v) => {
        const s = parseDuration(v);
        if (s !== null) expect(Number.isFinite(s) && s >= 0).toBe(true);
        for (const country of ['RU', 'US', 'DE']) {
          const p = normalizePhone(v, country);
          expect(['e164', 'ext', 'sip', 'invalid', 'anonymous']).toContain(p.kind);
          if (p.value !== null) expect(typeof p.value).toBe('string');
          if (p.kind === 'e164') expect(p.value).toMatch(/^\+[1-9]\d{6,14}$/);
        }
        for (const f of [normalizeCompanyName, normalizeClientId, normalizeEmail]) {
          const k = f(v);
          expect(k === null || (typeof k === 'string' && k.length > 0)).toBe(true);
        }
        expect([true, false, null]).toContain(parseBool(v));
      }),
      { numRuns: runs * 3, seed: fuzzSeed() },
    );
  });
});
