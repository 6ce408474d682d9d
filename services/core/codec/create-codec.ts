import type { Config } from '../config/config';
import { AvroCodec } from './avro-codec';
import type { Codec } from './codec';
import { RegistryCodec } from './registry-codec';
import { SchemaSet } from './schema-set';

export function createCodec(config: Config): Codec {
  const schemas = new SchemaSet();
  return config.schemaRegistryUrl ? new RegistryCodec(config.schemaRegistryUrl, schemas) : new AvroCodec(schemas);
}
