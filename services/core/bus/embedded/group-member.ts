import type { BatchHandler, SubscribeOptions, Subscription, TopicPartition, TopicPartitionOffset } from '../bus';
import type { Logger } from '../../observability/logger';
import type { PartitionLog } from './partition-log';
import type { OffsetStore } from './offset-store';

/** What a member needs from the bus that owns it. */
export interface MemberContext {
  log(topic: string, partition: number): PartitionLog;
  offsets: OffsetStore;
  logger: Logger;
  /** Leaves the group: the coordinator revokes this member's partitions and rebalances. */
  leave(member: GroupMember): Promise<void>;
}

const FIRST_RETRY_MS = 50;
const MAX_RETRY_MS = 5000;

/** Fetch state of one owned partition: one batch in flight at most, in offset order. */
class PartitionCursor {
  position = 0;
  inFlight = false;
  scheduled = false;
  /** Delivery starts after onAssignment has run. */
  ready = false;
  revoked = false;
  /** Bumped by seek; a batch that finishes under an older generation does not move the position. */
  generation = 0;
  retryTimer: NodeJS.Timeout | null = null;
  retryDelayMs = 0;
  idleWaiters: Array<() => void> = [];
  readonly wake: () => void;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly log: PartitionLog,
    wake: (c: PartitionCursor) => void,
  ) {
    this.wake = () => wake(this);
  }

  idle(): Promise<void> {
    if (!this.inFlight) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}

const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** One consumer-group member of the embedded bus; it is also the Subscription handed to callers. */
export class GroupMember implements Subscription {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly fromBeginning: boolean;
  private readonly autoCommit: boolean;
  private readonly maxBatchSize: number;
  private readonly handler: BatchHandler;
  private readonly onAssignment: SubscribeOptions['onAssignment'];
  private readonly cursors = new Map<string, PartitionCursor>();
  /** Revoked partitions whose last batch is still running: its commit must still count. */
  private readonly draining = new Map<string, PartitionCursor>();
  private readonly paused = new Set<string>();
  private stopped = false;
  private stopping: Promise<void> | null = null;

  constructor(
    readonly memberId: string,
    options: SubscribeOptions,
    private readonly ctx: MemberContext,
  ) {
    this.groupId = options.groupId;
    this.topics = [...new Set(options.topics)];
    this.fromBeginning = options.fromBeginning ?? false;
    this.autoCommit = options.autoCommit ?? true;
    this.maxBatchSize = Math.max(1, options.maxBatchSize ?? 1000);
    this.handler = options.handler;
    this.onAssignment = options.onAssignment;
  }

  assignment(): TopicPartition[] {
    return [...this.cursors.values()].map((c) => ({ topic: c.topic, partition: c.partition }));
  }

  owns(tp: TopicPartition): boolean {
    return this.cursors.has(tpKey(tp.topic, tp.partition));
  }

  // --- called by the coordinator during a rebalance ---

  /** Stops fetching the partitions and waits for their in-flight batches (and auto-commits) to finish. */
  async revoke(partitions: TopicPartition[]): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const tp of partitions) {
      const c = this.cursors.get(tpKey(tp.topic, tp.partition));
      if (!c) continue;
      c.revoked = true;
      this.clearRetry(c);
      c.log.listeners.delete(c.wake);
      const key = tpKey(tp.topic, tp.partition);
      this.cursors.delete(key);
      this.draining.set(key, c);
      waits.push(c.idle().then(() => void (this.draining.get(key) === c && this.draining.delete(key))));
    }
    await Promise.all(waits);
  }

  /** Takes new partitions; a partition starts at the group's commit, else at the reset position. */
  assign(partitions: TopicPartition[]): void {
    for (const tp of partitions) {
      const log = this.ctx.log(tp.topic, tp.partition);
      const c = new PartitionCursor(tp.topic, tp.partition, log, (cursor) => this.wake(cursor));
      const committed = this.ctx.offsets.get(this.groupId, tp.topic, tp.partition);
      c.position = committed ?? (this.fromBeginning ? 0 : log.endOffset);
      this.cursors.set(tpKey(tp.topic, tp.partition), c);
      log.listeners.add(c.wake);
    }
  }

  /** Tells the caller its assignment, then starts delivery. */
  async assigned(): Promise<void> {
    if (this.stopped) return;
    if (this.onAssignment) {
      try {
        await this.onAssignment(this.assignment());
      } catch (err) {
        this.ctx.logger.error('onAssignment failed', { group: this.groupId, err });
      }
    }
    for (const c of this.cursors.values()) {
      c.ready = true;
      c.wake();
    }
  }

  // --- Subscription ---

  async commit(offsets: TopicPartitionOffset[]): Promise<void> {
    for (const o of offsets) {
      const key = tpKey(o.topic, o.partition);
      if (this.cursors.has(key) || this.draining.has(key)) this.ctx.offsets.commit(this.groupId, o.topic, o.partition, o.offset);
    }
  }

  /** Seeking a partition this member does not own is ignored (it may have moved in a rebalance). */
  seek(position: TopicPartitionOffset): void {
    const c = this.cursors.get(tpKey(position.topic, position.partition));
    if (!c) return;
    c.position = Math.min(Math.max(0, position.offset), c.log.endOffset);
    c.generation++;
    this.clearRetry(c);
    c.retryDelayMs = 0;
    c.wake();
  }

  async seekToBeginning(topic: string): Promise<void> {
    for (const c of this.cursors.values()) if (c.topic === topic) this.seek({ topic, partition: c.partition, offset: 0 });
  }

  async seekToTimestamp(topic: string, timestamp: number): Promise<void> {
    for (const c of this.cursors.values()) {
      if (c.topic === topic) this.seek({ topic, partition: c.partition, offset: c.log.offsetForTimestamp(timestamp) });
    }
  }

  pause(topics?: string[]): void {
    for (const t of topics ?? this.topics) this.paused.add(t);
  }

  resume(topics?: string[]): void {
    for (const t of topics ?? this.topics) this.paused.delete(t);
    for (const c of this.cursors.values()) c.wake();
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.stopped = true;
      await this.ctx.leave(this);
    })();
    return this.stopping;
  }

  // --- delivery loop ---

  private wake(c: PartitionCursor): void {
    if (c.scheduled || c.inFlight || !c.ready || c.revoked || c.retryTimer || this.stopped || this.paused.has(c.topic)) return;
    if (c.position >= c.log.endOffset) return;
    c.scheduled = true;
    // never call the handler inside publish(): deliver on a later turn of the event loop
    setImmediate(() => {
      c.scheduled = false;
      void this.deliver(c);
    });
  }

  private async deliver(c: PartitionCursor): Promise<void> {
    if (c.inFlight || c.revoked || c.retryTimer || this.stopped || this.paused.has(c.topic)) return;
    const messages = c.log.read(c.position, this.maxBatchSize);
    if (messages.length === 0) return;
    c.inFlight = true;
    const generation = c.generation;
    try {
      await this.handler({ topic: c.topic, partition: c.partition, messages, highWatermark: c.log.endOffset });
      c.retryDelayMs = 0;
      if (generation === c.generation) {
        const next = messages[messages.length - 1].offset + 1;
        c.position = next;
        if (this.autoCommit) this.ctx.offsets.commit(this.groupId, c.topic, c.partition, next);
      }
    } catch (err) {
      if (generation === c.generation && !c.revoked && !this.stopped) {
        // retry the same batch: skipping would lose records, and order per partition must hold
        c.retryDelayMs = Math.min(MAX_RETRY_MS, Math.max(FIRST_RETRY_MS, c.retryDelayMs * 2));
        this.ctx.logger.warn('Batch handler failed; retrying', {
          group: this.groupId,
          topic: c.topic,
          partition: c.partition,
          offset: messages[0].offset,
          retryInMs: c.retryDelayMs,
          err,
        });
        c.retryTimer = setTimeout(() => {
          c.retryTimer = null;
          c.wake();
        }, c.retryDelayMs);
        c.retryTimer.unref();
      }
    } finally {
      c.inFlight = false;
      const waiters = c.idleWaiters.splice(0);
      for (const w of waiters) w();
      c.wake();
    }
  }

  private clearRetry(c: PartitionCursor): void {
    if (c.retryTimer) clearTimeout(c.retryTimer);
    c.retryTimer = null;
  }
}
