import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AlertEvent, AuditEntry, Delivery, OfficerCommand, RejectedInput, RiskAssessment, SensorReading } from '../model';
import { TOPIC_SCHEMAS } from '../bus/topics';
import { sampleAlert } from '../../notify/test-support/sample-alert';
import { AvroCodec } from './avro-codec';
import { defaultSchemasDir, SchemaSet } from './schema-set';

const reading: SensorReading = { id: 'volme-eckesey/water_level/1626273300000', stationId: 'volme-eckesey', quantity: 'water_level', value: 312.5, unit: 'cm', observedAt: 1626273300000, receivedAt: 1626273301234, source: 'http:stadtwerke', quality: 'suspect', qualityFlags: ['spike'] };
const rejected: RejectedInput = { id: 'r1', source: 'mqtt:chirpstack', payload: Buffer.from([0xff, 0xfe, 0x00, 0x7b]), reason: 'invalid-json', detail: 'Der Inhalt ist kein JSON.', field: null, stationId: null, receivedAt: 1 };
const driver = { name: 'water_level', stationId: 'volme-eckesey', value: 312, unit: 'cm', text: 'Pegel Hagen-Eckesey 312 cm, steigt 24 cm/h' };
const assessment: RiskAssessment = { hazard: 'flood', areaId: 'hagen-mitte', score: 0.81, level: 3, drivers: [driver, { ...driver, stationId: null, name: 'rain_6h' }], at: 2 };
const event: AlertEvent = { id: 'gauge:volme-eckesey:raised:3:2', kind: 'raised', incidentKey: 'hagen-mitte:flood', ruleId: 'gauge', subject: 'volme-eckesey', hazard: 'flood', areaId: 'hagen-mitte', stationIds: ['volme-eckesey'], level: 3, audience: 'public', autoRelease: true, status: 'Exercise', evidence: [driver], at: 2 };
const command: OfficerCommand = { id: 'c1', action: 'edit', incidentId: 'i1', by: 'officer.mueller', at: 3, reason: 'Text präzisiert', until: null, areaId: null, ruleId: null, edits: [{ language: 'de-DE', headline: 'Hochwasser – Übung', description: null, instruction: 'Keller räumen 🚒' }] };
const delivery: Delivery = { id: 'a:webpush:ref', alertIdentifier: 'a', incidentId: 'i1', channel: 'webpush', recipientRef: 'webpush:abc', outcome: 'sent', attempts: 2, error: null, at: 4, latencyMs: 12.5 };
const audit: AuditEntry = { id: 'x#0', at: 5, actor: 'officer.mueller', action: 'incident.released', subject: 'i1', detail: '{"level":3}', source: 'alerts' };

describe('AvroCodec', () => {
  const codec = new AvroCodec(new SchemaSet());
  const samples: [string, unknown][] = [
    ['SensorReading', reading],
    ['RejectedInput', rejected],
    ['RiskAssessment', assessment],
    ['AlertEvent', event],
    ['Alert', sampleAlert()],
    ['Alert', sampleAlert({ msgType: 'Cancel', references: ['s,id,2021-07-14T16:35:00+02:00'], releasedBy: null, releasedAt: null })],
    ['OfficerCommand', command],
    ['Delivery', delivery],
    ['AuditEntry', audit],
  ];

  it.each(samples)('round-trips a %s', async (schema, value) => {
    const bytes = await codec.encode(schema, value);
    expect(bytes.length).toBeGreaterThan(0);
    expect(await codec.decode(schema, bytes)).toEqual(value);
  });

  it('has a schema for every topic record', () => {
    const names = [...new SchemaSet().types.keys()].sort();
    expect(names).toEqual([...new Set(Object.values(TOPIC_SCHEMAS))].sort());
    expect(names).toEqual(['Alert', 'AlertEvent', 'AuditEntry', 'Delivery', 'OfficerCommand', 'RejectedInput', 'RiskAssessment', 'SensorReading']);
  });

  it('refuses a value that breaks the schema and names the field', async () => {
    await expect(codec.encode('SensorReading', { ...reading, value: 'high' })).rejects.toThrow(/value = "high"/);
    await expect(codec.encode('SensorReading', { ...reading, quality: 'great' })).rejects.toThrow(/quality/);
    await expect(codec.encode('SensorReading', { ...reading, observedAt: null })).rejects.toThrow(/observedAt = null/);
    const alert = sampleAlert();
    const badInfo = { ...alert, info: [alert.info[0], { ...alert.info[1], urgency: 'Soon' }] };
    await expect(codec.encode('Alert', badInfo)).rejects.toThrow(/info\.1\.urgency = "Soon"/);
    await expect(codec.encode('Alert', { ...alert, msgType: 'Ack' })).rejects.toThrow(/msgType/);
    await expect(codec.encode('RejectedInput', { ...rejected, payload: 'not bytes' })).rejects.toThrow(/payload/);
  });

  it('refuses bytes that are not a record of the schema', async () => {
    const bytes = await codec.encode('SensorReading', reading);
    await expect(codec.decode('SensorReading', bytes.subarray(0, 10))).rejects.toThrow(/SensorReading cannot be decoded/);
    await expect(codec.encode('NoSuchRecord', {})).rejects.toThrow(/No Avro schema named NoSuchRecord/);
  });

  it('keeps doubles, longs beyond 32 bits and unicode exact', async () => {
    const precise = { ...reading, value: 0.1 + 0.2, observedAt: Date.UTC(2100, 0, 1), stationId: 'Ölmühle-Süd ✓' };
    expect(await codec.decode('SensorReading', await codec.encode('SensorReading', precise))).toEqual(precise);
  });
});

describe('SchemaSet', () => {
  it('refuses copies of a named type that drifted apart', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-avsc-'));
    for (const f of ['RiskAssessment.avsc', 'AlertEvent.avsc']) fs.copyFileSync(path.join(defaultSchemasDir(), f), path.join(dir, f));
    expect(() => new SchemaSet(dir)).not.toThrow();
    const file = path.join(dir, 'RiskAssessment.avsc');
    const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    schema.fields[4].type.items.fields.push({ name: 'weight', type: 'double', default: 1 });
    fs.writeFileSync(file, JSON.stringify(schema));
    expect(() => new SchemaSet(dir)).toThrow(/de\.fruehwarn\.v1\.Driver differs between AlertEvent\.avsc and RiskAssessment\.avsc/);
  });

  it('declares every record in the one namespace, with a doc string', () => {
    for (const [name, raw] of new SchemaSet().raw) {
      expect([name, raw.namespace]).toEqual([name, 'de.fruehwarn.v1']);
      expect(typeof raw.doc).toBe('string');
    }
  });
});
