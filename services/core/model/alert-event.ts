import type { AlertHazard, Driver } from './hazard';

export type AlertEventKind = 'raised' | 'escalated' | 'deescalated' | 'cleared';
export type AlertStatus = 'Actual' | 'Exercise' | 'Test';
/** public: may become a public warning (after release); officers: internal only (e.g. silent sensor). */
export type Audience = 'public' | 'officers';

/**
 * A rule firing changed state; on `alert-events.v1`, keyed by incident key (`${areaId}:${hazard}`)
 * so that all firings of one incident stay in order on one partition.
 */
export interface AlertEvent {
  /** Deterministic: `${ruleId}:${subject}:${kind}:${level}:${at}`, so replays produce the same id (dedup). */
  id: string;
  kind: AlertEventKind;
  incidentKey: string;
  ruleId: string;
  /** What the rule fired for inside the area: a station id, or the area id for area rules. */
  subject: string;
  hazard: AlertHazard;
  areaId: string;
  stationIds: string[];
  level: number;
  audience: Audience;
  /** The rule allows a public warning to go out without a duty officer's release. */
  autoRelease: boolean;
  status: AlertStatus;
  evidence: Driver[];
  /** Event time of the change, epoch ms. */
  at: number;
}

export function incidentKeyOf(areaId: string, hazard: AlertHazard): string {
  return `${areaId}:${hazard}`;
}
