/**
 * `flatten` (src/values/flat.ts): the copy equals the text and keeps nothing of the big string it
 * was cut from alive — the property every dictionary entry, issue value and rejected row's text
 * relies on to let a file's chunks be collected.
 */
import { describe, it, expect } from 'vitest';
import v8 from 'node:v8';
import vm from 'node:vm';
import { flatten } from '../../src/values/flat.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Heap growth (MB) from keeping `keep(slice)` of 40 fresh 2 MB strings. */
function retained(keep: (s: string) => string): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: string[] = [];
  for (let c = 0; c < 40; c++) {
    const chunk = `${c};` + 'Иванов Иван;+7 912 345-67-89;'.repeat(70_000);
    kept.push(keep(chunk.slice(1000, 1100)));
  }
  gc();
  const grown = (process.memoryUsage().heapUsed - before) / 1e6;
  expect(kept.every((k) => k.length === 100)).toBe(true);
  return grown;
}

describe('flatten', () => {
  it('returns equal text, short and long, one- and two-byte', () => {
    for (const s of ['', 'abc', 'x'.repeat(13), 'Ромашка-Сервис «ООО»', 'a\u0000b'.repeat(10)]) expect(flatten(s)).toBe(s);
    const rope = 'ООО «Ромашка' + '-Сервис» '.repeat(3);
    expect(flatten(rope)).toBe(rope);
  });

  it('keeps no slice of the chunk it came from alive', () => {
    expect(retained((s) => s)).toBeGreaterThan(60); // the test can see a pinned chunk
    expect(retained(flatten)).toBeLessThan(10);
  });
});
