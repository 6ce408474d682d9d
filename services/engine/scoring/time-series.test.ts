import { slopePerHour, TimeSeries } from './time-series';

const MIN = 60_000;

describe('TimeSeries', () => {
  it('keeps points in time order, replaces a repeated time, and drops what is older than keepMs before the newest', () => {
    const s = new TimeSeries(30 * MIN, 100);
    s.add(10 * MIN, 1);
    s.add(30 * MIN, 3);
    s.add(20 * MIN, 2); // out of order
    s.add(20 * MIN, 2.5); // same observation again
    expect(s.toJSON()).toEqual([
      [10 * MIN, 1],
      [20 * MIN, 2.5],
      [30 * MIN, 3],
    ]);
    s.add(45 * MIN, 4);
    expect(s.toJSON().map(([t]) => t / MIN)).toEqual([20, 30, 45]);
    expect(s.sum(20 * MIN, 45 * MIN)).toBe(7);
    expect(s.range(20 * MIN, 45 * MIN).length).toBe(2);
    expect(s.last()).toEqual([45 * MIN, 4]);
  });

  it('never holds more than maxPoints', () => {
    const s = new TimeSeries(10 ** 12, 5);
    for (let i = 0; i < 50; i++) s.add(i, i);
    expect(s.toJSON()).toEqual([45, 46, 47, 48, 49].map((i) => [i, i]));
  });
});

describe('slopePerHour', () => {
  it('is the least-squares rise per hour, robust to one noisy point', () => {
    const pts: Array<[number, number]> = [0, 15, 30, 45, 60].map((m) => [m * MIN, 100 + (m / 60) * 24]);
    expect(slopePerHour(pts, 20 * MIN)).toBeCloseTo(24, 10);
    pts[2] = [30 * MIN, pts[2][1] + 6];
    expect(slopePerHour(pts, 20 * MIN)).toBeCloseTo(24, 10); // a bump in the middle does not tilt the line
    expect(slopePerHour(pts.slice(0, 1), 0)).toBeNull();
    expect(slopePerHour(pts.slice(0, 2), 20 * MIN)).toBeNull(); // 15 min span is too short
  });
});
