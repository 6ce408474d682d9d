import type { OutgoingRecord } from '../bus';

/** Half the broker's default message.max.bytes (1 MiB), leaving room for batch and record overhead. */
export const DEFAULT_MAX_REQUEST_BYTES = 512 * 1024;

function sizeOf(r: OutgoingRecord): number {
  let n = 64 + r.value.length + (r.key === null ? 0 : Buffer.byteLength(r.key));
  for (const [k, v] of Object.entries(r.headers ?? {})) n += Buffer.byteLength(k) + Buffer.byteLength(v);
  return n;
}

/** Splits records, in order, into runs of at most `maxBytes` (a single larger record goes alone). */
export function chunksByBytes(records: OutgoingRecord[], maxBytes: number): OutgoingRecord[][] {
  const chunks: OutgoingRecord[][] = [];
  let current: OutgoingRecord[] = [];
  let bytes = 0;
  for (const r of records) {
    const size = sizeOf(r);
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
