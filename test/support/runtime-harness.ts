/**
 * Starts the real runtime in-process on the embedded bus and store, with the shipped
 * catalogue, for service-level tests: the same wiring as `fruehwarn run`, minus the process.
 */
import { EmbeddedBus } from '../../services/core/bus/embedded/embedded-bus';
import { loadConfig } from '../../services/core/config/config';
import { startRuntime, type Runtime } from '../../services/core/runtime/runtime';
import { silentLogger } from '../../services/core/observability/logger';
import { createMetrics } from '../../services/core/observability/metrics';
import type { ServiceDefinition } from '../../services/core/service/service';
import type { Store } from '../../services/core/store/store';
import { EmbeddedStore } from '../../services/core/store/embedded/embedded-store';
import type { Bus } from '../../services/core/bus/bus';
import type { Clock } from '../../services/core/observability/clock';
import * as path from 'node:path';

export const REPO_ROOT = path.join(__dirname, '..', '..');

export async function startTestRuntime(definitions: ServiceDefinition[], options: { env?: Record<string, string>; bus?: Bus; store?: Store; clock?: Clock } = {}): Promise<Runtime & { bus: Bus; store: Store }> {
  const config = loadConfig({
    HTTP_PORT: '0',
    FRUEHWARN_DATA_DIR: 'none',
    LOG_LEVEL: 'silent',
    FRUEHWARN_RULES_DIR: path.join(REPO_ROOT, 'rules'),
    FRUEHWARN_CATALOGUE: path.join(REPO_ROOT, 'rules', 'catalogue.yaml'),
    FRUEHWARN_SERVICES: definitions.map((d) => d.name).join(','),
    ...options.env,
  });
  const bus = options.bus ?? new EmbeddedBus();
  const store = options.store ?? new EmbeddedStore();
  const runtime = await startRuntime(config, definitions, { bus, store, logger: silentLogger, metrics: createMetrics({ defaultMetrics: false }), clock: options.clock });
  return Object.assign(runtime, { bus, store });
}
