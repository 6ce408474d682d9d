import { chirpstackUplink, ttsUplink } from '../testing/uplinks';
import { SeededRandom } from './seeded-random';

/**
 * A seeded, deterministic generator of ingest inputs for the fuzz test: good readings mixed
 * with malformed, extreme and hostile ones (wrong types, NaN, huge numbers and strings, deep
 * nesting, invalid UTF-8, unknown stations and devices, missing fields, prototype keys).
 * Every hostile input is invalid by construction, so the test knows each expected outcome.
 */
export interface GoodReading {
  id: string;
}

/** One item of an HTTP batch, as bytes, with what must become of it. */
export interface HttpItem {
  raw: Buffer;
  good: GoodReading | null;
}

export type HttpRequestInput =
  | { kind: 'batch'; format: 'json' | 'ndjson'; items: HttpItem[] }
  /** A whole request that must be refused as such (bad key, body that is no batch, too big). */
  | { kind: 'whole'; body: Buffer; contentType: string; auth: 'valid' | 'none' | 'wrong'; expectStatus: number[]; deadLettered: boolean; label: string };

export interface MqttInput {
  topic: string;
  payload: Buffer;
  /** Ids of the readings it must produce; empty for a hostile message (which must be dead-lettered once). */
  goodIds: string[];
}

export interface FuzzCorpus {
  http: HttpRequestInput[];
  mqtt: MqttInput[];
  /** Inputs counted: HTTP items + whole HTTP requests + MQTT messages. */
  total: number;
}

const GAUGES = ['volme-eckesey', 'volme-dahl', 'ennepe-haspe', 'lenne-hohenlimburg', 'ruhr-hengstey'];
const WEATHER_EUIS: [string, string][] = [
  ['70b3d57ed0050a01', 'wx-hohenlimburg-wald'],
  ['70b3d57ed0050a02', 'wx-eilpe-wald'],
];

function deep(n: number, open = '[', close = ']'): string {
  return open.repeat(n) + close.repeat(n);
}

function hostileValue(r: SeededRandom): unknown {
  return r.pick<() => unknown>([
    () => '123',
    () => null,
    () => true,
    () => [1, 2, 3],
    () => ({ value: 1 }),
    () => 1e308,
    () => -1e308,
    () => 'x'.repeat(2000),
    () => Number.MAX_SAFE_INTEGER * 1000,
  ])();
}

/** A hostile HTTP item that serialises to exactly one JSON value (safe inside an array). */
function hostileJsonItem(r: SeededRandom, now: number): unknown {
  const base = { stationId: r.pick(GAUGES), quantity: 'water_level', value: 150, unit: 'cm', observedAt: new Date(now - 60_000).toISOString() };
  const variants: (() => unknown)[] = [
    () => ({ ...base, value: hostileValue(r) }),
    () => ({ ...base, stationId: r.pick<unknown>([42, null, ['volme-dahl'], { id: 'volme-dahl' }, true]) }),
    () => ({ ...base, stationId: `unknown-${r.int(1e6)}` }),
    () => ({ ...base, stationId: 's'.repeat(3000) }),
    () => ({ ...base, quantity: r.pick<unknown>(['pressure', 7, null, 'WATER_LEVEL', '']) }),
    () => ({ ...base, quantity: 'rain' }),
    () => ({ ...base, unit: r.pick<unknown>(['furlong', 'ft', 3, null, '', 'c'.repeat(100)]) }),
    () => ({ ...base, observedAt: r.pick<unknown>(['2024-13-45T99:99:99Z', 'yesterday', '2024-06-01T12:00:00', -5, 1.5, 1e20, {}, null]) }),
    () => ({ ...base, observedAt: new Date(now + 86_400_000).toISOString() }),
    () => ({ ...base, observedAt: '1970-01-01T00:00:00Z' }),
    () => {
      const copy: Record<string, unknown> = { ...base };
      delete copy[r.pick(['stationId', 'quantity', 'value', 'unit', 'observedAt'])];
      return copy;
    },
    () => JSON.parse(`{"__proto__": {"stationId": "volme-eckesey"}, "quantity": "water_level", "value": 1, "unit": "cm", "observedAt": ${now - 1000}}`),
    () => ({ ...base, value: r.pick([5000, -1000, 1e6]) }),
    () => r.pick<unknown>([null, 0, 'reading', [], [base], true]),
    () => JSON.parse(deep(20 + r.int(200))),
    () => ({ ...base, stationId: '\u0000\u202e\ud83d\ude00volme' }),
  ];
  return r.pick(variants)();
}

/** Raw bytes that are not one valid JSON object, without newlines (one NDJSON line). */
function hostileLine(r: SeededRandom, now: number): Buffer {
  const variant = r.int(6);
  let b: Buffer;
  if (variant === 0) b = r.bytes(1 + r.int(300));
  else if (variant === 1) b = Buffer.from(`{"stationId":"volme-dahl","quantity":"water_level","value":NaN,"unit":"cm","observedAt":${now}}`);
  else if (variant === 2) b = Buffer.from(`{"stationId":"volme-dahl","value":${'9'.repeat(400)}}`);
  else if (variant === 3) b = Buffer.concat([Buffer.from('{"stationId":"'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]), Buffer.from('","value":1}')]);
  else if (variant === 4) b = Buffer.from(deep(500, '{"a":', '}'));
  else b = Buffer.from(JSON.stringify(hostileJsonItem(r, now)));
  for (let i = 0; i < b.length; i++) if (b[i] === 0x0a || b[i] === 0x0d) b[i] = 0x20;
  // A line of only whitespace would be skipped as empty, not answered: make sure it has content.
  if (b.toString('latin1').trim().length === 0) b = Buffer.from('~');
  return b;
}

export function generateCorpus(seed: number, now: number, sizes = { httpItems: 6500, wholeRequests: 500, mqtt: 3000 }): FuzzCorpus {
  const r = new SeededRandom(seed);
  let goodSeq = 0;
  // Good readings get distinct times one second apart, so every good id is unique.
  const nextGoodTime = () => now - 60_000 - 1000 * goodSeq++;

  const http: HttpRequestInput[] = [];
  let items = 0;
  while (items < sizes.httpItems) {
    const n = Math.min(1 + r.int(200), sizes.httpItems - items);
    const format = r.chance(0.5) ? 'json' : 'ndjson';
    const batch: HttpItem[] = [];
    for (let i = 0; i < n; i++) {
      if (r.chance(0.4)) {
        const stationId = r.pick(GAUGES);
        const observedAt = nextGoodTime();
        const good = { stationId, quantity: 'water_level', value: 100 + r.int(100), unit: 'cm', observedAt: r.chance(0.5) ? observedAt : new Date(observedAt).toISOString() };
        batch.push({ raw: Buffer.from(JSON.stringify(good)), good: { id: `${stationId}/water_level/${observedAt}` } });
      } else if (format === 'ndjson') {
        batch.push({ raw: hostileLine(r, now), good: null });
      } else {
        batch.push({ raw: Buffer.from(JSON.stringify(hostileJsonItem(r, now))), good: null });
      }
    }
    http.push({ kind: 'batch', format, items: batch });
    items += n;
  }
  // Over the default 1 MiB body limit; built once, every request of this kind sends the same bytes.
  const deepBody = Buffer.from(deep(600_000));
  const hugeBody = Buffer.from(JSON.stringify([{ s: 'z'.repeat(1_100_000) }]));
  const validBatch = Buffer.from(JSON.stringify([{ stationId: 'volme-dahl', quantity: 'water_level', value: 1, unit: 'cm', observedAt: now }]));
  for (let i = 0; i < sizes.wholeRequests; i++) {
    const wholeKinds: (() => HttpRequestInput)[] = [
      () => ({ kind: 'whole', body: validBatch, contentType: 'application/json', auth: 'none', expectStatus: [401], deadLettered: false, label: 'no key' }),
      () => ({ kind: 'whole', body: validBatch, contentType: 'application/json', auth: 'wrong', expectStatus: [401], deadLettered: false, label: 'wrong key' }),
      () => ({ kind: 'whole', body: Buffer.from(r.pick(['"string"', '42', 'null', 'true', 'NaN', '<xml/>', '[{"a":1}', '[1,2] [3]'])), contentType: 'application/json', auth: 'valid', expectStatus: [400], deadLettered: true, label: 'no batch' }),
      () => ({ kind: 'whole', body: Buffer.concat([Buffer.from([0xff, 0xfe]), r.bytes(50)]), contentType: 'application/json', auth: 'valid', expectStatus: [400], deadLettered: true, label: 'binary' }),
      () => ({ kind: 'whole', body: deepBody, contentType: 'application/json', auth: 'valid', expectStatus: [413], deadLettered: false, label: 'deep body' }),
      () => ({ kind: 'whole', body: hugeBody, contentType: 'application/json', auth: 'valid', expectStatus: [413], deadLettered: false, label: 'huge body' }),
      () => ({ kind: 'whole', body: Buffer.from(JSON.stringify(Array(1001).fill(0))), contentType: 'application/json', auth: 'valid', expectStatus: [413], deadLettered: false, label: 'too many items' }),
    ];
    http.push(r.pick(wholeKinds)());
  }

  const mqtt: MqttInput[] = [];
  for (let i = 0; i < sizes.mqtt; i++) {
    const [eui, stationId] = r.pick(WEATHER_EUIS);
    const tts = r.chance(0.5);
    // A distinct application per message: its dead letter (source mqtt:<topic>) identifies it.
    const topic = tts ? `v3/fuzz-${i}@hagen/devices/dev-${eui.slice(-4)}/up` : `application/fuzz-${i}/device/${eui}/event/up`;
    const wrap = (decoded: unknown, at?: string) => Buffer.from(JSON.stringify(tts ? ttsUplink(eui, decoded, at) : chirpstackUplink(eui, decoded, at)));
    if (r.chance(0.4)) {
      const observedAt = nextGoodTime();
      const at = new Date(observedAt).toISOString();
      mqtt.push({ topic, payload: wrap({ temperature: 10 + r.int(15), humidity: 40 + r.int(40), battery: 3.3 }, at), goodIds: [`${stationId}/temperature/${observedAt}`, `${stationId}/humidity/${observedAt}`] });
      continue;
    }
    const at = new Date(now - 60_000).toISOString();
    const hostile: (() => Buffer)[] = [
      () => r.bytes(1 + r.int(200)),
      () => Buffer.from('{"deviceInfo":{"devEui":"' + eui + '"},"object":{"temperature":NaN}}'),
      () => wrap({ temperature: hostileValue(r) }, at),
      () => wrap({ humidity: r.pick([150, -5, 1e308]) }, at),
      () => wrap({ battery: 3.1, rssi: -90 }, at),
      () => wrap(r.pick<unknown>([null, 'text', [1, 2], 42]), at),
      () => wrap({ temperature: 20 }, r.pick(['not a time', '2024-01-01T00:00:00', '1999-01-01T00:00:00Z'])),
      () => Buffer.from(JSON.stringify(tts ? ttsUplink('ffffffffffffffff', { temperature: 1 }, at) : chirpstackUplink('ffffffffffffffff', { temperature: 1 }, at))),
      () => Buffer.from(deep(3000 + r.int(3000))),
      () => Buffer.from(JSON.stringify({ junk: 'y'.repeat(70_000) })),
      () => Buffer.concat([Buffer.from('{"deviceInfo":{"devEui":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}}')]),
    ];
    mqtt.push({ topic, payload: r.pick(hostile)(), goodIds: [] });
  }
  // ChirpStack topics for unknown devices still carry a DevEUI segment: keep it consistent with the payload.
  for (const m of mqtt) if (m.topic.startsWith('application/') && m.payload.includes('ffffffffffffffff')) m.topic = m.topic.replace(/device\/[0-9a-f]+\//, 'device/ffffffffffffffff/');
  return { http, mqtt, total: items + sizes.wholeRequests + sizes.mqtt };
}
