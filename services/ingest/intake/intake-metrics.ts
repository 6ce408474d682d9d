import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * Ingest metrics. The names of the first two are fixed (deploy tests and alert rules read them):
 * fruehwarn_ingest_readings_total{source, outcome=accepted|rejected} and
 * fruehwarn_ingest_rejected_total{source, reason}. `source` is `http:<key's source>`,
 * `mqtt:chirpstack`, `mqtt:tts`, `pegelonline` or a caller's name: a bounded set.
 */
export interface IntakeMetrics {
  readings: Counter<'source' | 'outcome'>;
  rejected: Counter<'source' | 'reason'>;
  inFlight: Gauge;
  busy: Counter<'source'>;
}

function existing<T>(registry: Registry, name: string): T | undefined {
  return registry.getSingleMetric(name) as T | undefined;
}

/** Idempotent per registry, so two intakes in one process (HTTP and a demo player) share counters. */
export function intakeMetrics(registry: Registry): IntakeMetrics {
  return {
    readings:
      existing(registry, 'fruehwarn_ingest_readings_total') ??
      new Counter({ name: 'fruehwarn_ingest_readings_total', help: 'Readings received, per source and outcome (accepted, rejected)', labelNames: ['source', 'outcome'], registers: [registry] }),
    rejected:
      existing(registry, 'fruehwarn_ingest_rejected_total') ??
      new Counter({ name: 'fruehwarn_ingest_rejected_total', help: 'Inputs refused and dead-lettered, per source and reason', labelNames: ['source', 'reason'], registers: [registry] }),
    inFlight:
      existing(registry, 'fruehwarn_ingest_in_flight') ??
      new Gauge({ name: 'fruehwarn_ingest_in_flight', help: 'Readings and dead letters waiting for the bus to confirm the publish', registers: [registry] }),
    busy:
      existing(registry, 'fruehwarn_ingest_busy_total') ??
      new Counter({ name: 'fruehwarn_ingest_busy_total', help: 'Batches refused with 503 because the bus was slow (back-pressure)', labelNames: ['source'], registers: [registry] }),
  };
}
