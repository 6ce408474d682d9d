import { Mulberry32, mulberry32 } from './mulberry32';

describe('mulberry32', () => {
  it('gives the same sequence for the same seed, another for another seed, always in [0, 1)', () => {
    const a = mulberry32(42);
    const b = new Mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(mulberry32(43)()).not.toBe(xs[0]);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
    // Roughly uniform: the mean of 1000 draws lies near one half.
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.05);
  });

  it('follows the published algorithm step by step (first value of seed 1)', () => {
    const t0 = (1 + 0x6d2b79f5) >>> 0;
    let t = Math.imul(t0 ^ (t0 >>> 15), t0 | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    expect(mulberry32(1)()).toBe(((t ^ (t >>> 14)) >>> 0) / 4294967296);
  });
});
