import type { Driver, Hazard } from './hazard';

/** A hazard score for one area at one event time; on `assessments.v1`, keyed by area id. */
export interface RiskAssessment {
  hazard: Hazard;
  areaId: string;
  /** 0..1 */
  score: number;
  /** 0..4 */
  level: number;
  drivers: Driver[];
  /** Event time the assessment is valid for, epoch ms. */
  at: number;
}
