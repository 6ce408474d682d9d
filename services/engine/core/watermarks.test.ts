import { Deduplicator } from './dedup';
import { Watermarks } from './watermarks';

describe('Watermarks', () => {
  it('watermark is max observedAt minus allowed lateness, per station', () => {
    const w = new Watermarks(10);
    w.observe('a', 100);
    w.observe('a', 90); // out of order: does not move it back
    w.observe('b', 20);
    expect(w.watermark('a')).toBe(90);
    expect(w.watermark('b')).toBe(10);
    expect(w.isLate('a', 89)).toBe(true);
    expect(w.isLate('a', 90)).toBe(false);
    expect(w.isLate('b', 15)).toBe(false); // b is judged by its own time
    expect(w.isLate('c', 0)).toBe(false);
  });

  it('snapshot/restore keeps event time', () => {
    const w = new Watermarks(5);
    w.observe('a', 50);
    const r = new Watermarks(5);
    r.restore(JSON.parse(JSON.stringify(w.snapshot())));
    expect(r.watermark('a')).toBe(45);
  });
});

describe('Deduplicator', () => {
  it('counts the same station/quantity/time once', () => {
    const d = new Deduplicator(4);
    expect(d.firstTime('a', 'rain', 1)).toBe(true);
    expect(d.firstTime('a', 'rain', 1)).toBe(false);
    expect(d.firstTime('a', 'soil_moisture', 1)).toBe(true);
    expect(d.firstTime('b', 'rain', 1)).toBe(true);
  });

  it('is bounded per station: the oldest ids are forgotten', () => {
    const d = new Deduplicator(2);
    d.firstTime('a', 'rain', 1);
    d.firstTime('a', 'rain', 2);
    d.firstTime('a', 'rain', 3);
    expect(d.snapshot().a).toHaveLength(2);
    expect(d.firstTime('a', 'rain', 1)).toBe(true);
    expect(d.firstTime('a', 'rain', 3)).toBe(false);
  });
});
