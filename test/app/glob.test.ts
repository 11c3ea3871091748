import { describe, it, expect } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expandGlob, hasMagic, segmentToRegExp } from '../../src/app/glob.js';
import { tempDir } from '../helpers/cli.js';

describe('glob', () => {
  it.each([
    ['*.csv', 'a.csv', true],
    ['*.csv', 'a.xlsx', false],
    ['leads-2026-?.csv', 'leads-2026-1.csv', true],
    ['leads-[0-9][0-9].csv', 'leads-07.csv', true],
    ['leads-[!0-9].csv', 'leads-7.csv', false],
    ['{leads,calls}.csv', 'calls.csv', true],
    ['a.b', 'axb', false],
  ])('%s matches %s: %s', (pat, name, want) => {
    expect(segmentToRegExp(pat).test(name)).toBe(want);
  });

  it('expands relative patterns, sorted by code point, recursing with **', async () => {
    const dir = tempDir({ 'b.csv': 'x', 'a.csv': 'x', 'c.txt': 'x', 'Z.csv': 'x' });
    mkdirSync(path.join(dir, 'sub', 'deep'), { recursive: true });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dir, 'sub', 'deep', 'd.csv'), 'x');
    expect(await expandGlob('*.csv', dir)).toEqual(['Z.csv', 'a.csv', 'b.csv']);
    expect(await expandGlob('**/*.csv', dir)).toEqual(['Z.csv', 'a.csv', 'b.csv', 'sub/deep/d.csv']);
    expect(await expandGlob('none-*.csv', dir)).toEqual([]);
    expect(hasMagic('plain.csv')).toBe(false);
    expect(await expandGlob('plain.csv', dir)).toEqual(['plain.csv']);
  });
});
