import type { Admin, Consumer, EachBatchPayload } from 'kafkajs';
import type { SubscribeOptions, Subscription, TopicPartition, TopicPartitionOffset } from '../bus';
import type { Logger } from '../../observability/logger';
import { toBusMessage } from './kafka-message';
import { retryWhileLeadershipSettles } from './leader-retry';

const FIRST_RETRY_MS = 50;
const MAX_RETRY_MS = 5000;
const KEEP_ALIVE_MS = 1000;

/**
 * One subscription = one kafkajs consumer (one group member). Offsets are resolved and
 * committed by us, not by kafkajs: a batch is resolved (the fetch position moves) only after
 * the handler resolves, and committed right after when autoCommit is on. A failing handler
 * is retried in place with backoff (heartbeating meanwhile), so a record is never skipped.
 */
export class KafkaSubscription implements Subscription {
  readonly groupId: string;
  private readonly topics: string[];
  private readonly autoCommit: boolean;
  private readonly maxBatchSize: number;
  private owned: TopicPartition[] = [];
  private readonly paused = new Set<string>();
  private stopped = false;
  private stopping: Promise<void> | null = null;
  private readonly sleepers = new Set<() => void>();
  /** False after a crash kafkajs will not restart from. */
  healthy = true;

  constructor(
    private readonly consumer: Consumer,
    private readonly admin: Admin,
    private readonly options: SubscribeOptions,
    private readonly logger: Logger,
    private readonly onStopped: (s: KafkaSubscription) => void,
  ) {
    this.groupId = options.groupId;
    this.topics = [...new Set(options.topics)];
    this.autoCommit = options.autoCommit ?? true;
    this.maxBatchSize = Math.max(1, options.maxBatchSize ?? 1000);
  }

  /**
   * Subscribes and runs the consumer; resolves once the member has joined the group and
   * completed a fetch, i.e. its start offsets are resolved (so "latest" means after this call).
   */
  async start(joinTimeoutMs: number): Promise<void> {
    const { consumer } = this;
    let joined = false;
    let resolveReady!: () => void;
    const ready = new Promise<void>((r) => (resolveReady = r));
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      this.owned = Object.entries(e.payload.memberAssignment).flatMap(([topic, partitions]) => partitions.map((partition) => ({ topic, partition })));
      joined = true;
      const cb = this.options.onAssignment;
      if (cb) {
        Promise.resolve()
          .then(() => cb(this.assignment()))
          .catch((err) => this.logger.error('onAssignment failed', { group: this.groupId, err }));
      }
    });
    consumer.on(consumer.events.FETCH, () => {
      if (joined) resolveReady();
    });
    consumer.on(consumer.events.CRASH, (e) => {
      this.healthy = e.payload.restart;
      this.logger.error('Kafka consumer crashed', { group: this.groupId, restart: e.payload.restart, err: e.payload.error });
      // kafkajs restarts only after retriable errors; a member that died of another error (seen
      // after a broker restart) would never consume again. A long-running service restarts it.
      if (!e.payload.restart && !this.stopped) this.restartAfterCrash(1000);
    });
    consumer.on(consumer.events.CONNECT, () => (this.healthy = true));

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Group ${this.groupId} did not assign partitions within ${joinTimeoutMs} ms.`)), joinTimeoutMs);
    });
    try {
      await consumer.connect();
      await this.subscribeAndRun();
      await Promise.race([ready, timeout]);
    } catch (err) {
      await this.stop().catch(() => undefined);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  private async subscribeAndRun(): Promise<void> {
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: this.options.fromBeginning ?? false });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 4,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  private restartAfterCrash(delayMs: number): void {
    const timer = setTimeout(() => {
      if (this.stopped) return;
      this.logger.warn('restarting the Kafka consumer after a crash', { group: this.groupId });
      this.consumer
        .connect()
        .then(() => this.subscribeAndRun())
        .catch((err: unknown) => {
          this.logger.error('Kafka consumer restart failed; trying again', { group: this.groupId, err });
          this.restartAfterCrash(Math.min(30_000, delayMs * 2));
        });
    }, delayMs);
    timer.unref();
  }

  private async eachBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    const highWatermark = Number(batch.highWatermark);
    const all = batch.messages.map((m) => toBusMessage(topic, partition, m));
    for (let i = 0; i < all.length; i += this.maxBatchSize) {
      const messages = all.slice(i, i + this.maxBatchSize);
      let delay = 0;
      for (;;) {
        // unresolved messages are fetched again after a resume, seek or rebalance
        if (this.stopped || !isRunning() || isStale() || this.paused.has(topic)) return;
        // kafkajs heartbeats only between batches or when asked; a handler that takes longer
        // than the session timeout (a consumer catching up, backpressure) would be dropped from
        // the group and its partitions moved. The keep-alive asks for a heartbeat while it runs
        // (kafkajs sends at most one per heartbeatInterval); errors surface at the next one.
        const keepAlive = setInterval(() => void heartbeat().catch(() => undefined), KEEP_ALIVE_MS);
        try {
          await this.options.handler({ topic, partition, messages, highWatermark });
          break;
        } catch (err) {
          delay = Math.min(MAX_RETRY_MS, Math.max(FIRST_RETRY_MS, delay * 2));
          this.logger.warn('Batch handler failed; retrying', { group: this.groupId, topic, partition, offset: messages[0].offset, retryInMs: delay, err });
          await this.sleep(delay);
          await heartbeat();
        } finally {
          clearInterval(keepAlive);
        }
      }
      // a seek during the handler wins over the batch's position
      if (isStale()) return;
      const last = messages[messages.length - 1].offset;
      resolveOffset(String(last));
      if (this.autoCommit) await this.consumer.commitOffsets([{ topic, partition, offset: String(last + 1) }]);
      await heartbeat();
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  assignment(): TopicPartition[] {
    return this.owned.map((tp) => ({ ...tp }));
  }

  private owns(tp: TopicPartition): boolean {
    return this.owned.some((o) => o.topic === tp.topic && o.partition === tp.partition);
  }

  async commit(offsets: TopicPartitionOffset[]): Promise<void> {
    const mine = offsets.filter((o) => this.owns(o));
    if (mine.length === 0) return;
    await this.consumer.commitOffsets(mine.map((o) => ({ topic: o.topic, partition: o.partition, offset: String(o.offset) })));
  }

  /** Seeking a partition this member does not own is ignored (it may have moved in a rebalance). */
  seek(position: TopicPartitionOffset): void {
    if (!this.owns(position)) return;
    this.consumer.seek({ topic: position.topic, partition: position.partition, offset: String(Math.max(0, position.offset)) });
  }

  async seekToBeginning(topic: string): Promise<void> {
    const offsets = await retryWhileLeadershipSettles(() => this.admin.fetchTopicOffsets(topic));
    for (const o of offsets) this.seek({ topic, partition: o.partition, offset: Number(o.low) });
  }

  async seekToTimestamp(topic: string, timestamp: number): Promise<void> {
    // kafkajs answers the high watermark for partitions without a record at or after `timestamp`
    const offsets = await retryWhileLeadershipSettles(() => this.admin.fetchTopicOffsetsByTimestamp(topic, timestamp));
    for (const o of offsets) this.seek({ topic, partition: o.partition, offset: Number(o.offset) });
  }

  pause(topics?: string[]): void {
    const list = topics ?? this.topics;
    for (const t of list) this.paused.add(t);
    this.consumer.pause(list.map((topic) => ({ topic })));
  }

  resume(topics?: string[]): void {
    const list = topics ?? this.topics;
    for (const t of list) this.paused.delete(t);
    this.consumer.resume(list.map((topic) => ({ topic })));
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.stopped = true;
      for (const wake of [...this.sleepers]) wake();
      try {
        await this.consumer.disconnect();
      } finally {
        this.owned = [];
        this.onStopped(this);
      }
    })();
    return this.stopping;
  }
}
