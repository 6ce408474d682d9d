import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { Gauge, type Registry } from 'prom-client';
import type { Clock } from '../../core/observability/clock';
import type { Logger } from '../../core/observability/logger';
import type { ReadingIntake } from '../intake/reading-intake';
import type { DeviceRegistry } from './device-map';
import { uplinkToItems } from './uplink';

/** How long the broker keeps our session (and the QoS 1 messages for it) while we are away. */
const SESSION_EXPIRY_S = 7 * 24 * 3600;

export interface UplinkSubscriberOptions {
  url: string;
  topics: string[];
  clientId: string;
  username: string | null;
  password: string | null;
  /** First wait after a failed publish; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
  /** How long start() waits for the first subscription before it returns anyway. */
  startTimeoutMs?: number;
}

/**
 * Subscribes to LoRaWAN uplink topics with QoS 1 in a persistent MQTT 5 session (clean start
 * off, session expiry one week, fixed client id), so the broker keeps messages while we are away. PUBACK is sent only after the
 * readings (or the dead letter) are confirmed by the bus (mqtt.js customHandleAcks): a message
 * we did not publish is never acknowledged, and the broker delivers it again.
 *
 * mqtt.js handles incoming packets one at a time and waits for the ack callback, so a slow bus
 * slows consumption and the broker queues: back-pressure without our own buffer. When the bus
 * fails, the same message is retried with growing waits until it succeeds or we stop.
 * QoS 0 uplinks (The Things Stack's MQTT server only offers QoS 0) are taken best-effort.
 */
export class UplinkSubscriber {
  private client: MqttClient | null = null;
  private stopping = false;
  private qos0Pending = 0;
  private readonly connected: Gauge;

  constructor(
    private readonly intake: ReadingIntake,
    private readonly registry: DeviceRegistry,
    private readonly options: UplinkSubscriberOptions,
    private readonly clock: Clock,
    private readonly logger: Logger,
    metrics: Registry,
  ) {
    this.connected =
      (metrics.getSingleMetric('fruehwarn_ingest_mqtt_connected') as Gauge | undefined) ??
      new Gauge({ name: 'fruehwarn_ingest_mqtt_connected', help: '1 while the MQTT subscriber is connected to the broker', registers: [metrics] });
  }

  isConnected(): boolean {
    return this.client?.connected ?? false;
  }

  /** Connects and subscribes; resolves once subscribed, or after startTimeoutMs while reconnecting goes on. */
  async start(): Promise<void> {
    const opts: IClientOptions = {
      clientId: this.options.clientId,
      // mqtt.js honours customHandleAcks only with MQTT 5; in MQTT 5 a persistent session also
      // needs an expiry interval, or the broker drops it at disconnect.
      protocolVersion: 5,
      clean: false,
      properties: { sessionExpiryInterval: SESSION_EXPIRY_S },
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      username: this.options.username ?? undefined,
      password: this.options.password ?? undefined,
      resubscribe: false,
      customHandleAcks: (topic, message, _packet, done) => {
        // Only QoS 1 and 2 come here; the callback sends the PUBACK.
        void this.handleUntilPublished(topic, message).then(
          (published) => {
            if (published) done(0);
            // Stopping before the bus confirmed: no ack, the broker keeps the message for our session.
          },
          (err) => this.logger.error('uplink handling failed', { topic, err: String(err) }),
        );
      },
    };
    const client = mqtt.connect(this.options.url, opts);
    this.client = client;
    client.on('connect', () => this.connected.set(1));
    client.on('close', () => this.connected.set(0));
    client.on('error', (err) => this.logger.warn('mqtt error', { err: err.message }));
    client.on('message', (topic, message, packet) => {
      if (packet.qos !== 0) return;
      // QoS 0 cannot be acknowledged or redelivered; bound what waits for the bus and drop beyond it.
      if (this.qos0Pending >= 1000) {
        this.logger.warn('dropping QoS 0 uplink while the bus is behind', { topic });
        return;
      }
      this.qos0Pending++;
      void this.handle(topic, message)
        .catch((err) => this.logger.warn('QoS 0 uplink lost', { topic, err: String(err) }))
        .finally(() => this.qos0Pending--);
    });

    let subscribed!: () => void;
    const firstSubscription = new Promise<void>((resolve) => (subscribed = resolve));
    client.on('connect', () => {
      // Subscribing again on every connect is harmless and covers a broker that lost our session.
      client
        .subscribeAsync(Object.fromEntries(this.options.topics.map((t) => [t, { qos: 1 as const }])))
        .then((granted) => {
          const refused = granted.filter((g) => g.qos > 2).map((g) => g.topic);
          if (refused.length > 0) this.logger.error('mqtt broker refused subscriptions', { topics: refused });
          this.logger.info('mqtt subscribed', { url: this.options.url, granted: granted.map((g) => `${g.topic}:${g.qos}`) });
          subscribed();
        })
        .catch((err) => this.logger.warn('mqtt subscribe failed', { err: String(err) }));
    });
    // Do not hold the whole process hostage to the broker: after a while start anyway and keep reconnecting.
    const waitMs = this.options.startTimeoutMs ?? 10_000;
    const ok = await Promise.race([firstSubscription.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), waitMs).unref())]);
    if (!ok) this.logger.warn('mqtt broker not reachable yet; retrying in the background', { url: this.options.url });
  }

  /** Validates and publishes one uplink; true once on the bus. Retries bus failures until stopped. */
  private async handleUntilPublished(topic: string, message: Buffer): Promise<boolean> {
    let wait = this.options.retryMs ?? 500;
    for (;;) {
      if (this.stopping) return false;
      try {
        await this.handle(topic, message);
        return true;
      } catch (err) {
        this.logger.warn('uplink not published yet; retrying', { topic, err: String(err), waitMs: wait });
        await new Promise((r) => setTimeout(r, wait));
        wait = Math.min(wait * 2, this.options.maxRetryMs ?? 30_000);
      }
    }
  }

  private async handle(topic: string, message: Buffer): Promise<void> {
    const result = uplinkToItems(topic, message, this.registry, this.clock.now());
    const source = `mqtt:${result.network ?? 'unknown'}`;
    // Dead letters name the topic (device and application), readings and metrics only the network server.
    const deadLetterSource = `mqtt:${topic.slice(0, 200)}`;
    if (result.ok) await this.intake.submit(source, result.items, { deadLetterSource });
    else await this.intake.submit(source, [{ raw: message, rejection: result.rejection }], { deadLetterSource });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const client = this.client;
    this.client = null;
    if (!client) return;
    // Forced: unacknowledged messages stay with the broker for the next session.
    await client.endAsync(true).catch(() => undefined);
    this.connected.set(0);
  }
}
