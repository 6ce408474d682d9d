import type { ServiceDefinition } from '../core/service/service';
import { IngestService } from './ingest-service';
import { INGEST_ENV, loadIngestConfig } from './ingest-config';

/** Ingest: HTTP batches, LoRaWAN uplinks over MQTT and PEGELONLINE gauges into `readings.v1`. */
export const ingestService: ServiceDefinition = {
  name: 'ingest',
  env: INGEST_ENV,
  async start(ctx) {
    const service = new IngestService(ctx, loadIngestConfig(ctx.config.env, ctx.config.demo));
    await service.start();
    return { stop: () => service.stop() };
  },
};
