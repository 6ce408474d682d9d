import type { AlertHazard } from './hazard';
import type { AlertStatus } from './alert-event';

/** CAP 1.2 shaped alert; on `alerts.v1`, keyed by incident id. Times are epoch ms here; CAP/NINA mapping formats them. */
export type MsgType = 'Alert' | 'Update' | 'Cancel';
export type Urgency = 'Immediate' | 'Expected' | 'Future' | 'Past' | 'Unknown';
export type Severity = 'Extreme' | 'Severe' | 'Moderate' | 'Minor' | 'Unknown';
export type Certainty = 'Observed' | 'Likely' | 'Possible' | 'Unlikely' | 'Unknown';

export interface NameValue {
  valueName: string;
  value: string;
}

export interface AlertInfo {
  /** `de-DE` or `en-GB` (CAP language codes). */
  language: string;
  category: string[];
  event: string;
  /** German BBK profile event code, e.g. BBK-EVC-038 */
  eventCode: string;
  responseType: string[];
  urgency: Urgency;
  severity: Severity;
  certainty: Certainty;
  onset: number | null;
  expires: number | null;
  senderName: string;
  headline: string;
  description: string;
  instruction: string;
  web: string | null;
  contact: string | null;
  parameters: NameValue[];
}

export interface AlertArea {
  areaDesc: string;
  /** CAP polygons: each "lat,lon lat,lon ..." closed ring. */
  polygons: string[];
  geocodes: NameValue[];
}

/** Where the incident stands in its lifecycle (Fruehwarn's own, not CAP). */
export type AlertState = 'pending' | 'released' | 'cleared' | 'cancelled';

export interface Alert {
  /** CAP identifier of this revision, unique per message. */
  identifier: string;
  /** Stable id of the incident across revisions. */
  incidentId: string;
  incidentKey: string;
  /** Revision number, 1 for the first message. */
  version: number;
  sender: string;
  sent: number;
  status: AlertStatus;
  msgType: MsgType;
  scope: 'Public' | 'Restricted';
  /** CAP references of earlier revisions: "sender,identifier,sent". */
  references: string[];
  hazard: AlertHazard;
  level: number;
  areaIds: string[];
  state: AlertState;
  /** Public warning has been released (by an officer or a rule's auto-release). */
  released: boolean;
  releasedBy: string | null;
  releasedAt: number | null;
  info: AlertInfo[];
  area: AlertArea[];
}
