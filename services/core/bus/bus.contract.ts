/**
 * The one behaviour suite both Bus implementations must pass, unchanged:
 * embedded/embedded-bus.test.ts runs it in process, kafka/kafka-bus.int.test.ts against a broker.
 * Every test makes its own bus (and closes it), topics and groups with unique names.
 */
import type { BatchHandler, Bus, BusMessage, OutgoingRecord, Subscription, TopicPartition } from './bus';
import { partitionForKey } from './partitioner';
import { eventually, uniqueName } from '../../../test/infra/integration';

export interface BusContractOptions {
  /** How long a delivery may take before a test fails. */
  deliveryTimeoutMs?: number;
  /** How long to watch that nothing more arrives. */
  quietMs?: number;
  /** Jest timeout per test. */
  testTimeoutMs?: number;
}

const text = (m: BusMessage) => m.value.toString('utf8');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sum = (offsets: Array<{ offset: number }>) => offsets.reduce((s, o) => s + o.offset, 0);

function collector() {
  const seen: BusMessage[] = [];
  const batchSizes: number[] = [];
  const handler: BatchHandler = async (batch) => {
    batchSizes.push(batch.messages.length);
    for (const m of batch.messages) {
      // a batch is one partition, in offset order
      expect(m.topic).toBe(batch.topic);
      expect(m.partition).toBe(batch.partition);
    }
    seen.push(...batch.messages);
  };
  return { seen, batchSizes, handler };
}

function records(prefix: string, from: number, count: number, keyOf: (i: number) => string | null = (i) => `k${i}`): OutgoingRecord[] {
  return Array.from({ length: count }, (_, n) => ({ key: keyOf(from + n), value: Buffer.from(`${prefix}${from + n}`) }));
}

export function busContract(name: string, makeBus: () => Promise<Bus>, options: BusContractOptions = {}): void {
  const T = options.deliveryTimeoutMs ?? 10000;
  const quiet = options.quietMs ?? 300;
  const testTimeout = options.testTimeoutMs ?? 30000;

  /** Runs `fn` with a fresh bus and always closes it (and the subscriptions it holds). */
  async function withBus(fn: (bus: Bus) => Promise<void>): Promise<void> {
    const bus = await makeBus();
    try {
      await fn(bus);
    } finally {
      await bus.close();
    }
  }

  describe(`Bus contract: ${name}`, () => {
    it(
      'keeps per-key order, puts each key on its Kafka partition and bounds batches',
      () =>
        withBus(async (bus) => {
          const topic = uniqueName('contract-order');
          await bus.createTopics([{ name: topic, partitions: 3 }]);
          await bus.createTopics([{ name: topic, partitions: 3 }]); // idempotent
          const keys = ['station-a', 'station-b', 'station-c', 'station-d', 'station-e'];
          const published: Array<{ key: string; value: string; partition: number; offset: number }> = [];
          for (let round = 0; round < 4; round++) {
            const batch: OutgoingRecord[] = [];
            for (let i = 0; i < 10; i++) for (const key of keys) batch.push({ key, value: Buffer.from(`${key}:${round * 10 + i}`) });
            const positions = await bus.publish(topic, batch);
            expect(positions).toHaveLength(batch.length);
            positions.forEach((p, i) => {
              expect(p.topic).toBe(topic);
              published.push({ key: batch[i].key!, value: batch[i].value.toString(), partition: p.partition, offset: p.offset });
            });
          }
          for (const p of published) expect(p.partition).toBe(partitionForKey(p.key, 3));

          const ends = await bus.endOffsets(topic);
          expect(ends.map((e) => e.partition).sort()).toEqual([0, 1, 2]);
          expect(sum(ends)).toBe(200);
          // the returned positions are where the records really are
          for (const e of ends) {
            const stored = await bus.read(topic, e.partition, 0, 1000);
            expect(stored.map((m) => m.offset)).toEqual(stored.map((_, i) => i));
            const expected = published.filter((p) => p.partition === e.partition).sort((a, b) => a.offset - b.offset);
            expect(stored.map(text)).toEqual(expected.map((p) => p.value));
            expect(stored.map((m) => m.key)).toEqual(expected.map((p) => p.key));
          }
          expect((await bus.read(topic, ends[0].partition, 1, 2)).map((m) => m.offset)).toEqual([1, 2]);

          const c = collector();
          const sub = await bus.subscribe({ groupId: uniqueName('g-order'), topics: [topic], fromBeginning: true, maxBatchSize: 7, handler: c.handler });
          await eventually(() => c.seen.length >= 200, T);
          await sub.stop();
          expect(Math.max(...c.batchSizes)).toBeLessThanOrEqual(7);
          for (const key of keys) {
            const mine = c.seen.filter((m) => m.key === key);
            expect(mine.map(text)).toEqual(Array.from({ length: 40 }, (_, i) => `${key}:${i}`));
            expect(new Set(mine.map((m) => m.partition)).size).toBe(1);
          }
        }),
      testTimeout,
    );

    it(
      'splits partitions between two members, consumes each record once, and hands over when one leaves',
      () =>
        withBus(async (bus) => {
          const topic = uniqueName('contract-group');
          const groupId = uniqueName('g-group');
          await bus.createTopics([{ name: topic, partitions: 4 }]);
          const a = collector();
          const b = collector();
          const assignmentsA: TopicPartition[][] = [];
          const committed = async () => sum(await bus.committedOffsets(groupId, topic));

          const subA = await bus.subscribe({ groupId, topics: [topic], fromBeginning: true, handler: a.handler, onAssignment: (tps) => void assignmentsA.push(tps) });
          await eventually(() => subA.assignment().length === 4, T);
          await bus.publish(topic, records('v', 0, 40));
          await eventually(async () => (await committed()) === 40, T);

          const subB = await bus.subscribe({ groupId, topics: [topic], fromBeginning: true, handler: b.handler });
          await eventually(() => subA.assignment().length > 0 && subB.assignment().length > 0 && subA.assignment().length + subB.assignment().length === 4, T);
          const ownedByB = subB.assignment();
          for (const tp of ownedByB) expect(subA.assignment()).not.toContainEqual(tp);

          const wave2 = await bus.publish(topic, records('v', 40, 40));
          await eventually(async () => (await committed()) === 80, T);
          const toB = wave2.filter((p) => ownedByB.some((tp) => tp.partition === p.partition)).length;
          expect(toB).toBeGreaterThan(0);
          expect(b.seen).toHaveLength(toB);

          await subB.stop();
          await eventually(() => subA.assignment().length === 4, T);
          await bus.publish(topic, records('v', 80, 40));
          await eventually(async () => (await committed()) === 120, T);
          await sleep(quiet);

          const all = [...a.seen, ...b.seen].map(text).sort();
          expect(all).toEqual(Array.from({ length: 120 }, (_, i) => `v${i}`).sort());
          expect(assignmentsA.length).toBeGreaterThanOrEqual(3);
          expect(assignmentsA[assignmentsA.length - 1]).toHaveLength(4);
          await subA.stop();
        }),
      testTimeout * 2,
    );

    it(
      'resumes a group after its last commit when the bus restarts, losing nothing',
      async () => {
        const topic = uniqueName('contract-restart');
        const groupId = uniqueName('g-restart');
        let committedBefore: unknown;
        await withBus(async (bus) => {
          await bus.createTopics([{ name: topic, partitions: 2 }]);
          await bus.publish(topic, records('v', 0, 20));
          const c = collector();
          await bus.subscribe({ groupId, topics: [topic], fromBeginning: true, handler: c.handler });
          await eventually(async () => c.seen.length === 20 && sum(await bus.committedOffsets(groupId, topic)) === 20, T);
          committedBefore = await bus.committedOffsets(groupId, topic);
        });
        await withBus(async (bus) => {
          expect(await bus.committedOffsets(groupId, topic)).toEqual(committedBefore);
          await bus.createTopics([{ name: topic, partitions: 2 }]);
          await bus.publish(topic, records('v', 20, 10));
          const c = collector();
          await bus.subscribe({ groupId, topics: [topic], fromBeginning: true, handler: c.handler });
          await eventually(() => c.seen.length >= 10, T);
          await sleep(quiet);
          expect(c.seen.map(text).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `v${20 + i}`).sort());
          const ends = await bus.endOffsets(topic);
          expect(sum(ends)).toBe(30);
          const stored: string[] = [];
          for (const e of ends) stored.push(...(await bus.read(topic, e.partition, 0, 100)).map(text));
          expect(stored.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `v${i}`).sort());
        });
      },
      testTimeout,
    );

    it(
      'seeks to the beginning and to a timestamp, keeping record timestamps',
      () =>
        withBus(async (bus) => {
          const topic = uniqueName('contract-seek');
          await bus.createTopics([{ name: topic, partitions: 2 }]);
          const t0 = Math.floor(Date.now() / 1000) * 1000 - 60000;
          await bus.publish(
            topic,
            Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: Buffer.from(`v${i}`), timestamp: t0 + i * 1000, headers: { seq: String(i) } })),
          );
          const c = collector();
          const sub = await bus.subscribe({ groupId: uniqueName('g-seek'), topics: [topic], fromBeginning: true, handler: c.handler });
          await eventually(() => c.seen.length >= 10, T);
          for (const m of c.seen) {
            const i = Number(text(m).slice(1));
            expect(m.timestamp).toBe(t0 + i * 1000);
            expect(m.headers).toEqual({ seq: String(i) });
          }

          await sub.seekToBeginning(topic);
          await eventually(() => c.seen.length >= 20, T);
          expect(c.seen.slice(10).map(text).sort()).toEqual(c.seen.slice(0, 10).map(text).sort());

          await sub.seekToTimestamp(topic, t0 + 5500);
          await eventually(() => c.seen.length >= 24, T);
          await sleep(quiet);
          expect(c.seen.slice(20).map(text).sort()).toEqual(['v6', 'v7', 'v8', 'v9']);

          // seek one partition to an explicit offset
          const p = c.seen[0].partition;
          const inP = c.seen.slice(0, 10).filter((m) => m.partition === p);
          sub.seek({ topic, partition: p, offset: inP.length - 1 });
          await eventually(() => c.seen.length >= 25, T);
          await sleep(quiet);
          expect(c.seen.slice(24).map(text)).toEqual([text(inP[inP.length - 1])]);
          await sub.stop();
        }),
      testTimeout,
    );

    it(
      'pauses and resumes delivery',
      () =>
        withBus(async (bus) => {
          const topic = uniqueName('contract-pause');
          await bus.createTopics([{ name: topic, partitions: 1 }]);
          const c = collector();
          const sub = await bus.subscribe({ groupId: uniqueName('g-pause'), topics: [topic], fromBeginning: true, handler: c.handler });
          await bus.publish(topic, records('v', 0, 5));
          await eventually(() => c.seen.length >= 5, T);
          sub.pause([topic]);
          await bus.publish(topic, records('v', 5, 5));
          await sleep(quiet);
          expect(c.seen).toHaveLength(5);
          sub.resume([topic]);
          await eventually(() => c.seen.length >= 10, T);
          sub.pause();
          await bus.publish(topic, records('v', 10, 3));
          await sleep(quiet);
          expect(c.seen).toHaveLength(10);
          sub.resume();
          await eventually(() => c.seen.length >= 13, T);
          expect(c.seen.map(text)).toEqual(Array.from({ length: 13 }, (_, i) => `v${i}`));
          await sub.stop();
        }),
      testTimeout,
    );

    it(
      'leaves commits to the caller when autoCommit is false, and resumes from them',
      () =>
        withBus(async (bus) => {
          const topic = uniqueName('contract-manual');
          const groupId = uniqueName('g-manual');
          await bus.createTopics([{ name: topic, partitions: 1 }]);
          await bus.publish(topic, records('v', 0, 10));
          const c = collector();
          let sub: Subscription = await bus.subscribe({ groupId, topics: [topic], fromBeginning: true, autoCommit: false, handler: c.handler });
          await eventually(() => c.seen.length >= 10, T);
          await sleep(quiet);
          expect(await bus.committedOffsets(groupId, topic)).toEqual([]);
          await sub.commit([{ topic, partition: 0, offset: 4 }]);
          await eventually(async () => (await bus.committedOffsets(groupId, topic))[0]?.offset === 4, T);
          expect(await bus.committedOffsets(groupId, topic)).toEqual([{ topic, partition: 0, offset: 4 }]);
          await sub.stop();

          const again = collector();
          sub = await bus.subscribe({ groupId, topics: [topic], fromBeginning: true, autoCommit: false, handler: again.handler });
          await eventually(() => again.seen.length >= 6, T);
          await sleep(quiet);
          expect(again.seen.map((m) => m.offset)).toEqual([4, 5, 6, 7, 8, 9]);
          await sub.stop();
        }),
      testTimeout,
    );

    it(
      'retries a failed batch instead of skipping it, and a new group starts at the end unless fromBeginning',
      () =>
        withBus(async (bus) => {
          const topic = uniqueName('contract-retry');
          await bus.createTopics([{ name: topic, partitions: 1 }]);
          await bus.publish(topic, records('old', 0, 3));
          const attempts: number[] = [];
          const done: string[] = [];
          let failures = 2;
          const sub = await bus.subscribe({
            groupId: uniqueName('g-retry'),
            topics: [topic],
            handler: async (batch) => {
              attempts.push(batch.messages[0].offset);
              if (failures-- > 0) throw new Error('simulated handler failure');
              done.push(...batch.messages.map(text));
            },
          });
          await bus.publish(topic, records('new', 0, 4));
          await eventually(() => done.length >= 4, T);
          await sleep(quiet);
          expect(done).toEqual(['new0', 'new1', 'new2', 'new3']);
          // the first batch (starting at offset 3, after the 3 old records) was offered three times
          expect(attempts.slice(0, 3)).toEqual([3, 3, 3]);
          await sub.stop();
        }),
      testTimeout,
    );
  });
}
