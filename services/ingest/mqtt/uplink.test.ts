import * as path from 'node:path';
import { CatalogueIndex } from '../../core/catalogue/catalogue';
import { loadCatalogue } from '../../core/catalogue/load-catalogue';
import { ConfigError } from '../../core/config/env';
import { chirpstackTopic, chirpstackUplink, ttsTopic, ttsUplink } from '../testing/uplinks';
import { DeviceRegistry } from './device-map';
import { uplinkToItems, type UplinkResult } from './uplink';

const catalogue = new CatalogueIndex(loadCatalogue(path.join(__dirname, '..', '..', '..', 'rules', 'catalogue.yaml')));
const registry = new DeviceRegistry(catalogue);
const NOW = Date.parse('2024-07-01T10:00:00Z');
const WEATHER = '70b3d57ed0050a01';
const SMOKE = '70b3d57ed0050b02';

function run(topic: string, doc: unknown): UplinkResult {
  return uplinkToItems(topic, Buffer.from(JSON.stringify(doc)), registry, NOW);
}

function parsedItems(r: UplinkResult): unknown[] {
  if (!r.ok) throw new Error(`rejected: ${r.rejection.reason} ${r.rejection.detail}`);
  return r.items.map((i) => ({ ...(i.parsed as object), pointer: i.pointer }));
}

describe('LoRaWAN uplinks', () => {
  it('turns a ChirpStack uplink into one reading item per mapped field, ignoring the rest', () => {
    const r = run(chirpstackTopic(WEATHER), chirpstackUplink(WEATHER, { temperature: 21.5, humidity: 40, wind_speed: 3, battery: 3.6 }, '2024-07-01T09:59:58Z'));
    expect(r.ok && r.network).toBe('chirpstack');
    expect(parsedItems(r)).toEqual([
      { stationId: 'wx-hohenlimburg-wald', quantity: 'temperature', value: 21.5, unit: 'degC', observedAt: Date.parse('2024-07-01T09:59:58Z'), pointer: '/object/temperature' },
      { stationId: 'wx-hohenlimburg-wald', quantity: 'humidity', value: 40, unit: '%', observedAt: Date.parse('2024-07-01T09:59:58Z'), pointer: '/object/humidity' },
      { stationId: 'wx-hohenlimburg-wald', quantity: 'wind_speed', value: 3, unit: 'm/s', observedAt: Date.parse('2024-07-01T09:59:58Z'), pointer: '/object/wind_speed' },
    ]);
  });

  it('turns a The Things Stack uplink (upper-case DevEUI) into items, using received_at as time', () => {
    const r = run(ttsTopic('smoke-2'), ttsUplink(SMOKE, { smoke: true, temperature: 19 }, '2024-07-01T09:58:00.123456789Z'));
    expect(parsedItems(r)).toEqual([{ stationId: 'smoke-hohenlimburg-2', quantity: 'smoke', value: true, unit: 'alarm', observedAt: Date.parse('2024-07-01T09:58:00.123Z'), pointer: '/uplink_message/decoded_payload/smoke' }]);
  });

  it('uses the time of receipt when the uplink carries no time', () => {
    const r = run(chirpstackTopic(WEATHER), chirpstackUplink(WEATHER, { rain_mm: 0.2 }));
    expect(parsedItems(r)).toMatchObject([{ quantity: 'rain', observedAt: NOW }]);
  });

  it.each([
    ['some/other/topic', chirpstackUplink(WEATHER, { temperature: 1 }), 'unsupported-message'],
    [chirpstackTopic('0000000000000000'), chirpstackUplink('0000000000000000', { temperature: 1 }), 'unknown-device'],
    [chirpstackTopic(WEATHER), { ...chirpstackUplink(WEATHER, undefined) }, 'unmapped-payload'],
    [chirpstackTopic(WEATHER), chirpstackUplink(WEATHER, { battery: 3.3 }), 'unmapped-payload'],
    [chirpstackTopic(WEATHER), chirpstackUplink(WEATHER, { temperature: 1 }, 'last tuesday'), 'invalid-timestamp'],
    [ttsTopic('x'), { uplink_message: {} }, 'missing-field'],
    [ttsTopic('x'), [1, 2, 3], 'not-an-object'],
  ])('refuses %s (%#) as %s', (topic, doc, reason) => {
    const r = run(topic, doc);
    expect(r.ok ? 'accepted' : r.rejection.reason).toBe(reason);
  });

  it('refuses bytes that are not UTF-8 or not JSON', () => {
    const bad = uplinkToItems(chirpstackTopic(WEATHER), Buffer.from([0x7b, 0xff, 0x7d]), registry, NOW);
    expect(!bad.ok && bad.rejection.reason).toBe('invalid-utf8');
    const notJson = uplinkToItems(chirpstackTopic(WEATHER), Buffer.from('{temperature: 1'), registry, NOW);
    expect(!notJson.ok && notJson.rejection.reason).toBe('invalid-json');
  });

  it('takes extra devices and fields from a device map, and checks it', () => {
    const custom = new DeviceRegistry(catalogue, { fields: { lvl: { quantity: 'water_level', unit: 'mm' } }, devices: { A840410001812345: { stationId: 'volme-dahl' } } });
    const r = uplinkToItems(chirpstackTopic('a840410001812345'), Buffer.from(JSON.stringify(chirpstackUplink('a840410001812345', { lvl: 1500 }))), custom, NOW);
    expect(parsedItems(r)).toMatchObject([{ stationId: 'volme-dahl', quantity: 'water_level', value: 1500, unit: 'mm' }]);
    expect(() => new DeviceRegistry(catalogue, { devices: { '1234': { stationId: 'volme-dahl' } } })).toThrow(ConfigError);
    expect(() => new DeviceRegistry(catalogue, { devices: { a840410001812345: { stationId: 'nowhere' } } })).toThrow(/not a station/);
    expect(() => new DeviceRegistry(catalogue, { fields: { x: { quantity: 'rain', unit: 'furlong' } } })).toThrow(/unit/);
  });
});
