/**
 * On-disk record format of the embedded bus segment files (one append-only file per partition).
 * Offsets are implicit: the n-th complete record in a file has offset n.
 *
 *   u32  length of the rest of the record (bytes)
 *   f64  timestamp (epoch ms)
 *   i32  key length, -1 for a null key; then the UTF-8 key
 *   u32  value length; then the value
 *   u16  header count; per header: u16 name length, name, u32 value length, value (UTF-8)
 *
 * A crash can leave a torn last record; decodeSegment stops there and reports where the
 * valid prefix ends so the file can be truncated before new appends.
 */
export interface StoredRecord {
  key: string | null;
  value: Buffer;
  timestamp: number;
  headers: Record<string, string>;
}

export function encodeRecord(r: StoredRecord): Buffer {
  const key = r.key === null ? null : Buffer.from(r.key, 'utf8');
  const headers = Object.entries(r.headers).map(([k, v]) => [Buffer.from(k, 'utf8'), Buffer.from(v, 'utf8')] as const);
  let size = 8 + 4 + (key ? key.length : 0) + 4 + r.value.length + 2;
  for (const [k, v] of headers) size += 2 + k.length + 4 + v.length;
  const out = Buffer.allocUnsafe(4 + size);
  let at = out.writeUInt32BE(size, 0);
  at = out.writeDoubleBE(r.timestamp, at);
  if (key) {
    at = out.writeInt32BE(key.length, at);
    at += key.copy(out, at);
  } else {
    at = out.writeInt32BE(-1, at);
  }
  at = out.writeUInt32BE(r.value.length, at);
  at += r.value.copy(out, at);
  at = out.writeUInt16BE(headers.length, at);
  for (const [k, v] of headers) {
    at = out.writeUInt16BE(k.length, at);
    at += k.copy(out, at);
    at = out.writeUInt32BE(v.length, at);
    at += v.copy(out, at);
  }
  return out;
}

export interface DecodedSegment {
  records: StoredRecord[];
  /** Byte length of the valid prefix; anything after it is a torn or corrupt tail. */
  validBytes: number;
}

export function decodeSegment(data: Buffer): DecodedSegment {
  const records: StoredRecord[] = [];
  let at = 0;
  while (at + 4 <= data.length) {
    const size = data.readUInt32BE(at);
    const end = at + 4 + size;
    if (end > data.length) break;
    const record = decodeBody(data, at + 4, end);
    if (!record) break;
    records.push(record);
    at = end;
  }
  return { records, validBytes: at };
}

function decodeBody(data: Buffer, start: number, end: number): StoredRecord | null {
  let at = start;
  const need = (n: number) => at + n <= end;
  if (!need(12)) return null;
  const timestamp = data.readDoubleBE(at);
  at += 8;
  const keyLength = data.readInt32BE(at);
  at += 4;
  let key: string | null = null;
  if (keyLength >= 0) {
    if (!need(keyLength)) return null;
    key = data.toString('utf8', at, at + keyLength);
    at += keyLength;
  }
  if (!need(4)) return null;
  const valueLength = data.readUInt32BE(at);
  at += 4;
  if (!need(valueLength)) return null;
  // copy: the segment buffer is large and would otherwise stay alive through every slice
  const value = Buffer.from(data.subarray(at, at + valueLength));
  at += valueLength;
  if (!need(2)) return null;
  const count = data.readUInt16BE(at);
  at += 2;
  const headers: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    if (!need(2)) return null;
    const nl = data.readUInt16BE(at);
    at += 2;
    if (!need(nl + 4)) return null;
    const name = data.toString('utf8', at, at + nl);
    at += nl;
    const vl = data.readUInt32BE(at);
    at += 4;
    if (!need(vl)) return null;
    headers[name] = data.toString('utf8', at, at + vl);
    at += vl;
  }
  return at === end ? { key, value, timestamp, headers } : null;
}
