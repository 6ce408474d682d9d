/**
 * Kafka's default key partitioner (the Java client's BuiltInPartitioner / kafkajs 2.x
 * DefaultPartitioner): partition = toPositive(murmur2(utf8(key))) % partitions.
 * The embedded bus uses it so a key lands on the same partition as it would in Kafka,
 * which keeps partition-local state (engine windows, checkpoints) portable between buses.
 * Records without a key are spread round-robin per topic.
 */

/** Seed and mixing constants of MurmurHash2 as used by Kafka's Utils.murmur2. */
const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

/** 32-bit MurmurHash2 of `data`, as a signed 32-bit integer (Java int semantics). */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = (SEED ^ length) | 0;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    // little-endian 4-byte block
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const rest = length & 3;
  if (rest > 0) {
    if (rest === 3) h ^= data[whole + 2] << 16;
    if (rest >= 2) h ^= data[whole + 1] << 8;
    h ^= data[whole];
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's Utils.toPositive: clears the sign bit (not Math.abs, which differs at MIN_VALUE). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

export function partitionForKey(key: string | Uint8Array, partitions: number): number {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  return toPositive(murmur2(bytes)) % partitions;
}

/** Chooses partitions for records: keyed by murmur2, unkeyed round-robin per topic. */
export class Partitioner {
  private readonly next = new Map<string, number>();

  partition(topic: string, key: string | null, partitions: number): number {
    if (partitions <= 0) throw new Error(`Topic ${topic} has no partitions.`);
    if (key !== null) return partitionForKey(key, partitions);
    const n = this.next.get(topic) ?? 0;
    this.next.set(topic, (n + 1) % partitions);
    return n % partitions;
  }
}
