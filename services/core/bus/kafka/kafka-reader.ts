import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import type { BusMessage } from '../bus';
import type { Logger } from '../../observability/logger';
import { toBusMessage } from './kafka-message';
import { retryWhileLeadershipSettles } from './leader-retry';

/**
 * Reads a partition range without a named group. kafkajs has no group-less consumer, so this
 * runs a short-lived consumer in a throwaway group (never committed, deleted afterwards),
 * starts it at the earliest offset and seeks the wanted partition to `fromOffset`.
 * It costs a group join (~0.1-1 s): meant for tools, replays and console history, not hot paths.
 */
export async function readRange(
  kafka: Kafka,
  admin: Admin,
  clientId: string,
  logger: Logger,
  range: { topic: string; partition: number; fromOffset: number; maxMessages: number; timeoutMs: number },
): Promise<BusMessage[]> {
  const { topic, partition, maxMessages } = range;
  if (maxMessages <= 0) return [];
  const offsets = await retryWhileLeadershipSettles(() => admin.fetchTopicOffsets(topic));
  const info = offsets.find((o) => o.partition === partition);
  if (!info) throw new Error(`Topic "${topic}" has no partition ${partition}.`);
  const from = Math.max(range.fromOffset, Number(info.low));
  const until = Math.min(Number(info.high), from + maxMessages);
  if (from >= until) return [];

  const groupId = `${clientId}-read-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
  const found = new Map<number, BusMessage>();
  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      const others = (e.payload.memberAssignment[topic] ?? []).filter((p) => p !== partition);
      if (others.length) consumer.pause([{ topic, partitions: others }]);
      consumer.seek({ topic, partition, offset: String(from) });
    });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset }) => {
        // An empty batch's lastOffset() is highWatermark - 1, which would end the read with nothing found.
        if (batch.partition !== partition || batch.isEmpty()) return;
        for (const m of batch.messages) {
          const o = Number(m.offset);
          if (o >= from && o < until) found.set(o, toBusMessage(topic, partition, m));
        }
        resolveOffset(batch.lastOffset());
        // compaction can leave gaps, so stop on position, not on count
        if (Number(batch.lastOffset()) >= until - 1) finish();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      finished,
      new Promise<void>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Reading ${topic}/${partition} from ${from} timed out after ${range.timeoutMs} ms.`)), range.timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch((err) => logger.debug('Could not delete a read group', { groupId, err }));
  }
  return [...found.values()].sort((a, b) => a.offset - b.offset);
}
