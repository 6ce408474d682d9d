import type { Bus, OutgoingRecord, RecordPosition, SubscribeOptions, Subscription, TopicPartitionOffset, TopicSpec, BusMessage } from '../../core/bus/bus';

/** A bus whose publishes wait while the gate is closed: a slow bus for back-pressure tests. */
export class GatedBus implements Bus {
  private gate: Promise<void> = Promise.resolve();
  private openGate: () => void = () => undefined;
  publishCalls = 0;

  constructor(private readonly inner: Bus) {}

  get kind(): Bus['kind'] {
    return this.inner.kind;
  }

  /** Publishes from now on wait until release(). */
  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate();
    this.gate = Promise.resolve();
  }

  async publish(topic: string, records: OutgoingRecord[]): Promise<RecordPosition[]> {
    this.publishCalls++;
    await this.gate;
    return this.inner.publish(topic, records);
  }

  createTopics(specs: TopicSpec[]): Promise<void> {
    return this.inner.createTopics(specs);
  }
  subscribe(options: SubscribeOptions): Promise<Subscription> {
    return this.inner.subscribe(options);
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
  close(): Promise<void> {
    this.release();
    return this.inner.close();
  }
}
