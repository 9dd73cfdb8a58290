// A seeded random source (mulberry32) for the signal generators: the same strings on every run.
export function seeded(start) {
  let seed = start;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(random() * (max - min + 1));
  return { random, int };
}

export const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
