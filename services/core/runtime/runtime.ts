import type { Bus } from '../bus/bus';
import { createBus } from '../bus/create-bus';
import { defaultTopicSpecs } from '../bus/topics';
import { EventBus } from '../bus/typed-bus';
import { CatalogueIndex } from '../catalogue/catalogue';
import { loadCatalogue } from '../catalogue/load-catalogue';
import type { Codec } from '../codec/codec';
import { createCodec } from '../codec/create-codec';
import type { Config } from '../config/config';
import { Router } from '../http/router';
import { startHttpServer, type RunningHttpServer } from '../http/server';
import { systemClock, type Clock } from '../observability/clock';
import { HealthRegistry } from '../observability/health';
import { createLogger, type Logger } from '../observability/logger';
import { createMetrics, type Metrics } from '../observability/metrics';
import type { RunningService, ServiceContext, ServiceDefinition } from '../service/service';
import type { Store } from '../store/store';
import { createStore } from '../store/create-store';

/** Parts a caller may supply instead of having them built from config (tests, benchmarks, the demo). */
export interface RuntimeOverrides {
  bus?: Bus;
  store?: Store;
  codec?: Codec;
  logger?: Logger;
  metrics?: Metrics;
  clock?: Clock;
  catalogue?: CatalogueIndex;
}

export interface Runtime {
  readonly context: ServiceContext;
  readonly http: RunningHttpServer;
  readonly url: string;
  /** Graceful shutdown: HTTP stops taking input, services stop in reverse order (finishing and committing), then bus and store close. */
  stop(): Promise<void>;
}

/**
 * Builds one process: bus, codec, store, catalogue, metrics, one HTTP server, and the
 * services named in the config. The embedded default and a single Kafka-connected service
 * go through the same code; only the parts differ.
 */
export async function startRuntime(config: Config, definitions: ServiceDefinition[], overrides: RuntimeOverrides = {}): Promise<Runtime> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, fields: { services: config.services.join(',') } });
  const metrics = overrides.metrics ?? createMetrics();
  const health = new HealthRegistry();
  const ownBus = !overrides.bus;
  const ownStore = !overrides.store;
  const bus = overrides.bus ?? createBus(config, logger.child({ component: 'bus' }), metrics);
  const store = overrides.store ?? createStore(config, logger.child({ component: 'store' }));
  const codec = overrides.codec ?? createCodec(config);
  const catalogue = overrides.catalogue ?? new CatalogueIndex(loadCatalogue(config.catalogueFile));

  health.register('bus', () => {
    const ok = bus.isConnected();
    const why = ok ? null : (bus.connectionProblem?.() ?? null);
    return { ok, detail: ok ? `${bus.kind} connected` : `${bus.kind} bus is not connected${why ? `: ${why}` : ''}` };
  });
  health.register('store', () => ({ ok: store.isConnected(), detail: store.isConnected() ? `${store.kind} connected` : `${store.kind} store is not connected` }));

  await bus.createTopics(defaultTopicSpecs());

  const router = new Router();
  const context: ServiceContext = {
    config,
    logger,
    bus,
    events: new EventBus(bus, codec),
    codec,
    store,
    metrics,
    health,
    clock: overrides.clock ?? systemClock,
    catalogue,
    http: router,
  };

  const running: { name: string; service: RunningService }[] = [];
  try {
    for (const definition of definitions) {
      const service = await definition.start({ ...context, logger: logger.child({ service: definition.name }) });
      running.push({ name: definition.name, service });
      logger.info('service started', { service: definition.name });
    }
  } catch (err) {
    for (const r of running.reverse()) await r.service.stop().catch(() => undefined);
    if (ownBus) await bus.close().catch(() => undefined);
    if (ownStore) await store.close().catch(() => undefined);
    throw err;
  }

  const http = await startHttpServer({ host: config.http.host, port: config.http.port, router, health, registry: metrics.registry, logger });
  logger.info('listening', { url: http.url, bus: bus.kind, store: store.kind });

  let stopping: Promise<void> | null = null;
  return {
    context,
    http,
    url: http.url,
    stop: () =>
      (stopping ??= (async () => {
        const closing = http.close();
        for (const r of [...running].reverse()) {
          try {
            await r.service.stop();
          } catch (err) {
            logger.error('service did not stop cleanly', { service: r.name, err: String(err) });
          }
        }
        await closing;
        if (ownBus) await bus.close();
        if (ownStore) await store.close();
        logger.info('stopped');
      })()),
  };
}
