/** Publish-and-consume throughput of a bus: N records of ~200 bytes keyed by 15 stations, one consumer group. */
import type { Bus } from '../services/core/bus/bus';

export interface BusResult {
  bus: string;
  records: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export async function benchBus(bus: Bus, records: number, topic: string): Promise<BusResult> {
  await bus.createTopics([{ name: topic, partitions: 6 }]);
  const latencies: number[] = [];
  let consumed = 0;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const sub = await bus.subscribe({
    groupId: `${topic}-bench`,
    topics: [topic],
    fromBeginning: true,
    maxBatchSize: 2000,
    handler: async (batch) => {
      const now = Date.now();
      for (const m of batch.messages) latencies.push(now - m.timestamp);
      consumed += batch.messages.length;
      if (consumed >= records) resolveDone();
    },
  });
  const value = Buffer.alloc(200, 7);
  const started = process.hrtime.bigint();
  for (let i = 0; i < records; i += 1000) {
    const chunk = Array.from({ length: Math.min(1000, records - i) }, (_, j) => ({ key: `station-${(i + j) % 15}`, value, timestamp: Date.now() }));
    await bus.publish(topic, chunk);
  }
  await done;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await sub.stop();
  latencies.sort((a, b) => a - b);
  return { bus: bus.kind, records, seconds, perSecond: records / seconds, p50Ms: latencies[Math.floor(latencies.length * 0.5)], p99Ms: latencies[Math.floor(latencies.length * 0.99)] };
}
