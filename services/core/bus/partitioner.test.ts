import { murmur2, partitionForKey, Partitioner, toPositive } from './partitioner';

describe('murmur2 (Kafka-compatible)', () => {
  // Expected values from Apache Kafka's clients UtilsTest.testMurmur2 (Java Utils.murmur2).
  const javaValues: Array<[string, number]> = [
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ];
  it.each(javaValues)('hashes %s like the Java client', (key, expected) => {
    expect(murmur2(Buffer.from(key, 'utf8'))).toBe(expected);
  });

  it('covers every tail length (0..3 leftover bytes)', () => {
    // lengths 1..5 as published for Kafka's murmur2 (Akka Murmur2Spec cross-check)
    expect(murmur2(Buffer.from('1'))).toBe(-1993445489);
    expect(murmur2(Buffer.from('12'))).toBe(126087238);
    expect(murmur2(Buffer.from('123'))).toBe(-267702483);
    expect(murmur2(Buffer.from('1234'))).toBe(-1614185708);
    expect(murmur2(Buffer.from('12345'))).toBe(-1188365604);
  });

  it('toPositive clears the sign bit instead of negating', () => {
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(5)).toBe(5);
  });

  it('puts keys on the same partition as kafkajs DefaultPartitioner', () => {
    // kafkajs 2.x ships a Java-compatible partitioner; use it as an independent oracle.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Partitioners } = require('kafkajs') as typeof import('kafkajs');
    const kafkajs = Partitioners.DefaultPartitioner();
    for (let i = 0; i < 200; i++) {
      const key = `station-${i}-${'x'.repeat(i % 7)}`;
      for (const n of [1, 3, 6, 12]) {
        const partitionMetadata = Array.from({ length: n }, (_, p) => ({ partitionId: p, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
        const expected = kafkajs({ topic: 't', partitionMetadata, message: { key, value: 'v' } });
        expect(partitionForKey(key, n)).toBe(expected);
      }
    }
  });
});

describe('Partitioner', () => {
  it('is stable per key and round-robins null keys per topic', () => {
    const p = new Partitioner();
    expect(p.partition('a', 'k', 6)).toBe(p.partition('b', 'k', 6));
    expect([0, 1, 2, 3].map(() => p.partition('a', null, 3))).toEqual([0, 1, 2, 0]);
    expect(p.partition('other', null, 3)).toBe(0);
  });
});
