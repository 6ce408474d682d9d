import type { AlertEvent } from '../../../core/model/alert-event';

/** A flood alert event of rule `ruleId` for a Hagen-Mitte subject, with a deterministic id. */
export function floodEvent(kind: AlertEvent['kind'], level: number, at: number, subject = 'volme-eckesey', ruleId = 'r'): AlertEvent {
  return {
    id: `${ruleId}:${subject}:${kind}:${level}:${at}`,
    kind,
    incidentKey: 'hagen-mitte:flood',
    ruleId,
    subject,
    hazard: 'flood',
    areaId: 'hagen-mitte',
    stationIds: [subject],
    level,
    audience: 'public',
    autoRelease: false,
    status: 'Exercise',
    evidence: [],
    at,
  };
}
