import type { Station } from '../../core/catalogue/catalogue';
import type { Hazard } from '../../core/model/hazard';
import type { RiskAssessment } from '../../core/model/assessment';
import type { Driver } from '../../core/model/hazard';
import type { SensorReading } from '../../core/model/reading';

/**
 * A hazard scorer turns the readings of an area's stations into a RiskAssessment
 * (score 0..1, level 0..4, drivers). Scorers are pure and deterministic: the engine feeds
 * them accepted readings (deduplicated, in event-time order per station, quality not `bad`)
 * and asks for assessments as event time advances. Their state is bounded and serialisable
 * so the engine can checkpoint it with its windows.
 */
export interface HazardScorer {
  readonly hazard: Hazard;
  /** Whether this scorer wants readings of this station at all (cheap filter). */
  accepts(station: Station, reading: SensorReading): boolean;
  observe(reading: SensorReading, station: Station): void;
  /**
   * The area's assessment at event time `at` (the area's watermark), or null when the
   * scorer has no data for the area yet. Called after observe() for areas it accepted readings of.
   */
  assess(areaId: string, at: number): RiskAssessment | null;
  /** JSON-serialisable state for checkpoints. */
  snapshot(): unknown;
  restore(state: unknown): void;
}

/**
 * An assessment whose drivers are formatted on first read. The engine asks for an area's
 * assessment on every reading but publishes it only when it changes, and the driver texts are
 * most of the cost; the property is enumerable, so codecs, JSON and equality see a plain field.
 */
export function withLazyDrivers(assessment: Omit<RiskAssessment, 'drivers'>, drivers: () => Driver[]): RiskAssessment {
  let built: Driver[] | undefined;
  return Object.defineProperty(assessment, 'drivers', { enumerable: true, get: () => (built ??= drivers()) }) as RiskAssessment;
}
