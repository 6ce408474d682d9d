import { mulberry32 } from '../../core/random/mulberry32';
import { aggregate, AGGREGATES } from './aggregate';
import { SeriesBuffer } from './series-buffer';

describe('SeriesBuffer', () => {
  it('keeps points in event-time order when they arrive out of order', () => {
    const b = new SeriesBuffer(10);
    b.insert(30, 3);
    b.insert(10, 1);
    b.insert(20, 2);
    expect(b.range(0, 100).map((p) => p.t)).toEqual([10, 20, 30]);
  });

  it('replaces a point at the same time instead of duplicating it', () => {
    const b = new SeriesBuffer(10);
    b.insert(10, 1);
    b.insert(10, 5);
    expect(b.toJSON()).toEqual([[10, 5]]);
  });

  it('range is (start, end]', () => {
    const b = new SeriesBuffer(10);
    for (const t of [10, 20, 30, 40]) b.insert(t, t);
    expect(b.range(10, 30).map((p) => p.t)).toEqual([20, 30]);
  });

  it('is bounded by maxPoints, evicting the oldest', () => {
    const b = new SeriesBuffer(3);
    for (let t = 1; t <= 5; t++) b.insert(t, t);
    expect(b.toJSON().map(([t]) => t)).toEqual([3, 4, 5]);
  });

  it('evicts points older than a time', () => {
    const b = new SeriesBuffer(10);
    for (const t of [10, 20, 30]) b.insert(t, t);
    b.evictBefore(20);
    expect(b.toJSON().map(([t]) => t)).toEqual([20, 30]);
  });

  it('round-trips through JSON', () => {
    const b = new SeriesBuffer(4);
    b.insert(1, 1.5);
    b.insert(2, 2.5);
    expect(SeriesBuffer.fromJSON(4, JSON.parse(JSON.stringify(b.toJSON()))).toJSON()).toEqual(b.toJSON());
  });

  it('answers a memoised trailing aggregate exactly as a fresh one, through inserts, evictions and moving time', () => {
    const rnd = mulberry32(11);
    const b = new SeriesBuffer(64);
    let now = 0;
    let checks = 0;
    for (let step = 0; step < 3000; step++) {
      const r = rnd();
      if (r < 0.3) b.insert(now - Math.floor(rnd() * 5) * 60_000, Math.round(rnd() * 100)); // sometimes late
      else if (r < 0.35) b.evictBefore(now - 3 * 3_600_000);
      else now += Math.floor(rnd() * 4) * 30_000;
      for (const width of [600_000, 3_600_000]) {
        const name = AGGREGATES[Math.floor(rnd() * AGGREGATES.length)];
        expect([step, name, width, b.aggregateAt(now, width, name)]).toEqual([step, name, width, aggregate(b.range(now - width, now), name)]);
        checks++;
      }
    }
    expect(checks).toBe(6000);
  });

  it('says when a trailing window next changes: its oldest point leaves or a later one enters', () => {
    const b = new SeriesBuffer(10);
    b.insert(100, 1);
    b.insert(150, 2);
    b.insert(400, 3);
    expect(b.windowChangesAfter(200, 120)).toBe(220); // (80, 200] holds 100 and 150; 100 leaves at 220
    expect(b.windowChangesAfter(250, 50)).toBe(400); // empty window; 400 enters
    expect(b.windowChangesAfter(500, 50)).toBe(Infinity);
  });
});
