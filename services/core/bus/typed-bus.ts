import type { Bus, MessageBatch, RecordPosition, Subscription, TopicPartition } from './bus';
import type { Codec } from '../codec/codec';
import { TOPIC_SCHEMAS, type TopicName } from './topics';

/** A decoded record with its position, for handlers that need offsets (checkpoints). */
export interface Received<T> {
  key: string | null;
  value: T;
  topic: string;
  partition: number;
  offset: number;
  timestamp: number;
  headers: Record<string, string>;
}

export interface TypedRecord<T> {
  key: string | null;
  value: T;
  timestamp?: number;
  headers?: Record<string, string>;
}

export interface TypedSubscribeOptions<T> {
  groupId: string;
  topic: TopicName;
  fromBeginning?: boolean;
  autoCommit?: boolean;
  maxBatchSize?: number;
  handler: (records: Received<T>[], batch: MessageBatch) => Promise<void>;
  /** A record that cannot be decoded is passed here instead of stopping the partition. */
  onDecodeError?: (error: Error, raw: MessageBatch['messages'][number]) => Promise<void>;
  onAssignment?: (assigned: TopicPartition[]) => void | Promise<void>;
}

/** The bus with the codec applied: services publish and receive domain records, not bytes. */
export class EventBus {
  constructor(
    readonly bus: Bus,
    readonly codec: Codec,
  ) {}

  async publish<T>(topic: TopicName, records: TypedRecord<T>[]): Promise<RecordPosition[]> {
    if (records.length === 0) return [];
    const schema = TOPIC_SCHEMAS[topic];
    const encoded = await Promise.all(
      records.map(async (r) => ({ key: r.key, value: await this.codec.encode(schema, r.value), timestamp: r.timestamp, headers: r.headers })),
    );
    return this.bus.publish(topic, encoded);
  }

  subscribe<T>(options: TypedSubscribeOptions<T>): Promise<Subscription> {
    const schema = TOPIC_SCHEMAS[options.topic];
    return this.bus.subscribe({
      groupId: options.groupId,
      topics: [options.topic],
      fromBeginning: options.fromBeginning,
      autoCommit: options.autoCommit,
      maxBatchSize: options.maxBatchSize,
      onAssignment: options.onAssignment,
      handler: async (batch) => {
        const records: Received<T>[] = [];
        for (const m of batch.messages) {
          try {
            const value = await this.codec.decode<T>(schema, m.value);
            records.push({ key: m.key, value, topic: m.topic, partition: m.partition, offset: m.offset, timestamp: m.timestamp, headers: m.headers });
          } catch (err) {
            if (!options.onDecodeError) throw err;
            await options.onDecodeError(err instanceof Error ? err : new Error(String(err)), m);
          }
        }
        await options.handler(records, batch);
      },
    });
  }
}
