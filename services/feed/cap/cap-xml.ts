import type { CatalogueIndex } from '../../core/catalogue/catalogue';
import type { Alert } from '../../core/model/alert';
import { BBK_EVENT_CODE_PROFILE, codesOf, effectiveOf, incidentsOf, orderedInfo, parametersOf } from '../public-alert';
import { FEED_TIME_ZONE, isoWithOffset } from '../time';
import { sanitizePolygons } from './polygon';
import { XmlWriter } from './xml';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

export interface CapXmlOptions {
  timeZone?: string;
  catalogue?: CatalogueIndex;
  /** Told about polygons dropped because they are not valid CAP (the document stays valid). */
  onRejectedPolygon?: (polygon: string, problems: string[]) => void;
}

/**
 * One Alert revision as a CAP 1.2 document. Elements follow the order of the OASIS schema
 * (alert: identifier, sender, sent, status, msgType, source, scope, restriction, addresses,
 * code, note, references, incidents, info; info: language, category, event, responseType,
 * urgency, severity, certainty, audience, eventCode, effective, onset, expires, senderName,
 * headline, description, instruction, web, contact, parameter, resource, area; area: areaDesc,
 * polygon, circle, geocode, altitude, ceiling). Times carry the Berlin offset, never `Z`.
 */
export function renderCapXml(alert: Alert, options: CapXmlOptions = {}): string {
  const tz = options.timeZone ?? FEED_TIME_ZONE;
  const time = (t: number | null) => (t === null ? null : isoWithOffset(t, tz));
  const w = new XmlWriter();
  w.open('alert', { xmlns: CAP_NAMESPACE });
  w.el('identifier', alert.identifier);
  w.el('sender', alert.sender);
  w.el('sent', time(alert.sent));
  w.el('status', alert.status);
  w.el('msgType', alert.msgType);
  w.el('scope', alert.scope);
  // CAP requires <restriction> when the scope is Restricted.
  if (alert.scope === 'Restricted') w.el('restriction', 'Nur für Einsatzkräfte / duty officers only');
  for (const code of codesOf(alert)) w.el('code', code);
  if (alert.status !== 'Actual') w.el('note', alert.status === 'Exercise' ? 'Übung / exercise' : 'Test');
  if (alert.references.length > 0) w.el('references', alert.references.join(' '));
  w.el('incidents', incidentsOf(alert));
  for (const info of orderedInfo(alert)) {
    w.open('info');
    w.el('language', info.language);
    for (const c of info.category) w.el('category', c);
    w.el('event', info.event);
    for (const r of info.responseType) w.el('responseType', r);
    w.el('urgency', info.urgency);
    w.el('severity', info.severity);
    w.el('certainty', info.certainty);
    if (info.eventCode) {
      w.open('eventCode').el('valueName', BBK_EVENT_CODE_PROFILE).el('value', info.eventCode).close('eventCode');
    }
    w.el('effective', time(effectiveOf(alert)));
    w.el('onset', time(info.onset));
    w.el('expires', time(info.expires));
    w.el('senderName', info.senderName || null);
    w.el('headline', info.headline || null);
    w.el('description', info.description || null);
    w.el('instruction', info.instruction || null);
    w.el('web', info.web || null);
    w.el('contact', info.contact || null);
    for (const p of parametersOf(alert, info, options.catalogue)) w.open('parameter').el('valueName', p.valueName).el('value', p.value).close('parameter');
    for (const area of alert.area) {
      w.open('area');
      w.el('areaDesc', area.areaDesc);
      const polygons = sanitizePolygons(area.polygons);
      for (const r of polygons.rejected) options.onRejectedPolygon?.(r.polygon, r.problems);
      for (const polygon of polygons.valid) w.el('polygon', polygon);
      for (const g of area.geocodes) w.open('geocode').el('valueName', g.valueName).el('value', g.value).close('geocode');
      w.close('area');
    }
    w.close('info');
  }
  w.close('alert');
  return w.toString();
}
