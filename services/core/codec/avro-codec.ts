import type { Codec } from './codec';
import { describeInvalid, SchemaSet } from './schema-set';

export class CodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodecError';
  }
}

/** Plain Avro binary with the schemas in schemas/ (embedded bus; no registry involved). */
export class AvroCodec implements Codec {
  constructor(private readonly schemas: SchemaSet = new SchemaSet()) {}

  async encode(schemaName: string, value: unknown): Promise<Buffer> {
    const type = this.schemas.type(schemaName);
    if (!type.isValid(value)) throw new CodecError(`${schemaName} cannot be encoded: ${describeInvalid(type, value)}`);
    return type.toBuffer(value);
  }

  async decode<T>(schemaName: string, data: Buffer): Promise<T> {
    const type = this.schemas.type(schemaName);
    try {
      return type.fromBuffer(data) as T;
    } catch (err) {
      throw new CodecError(`${schemaName} cannot be decoded from ${data.length} bytes: ${(err as Error).message}`);
    }
  }
}
