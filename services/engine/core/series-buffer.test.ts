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
});
