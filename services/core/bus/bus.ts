/**
 * The message bus: a partitioned, keyed, replayable log with consumer groups.
 * Two implementations behave alike and pass one contract suite (bus.contract.ts):
 * the embedded in-process log (default, no Kafka needed) and Kafka (kafkajs).
 * Values are bytes; the codec turns them into records (see typed-bus.ts).
 */
export interface TopicSpec {
  name: string;
  partitions: number;
  /** Kafka `retention.ms`; undefined keeps the broker default. */
  retentionMs?: number;
  /** Log compaction (latest value per key), for state-like topics. */
  compacted?: boolean;
}

export interface OutgoingRecord {
  key: string | null;
  value: Buffer;
  /** Epoch ms; defaults to now. */
  timestamp?: number;
  headers?: Record<string, string>;
}

export interface RecordPosition {
  topic: string;
  partition: number;
  offset: number;
}

export interface BusMessage {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: Buffer;
  timestamp: number;
  headers: Record<string, string>;
}

export interface MessageBatch {
  topic: string;
  partition: number;
  messages: BusMessage[];
  /** Offset of the next message that will be written to this partition (for lag). */
  highWatermark: number;
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

/** Offset is the NEXT offset to read, as in Kafka's committed offsets. */
export interface TopicPartitionOffset extends TopicPartition {
  offset: number;
}

export type BatchHandler = (batch: MessageBatch) => Promise<void>;

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  /** Where a group without committed offsets starts. Default false (only new messages). */
  fromBeginning?: boolean;
  /**
   * true (default): after the handler resolves, the batch's offsets are committed (at least once).
   * false: the caller commits with Subscription.commit (e.g. after a state checkpoint).
   */
  autoCommit?: boolean;
  /** Upper bound on messages per handler call. */
  maxBatchSize?: number;
  handler: BatchHandler;
  /** Called after a rebalance with the partitions this member now owns. */
  onAssignment?: (assigned: TopicPartition[]) => void | Promise<void>;
}

export interface Subscription {
  readonly groupId: string;
  /** Partitions currently owned by this member. */
  assignment(): TopicPartition[];
  /** Commit next-offsets to read, for partitions this member owns. */
  commit(offsets: TopicPartitionOffset[]): Promise<void>;
  /** Continue reading this partition at `offset` (next message delivered has that offset). */
  seek(position: TopicPartitionOffset): void;
  seekToBeginning(topic: string): Promise<void>;
  /** Continue at the first message whose timestamp is >= `timestamp`, per owned partition. */
  seekToTimestamp(topic: string, timestamp: number): Promise<void>;
  pause(topics?: string[]): void;
  resume(topics?: string[]): void;
  /** Leave the group (partitions go to the other members) and stop delivering. */
  stop(): Promise<void>;
}

export interface Bus {
  readonly kind: 'embedded' | 'kafka';
  /** Idempotent: existing topics are left as they are. */
  createTopics(specs: TopicSpec[]): Promise<void>;
  /** Appends records; records with the same key land on the same partition, in order. */
  publish(topic: string, records: OutgoingRecord[]): Promise<RecordPosition[]>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Committed next-offsets of a group for a topic (partitions without a commit are omitted). */
  committedOffsets(groupId: string, topic: string): Promise<TopicPartitionOffset[]>;
  /** Per partition, the offset the next written message will get. */
  endOffsets(topic: string): Promise<TopicPartitionOffset[]>;
  /** Reads a partition range without a group (tools, replays, console history). */
  read(topic: string, partition: number, fromOffset: number, maxMessages: number): Promise<BusMessage[]>;
  /** True while the bus can publish and consume (readiness). */
  isConnected(): boolean;
  /** Why it is not connected, for /readyz (optional: a bus that knows no more says nothing). */
  connectionProblem?(): string | null;
  close(): Promise<void>;
}
