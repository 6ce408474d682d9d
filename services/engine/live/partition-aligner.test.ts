import { PartitionAligner } from './partition-aligner';

const entries = (times: number[], firstOffset = 0) => times.map((t, i) => ({ item: `${t}`, time: t, offset: firstOffset + i }));

function takeAll(a: PartitionAligner<string>, force = false): string[] {
  const out: string[] = [];
  for (let n = a.next(force); n; n = a.next(force)) out.push(`${n.partition}@${n.entry.time}`);
  return out;
}

describe('PartitionAligner', () => {
  it('hands out readings of several partitions smallest event time first, ties by partition', () => {
    const a = new PartitionAligner<string>();
    const t0 = a.add(0, entries([1, 4, 6]), 3, true);
    const t1 = a.add(1, entries([2, 4, 5]), 3, true);
    expect(takeAll(a)).toEqual(['0@1', '1@2', '0@4', '1@4', '1@5', '0@6']);
    expect([t0.remaining, t1.remaining]).toEqual([0, 0]);
    expect(a.idle()).toBe(true);
  });

  it('waits for a partition with a backlog and nothing buffered; force goes ahead without it', () => {
    const a = new PartitionAligner<string>();
    a.track(1, false);
    a.add(0, entries([1, 2]), 2, true);
    expect(a.next()).toBeNull();
    expect(a.blocked()).toBe(true);
    expect(a.idle()).toBe(false);
    a.add(1, entries([0]), 1, true);
    expect(takeAll(a)).toEqual(['1@0', '0@1', '0@2']);
    a.track(1, false);
    a.add(0, entries([3], 2), 3, true);
    expect(takeAll(a)).toEqual([]);
    expect(takeAll(a, true)).toEqual(['0@3']);
  });

  it('a partition whose batch did not reach the high watermark holds the others back once drained', () => {
    const a = new PartitionAligner<string>();
    a.add(0, entries([1, 2]), 2, false);
    a.add(1, entries([1, 5]), 2, true);
    expect(takeAll(a)).toEqual(['0@1', '1@1', '0@2']);
    expect(a.blocked()).toBe(true);
  });

  it('untrack and clear give back the tickets of dropped entries', () => {
    const a = new PartitionAligner<string>();
    const t = a.add(0, entries([1, 2]), 2, true);
    a.add(1, entries([3]), 1, true);
    expect(a.next()!.entry.time).toBe(1);
    expect(a.untrack(0)).toEqual([t]);
    expect(a.partitionsTracked()).toEqual([1]);
    expect(a.clear().map((x) => x.partition)).toEqual([1]);
    expect(a.next()).toBeNull();
  });

  it('buffers several batches of a partition; bufferedEnd says where the next continues, drainedTo where it ended', () => {
    const a = new PartitionAligner<string>();
    a.add(0, entries([1, 2]), 2, false);
    a.add(0, entries([3], 2), 3, false);
    a.add(0, [], 5, false); // undecodable records only: still moves the end
    expect([a.bufferedEnd(0), a.buffered(0)]).toEqual([5, 3]);
    const got = [a.next(true)!, a.next(true)!, a.next(true)!].map((n) => n.drainedTo);
    expect(got).toEqual([null, null, 5]);
    expect(a.bufferedEnd(0)).toBeNull();
    expect(a.waitingFor()).toEqual([0]);
  });
});
