import { Accumulator, aggregate } from './aggregate';

const H = 3_600_000;
const pts = (xs: Array<[number, number]>) => xs.map(([t, v]) => ({ t, v }));

describe('aggregate', () => {
  const series = pts([
    [0, 10],
    [15 * 60_000, 14],
    [30 * 60_000, 8],
    [45 * 60_000, 12],
  ]);

  it('computes last, min, max, mean, sum, count', () => {
    expect(aggregate(series, 'last')).toBe(12);
    expect(aggregate(series, 'min')).toBe(8);
    expect(aggregate(series, 'max')).toBe(14);
    expect(aggregate(series, 'mean')).toBe(11);
    expect(aggregate(series, 'sum')).toBe(44);
    expect(aggregate(series, 'count')).toBe(4);
  });

  it('returns null for an empty window except count, which is 0', () => {
    expect(aggregate([], 'last')).toBeNull();
    expect(aggregate([], 'sum')).toBeNull();
    expect(aggregate([], 'count')).toBe(0);
  });

  it('rate_of_change is the least-squares slope per hour on uneven sampling', () => {
    // A level rising exactly 24 cm/h sampled at irregular moments.
    const times = [0, 2, 3, 17, 18, 19, 44, 60].map((m) => m * 60_000);
    const p = times.map((t) => ({ t, v: 300 + (24 * t) / H }));
    expect(aggregate(p, 'rate_of_change')).toBeCloseTo(24, 9);
  });

  it('rate_of_change is not dominated by a burst of samples at one end (unlike first/last difference)', () => {
    // Noise-free line of slope 10 cm/h plus one dense cluster: slope must stay 10.
    const times = [0, 60, 61, 62, 63, 64, 65].map((m) => m * 60_000);
    const p = times.map((t) => ({ t, v: 100 + (10 * t) / H }));
    expect(aggregate(p, 'rate_of_change')).toBeCloseTo(10, 9);
    // With symmetric noise on the cluster the slope still comes out close to the trend.
    const noisy = p.map((q, i) => ({ t: q.t, v: q.v + (i === 0 ? 0 : i % 2 ? 1 : -1) }));
    expect(aggregate(noisy, 'rate_of_change')!).toBeGreaterThan(8);
    expect(aggregate(noisy, 'rate_of_change')!).toBeLessThan(12);
  });

  it('rate_of_change needs two distinct times', () => {
    expect(aggregate(pts([[5, 1]]), 'rate_of_change')).toBeNull();
    expect(aggregate(pts([[5, 1], [5, 3]]), 'rate_of_change')).toBeNull();
  });

  it('accumulator keeps the latest point as last even when points arrive out of order', () => {
    const acc = new Accumulator(0);
    acc.add(20, 2);
    acc.add(10, 1);
    expect(acc.result('last')).toBe(2);
    acc.add(30, 3);
    expect(acc.result('last')).toBe(3);
  });

  it('falling series gives a negative slope with large epoch times (precision)', () => {
    const t0 = Date.UTC(2024, 5, 1);
    const p = [0, 10, 20, 30].map((m) => ({ t: t0 + m * 60_000, v: 500 - m }));
    expect(aggregate(p, 'rate_of_change')).toBeCloseTo(-60, 6);
  });
});
