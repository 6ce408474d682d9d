import type { ServiceContext } from '../../core/service/service';
import { loadIngestConfig } from '../ingest-config';
import { ReadingValidator } from '../validation/reading-validator';
import { intakeMetrics } from './intake-metrics';
import { ReadingIntake, type ItemOutcome } from './reading-intake';

/**
 * A ReadingIntake for code outside the ingest service that has raw readings (the demo player,
 * import tools): same validation, limits (INGEST_* env) and metrics as the service.
 *
 *   const intake = createReadingIntake(ctx);
 *   await intake.submit('replay', [{ raw, parsed }]);   // or:
 *   await submitReadings(intake, 'demo', [{ stationId, quantity, value, unit, observedAt }]);
 */
export function createReadingIntake(ctx: Pick<ServiceContext, 'events' | 'catalogue' | 'metrics' | 'clock' | 'config'>): ReadingIntake {
  const config = loadIngestConfig(ctx.config.env, ctx.config.demo);
  return new ReadingIntake(ctx.events, new ReadingValidator(ctx.catalogue, config.validation), intakeMetrics(ctx.metrics.registry), ctx.clock, config.intake);
}

/** Submits plain objects; each is kept as its JSON text for a dead letter if refused. */
export function submitReadings(intake: ReadingIntake, source: string, readings: unknown[]): Promise<ItemOutcome[]> {
  return intake.submit(
    source,
    readings.map((parsed) => ({ raw: Buffer.from(JSON.stringify(parsed) ?? 'undefined'), parsed })),
  );
}
