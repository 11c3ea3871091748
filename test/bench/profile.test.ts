import { describe, expect, it } from 'vitest';
import { summarizeProfile, type CpuProfile } from '../../bench/profile.js';

describe('CPU profile summary', () => {
  it('adds self time per function and per file, largest first, with file paths relative to the repo', () => {
    const p: CpuProfile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 } },
        { id: 2, callFrame: { functionName: 'tokenize', url: 'file:///repo/dist/src/ingest/csv/tokenizer.js', lineNumber: 9 } },
        { id: 3, callFrame: { functionName: 'parseDate', url: 'file:///repo/dist/src/values/dates.js', lineNumber: 41 } },
        { id: 4, callFrame: { functionName: '', url: 'file:///repo/dist/src/values/dates.js', lineNumber: 99 } },
        { id: 5, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1 } },
      ],
      samples: [2, 2, 3, 4, 2, 5, 3],
      timeDeltas: [1000, 1000, 2000, 500, 1000, 1500, 1500],
    };
    const s = summarizeProfile(p, '/repo');
    expect(s.total).toBe(8.5);
    expect(s.byFile.map((l) => [l.name, l.selfMs])).toEqual([
      ['dist/src/values/dates.js', 4], ['dist/src/ingest/csv/tokenizer.js', 3], ['(garbage collector)', 1.5],
    ]);
    expect(s.byFunction[0]).toEqual({ name: 'parseDate  dist/src/values/dates.js:42', selfMs: 3.5, share: 3.5 / 8.5 });
    expect(s.byFunction.map((l) => l.name)).toContain('(anonymous)  dist/src/values/dates.js:100');
  });
});
