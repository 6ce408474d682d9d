import { DedupWindow } from './dedup-window';

describe('DedupWindow', () => {
  it('reports a repeated id once and forgets the oldest beyond capacity', () => {
    const w = new DedupWindow(3);
    expect(w.add('a')).toBe(true);
    expect(w.add('a')).toBe(false);
    w.add('b');
    w.add('c');
    w.add('d');
    expect(w.size).toBe(3);
    expect(w.has('a')).toBe(false);
    expect(w.has('b')).toBe(true);
    expect(w.add('a')).toBe(true);
    expect(w.has('b')).toBe(false);
  });

  it('survives a snapshot and restore with its order', () => {
    const w = new DedupWindow(2);
    for (let i = 0; i < 10; i++) w.add(`id${i}`);
    const r = DedupWindow.restore(JSON.parse(JSON.stringify(w.snapshot())));
    expect(r.has('id9')).toBe(true);
    expect(r.has('id8')).toBe(true);
    expect(r.has('id7')).toBe(false);
    r.add('x');
    expect(r.has('id8')).toBe(false);
  });
});
