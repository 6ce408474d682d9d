/**
 * Shapes of the NINA "api31" JSON (BBK warning app), as described by the community OpenAPI file
 * of bundesAPI/nina-api and /work/shared/NINA.md. Timestamps are ISO 8601 with a numeric
 * offset (+01:00/+02:00).
 */
export interface NinaKeyValue {
  valueName: string;
  value: string;
}

export interface NinaDashboardItem {
  id: string;
  payload: {
    /** Revision number of the warning. */
    version: number;
    /** Always "ALERT", even for an all-clear. */
    type: 'ALERT';
    id: string;
    /** sha256 (hex) of the warning detail JSON served at /warnings/{id}.json. */
    hash: string;
    data: {
      headline: string;
      provider: string;
      severity: string;
      urgency: string;
      msgType: string;
      transKeys: { event: string };
      area: { type: 'ZGEM'; data: string };
      valid: boolean;
    };
  };
  i18nTitle: Record<string, string>;
  sent: string;
  onset?: string;
  effective: string;
  expires?: string;
}

export interface NinaMapDataItem {
  id: string;
  version: number;
  startDate: string;
  expiresDate?: string;
  severity: string;
  urgency?: string;
  /** The CAP msgType (Alert, Update, Cancel). */
  type: string;
  i18nTitle: Record<string, string>;
  transKeys?: { event: string };
}

export interface NinaInfo {
  language: string;
  category: string[];
  event: string;
  responseType: string[];
  urgency: string;
  severity: string;
  certainty: string;
  eventCode: NinaKeyValue[];
  effective: string;
  onset?: string;
  expires?: string;
  senderName: string;
  headline: string;
  description: string;
  instruction: string;
  web?: string;
  contact?: string;
  parameter: NinaKeyValue[];
  area: { areaDesc: string; geocode: NinaKeyValue[] }[];
}

export interface NinaWarning {
  identifier: string;
  sender: string;
  sent: string;
  status: string;
  msgType: string;
  scope: string;
  code: string[];
  references?: string;
  incidents?: string;
  info: NinaInfo[];
}

export interface GeoJsonFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
    properties: Record<string, string>;
  }[];
}

export interface NinaDataVersion {
  version: number;
  hash: string;
  entries: { name: string; version: number; hash: string }[];
}
