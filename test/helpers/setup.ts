/**
 * Vitest setup for every test file: an `IdSet` equals another with the same ids, whatever their
 * layout (a bitset or a Set, decided as ids arrive), so `toEqual` on tallies compares contents.
 */
import { expect } from 'vitest';
import { IdSet } from '../../src/kpi/id-set.js';

expect.addEqualityTesters([
  (a: unknown, b: unknown) => (a instanceof IdSet && b instanceof IdSet ? a.equals(b) : undefined),
]);
