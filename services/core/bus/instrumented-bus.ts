import type { Bus, BusMessage, OutgoingRecord, RecordPosition, SubscribeOptions, Subscription, TopicPartitionOffset, TopicSpec } from './bus';
import type { BusMetrics } from '../observability/metrics';

/**
 * A Bus decorator that records the shared bus metrics: records produced per topic, records
 * consumed, handler time and failures per topic and group, and consumer lag per partition
 * (high watermark - last handled offset - 1, i.e. records still to handle).
 */
export class InstrumentedBus implements Bus {
  constructor(
    private readonly inner: Bus,
    private readonly metrics: BusMetrics,
  ) {}

  get kind(): Bus['kind'] {
    return this.inner.kind;
  }

  createTopics(specs: TopicSpec[]): Promise<void> {
    return this.inner.createTopics(specs);
  }

  async publish(topic: string, records: OutgoingRecord[]): Promise<RecordPosition[]> {
    const positions = await this.inner.publish(topic, records);
    if (records.length > 0) this.metrics.produced.inc({ topic }, records.length);
    return positions;
  }

  subscribe(options: SubscribeOptions): Promise<Subscription> {
    const { metrics } = this;
    const group = options.groupId;
    return this.inner.subscribe({
      ...options,
      handler: async (batch) => {
        const labels = { topic: batch.topic, group };
        const stopTimer = metrics.handlerSeconds.startTimer(labels);
        try {
          await options.handler(batch);
        } catch (err) {
          metrics.handlerErrors.inc(labels);
          throw err;
        } finally {
          stopTimer();
        }
        const n = batch.messages.length;
        if (n > 0) {
          metrics.consumed.inc(labels, n);
          const last = batch.messages[n - 1].offset;
          metrics.lag.set({ topic: batch.topic, partition: String(batch.partition), group }, Math.max(0, batch.highWatermark - last - 1));
        }
      },
    });
  }

  committedOffsets(groupId: string, topic: string): Promise<TopicPartitionOffset[]> {
    return this.inner.committedOffsets(groupId, topic);
  }

  endOffsets(topic: string): Promise<TopicPartitionOffset[]> {
    return this.inner.endOffsets(topic);
  }

  read(topic: string, partition: number, fromOffset: number, maxMessages: number): Promise<BusMessage[]> {
    return this.inner.read(topic, partition, fromOffset, maxMessages);
  }

  isConnected(): boolean {
    return this.inner.isConnected();
  }

  /** The inner bus's reason for /readyz, when it gives one. */
  connectionProblem(): string | null {
    return this.inner.connectionProblem?.() ?? null;
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
