import type { KafkaMessage } from 'kafkajs';
import type { BusMessage } from '../bus';

/** kafkajs message → BusMessage (string offsets and timestamps become numbers, headers strings). */
export function toBusMessage(topic: string, partition: number, m: KafkaMessage): BusMessage {
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries(m.headers ?? {})) {
    if (raw === undefined) continue;
    const v = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    headers[name] = Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  }
  return {
    topic,
    partition,
    offset: Number(m.offset),
    key: m.key ? m.key.toString('utf8') : null,
    value: m.value ?? Buffer.alloc(0),
    timestamp: Number(m.timestamp),
    headers,
  };
}
