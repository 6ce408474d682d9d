import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { Bus } from '../../../services/core/bus/bus';
import type { Codec } from '../../../services/core/codec/codec';
import { TOPIC_SCHEMAS, type TopicName } from '../../../services/core/bus/topics';

export interface Decoded<T> {
  partition: number;
  offset: number;
  timestamp: number;
  value: T;
}

/**
 * Every record of a topic, all partitions, decoded, read by a consumer of its own (a fresh group
 * from the beginning) until it holds everything up to the end offsets taken at the call. The
 * bus's range read opens a throwaway group per call and now and then came back empty here.
 */
export async function readTopic<T>(brokers: string, bus: Bus, codec: Codec, topic: TopicName, timeoutMs = 20_000): Promise<Decoded<T>[]> {
  const ends = await bus.endOffsets(topic);
  const wanted = ends.reduce((n, e) => n + e.offset, 0);
  if (wanted === 0) return [];
  const consumer = new Kafka({ clientId: 'resilience-reader', brokers: [brokers], logLevel: logLevel.NOTHING }).consumer({ groupId: `resilience-reader-${randomBytes(4).toString('hex')}` });
  const raw: { partition: number; offset: number; timestamp: number; value: Buffer }[] = [];
  const endOf = new Map(ends.map((e) => [e.partition, e.offset]));
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${topic}: read ${raw.length} of ${wanted} records within ${timeoutMs} ms`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          if (Number(message.offset) >= (endOf.get(partition) ?? 0)) return;
          raw.push({ partition, offset: Number(message.offset), timestamp: Number(message.timestamp), value: message.value! });
          if (raw.length === wanted) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  raw.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  return Promise.all(raw.map(async (m) => ({ partition: m.partition, offset: m.offset, timestamp: m.timestamp, value: await codec.decode<T>(TOPIC_SCHEMAS[topic], m.value) })));
}

/** Sum over partitions of the end offsets (records ever written). */
export async function totalEnd(bus: Bus, topic: string): Promise<number> {
  return (await bus.endOffsets(topic)).reduce((n, o) => n + o.offset, 0);
}

/** Values that occur more than once, with their counts. */
export function repeated<T>(values: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return new Map([...counts].filter(([, n]) => n > 1));
}
