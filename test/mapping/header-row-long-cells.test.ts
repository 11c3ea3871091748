/**
 * Header detection skips cells too long to be a column name: normalizing a hostile cell of
 * millions of characters (a 15 KB XLSX can hold one) took seconds and half a gigabyte.
 */
import { describe, expect, it, vi } from 'vitest';
import * as header from '../../src/mapping/header.js';
import { scoreHeaderRows } from '../../src/mapping/header-row.js';

vi.mock('../../src/mapping/header.js', async (importOriginal) => {
  const real = await importOriginal<typeof header>();
  return { ...real, normalizeHeader: vi.fn(real.normalizeHeader) };
});

describe('scoreHeaderRows and long cells', () => {
  scoreHeaderRows([['ID', 'Дата']]); // the alias index is built (normalized) on first use
  it('a cell over 1000 characters is filled but never normalized or matched', () => {
    const spy = vi.mocked(header.normalizeHeader);
    spy.mockClear();
    const long = 'Источник ' + 'я'.repeat(2_000_000);
    const [row] = scoreHeaderRows([['ID', 'Дата создания', long, 'Ответственный']]);
    expect(row).toMatchObject({ filled: 4, candidate: true, aliasMatches: 3, kind: 'leads' });
    expect(spy.mock.calls.map(([c]) => c.length)).toEqual([2, 13, 13]);
  });

  it('a name of exactly 1000 characters is still compared', () => {
    const spy = vi.mocked(header.normalizeHeader);
    spy.mockClear();
    scoreHeaderRows([['ID', 'x'.repeat(1000)]]);
    expect(spy.mock.calls.map(([c]) => c.length)).toEqual([2, 1000]);
  });
});
