import { SchemaType } from '@kafkajs/confluent-schema-registry';
import { describeWith, env, uniqueName } from '../../../test/infra/integration';
import { sampleAlert } from '../../notify/test-support/sample-alert';
import { RegistryCodec } from './registry-codec';
import { SchemaSet } from './schema-set';

/** Sets BACKWARD compatibility on a subject through the Confluent config API. */
async function requireBackward(host: string, subject: string): Promise<void> {
  const res = await fetch(`${host}/config/${encodeURIComponent(subject)}`, { method: 'PUT', headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' }, body: JSON.stringify({ compatibility: 'BACKWARD' }) });
  if (!res.ok) throw new Error(`setting compatibility failed: ${res.status} ${await res.text()}`);
}

describeWith(['registry'], 'RegistryCodec against a real schema registry', () => {
  const host = () => env('SCHEMA_REGISTRY_URL');
  const reading = { id: 'volme-eckesey/water_level/1', stationId: 'volme-eckesey', quantity: 'water_level', value: 312, unit: 'cm', observedAt: 1, receivedAt: 2, source: 'test', quality: 'good', qualityFlags: [] };

  it('writes the Confluent wire format and reads it back', async () => {
    const codec = new RegistryCodec(host(), new SchemaSet(), `${uniqueName('t')}.`);
    const bytes = await codec.encode('SensorReading', reading);
    expect(bytes[0]).toBe(0); // magic byte
    expect(bytes.readInt32BE(1)).toBeGreaterThan(0); // schema id
    expect(await codec.decode('SensorReading', bytes)).toEqual(reading);
    // Registering is idempotent and cached: the same id again, and another codec (say, another
    // service with an empty cache) reads the bytes by asking the registry for that id.
    expect((await codec.encode('SensorReading', { ...reading, value: 1 })).readInt32BE(1)).toBe(bytes.readInt32BE(1));
    const other = new RegistryCodec(host(), new SchemaSet(), 'unrelated.');
    expect(await other.decode('SensorReading', bytes)).toEqual(reading);
  });

  it('round-trips every record type, each under its record-name subject', async () => {
    const prefix = `${uniqueName('all')}.`;
    const codec = new RegistryCodec(host(), new SchemaSet(), prefix);
    const alert = sampleAlert();
    const bytes = await codec.encode('Alert', alert);
    expect(await codec.decode('Alert', bytes)).toEqual(alert);
    const rejected = { id: 'r', source: 'mqtt:x', payload: Buffer.from([0xff, 0, 0xc3]), reason: 'invalid-json', detail: 'Kein JSON – ü', field: null, stationId: null, receivedAt: 1 };
    expect(await codec.decode('RejectedInput', await codec.encode('RejectedInput', rejected))).toEqual(rejected);
    const res = await fetch(`${host()}/subjects`);
    const subjects = (await res.json()) as string[];
    expect(subjects).toEqual(expect.arrayContaining([`${prefix}de.fruehwarn.v1.Alert`, `${prefix}de.fruehwarn.v1.RejectedInput`]));
    await expect(codec.encode('Alert', { ...alert, msgType: 'Bad' })).rejects.toThrow(/Alert cannot be encoded: msgType/);
  });

  it('lets a consumer on the old schema read records written with a new optional field', async () => {
    const prefix = `${uniqueName('evo')}.`;
    const oldCodec = new RegistryCodec(host(), new SchemaSet(), prefix);
    const subject = oldCodec.subjectOf('SensorReading');
    await oldCodec.encode('SensorReading', reading); // registers v1
    await requireBackward(host(), subject);

    // A newer producer adds an optional field with a default: a compatible change.
    const v1 = new SchemaSet().raw.get('SensorReading')!;
    const v2 = { ...v1, fields: [...(v1.fields as object[]), { name: 'batteryVolts', type: ['null', 'double'], default: null }] };
    const { id } = await oldCodec.registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(v2) }, { subject });
    const written = await oldCodec.registry.encode(id, { ...reading, batteryVolts: 3.6 });

    const decoded = await oldCodec.decode<Record<string, unknown>>('SensorReading', written);
    expect(decoded).toEqual(reading); // the old reader sees its own fields, the new one is dropped
  });

  it('refuses an incompatible change', async () => {
    const prefix = `${uniqueName('incompat')}.`;
    const codec = new RegistryCodec(host(), new SchemaSet(), prefix);
    const subject = codec.subjectOf('SensorReading');
    await codec.encode('SensorReading', reading);
    await requireBackward(host(), subject);
    const v1 = new SchemaSet().raw.get('SensorReading')!;
    // A new required field without a default: new readers could not read old records.
    const broken = { ...v1, fields: [...(v1.fields as object[]), { name: 'operator', type: 'string' }] };
    await expect(codec.registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(broken) }, { subject })).rejects.toThrow();
    // A changed type (double -> string) is refused as well; the compatible v1 is still accepted.
    const retyped = { ...v1, fields: (v1.fields as { name: string }[]).map((f) => (f.name === 'value' ? { ...f, type: 'string' } : f)) };
    await expect(codec.registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(retyped) }, { subject })).rejects.toThrow();
    await expect(codec.registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(v1) }, { subject })).resolves.toEqual({ id: expect.any(Number) });
  });
});
