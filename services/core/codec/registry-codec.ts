import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { Codec } from './codec';
import { CodecError } from './avro-codec';
import { describeInvalid, SchemaSet } from './schema-set';

/**
 * Confluent wire format (magic byte, 4-byte schema id, Avro body) through a Confluent-compatible
 * registry (Apicurio's ccompat API works). Subjects follow the record-name strategy
 * (`de.fruehwarn.v1.SensorReading`): a record type is the same on every topic that carries it,
 * and the registry's compatibility check guards each type's evolution.
 * Decoding resolves the writer's schema (by id) against this program's reader schema, so an
 * older consumer reads records written with a newer compatible schema.
 */
export class RegistryCodec implements Codec {
  readonly registry: SchemaRegistry;
  private readonly ids = new Map<string, Promise<number>>();

  constructor(
    host: string,
    private readonly schemas: SchemaSet = new SchemaSet(),
    private readonly subjectPrefix = '',
  ) {
    this.registry = new SchemaRegistry({ host });
  }

  subjectOf(schemaName: string): string {
    const raw = this.schemas.raw.get(schemaName);
    return `${this.subjectPrefix}${raw?.namespace ? `${String(raw.namespace)}.` : ''}${schemaName}`;
  }

  private idOf(schemaName: string): Promise<number> {
    let id = this.ids.get(schemaName);
    if (!id) {
      const schema = this.schemas.raw.get(schemaName);
      if (!schema) throw new CodecError(`No Avro schema named ${schemaName} in schemas/.`);
      id = this.registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(schema) }, { subject: this.subjectOf(schemaName) }).then((r) => r.id);
      id.catch(() => this.ids.delete(schemaName));
      this.ids.set(schemaName, id);
    }
    return id;
  }

  async encode(schemaName: string, value: unknown): Promise<Buffer> {
    const type = this.schemas.type(schemaName);
    if (!type.isValid(value)) throw new CodecError(`${schemaName} cannot be encoded: ${describeInvalid(type, value)}`);
    return this.registry.encode(await this.idOf(schemaName), value);
  }

  async decode<T>(schemaName: string, data: Buffer): Promise<T> {
    const readerSchema = this.schemas.raw.get(schemaName);
    return (await this.registry.decode(data, { [SchemaType.AVRO]: { readerSchema: readerSchema as never } })) as T;
  }
}
