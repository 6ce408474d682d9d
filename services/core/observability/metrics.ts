import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One prom-client registry per process, with default process metrics and the
 * bus metrics every service shares. Services add their own metrics to `registry`.
 */
export interface BusMetrics {
  produced: Counter<'topic'>;
  consumed: Counter<'topic' | 'group'>;
  lag: Gauge<'topic' | 'partition' | 'group'>;
  handlerSeconds: Histogram<'topic' | 'group'>;
  handlerErrors: Counter<'topic' | 'group'>;
}

export interface Metrics {
  registry: Registry;
  bus: BusMetrics;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const bus: BusMetrics = {
    produced: new Counter({ name: 'fruehwarn_bus_produced_total', help: 'Records published, per topic', labelNames: ['topic'], registers: [registry] }),
    consumed: new Counter({ name: 'fruehwarn_bus_consumed_total', help: 'Records handled, per topic and group', labelNames: ['topic', 'group'], registers: [registry] }),
    lag: new Gauge({ name: 'fruehwarn_bus_consumer_lag', help: 'Records between a group position and the partition end', labelNames: ['topic', 'partition', 'group'], registers: [registry] }),
    handlerSeconds: new Histogram({
      name: 'fruehwarn_bus_handler_seconds',
      help: 'Time to handle one batch',
      labelNames: ['topic', 'group'],
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers: [registry],
    }),
    handlerErrors: new Counter({ name: 'fruehwarn_bus_handler_errors_total', help: 'Batches whose handler threw (they are retried)', labelNames: ['topic', 'group'], registers: [registry] }),
  };
  return { registry, bus };
}
