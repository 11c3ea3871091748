/**
 * A small seeded PRNG for the benchmark generator. The same seed must give the same bytes on
 * every machine and Node version, so this is sfc32 (integer-only, no `Math.random`), seeded
 * through splitmix32 so nearby seeds (1, 2, 3…) still give unrelated streams.
 */

/** A deterministic random source. Every method advances the stream. */
export interface Rng {
  /** A uniform 32-bit unsigned integer. */
  u32(): number;
  /** A uniform float in [0, 1). */
  float(): number;
  /** A uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T;
}

/** splitmix32 step: spreads a seed's bits so sfc32's state never starts near zero. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A new generator for `seed` (any integer; `salt` derives independent streams from one seed). */
export function createRng(seed: number, salt = 0): Rng {
  const st = { s: (seed ^ Math.imul(salt + 1, 0x27d4eb2f)) | 0 };
  let a = splitmix32(st);
  let b = splitmix32(st);
  let c = splitmix32(st);
  let d = splitmix32(st);
  const u32 = (): number => {
    // sfc32 (Chris Doty-Humphrey's "small fast counting" generator), passes PractRand to 2^40+.
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32(); // discard the first outputs, as the reference does
  const float = (): number => u32() / 4294967296;
  return {
    u32,
    float,
    int: (lo, hi) => lo + Math.floor(float() * (hi - lo + 1)),
    chance: (p) => float() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick: empty list');
      return items[Math.floor(float() * items.length)] as T;
    },
  };
}

/**
 * A weighted choice table built once and sampled in O(log n): the generator draws a source,
 * stage or status per row, so a linear scan over weights would be wasted work at 5M rows.
 */
export interface Weighted<T> {
  sample(rng: Rng): T;
}

/** Build a weighted table from `[value, weight]` pairs (weights > 0). */
export function weighted<T>(pairs: readonly (readonly [T, number])[]): Weighted<T> {
  if (pairs.length === 0) throw new Error('weighted: empty table');
  const cum: number[] = [];
  let total = 0;
  for (const [, w] of pairs) {
    if (!(w > 0)) throw new Error('weighted: weights must be positive');
    total += w;
    cum.push(total);
  }
  const values = pairs.map((p) => p[0]);
  return {
    sample(rng) {
      const x = rng.float() * total;
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (x < (cum[mid] as number)) hi = mid;
        else lo = mid + 1;
      }
      return values[lo] as T;
    },
  };
}
