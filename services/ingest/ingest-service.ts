import { ConfigError } from '../core/config/env';
import type { ServiceContext } from '../core/service/service';
import { mountIngestRoutes } from './http/ingest-routes';
import type { IngestConfig } from './ingest-config';
import { intakeMetrics } from './intake/intake-metrics';
import { ReadingIntake } from './intake/reading-intake';
import { DeviceRegistry } from './mqtt/device-map';
import { UplinkSubscriber } from './mqtt/uplink-subscriber';
import { PegelonlinePoller } from './pegelonline/pegelonline-poller';
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
    const gauges = new Map(config.pegelonline.stations);
    for (const station of ctx.catalogue.catalogue.stations) if (station.pegelonlineUuid && !gauges.has(station.pegelonlineUuid)) gauges.set(station.pegelonlineUuid, station.id);
    for (const [gauge, stationId] of gauges) {
      if (!ctx.catalogue.station(stationId)?.quantities.includes('water_level')) {
        throw new ConfigError(`INGEST_PEGELONLINE_STATIONS maps ${gauge} to "${stationId}", which is not a station measuring water_level in the catalogue.`);
      }
    }
    if (gauges.size > 0) {
      const poller = new PegelonlinePoller(this.intake, ctx.store, ctx.clock, ctx.logger.child({ component: 'pegelonline' }), {
        baseUrl: config.pegelonline.url,
        gauges,
        intervalMs: config.pegelonline.intervalMs,
        lookbackMs: config.pegelonline.lookbackMs,
      });
      this.stops.push(() => poller.stop());
      poller.start();
    }
    if (config.keys.size === 0) ctx.logger.warn('INGEST_API_KEYS is empty: the HTTP batch endpoint refuses every request');
    ctx.logger.info('ingest started', { apiKeys: config.keys.size, mqtt: config.mqtt ? config.mqtt.url : 'off', pegelonlineGauges: gauges.size });
  }

  async stop(): Promise<void> {
    for (const stop of this.stops.reverse()) await stop();
  }
}
