/**
 * The real services that integration suites rely on answer the way those suites use them.
 * A failure here points at the environment (test/infra/services.sh), not at Fruehwarn code.
 */
import { Kafka, logLevel } from 'kafkajs';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { AvroSchema } from '@kafkajs/confluent-schema-registry/dist/@types';
import Redis from 'ioredis';
import * as mqtt from 'mqtt';
import { describeWith, env, uniqueName } from './integration';

describeWith(['kafka'], 'Kafka broker', () => {
  it('creates a topic with the requested partitions and lists it', async () => {
    const kafka = new Kafka({ clientId: 'fruehwarn-infra-test', brokers: env('KAFKA_BROKERS').split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const topic = uniqueName('infra');
    try {
      expect(await admin.listTopics()).not.toContain(topic);
      expect(await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true })).toBe(true);
      expect(await admin.listTopics()).toContain(topic);
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(topics[0].partitions.map((p) => p.partitionId).sort()).toEqual([0, 1]);
    } finally {
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});

describeWith(['registry'], 'Schema registry (Confluent API)', () => {
  it('registers an Avro schema and returns it by id and subject', async () => {
    const registry = new SchemaRegistry({ host: env('SCHEMA_REGISTRY_URL') });
    const subject = uniqueName('infra-probe-value');
    const schema = {
      type: 'record',
      name: 'Probe',
      namespace: 'de.fruehwarn.test',
      fields: [{ name: 'level_cm', type: 'int' }],
    };
    const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(schema) }, { subject });
    // A second client has nothing cached, so these answers come from the registry itself.
    const reader = new SchemaRegistry({ host: env('SCHEMA_REGISTRY_URL') });
    expect(await reader.getLatestSchemaId(subject)).toBe(id);
    const fetched = (await reader.getSchema(id)) as AvroSchema;
    expect(fetched.name).toBe('de.fruehwarn.test.Probe');
    expect(fetched.isValid({ level_cm: 412 })).toBe(true);
    expect(fetched.isValid({ level_cm: 'high' })).toBe(false);
    // Confluent wire format: magic byte 0, then the 4-byte schema id.
    const encoded = await registry.encode(id, { level_cm: 412 });
    expect(encoded[0]).toBe(0);
    expect(encoded.readInt32BE(1)).toBe(id);
    expect(await reader.decode(encoded)).toEqual({ level_cm: 412 });
  });
});

describeWith(['redis'], 'Redis', () => {
  it('sets and gets a key with an expiry', async () => {
    const redis = new Redis(env('REDIS_URL'), { maxRetriesPerRequest: 1 });
    const key = uniqueName('fruehwarn-test:infra');
    try {
      expect(await redis.get(key)).toBeNull();
      await redis.set(key, 'Volme 412 cm', 'PX', 5000);
      expect(await redis.get(key)).toBe('Volme 412 cm');
      expect(await redis.pttl(key)).toBeGreaterThan(0);
    } finally {
      await redis.del(key);
      await redis.quit();
    }
  });
});

describeWith(['mqtt'], 'Mosquitto', () => {
  it('delivers a QoS 1 message to a subscriber', async () => {
    const subscriber = await mqtt.connectAsync(env('MQTT_URL'), { clientId: uniqueName('fw-sub'), reconnectPeriod: 0 });
    const publisher = await mqtt.connectAsync(env('MQTT_URL'), { clientId: uniqueName('fw-pub'), reconnectPeriod: 0 });
    const topic = `fruehwarn/test/${uniqueName('infra')}`;
    try {
      const received = new Promise<{ payload: string; qos: number }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no message within 5 s')), 5000);
        subscriber.on('message', (t, payload, packet) => {
          if (t !== topic) return;
          clearTimeout(timer);
          resolve({ payload: payload.toString(), qos: packet.qos });
        });
      });
      const granted = await subscriber.subscribeAsync(topic, { qos: 1 });
      expect(granted[0].qos).toBe(1);
      await publisher.publishAsync(topic, 'hallo Hagen', { qos: 1 });
      expect(await received).toEqual({ payload: 'hallo Hagen', qos: 1 });
    } finally {
      await Promise.all([subscriber.endAsync(), publisher.endAsync()]);
    }
  });
});
