/**
 * The generator's seeded randomness: sfc32 (a small, fast 32-bit generator that passes PractRand)
 * seeded from the --seed text through a string hash, so that the same seed gives the same data.
 * Written here rather than taken from a library because the generator calls it tens of millions of
 * times a run and needs only floats, integers and weighted picks.
 */

export type Random = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An integer in [min, max], both included. */
  between(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a weighted list. */
  pick<T>(weighted: Weighted<T>): T;
  /** One element of a list, each as likely. */
  one<T>(list: readonly T[]): T;
  /** A draw from a log-normal distribution with the given median and spread (sigma of the log). */
  logNormal(median: number, sigma: number): number;
};

/** A list with cumulative weights, prepared once so that a pick is a short scan. */
export type Weighted<T> = { readonly values: readonly T[]; readonly cumulative: Float64Array };

export function weighted<T>(entries: ReadonlyArray<readonly [T, number]>): Weighted<T> {
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, weight], index) => {
    total += weight;
    cumulative[index] = total;
  });
  for (let i = 0; i < cumulative.length; i++) cumulative[i]! /= total;
  return { values: entries.map(([value]) => value), cumulative };
}

/** cyrb53-style mixing of the seed text into four 32-bit words. */
function seedWords(seed: string): [number, number, number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < seed.length; i++) {
    const c = seed.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0, (h1 ^ 0x9e3779b9) >>> 0, (h2 ^ 0x7f4a7c15) >>> 0];
}

export function createRandom(seed: string): Random {
  let [a, b, c, d] = seedWords(seed);
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm up: the first outputs of sfc32 still show the seed.
  for (let i = 0; i < 15; i++) next();
  const random: Random = {
    next,
    int: (n) => Math.floor(next() * n),
    between: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>({ values, cumulative }: Weighted<T>): T {
      const x = next();
      for (let i = 0; i < cumulative.length; i++) if (x < cumulative[i]!) return values[i]!;
      return values[values.length - 1]!;
    },
    one: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!,
    logNormal(median, sigma) {
      // Box–Muller; 1 - next() keeps the logarithm finite.
      const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(sigma * z);
    },
  };
  return random;
}
