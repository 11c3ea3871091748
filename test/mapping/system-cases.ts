/**
 * Runner for the per-system header tables (systems-*.test.ts): the real header rows of every
 * system in EXPORT-FORMATS.md, written out literally. Each case names the kind detection must
 * give and the header each key field must map to (null = must stay unmapped).
 */
import { describe, expect, it } from 'vitest';
import type { Kind } from '../../src/records/types.js';
import { detectKind } from '../../src/mapping/detect-kind.js';
import { mapByAliases } from '../../src/mapping/map-columns.js';
import type { Field } from '../../src/mapping/fields.js';

export interface SystemCase {
  system: string;
  headers: string[];
  kind: Kind;
  expect: Partial<Record<Field, string | null>>;
  /** Required fields the kind lacks (detection still picks it). */
  missing?: string[];
}

const ctx = { file: 'x.csv', sheet: null, headerLine: 1 };

export function runSystemCases(cases: readonly SystemCase[]): void {
  describe('kind detection', () => {
    it.each(cases.map((c) => [c.system, c] as const))('%s', (_name, c) => {
      const d = detectKind(c.headers);
      expect(d.ambiguous).toBe(false);
      expect(d.kind).toBe(c.kind);
      expect(d.scores.find((s) => s.kind === c.kind)!.missing).toEqual(c.missing ?? []);
    });
  });

  describe('alias mapping', () => {
    it.each(cases.map((c) => [c.system, c] as const))('%s', (_name, c) => {
      const m = mapByAliases(c.headers, c.kind, ctx);
      for (const [field, header] of Object.entries(c.expect)) {
        const idx = m.fields[field as Field];
        expect({ field, header: idx === undefined ? null : c.headers[idx] }).toEqual({ field, header });
      }
      // byIndex and fields agree, and no column serves two fields.
      for (const [field, idx] of Object.entries(m.fields)) expect(m.byIndex[idx as number]).toBe(field);
      expect(new Set(Object.values(m.fields)).size).toBe(Object.keys(m.fields).length);
    });
  });
}
