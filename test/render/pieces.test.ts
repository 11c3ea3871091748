import { describe, expect, it } from 'vitest';
import { joinedPieces, linePieces, LINES_PER_PIECE } from '../../src/render/pieces.js';

describe('pieces of long outputs', () => {
  const lines = (n: number) => Array.from({ length: n }, (_, i) => `l${i}`);

  it.each([0, 1, LINES_PER_PIECE - 1, LINES_PER_PIECE, LINES_PER_PIECE + 1, 3 * LINES_PER_PIECE])('%i lines: the same text as joined whole', (n) => {
    const ls = lines(n);
    const eolPieces = [...linePieces(ls, '\r\n')];
    expect(eolPieces.join('')).toBe(ls.map((l) => l + '\r\n').join(''));
    expect(eolPieces).toHaveLength(Math.ceil(n / LINES_PER_PIECE));
    const sepPieces = [...joinedPieces(ls, '\n', (l) => l.toUpperCase())];
    expect(sepPieces.join('')).toBe(ls.map((l) => l.toUpperCase()).join('\n'));
    expect(sepPieces).toHaveLength(Math.ceil(n / LINES_PER_PIECE));
  });
});
