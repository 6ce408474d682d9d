import mqtt from 'mqtt';
import { EmbeddedBus } from '../../core/bus/embedded/embedded-bus';
import { Topics } from '../../core/bus/topics';
import type { SensorReading } from '../../core/model/reading';
import type { RejectedInput } from '../../core/model/rejected-input';
import { describeWith, env, eventually, uniqueName } from '../../../test/infra/integration';
import { startTestRuntime } from '../../../test/support/runtime-harness';
import { ingestService } from '../service';
import { GatedBus } from '../testing/gated-bus';
import { readTopic } from '../testing/topic-reader';
import { chirpstackTopic, chirpstackUplink, ttsTopic, ttsUplink } from '../testing/uplinks';

const WEATHER = '70b3d57ed0050a02';
const SMOKE = '70b3d57ed0050b03';

describeWith(['mqtt'], 'MQTT uplink ingest against Mosquitto', () => {
  const clientIds: string[] = [];
  let publisher: mqtt.MqttClient;

  beforeAll(async () => {
    publisher = await mqtt.connectAsync(env('MQTT_URL'), { clientId: uniqueName('test-network-server'), clean: true });
  });

  afterAll(async () => {
    await publisher.endAsync();
    // Remove the persistent sessions this suite created from the broker.
    for (const clientId of clientIds) {
      const c = await mqtt.connectAsync(env('MQTT_URL'), { clientId, clean: true });
      await c.endAsync();
    }
  });

  function ingestEnv(prefix: string): Record<string, string> {
    const clientId = uniqueName('ingest');
    clientIds.push(clientId);
    // Per-test topic prefixes keep parallel runs on the same broker apart.
    return { INGEST_MQTT_URL: env('MQTT_URL'), INGEST_MQTT_CLIENT_ID: clientId, INGEST_MQTT_TOPICS: `${prefix}/application/+/device/+/event/up,${prefix}/v3/+/devices/+/up` };
  }

  it('publishes ChirpStack and The Things Stack uplinks as readings keyed by station, and bad uplinks as dead letters', async () => {
    const prefix = uniqueName('t');
    const h = await startTestRuntime([ingestService], { env: ingestEnv(prefix) });
    try {
      const at = new Date(Date.now() - 60_000).toISOString();
      await publisher.publishAsync(`${prefix}/${chirpstackTopic(WEATHER)}`, JSON.stringify(chirpstackUplink(WEATHER, { temperature: 22.5, humidity: 0.41 * 100, wind_speed: 2.5, battery: 3.1 }, at)), { qos: 1 });
      await publisher.publishAsync(`${prefix}/${ttsTopic('smoke-eilpe-1')}`, JSON.stringify(ttsUplink(SMOKE, { smoke: false }, at)), { qos: 1 });
      await publisher.publishAsync(`${prefix}/${chirpstackTopic('00000000000000ff')}`, JSON.stringify(chirpstackUplink('00000000000000ff', { temperature: 1 })), { qos: 1 });
      await publisher.publishAsync(`${prefix}/${chirpstackTopic(WEATHER)}`, Buffer.from([0x7b, 0xc0, 0xaf, 0x7d]), { qos: 1 });
      await publisher.publishAsync(`${prefix}/${chirpstackTopic(WEATHER)}`, JSON.stringify(chirpstackUplink(WEATHER, { temperature: 'warm', rain_mm: 0.4 }, at)), { qos: 1 });

      const readings = await eventually(async () => {
        const r = await readTopic<SensorReading>(h.bus, h.context.codec, Topics.readings);
        return r.length >= 5 ? r : null;
      });
      expect(readings.map((r) => [r.key, r.value.quantity, r.value.value, r.value.unit, r.value.source]).sort()).toEqual(
        [
          ['smoke-eilpe-1', 'smoke', 0, 'alarm', 'mqtt:tts'],
          ['wx-eilpe-wald', 'humidity', 41, '%', 'mqtt:chirpstack'],
          ['wx-eilpe-wald', 'rain', 0.4, 'mm', 'mqtt:chirpstack'],
          ['wx-eilpe-wald', 'temperature', 22.5, 'degC', 'mqtt:chirpstack'],
          ['wx-eilpe-wald', 'wind_speed', 9, 'km/h', 'mqtt:chirpstack'],
        ].sort(),
      );
      expect(readings.every((r) => r.value.observedAt === Date.parse(at))).toBe(true);

      const dead = await eventually(async () => {
        const d = await readTopic<RejectedInput>(h.bus, h.context.codec, Topics.deadReadings);
        return d.length >= 3 ? d : null;
      });
      expect(dead.map((d) => d.value.reason).sort()).toEqual(['invalid-utf8', 'unknown-device', 'wrong-type']);
      const wrongType = dead.find((d) => d.value.reason === 'wrong-type')!.value;
      expect(wrongType).toMatchObject({ source: `mqtt:${prefix}/${chirpstackTopic(WEATHER)}`, field: '/object/temperature', stationId: 'wx-eilpe-wald' });
      expect(JSON.parse(Buffer.from(wrongType.payload).toString()).object).toEqual({ temperature: 'warm', rain_mm: 0.4 });
      expect(Buffer.compare(Buffer.from(dead.find((d) => d.value.reason === 'invalid-utf8')!.value.payload), Buffer.from([0x7b, 0xc0, 0xaf, 0x7d]))).toBe(0);

      const metrics = await (await fetch(h.url + '/metrics')).text();
      expect(metrics).toContain('fruehwarn_ingest_readings_total{source="mqtt:chirpstack",outcome="accepted"} 4');
      expect(metrics).toContain('fruehwarn_ingest_rejected_total{source="mqtt:chirpstack",reason="unknown-device"} 1');
      expect(metrics).toContain('fruehwarn_ingest_mqtt_connected 1');
    } finally {
      await h.stop();
    }
  }, 30000);

  it('acknowledges only what reached the bus: an uplink taken while the bus hangs is delivered again to the next session', async () => {
    const prefix = uniqueName('t');
    const sessionEnv = ingestEnv(prefix);
    const gated = new GatedBus(new EmbeddedBus());
    gated.hold();
    const first = await startTestRuntime([ingestService], { bus: gated, env: { ...sessionEnv, INGEST_PUBLISH_TIMEOUT_MS: '100' } });
    const at = new Date(Date.now() - 30_000).toISOString();
    await publisher.publishAsync(`${prefix}/${chirpstackTopic(WEATHER)}`, JSON.stringify(chirpstackUplink(WEATHER, { temperature: 18.25 }, at)), { qos: 1 });
    try {
      // The subscriber got it and is trying to publish (the bus never confirms).
      await eventually(() => gated.publishCalls > 0);
    } finally {
      await first.stop();
    }
    expect(await readTopic(first.bus, first.context.codec, Topics.readings)).toHaveLength(0);

    // Same client id, persistent session: the broker still holds the unacknowledged message.
    const second = await startTestRuntime([ingestService], { env: sessionEnv });
    try {
      const readings = await eventually(async () => {
        const r = await readTopic<SensorReading>(second.bus, second.context.codec, Topics.readings);
        return r.length > 0 ? r : null;
      });
      expect(readings.map((r) => [r.value.stationId, r.value.quantity, r.value.value, r.value.observedAt])).toEqual([['wx-eilpe-wald', 'temperature', 18.25, Date.parse(at)]]);
    } finally {
      await second.stop();
    }
  }, 30000);
});
