import type { AlertEvent } from '../../core/model/alert-event';
import type { RiskAssessment } from '../../core/model/assessment';
import type { SensorReading } from '../../core/model/reading';

/** Why the engine handed a reading back instead of using it; the live adapter dead-letters these. */
export type LateReason = 'too-late' | 'unknown-station';

export interface LateReading {
  reading: SensorReading;
  reason: LateReason;
}

export interface EngineOutput {
  assessments: RiskAssessment[];
  alertEvents: AlertEvent[];
  late: LateReading[];
}

export const emptyOutput = (): EngineOutput => ({ assessments: [], alertEvents: [], late: [] });
