import { Kafka, logLevel } from 'kafkajs';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import Redis from 'ioredis';
import * as mqtt from 'mqtt';
import { describeWith, env, uniqueName } from './integration';

describeWith(['kafka'], 'Kafka broker', () => {
  it('creates and lists a topic', async () => {
    const admin = new Kafka({ clientId: 'fw-infra-test', brokers: env('KAFKA_BROKERS').split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const topic = uniqueName('infra');
      expect(await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true })).toBe(true);
      expect(await admin.listTopics()).toContain(topic);
      await admin.deleteTopics({ topics: [topic] });
    } finally {
      await admin.disconnect();
    }
  });
});

describeWith(['registry'], 'Schema registry', () => {
  it('registers and returns an Avro schema through the Confluent API', async () => {
    const registry = new SchemaRegistry({ host: env('SCHEMA_REGISTRY_URL') });
    const subject = uniqueName('infra-subject');
    const schema = { type: 'record', name: 'Probe', namespace: 'de.fruehwarn.test', fields: [{ name: 'n', type: 'int' }] };
    const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(schema) }, { subject });
    const encoded = await registry.encode(id, { n: 42 });
    expect(encoded[0]).toBe(0);
    expect(await registry.decode(encoded)).toEqual({ n: 42 });
  });
});

describeWith(['redis'], 'Redis', () => {
  it('sets and gets', async () => {
    const redis = new Redis(env('REDIS_URL'));
    const key = uniqueName('infra');
    await redis.set(key, 'ok', 'PX', 5000);
    expect(await redis.get(key)).toBe('ok');
    await redis.quit();
  });
});

describeWith(['mqtt'], 'Mosquitto', () => {
  it('round-trips a QoS 1 message', async () => {
    const client = await mqtt.connectAsync(env('MQTT_URL'));
    const topic = `fruehwarn/test/${uniqueName('infra')}`;
    const got = new Promise<string>((resolve) => client.on('message', (_t, payload) => resolve(payload.toString())));
    await client.subscribeAsync(topic, { qos: 1 });
    await client.publishAsync(topic, 'hallo', { qos: 1 });
    expect(await got).toBe('hallo');
    await client.endAsync();
  });
});
