import { Kafka, Partitioners, logLevel, type Admin, type ITopicConfig, type Producer, type SASLOptions } from 'kafkajs';
import type { Bus, BusMessage, OutgoingRecord, RecordPosition, SubscribeOptions, Subscription, TopicPartitionOffset, TopicSpec } from '../bus';
import type { KafkaConfig } from '../../config/config';
import { silentLogger, type Logger } from '../../observability/logger';
import { Partitioner } from '../partitioner';
import { kafkajsLogCreator } from './kafka-log';
import { retryWhileLeadershipSettles } from './leader-retry';
import { chunksByBytes, DEFAULT_MAX_REQUEST_BYTES } from './chunks';
import { readRange } from './kafka-reader';
import { KafkaSubscription } from './kafka-subscription';

const PROBE_EVERY_MS = 1000;
const PROBE_TIMEOUT_MS = 1500;

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  ssl?: boolean;
  sasl?: KafkaConfig['sasl'];
  logger?: Logger;
  /** Group member timing; the defaults favour quick rebalances on a small cluster. */
  /** Records are sent in produce requests of at most about this many bytes (default 512 KiB). */
  maxRequestBytes?: number;
  consumer?: { sessionTimeoutMs?: number; heartbeatIntervalMs?: number; maxWaitTimeMs?: number; joinTimeoutMs?: number };
}

/**
 * The Bus on Kafka (kafkajs 2.2.4). One idempotent producer is shared; each subscription is
 * its own consumer (group member). Records are sent with an explicit partition from our
 * Kafka-compatible partitioner, so publish() can return exact positions (base offset + index).
 * Topics must be created up front (createTopics): auto-creation is off, and subscribing to a
 * missing topic fails.
 */
export class KafkaBus implements Bus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly producer: Producer;
  private readonly logger: Logger;
  private readonly partitioner = new Partitioner();
  private readonly partitionCounts = new Map<string, number>();
  private readonly subscriptions = new Set<KafkaSubscription>();
  private connecting: Promise<void> | null = null;
  private producerConnected = false;
  /** Last answer of the background broker probe (isConnected() must answer at once, see probe()). */
  private brokerReachable = true;
  private probeTimer: NodeJS.Timeout | null = null;
  private probing = false;
  private probeGeneration = 0;
  private probeInFlight: Promise<unknown> | null = null;
  private closed = false;

  constructor(private readonly options: KafkaBusOptions) {
    this.logger = options.logger ?? silentLogger;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      ssl: options.ssl ?? false,
      sasl: options.sasl ? ({ mechanism: options.sasl.mechanism, username: options.sasl.username, password: options.sasl.password } as SASLOptions) : undefined,
      logLevel: logLevel.WARN,
      logCreator: kafkajsLogCreator(this.logger),
      connectionTimeout: 3000,
      retry: { initialRetryTime: 100, retries: 8 },
    });
    this.admin = this.kafka.admin();
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.producer.on(this.producer.events.CONNECT, () => (this.producerConnected = true));
    this.producer.on(this.producer.events.DISCONNECT, () => (this.producerConnected = false));
    this.producer.on(this.producer.events.REQUEST_TIMEOUT, () => (this.brokerReachable = false));
  }

  /**
   * kafkajs reports no lost broker to an idle producer (it finds out at the next send, after
   * its retries), and asking the broker from the readiness check would hang as long. So a
   * metadata request bounded in time runs in the background every PROBE_EVERY_MS and
   * isConnected() answers from its last result.
   */
  private probe(): void {
    if (this.probing || this.closed) return;
    this.probing = true;
    const generation = ++this.probeGeneration;
    // Slow is as bad as refused for readiness. A request on a connection that died with the
    // broker may never settle: after the timeout it is abandoned (its late answer ignored) and
    // the next probe starts, or readiness would stay red after the broker is back.
    const timer = setTimeout(() => {
      if (generation !== this.probeGeneration) return;
      this.brokerReachable = false;
      this.probing = false;
    }, PROBE_TIMEOUT_MS);
    timer.unref();
    this.probeInFlight = this.admin
      .describeCluster()
      .then(
        () => generation === this.probeGeneration && (this.brokerReachable = true),
        () => generation === this.probeGeneration && (this.brokerReachable = false),
      )
      .finally(() => {
        clearTimeout(timer);
        if (generation === this.probeGeneration) this.probing = false;
      });
  }


  /** Connects admin and producer (also done lazily by every operation). */
  connect(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The Kafka bus is closed.'));
    this.connecting ??= (async () => {
      await this.admin.connect();
      await this.producer.connect();
      this.brokerReachable = true;
      if (!this.probeTimer && !this.closed) {
        this.probeTimer = setInterval(() => this.probe(), PROBE_EVERY_MS);
        this.probeTimer.unref();
      }
    })().catch((err) => {
      this.connecting = null;
      throw err;
    });
    return this.connecting;
  }

  async createTopics(specs: TopicSpec[]): Promise<void> {
    await this.connect();
    const existing = new Set(await this.admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.name));
    if (missing.length > 0) {
      const topics: ITopicConfig[] = missing.map((s) => {
        const configEntries: Array<{ name: string; value: string }> = [];
        if (s.retentionMs !== undefined) configEntries.push({ name: 'retention.ms', value: String(s.retentionMs) });
        if (s.compacted) configEntries.push({ name: 'cleanup.policy', value: 'compact' });
        return { topic: s.name, numPartitions: s.partitions, configEntries };
      });
      try {
        await this.admin.createTopics({ topics, waitForLeaders: true });
      } catch (err) {
        // another process created some of them in between: that is the idempotent outcome
        if (!isOnlyTopicExists(err)) throw err;
      }
    }
    await this.refreshPartitionCounts(specs.map((s) => s.name));
  }

  private async refreshPartitionCounts(topics: string[]): Promise<void> {
    if (topics.length === 0) return;
    const { topics: meta } = await this.admin.fetchTopicMetadata({ topics });
    for (const t of meta) this.partitionCounts.set(t.name, t.partitions.length);
  }

  private async partitionsOf(topic: string): Promise<number> {
    if (!this.partitionCounts.has(topic)) await this.refreshPartitionCounts([topic]);
    const n = this.partitionCounts.get(topic);
    if (!n) throw new Error(`Topic "${topic}" does not exist; create it first with createTopics.`);
    return n;
  }

  async publish(topic: string, records: OutgoingRecord[]): Promise<RecordPosition[]> {
    await this.connect();
    if (records.length === 0) return [];
    const partitions = await this.partitionsOf(topic);
    const now = Date.now();
    const positions: RecordPosition[] = [];
    // One produce request per chunk, in order: a partition's record batch must stay under the
    // broker's message.max.bytes (1 MiB by default), which a large backlog flush would exceed.
    for (const chunk of chunksByBytes(records, this.options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES)) {
      const chosen = chunk.map((r) => this.partitioner.partition(topic, r.key, partitions));
      const sent = await this.producer.send({
        topic,
        acks: -1,
        messages: chunk.map((r, i) => ({
          key: r.key,
          value: r.value,
          partition: chosen[i],
          timestamp: String(r.timestamp ?? now),
          headers: r.headers,
        })),
      });
      // one produce result per partition; records of a partition are appended in send order
      const base = new Map(sent.map((m) => [m.partition, Number(m.baseOffset)]));
      const next = new Map<number, number>();
      for (const partition of chosen) {
        const n = next.get(partition) ?? 0;
        next.set(partition, n + 1);
        const first = base.get(partition);
        if (first === undefined) throw new Error(`Kafka returned no offset for ${topic}/${partition}.`);
        positions.push({ topic, partition, offset: first + n });
      }
    }
    return positions;
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    await this.connect();
    if (options.topics.length === 0) throw new Error('subscribe needs at least one topic.');
    for (const t of options.topics) await this.partitionsOf(t);
    const c = this.options.consumer ?? {};
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: c.sessionTimeoutMs ?? 10000,
      heartbeatInterval: c.heartbeatIntervalMs ?? 1000,
      maxWaitTimeInMs: c.maxWaitTimeMs ?? 250,
      allowAutoTopicCreation: false,
      retry: { initialRetryTime: 100, retries: 8 },
    });
    const sub = new KafkaSubscription(consumer, this.admin, options, this.logger.child({ group: options.groupId }), (s) => this.subscriptions.delete(s));
    this.subscriptions.add(sub);
    await sub.start(c.joinTimeoutMs ?? 30000);
    return sub;
  }

  async committedOffsets(groupId: string, topic: string): Promise<TopicPartitionOffset[]> {
    await this.connect();
    const result = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    return (result.find((r) => r.topic === topic)?.partitions ?? [])
      .map((p) => ({ topic, partition: p.partition, offset: Number(p.offset) }))
      .filter((p) => p.offset >= 0) // -1: no commit
      .sort((a, b) => a.partition - b.partition);
  }

  async endOffsets(topic: string): Promise<TopicPartitionOffset[]> {
    await this.connect();
    const offsets = await retryWhileLeadershipSettles(() => this.admin.fetchTopicOffsets(topic));
    return offsets.map((o) => ({ topic, partition: o.partition, offset: Number(o.high) })).sort((a, b) => a.partition - b.partition);
  }

  /** See kafka-reader.ts: a throwaway consumer group per call. */
  async read(topic: string, partition: number, fromOffset: number, maxMessages: number): Promise<BusMessage[]> {
    await this.connect();
    return readRange(this.kafka, this.admin, this.options.clientId, this.logger, { topic, partition, fromOffset, maxMessages, timeoutMs: 30000 });
  }

  isConnected(): boolean {
    return this.connectionProblem() === null;
  }

  /** Why the bus is not usable, for /readyz; null when it is. */
  connectionProblem(): string | null {
    if (this.closed) return 'closed';
    if (!this.producerConnected) return 'producer not connected';
    if (!this.brokerReachable) return 'brokers do not answer (metadata probe)';
    for (const s of this.subscriptions) if (!s.healthy) return `consumer group ${s.groupId} crashed`;
    return null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.probeTimer) clearInterval(this.probeTimer);
    // A metadata request still in flight would reconnect the admin client after its disconnect
    // and keep the process alive; let it finish first (bounded: it may hang on a dead broker).
    if (this.probeInFlight) await Promise.race([this.probeInFlight.catch(() => undefined), new Promise((r) => setTimeout(r, PROBE_TIMEOUT_MS).unref())]);
    await Promise.allSettled([...this.subscriptions].map((s) => s.stop()));
    if (this.connecting) {
      await this.connecting.catch(() => undefined);
      await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
    }
  }
}

function isOnlyTopicExists(err: unknown): boolean {
  const e = err as { type?: string; errors?: Array<{ type?: string }> };
  if (e?.type === 'TOPIC_ALREADY_EXISTS') return true;
  return Array.isArray(e?.errors) && e.errors.length > 0 && e.errors.every((x) => x?.type === 'TOPIC_ALREADY_EXISTS');
}
