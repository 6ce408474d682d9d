import type { Bus } from '../bus/bus';
import type { EventBus } from '../bus/typed-bus';
import type { Codec } from '../codec/codec';
import type { Store } from '../store/store';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { HealthRegistry } from '../observability/health';
import type { Clock } from '../observability/clock';
import type { Router } from '../http/router';
import type { Config } from '../config/config';
import type { EnvVar } from '../config/env';
import type { CatalogueIndex } from '../catalogue/catalogue';

/**
 * What a service gets from the runner. The same service code runs with the embedded bus and
 * store (one process, the demo) or with Kafka and Redis (one service per process).
 */
export interface ServiceContext {
  config: Config;
  logger: Logger;
  bus: Bus;
  events: EventBus;
  codec: Codec;
  store: Store;
  metrics: Metrics;
  health: HealthRegistry;
  clock: Clock;
  /** Stations and areas (rules/catalogue.yaml). */
  catalogue: CatalogueIndex;
  /** Routes mounted on the process's HTTP server. */
  http: Router;
}

export interface RunningService {
  /** Graceful: stop taking input, finish in-flight work, commit, close. */
  stop(): Promise<void>;
}

export interface ServiceDefinition {
  name: ServiceName;
  /** The service's own environment variables (README table and `fruehwarn env`). */
  env?: EnvVar[];
  start(context: ServiceContext): Promise<RunningService>;
}

/** `demo` (the scenario player) is started by `run --demo` only, so it is not in SERVICE_NAMES (not part of `all`). */
export type ServiceName = 'ingest' | 'engine' | 'alerts' | 'notify' | 'feed' | 'console' | 'demo';
export const SERVICE_NAMES: readonly ServiceName[] = ['ingest', 'engine', 'alerts', 'notify', 'feed', 'console'];
