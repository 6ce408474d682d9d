import * as fs from 'node:fs';
import type { BusMessage } from '../bus';
import { decodeSegment, encodeRecord, type StoredRecord } from './record-format';

/**
 * One partition of a topic: an in-memory array of messages (offset = index), optionally
 * mirrored to an append-only segment file that is replayed on open.
 */
export class PartitionLog {
  private readonly messages: BusMessage[] = [];
  private fd: number | null = null;
  /** Called after every append, so consumers positioned on this partition wake up. */
  readonly listeners = new Set<() => void>();

  constructor(
    readonly topic: string,
    readonly partition: number,
    file: string | null,
  ) {
    if (file) this.open(file);
  }

  private open(file: string): void {
    if (fs.existsSync(file)) {
      const data = fs.readFileSync(file);
      const { records, validBytes } = decodeSegment(data);
      for (const r of records) this.push(r);
      // a torn tail from a crash mid-write: drop it so the next append starts on a record boundary
      if (validBytes < data.length) fs.truncateSync(file, validBytes);
    }
    this.fd = fs.openSync(file, 'a');
  }

  private push(r: StoredRecord): BusMessage {
    const m: BusMessage = { topic: this.topic, partition: this.partition, offset: this.messages.length, key: r.key, value: r.value, timestamp: r.timestamp, headers: r.headers };
    this.messages.push(m);
    return m;
  }

  /** Appends records in order; returns the offset of the first. */
  append(records: StoredRecord[]): number {
    if (records.length === 0) return this.messages.length;
    const first = this.messages.length;
    if (this.fd !== null) {
      const encoded = records.map(encodeRecord);
      fs.writeSync(this.fd, encoded.length === 1 ? encoded[0] : Buffer.concat(encoded));
    }
    for (const r of records) this.push(r);
    for (const wake of this.listeners) wake();
    return first;
  }

  /** Offset the next appended message will get (Kafka's high watermark / log end offset). */
  get endOffset(): number {
    return this.messages.length;
  }

  read(fromOffset: number, maxMessages: number): BusMessage[] {
    const from = Math.max(0, fromOffset);
    return this.messages.slice(from, Math.min(this.messages.length, from + Math.max(0, maxMessages)));
  }

  /** First offset whose timestamp is >= `timestamp`, or the end offset (Kafka ListOffsets semantics). */
  offsetForTimestamp(timestamp: number): number {
    for (let i = 0; i < this.messages.length; i++) if (this.messages[i].timestamp >= timestamp) return i;
    return this.messages.length;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}
