import type { ServiceContext } from '../core/service/service';
import { mountIngestRoutes } from './http/ingest-routes';
import type { IngestConfig } from './ingest-config';
import { intakeMetrics } from './intake/intake-metrics';
import { ReadingIntake } from './intake/reading-intake';
import { DeviceRegistry } from './mqtt/device-map';
import { UplinkSubscriber } from './mqtt/uplink-subscriber';
import { ReadingValidator } from './validation/reading-validator';

/** Wires the adapters (HTTP, MQTT, PEGELONLINE) to one ReadingIntake. */
export class IngestService {
  readonly intake: ReadingIntake;
  private readonly stops: (() => Promise<void>)[] = [];

  constructor(
    private readonly ctx: ServiceContext,
    private readonly config: IngestConfig,
  ) {
    const validator = new ReadingValidator(ctx.catalogue, config.validation);
    this.intake = new ReadingIntake(ctx.events, validator, intakeMetrics(ctx.metrics.registry), ctx.clock, config.intake);
  }

  async start(): Promise<void> {
    const { ctx, config } = this;
    mountIngestRoutes(ctx.http, this.intake, config.keys, config.http);
    if (config.mqtt) {
      const registry = DeviceRegistry.fromFile(ctx.catalogue, config.mqtt.deviceMapFile);
      const subscriber = new UplinkSubscriber(this.intake, registry, config.mqtt, ctx.clock, ctx.logger.child({ component: 'mqtt' }), ctx.metrics.registry);
      this.stops.push(() => subscriber.stop());
      await subscriber.start();
    }
    if (config.keys.size === 0) ctx.logger.warn('INGEST_API_KEYS is empty: the HTTP batch endpoint refuses every request');
    ctx.logger.info('ingest started', { apiKeys: config.keys.size, mqtt: config.mqtt ? config.mqtt.url : 'off' });
  }

  async stop(): Promise<void> {
    for (const stop of this.stops.reverse()) await stop();
  }
}
