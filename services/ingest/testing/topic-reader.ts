import type { Bus } from '../../core/bus/bus';
import { TOPIC_SCHEMAS, type TopicName } from '../../core/bus/topics';
import type { Codec } from '../../core/codec/codec';

/** Every record of a topic, decoded, with its key (tests and tools; reads all partitions from `fromOffsets`). */
export async function readTopic<T>(bus: Bus, codec: Codec, topic: TopicName, fromOffsets: Map<number, number> = new Map()): Promise<{ key: string | null; partition: number; value: T }[]> {
  const out: { key: string | null; partition: number; value: T }[] = [];
  for (const end of await bus.endOffsets(topic)) {
    let offset = fromOffsets.get(end.partition) ?? 0;
    while (offset < end.offset) {
      const batch = await bus.read(topic, end.partition, offset, Math.min(5000, end.offset - offset));
      if (batch.length === 0) break;
      for (const m of batch) out.push({ key: m.key, partition: m.partition, value: await codec.decode<T>(TOPIC_SCHEMAS[topic], m.value) });
      offset = batch[batch.length - 1].offset + 1;
    }
  }
  return out;
}

/** Current end offsets per partition, to read only what a test adds afterwards. */
export async function endOffsets(bus: Bus, topic: TopicName): Promise<Map<number, number>> {
  return new Map((await bus.endOffsets(topic)).map((e) => [e.partition, e.offset]));
}
