import { chunksByBytes } from './chunks';

const record = (key: string, bytes: number) => ({ key, value: Buffer.alloc(bytes) });

describe('chunksByBytes', () => {
  it('keeps records in order and every chunk under the limit', () => {
    const records = Array.from({ length: 100 }, (_, i) => record(`k${i}`, 1000));
    const chunks = chunksByBytes(records, 10_000);
    expect(chunks.flat().map((r) => r.key)).toEqual(records.map((r) => r.key));
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks) expect(c.reduce((n, r) => n + r.value.length + 64 + (r.key?.length ?? 0), 0)).toBeLessThanOrEqual(10_000);
  });

  it('sends a record larger than the limit alone rather than dropping it', () => {
    const chunks = chunksByBytes([record('a', 10), record('big', 50_000), record('b', 10)], 10_000);
    expect(chunks.map((c) => c.map((r) => r.key))).toEqual([['a'], ['big'], ['b']]);
  });

  it('gives one chunk for a small publish', () => {
    expect(chunksByBytes([record('a', 10), record('b', 10)], 10_000)).toHaveLength(1);
    expect(chunksByBytes([], 10_000)).toEqual([]);
  });
});
