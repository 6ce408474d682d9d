/**
 * Turns records into bytes and back, by Avro schema name (schemas/<name>.avsc).
 * AvroCodec: plain avsc binary. RegistryCodec: Confluent wire format (magic byte,
 * schema id, Avro) with schemas registered in a Confluent-compatible registry.
 */
export interface Codec {
  encode(schemaName: string, value: unknown): Promise<Buffer>;
  decode<T>(schemaName: string, data: Buffer): Promise<T>;
}
