import { SlidingWindows, TumblingWindows, trailingWindow } from './windows';
import { WindowedAggregation } from './windowed-aggregation';

const M = 60_000;
const H = 60 * M;

describe('window assigners', () => {
  it('tumbling windows are aligned and half-open', () => {
    const w = new TumblingWindows(H);
    expect(w.assign(90 * M)).toEqual([{ start: H, end: 2 * H }]);
    expect(w.assign(2 * H)).toEqual([{ start: 2 * H, end: 3 * H }]);
    expect(w.assign(-1)).toEqual([{ start: -H, end: 0 }]);
  });

  it('sliding (hopping) windows assign a point to size/advance windows', () => {
    const w = new SlidingWindows(H, 15 * M);
    const ws = w.assign(50 * M);
    expect(ws.map((x) => x.start / M)).toEqual([0, 15, 30, 45]);
    for (const x of ws) {
      expect(x.end - x.start).toBe(H);
      expect(50 * M).toBeGreaterThanOrEqual(x.start);
      expect(50 * M).toBeLessThan(x.end);
    }
  });

  it('rejects invalid sizes', () => {
    expect(() => new TumblingWindows(0)).toThrow();
    expect(() => new SlidingWindows(H, 2 * H)).toThrow();
  });

  it('trailing window ends at the given time', () => {
    expect(trailingWindow(10 * H, 6 * H)).toEqual({ start: 4 * H, end: 10 * H });
  });
});

describe('WindowedAggregation (emit on close)', () => {
  it('emits a tumbling window once the watermark passes end + grace, then forgets it', () => {
    const agg = new WindowedAggregation(new TumblingWindows(H), 5 * M);
    agg.add('rain-mitte', 10 * M, 2, 10 * M);
    agg.add('rain-mitte', 40 * M, 3, 40 * M);
    expect(agg.closeUpTo('rain-mitte', 61 * M)).toEqual([]); // within grace
    agg.add('rain-mitte', 50 * M, 4, 61 * M); // late but within grace: still counted
    const closed = agg.closeUpTo('rain-mitte', 65 * M);
    expect(closed).toHaveLength(1);
    expect(closed[0].window).toEqual({ start: 0, end: H });
    expect(closed[0].value('sum')).toBe(9);
    expect(closed[0].value('count')).toBe(3);
    expect(agg.openWindows).toBe(0);
    expect(agg.closeUpTo('rain-mitte', 200 * M)).toEqual([]);
  });

  it('refuses points whose windows already closed', () => {
    const agg = new WindowedAggregation(new TumblingWindows(H), 0);
    expect(agg.add('k', 10 * M, 1, 2 * H)).toBe(false);
    expect(agg.openWindows).toBe(0);
  });

  it('keys are independent and state survives snapshot/restore', () => {
    const agg = new WindowedAggregation(new SlidingWindows(H, 30 * M), 0);
    agg.add('a', 10 * M, 1, 10 * M);
    agg.add('b', 20 * M, 5, 20 * M);
    const copy = new WindowedAggregation(new SlidingWindows(H, 30 * M), 0);
    copy.restore(JSON.parse(JSON.stringify(agg.snapshot())));
    copy.add('a', 35 * M, 3, 35 * M);
    const closed = copy.closeUpTo('a', 2 * H);
    expect(closed.map((c) => [c.window.start / M, c.value('sum')])).toEqual([
      [-30, 1],
      [0, 4],
      [30, 3],
    ]);
    expect(copy.closeUpTo('b', 2 * H).map((c) => c.value('max'))).toEqual([5, 5]);
  });
});
