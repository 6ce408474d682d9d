import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Bus, BusMessage, OutgoingRecord, RecordPosition, SubscribeOptions, Subscription, TopicPartitionOffset, TopicSpec } from '../bus';
import { silentLogger, type Logger } from '../../observability/logger';
import { Partitioner } from '../partitioner';
import { GroupCoordinator } from './group-coordinator';
import { GroupMember, type MemberContext } from './group-member';
import { OffsetStore } from './offset-store';
import { PartitionLog } from './partition-log';
import type { StoredRecord } from './record-format';

export interface EmbeddedBusOptions {
  /**
   * Persist logs and committed offsets under `<dataDir>/bus/` (topics.json, offsets.json,
   * topics/<topic>/<partition>.log); null or absent keeps everything in memory.
   * One bus instance per directory at a time.
   */
  dataDir?: string | null;
  logger?: Logger;
}

/** Kafka's legal topic names, which are also safe file names. */
const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

interface Topic {
  spec: TopicSpec;
  logs: PartitionLog[];
}

/**
 * The in-process bus: a partitioned append-only log per topic with consumer groups,
 * committed offsets and Kafka's key partitioning, optionally persisted to a data directory.
 * Retention and compaction settings are accepted and ignored (the log is kept whole).
 */
export class EmbeddedBus implements Bus {
  readonly kind = 'embedded' as const;
  private readonly topics = new Map<string, Topic>();
  private readonly groups = new Map<string, GroupCoordinator>();
  private readonly members = new Set<GroupMember>();
  private readonly partitioner = new Partitioner();
  private readonly offsets: OffsetStore;
  private readonly root: string | null;
  private readonly logger: Logger;
  private memberSeq = 0;
  private closed = false;

  constructor(options: EmbeddedBusOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.root = options.dataDir ? path.join(options.dataDir, 'bus') : null;
    if (this.root) {
      fs.mkdirSync(path.join(this.root, 'topics'), { recursive: true });
      const specsFile = path.join(this.root, 'topics.json');
      if (fs.existsSync(specsFile)) {
        for (const spec of JSON.parse(fs.readFileSync(specsFile, 'utf8')) as TopicSpec[]) this.openTopic(spec);
      }
    }
    this.offsets = new OffsetStore(this.root ? path.join(this.root, 'offsets.json') : null);
  }

  private openTopic(spec: TopicSpec): void {
    const dir = this.root ? path.join(this.root, 'topics', spec.name) : null;
    if (dir) fs.mkdirSync(dir, { recursive: true });
    const logs = Array.from({ length: spec.partitions }, (_, p) => new PartitionLog(spec.name, p, dir ? path.join(dir, `${p}.log`) : null));
    this.topics.set(spec.name, { spec: { ...spec }, logs });
  }

  private topic(name: string): Topic {
    const t = this.topics.get(name);
    if (!t) throw new Error(`Topic "${name}" does not exist; create it first with createTopics.`);
    return t;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The embedded bus is closed.');
  }

  async createTopics(specs: TopicSpec[]): Promise<void> {
    this.assertOpen();
    let added = false;
    for (const spec of specs) {
      if (!TOPIC_NAME.test(spec.name) || spec.name === '.' || spec.name === '..') {
        throw new Error(`Topic name "${spec.name}" is invalid; expected 1-249 characters of a-z, A-Z, 0-9, ".", "_" or "-".`);
      }
      if (!Number.isInteger(spec.partitions) || spec.partitions < 1) {
        throw new Error(`Topic "${spec.name}" needs a whole number of partitions >= 1, got ${spec.partitions}.`);
      }
      if (this.topics.has(spec.name)) continue;
      this.openTopic(spec);
      added = true;
    }
    if (added && this.root) {
      const file = path.join(this.root, 'topics.json');
      fs.writeFileSync(`${file}.tmp`, JSON.stringify([...this.topics.values()].map((t) => t.spec), null, 2));
      fs.renameSync(`${file}.tmp`, file);
    }
  }

  async publish(topic: string, records: OutgoingRecord[]): Promise<RecordPosition[]> {
    this.assertOpen();
    const t = this.topic(topic);
    const now = Date.now();
    const byPartition = new Map<number, { records: StoredRecord[]; indexes: number[] }>();
    records.forEach((r, i) => {
      if (!Buffer.isBuffer(r.value)) throw new TypeError(`Record ${i} for ${topic} has a value that is not a Buffer.`);
      const p = this.partitioner.partition(topic, r.key, t.logs.length);
      let group = byPartition.get(p);
      if (!group) byPartition.set(p, (group = { records: [], indexes: [] }));
      group.records.push({ key: r.key, value: r.value, timestamp: r.timestamp ?? now, headers: r.headers ? { ...r.headers } : {} });
      group.indexes.push(i);
    });
    const positions = new Array<RecordPosition>(records.length);
    for (const [partition, group] of byPartition) {
      const first = t.logs[partition].append(group.records);
      group.indexes.forEach((index, n) => (positions[index] = { topic, partition, offset: first + n }));
    }
    return positions;
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.assertOpen();
    if (options.topics.length === 0) throw new Error('subscribe needs at least one topic.');
    for (const name of options.topics) this.topic(name);
    let coordinator = this.groups.get(options.groupId);
    if (!coordinator) {
      coordinator = new GroupCoordinator(options.groupId, (name) => this.topic(name).logs.length);
      this.groups.set(options.groupId, coordinator);
    }
    const group = coordinator;
    const ctx: MemberContext = {
      log: (name, partition) => this.topic(name).logs[partition],
      offsets: this.offsets,
      logger: this.logger,
      leave: async (member) => {
        await group.leave(member);
        this.members.delete(member);
      },
    };
    // zero-padded so the assignor's id order is the join order
    const member = new GroupMember(`${options.groupId}-${String(++this.memberSeq).padStart(6, '0')}`, options, ctx);
    this.members.add(member);
    await group.join(member);
    return member;
  }

  async committedOffsets(groupId: string, topic: string): Promise<TopicPartitionOffset[]> {
    const partitions = this.topic(topic).logs.length;
    return this.offsets
      .forTopic(groupId, topic)
      .filter((o) => o.partition < partitions)
      .map((o) => ({ topic, partition: o.partition, offset: o.offset }));
  }

  async endOffsets(topic: string): Promise<TopicPartitionOffset[]> {
    return this.topic(topic).logs.map((log) => ({ topic, partition: log.partition, offset: log.endOffset }));
  }

  async read(topic: string, partition: number, fromOffset: number, maxMessages: number): Promise<BusMessage[]> {
    const log = this.topic(topic).logs[partition];
    if (!log) throw new Error(`Topic "${topic}" has no partition ${partition}.`);
    return log.read(fromOffset, maxMessages);
  }

  isConnected(): boolean {
    return !this.closed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.members].map((m) => m.stop()));
    this.closed = true;
    this.offsets.flush();
    for (const t of this.topics.values()) for (const log of t.logs) log.close();
  }
}
