import { CatalogueIndex, type Area } from '../../core/catalogue/catalogue';
import type { Alert, AlertInfo } from '../../core/model/alert';
import { isoWithOffset } from '../time';

/**
 * Hand-built Alert revisions for feed tests (the feed must not depend on services/alerts).
 * Hagen (ARS 059140000000) with two areas and Ennepe-Ruhr-Kreis (05954...) next door.
 */
export const HAGEN_MITTE: Area = {
  id: 'hagen-mitte',
  name: 'Hagen-Mitte',
  ars: '059140000000',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [7.45, 51.35],
        [7.5, 51.35],
        [7.5, 51.38],
        [7.45, 51.38],
        [7.45, 51.35],
      ],
    ],
  },
};

export const HOHENLIMBURG: Area = {
  id: 'hohenlimburg',
  name: 'Hagen-Hohenlimburg',
  ars: '059140000000',
  geometry: {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [7.55, 51.34],
          [7.6, 51.34],
          [7.6, 51.36],
          [7.55, 51.34],
        ],
      ],
    ],
  },
};

export const WETTER: Area = {
  id: 'wetter',
  name: 'Wetter (Ruhr)',
  ars: '059540036036',
  geometry: { type: 'Polygon', coordinates: [[[7.38, 51.38], [7.4, 51.38], [7.4, 51.4], [7.38, 51.38]]] },
};

export const sampleCatalogue = new CatalogueIndex({ areas: [HAGEN_MITTE, HOHENLIMBURG, WETTER], stations: [] });

/** 2024-07-14 14:35:21 UTC = 16:35:21 in Berlin (summer). */
export const SUMMER = Date.UTC(2024, 6, 14, 14, 35, 21);
/** 2024-01-15 12:00:00 UTC = 13:00 in Berlin (winter). */
export const WINTER = Date.UTC(2024, 0, 15, 12, 0, 0);

export const SENDER = 'fruehwarn@hagen.example';

function capRing(area: Area): string {
  const ring = area.geometry.type === 'Polygon' ? area.geometry.coordinates[0]! : area.geometry.coordinates[0]![0]!;
  return ring.map(([lon, lat]) => `${lat},${lon}`).join(' ');
}

export function sampleInfo(language: string, overrides: Partial<AlertInfo> = {}): AlertInfo {
  const de = language.startsWith('de');
  return {
    language,
    category: ['Env'],
    event: de ? 'Hochwasser' : 'Flood',
    eventCode: 'BBK-EVC-038',
    responseType: ['Prepare'],
    urgency: 'Immediate',
    severity: 'Severe',
    certainty: 'Observed',
    onset: SUMMER - 600_000,
    expires: null,
    senderName: 'Stadt Hagen – Fruehwarn',
    headline: de ? 'Hochwasserwarnung für Hagen-Mitte' : 'Flood warning for Hagen-Mitte',
    description: de ? 'Pegel Eckesey 312 cm & steigend <br/> "Volme"' : 'Gauge Eckesey 312 cm & rising',
    instruction: de ? 'Keller meiden.' : 'Avoid basements.',
    web: 'https://hagen.example/warnung',
    contact: null,
    parameters: [
      { valueName: 'warnVerwaltungsbereiche', value: '059140000000' },
      { valueName: 'level', value: '3' },
    ],
    ...overrides,
  };
}

export interface SampleOptions {
  incidentId?: string;
  version?: number;
  sent?: number;
  area?: Area;
  overrides?: Partial<Alert>;
  /** English first in the input, to prove the feed puts German first. */
  englishFirst?: boolean;
  info?: (language: string) => Partial<AlertInfo>;
}

export function sampleAlert(options: SampleOptions = {}): Alert {
  const incidentId = options.incidentId ?? 'inc-hagen-mitte-flood-1';
  const version = options.version ?? 1;
  const area = options.area ?? HAGEN_MITTE;
  const sent = options.sent ?? SUMMER;
  const languages = options.englishFirst ? ['en-GB', 'de-DE'] : ['de-DE', 'en-GB'];
  return {
    identifier: `fw.${area.ars}.${incidentId}.${version}`,
    incidentId,
    incidentKey: `${area.id}:flood`,
    version,
    sender: SENDER,
    sent,
    status: 'Actual',
    msgType: version === 1 ? 'Alert' : 'Update',
    scope: 'Public',
    references: [],
    hazard: 'flood',
    level: 3,
    areaIds: [area.id],
    state: 'released',
    released: true,
    releasedBy: 'officer-1',
    releasedAt: sent,
    info: languages.map((l) => sampleInfo(l, { ...(options.info?.(l) ?? {}), parameters: [{ valueName: 'warnVerwaltungsbereiche', value: area.ars }, { valueName: 'level', value: '3' }] })),
    area: [{ areaDesc: area.name, polygons: [capRing(area)], geocodes: [{ valueName: 'ARS', value: area.ars }, { valueName: 'AreaId', value: area.id }] }],
    ...options.overrides,
  };
}

/** The Entwarnung of `original`: msgType Cancel, references the original, responseType AllClear. */
export function sampleAllClear(original: Alert, sent: number): Alert {
  const version = original.version + 1;
  return {
    ...original,
    identifier: original.identifier.replace(/\.\d+$/, `.${version}`),
    version,
    sent,
    msgType: 'Cancel',
    state: 'cleared',
    references: [`${original.sender},${original.identifier},${isoWithOffset(original.sent)}`],
    info: original.info.map((i) => ({
      ...i,
      responseType: ['AllClear'],
      urgency: 'Past',
      severity: 'Minor',
      headline: i.language.startsWith('de') ? 'Entwarnung: Hochwasser Hagen-Mitte' : 'All clear: flood Hagen-Mitte',
    })),
  };
}
