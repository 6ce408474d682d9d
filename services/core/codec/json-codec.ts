import type { Codec } from './codec';

/**
 * JSON codec: for tests and for debugging a topic by eye. Buffers survive the round trip
 * (as base64). Production uses Avro (AvroCodec / RegistryCodec); JSON carries no schema.
 */
export class JsonCodec implements Codec {
  async encode(_schemaName: string, value: unknown): Promise<Buffer> {
    return Buffer.from(
      JSON.stringify(value, function (this: unknown, key, v: unknown) {
        const raw = (this as Record<string, unknown>)[key];
        return Buffer.isBuffer(raw) ? { $bytes: raw.toString('base64') } : v;
      }),
    );
  }

  async decode<T>(_schemaName: string, data: Buffer): Promise<T> {
    return JSON.parse(data.toString('utf8'), (_key, v: unknown) =>
      v && typeof v === 'object' && typeof (v as { $bytes?: unknown }).$bytes === 'string' ? Buffer.from((v as { $bytes: string }).$bytes, 'base64') : v,
    ) as T;
  }
}
