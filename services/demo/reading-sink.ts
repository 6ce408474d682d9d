import type { SensorReading } from '../core/model/reading';
import type { ServiceContext } from '../core/service/service';
import { IntakeBusy } from '../ingest/intake/intake-busy';
import { intakeMetrics } from '../ingest/intake/intake-metrics';
import { ReadingIntake, type IntakeItem } from '../ingest/intake/reading-intake';
import { loadIngestConfig } from '../ingest/ingest-config';
import { ReadingValidator } from '../ingest/validation/reading-validator';

/** Where the player's raw readings go; `busy` means try again later (nothing was taken). */
export interface ReadingSink {
  submit(readings: SensorReading[]): Promise<'ok' | 'busy'>;
}

/**
 * The front door: the same ReadingIntake the HTTP and MQTT adapters use (validation, unit
 * conversion, plausibility flags, dead letters, metrics with source `demo`), publishing to
 * readings.v1 keyed by station. The player sends raw items, as a sensor would.
 */
export function intakeSink(ctx: Pick<ServiceContext, 'events' | 'catalogue' | 'metrics' | 'clock' | 'config'>, source = 'demo'): ReadingSink {
  const config = loadIngestConfig(ctx.config.env, true);
  const intake = new ReadingIntake(ctx.events, new ReadingValidator(ctx.catalogue, config.validation), intakeMetrics(ctx.metrics.registry), ctx.clock, config.intake);
  return {
    async submit(readings) {
      const items: IntakeItem[] = readings.map((r) => {
        const parsed = { stationId: r.stationId, quantity: r.quantity, value: r.value, unit: r.unit, observedAt: r.observedAt };
        return { raw: Buffer.from(JSON.stringify(parsed)), parsed };
      });
      try {
        await intake.submit(source, items);
        return 'ok';
      } catch (err) {
        if (err instanceof IntakeBusy) return 'busy';
        throw err;
      }
    },
  };
}
