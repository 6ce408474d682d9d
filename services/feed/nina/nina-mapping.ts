import { createHash } from 'node:crypto';
import type { CatalogueIndex, AreaGeometry } from '../../core/catalogue/catalogue';
import type { Alert } from '../../core/model/alert';
import { capPolygonToRing, sanitizePolygons } from '../cap/polygon';
import {
  BBK_EVENT_CODE_PROFILE,
  arsOf,
  codesOf,
  effectiveOf,
  expiresOf,
  incidentsOf,
  infoIn,
  onsetOf,
  orderedInfo,
  parametersOf,
  primaryLanguage,
} from '../public-alert';
import { FEED_TIME_ZONE, isoWithOffset } from '../time';
import type { GeoJsonFeatureCollection, NinaDashboardItem, NinaInfo, NinaMapDataItem, NinaWarning } from './types';

export interface NinaOptions {
  /** `payload.data.provider` on the dashboard; Fruehwarn's own source name. */
  provider: string;
  timeZone?: string;
  catalogue?: CatalogueIndex;
}

export const DEFAULT_PROVIDER = 'FRUEHWARN';

/** NINA writes the info language as an upper-case primary tag ("DE", "EN"). */
export function ninaLanguage(capLanguage: string): string {
  return primaryLanguage(capLanguage).toUpperCase();
}

function timeIn(options: NinaOptions) {
  const tz = options.timeZone ?? FEED_TIME_ZONE;
  return (t: number) => isoWithOffset(t, tz);
}

/** The warning detail: the CAP message written as JSON with NINA's conventions. */
export function ninaWarning(alert: Alert, options: NinaOptions): NinaWarning {
  const iso = timeIn(options);
  const info: NinaInfo[] = orderedInfo(alert).map((i) => ({
    language: ninaLanguage(i.language),
    category: [...i.category],
    event: i.event,
    responseType: [...i.responseType],
    urgency: i.urgency,
    severity: i.severity,
    certainty: i.certainty,
    eventCode: i.eventCode ? [{ valueName: BBK_EVENT_CODE_PROFILE, value: i.eventCode }] : [],
    effective: iso(effectiveOf(alert)),
    ...(i.onset !== null ? { onset: iso(i.onset) } : {}),
    ...(i.expires !== null ? { expires: iso(i.expires) } : {}),
    senderName: i.senderName,
    headline: i.headline,
    description: i.description,
    // Real clients show the instruction block unconditionally: always give one.
    instruction: i.instruction,
    ...(i.web ? { web: i.web } : {}),
    ...(i.contact ? { contact: i.contact } : {}),
    parameter: parametersOf(alert, i, options.catalogue),
    area: alert.area.map((a, idx) => {
      const areaId = a.geocodes.find((g) => g.valueName === 'AreaId')?.value ?? alert.areaIds[idx] ?? a.areaDesc;
      const others = a.geocodes.filter((g) => g.valueName !== 'AreaId').map((g) => ({ valueName: g.valueName, value: g.value }));
      return { areaDesc: a.areaDesc, geocode: [{ valueName: 'AreaId', value: areaId }, ...others] };
    }),
  }));
  const incidents = incidentsOf(alert);
  return {
    identifier: alert.identifier,
    sender: alert.sender,
    sent: iso(alert.sent),
    status: alert.status,
    msgType: alert.msgType,
    scope: alert.scope,
    code: codesOf(alert),
    ...(alert.references.length > 0 ? { references: alert.references.join(' ') } : {}),
    ...(incidents ? { incidents } : {}),
    info,
  };
}

/** The exact bytes served at /warnings/{id}.json; the dashboard's hash is over these. */
export function ninaWarningBody(alert: Alert, options: NinaOptions): string {
  return JSON.stringify(ninaWarning(alert, options));
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function titles(alert: Alert): Record<string, string> {
  const out: Record<string, string> = {};
  for (const lang of ['de', 'en']) {
    const info = infoIn(alert, lang);
    if (info) out[lang] = info.headline;
  }
  if (!out.de) out.de = orderedInfo(alert)[0]!.headline;
  return out;
}

/** A dashboard entry. `now` decides `valid` (false once the message has expired). */
export function ninaDashboardItem(alert: Alert, options: NinaOptions, now: number): NinaDashboardItem {
  const iso = timeIn(options);
  const first = orderedInfo(alert)[0]!;
  const onset = onsetOf(alert);
  const expires = expiresOf(alert);
  return {
    id: alert.identifier,
    payload: {
      version: alert.version,
      type: 'ALERT',
      id: alert.identifier,
      hash: sha256Hex(ninaWarningBody(alert, options)),
      data: {
        headline: first.headline,
        provider: options.provider,
        severity: first.severity,
        urgency: first.urgency,
        msgType: alert.msgType,
        transKeys: { event: first.eventCode },
        // ZGEM: the regional keys the warning covers, comma-separated (Fruehwarn's reading of the field).
        area: { type: 'ZGEM', data: arsOf(alert, options.catalogue).join(',') },
        valid: expires === null || now < expires,
      },
    },
    i18nTitle: titles(alert),
    sent: iso(alert.sent),
    ...(onset !== null ? { onset: iso(onset) } : {}),
    effective: iso(effectiveOf(alert)),
    ...(expires !== null ? { expires: iso(expires) } : {}),
  };
}

export function ninaMapDataItem(alert: Alert, options: NinaOptions): NinaMapDataItem {
  const iso = timeIn(options);
  const first = orderedInfo(alert)[0]!;
  const expires = expiresOf(alert);
  return {
    id: alert.identifier,
    version: alert.version,
    startDate: iso(onsetOf(alert) ?? effectiveOf(alert)),
    ...(expires !== null ? { expiresDate: iso(expires) } : {}),
    severity: first.severity,
    urgency: first.urgency,
    type: alert.msgType,
    i18nTitle: titles(alert),
    transKeys: { event: first.eventCode },
  };
}

/**
 * The warning's geometry, coordinates [lon, lat]. The catalogue's GeoJSON of each area is
 * preferred (it keeps holes, CAP polygons cannot); CAP polygons are the fallback.
 */
export function ninaGeoJson(alert: Alert, options: NinaOptions): GeoJsonFeatureCollection {
  const features: GeoJsonFeatureCollection['features'] = [];
  alert.area.forEach((a, idx) => {
    const areaId = a.geocodes.find((g) => g.valueName === 'AreaId')?.value ?? alert.areaIds[idx];
    const ars = a.geocodes.find((g) => g.valueName === 'ARS')?.value;
    const catalogueArea = areaId ? options.catalogue?.area(areaId) : undefined;
    const properties: Record<string, string> = { areaDesc: a.areaDesc, identifier: alert.identifier };
    if (areaId) properties.areaId = areaId;
    if (ars ?? catalogueArea?.ars) properties.ars = (ars ?? catalogueArea?.ars)!;
    const geometry = catalogueArea ? cloneGeometry(catalogueArea.geometry) : fromCapPolygons(a.polygons);
    if (geometry) features.push({ type: 'Feature', geometry, properties });
  });
  return { type: 'FeatureCollection', features };
}

function cloneGeometry(g: AreaGeometry): GeoJsonFeatureCollection['features'][number]['geometry'] {
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map(([lon, lat]) => [lon, lat])) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map((ring) => ring.map(([lon, lat]) => [lon, lat]))) };
}

function fromCapPolygons(polygons: string[]): GeoJsonFeatureCollection['features'][number]['geometry'] | null {
  const rings = sanitizePolygons(polygons).valid.map(capPolygonToRing);
  if (rings.length === 0) return null;
  if (rings.length === 1) return { type: 'Polygon', coordinates: [rings[0]!] };
  return { type: 'MultiPolygon', coordinates: rings.map((r) => [r]) };
}
