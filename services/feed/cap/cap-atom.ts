import type { Alert } from '../../core/model/alert';
import { orderedInfo } from '../public-alert';
import { FEED_TIME_ZONE, isoWithOffset } from '../time';
import { XmlWriter } from './xml';

export const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';

export interface CapAtomOptions {
  /** Absolute base URL of the feed service, without trailing slash. */
  baseUrl: string;
  title?: string;
  /** Feed `updated` (the view's Last-Modified). */
  updated: number;
  /** Query suffix of the self link, e.g. "?status=Exercise". */
  selfQuery?: string;
  timeZone?: string;
}

/**
 * An Atom (RFC 4287) index of the current CAP documents, the usual way CAP is syndicated
 * (one entry per message, linking to its CAP XML with type application/cap+xml).
 */
export function renderCapAtom(alerts: Alert[], options: CapAtomOptions): string {
  const tz = options.timeZone ?? FEED_TIME_ZONE;
  const capUrl = (id: string) => `${options.baseUrl}/cap/${encodeURIComponent(id)}.xml`;
  const w = new XmlWriter();
  w.open('feed', { xmlns: ATOM_NAMESPACE });
  w.el('id', `${options.baseUrl}/cap/feed.atom${options.selfQuery ?? ''}`);
  w.el('title', options.title ?? 'Fruehwarn: aktuelle Warnungen (CAP 1.2)');
  w.el('updated', isoWithOffset(options.updated, tz));
  w.empty('link', { rel: 'self', type: 'application/atom+xml', href: `${options.baseUrl}/cap/feed.atom${options.selfQuery ?? ''}` });
  w.open('author').el('name', alerts[0] ? (orderedInfo(alerts[0])[0]?.senderName ?? alerts[0].sender) : 'Fruehwarn').close('author');
  for (const alert of alerts) {
    const info = orderedInfo(alert)[0]!;
    w.open('entry');
    w.el('id', capUrl(alert.identifier));
    w.el('title', info.headline);
    w.el('updated', isoWithOffset(alert.sent, tz));
    w.el('published', isoWithOffset(alert.sent, tz));
    w.open('author').el('name', info.senderName || alert.sender).close('author');
    w.empty('link', { rel: 'alternate', type: 'application/cap+xml', href: capUrl(alert.identifier) });
    w.empty('category', { term: info.eventCode, label: info.event });
    w.el('summary', `${alert.msgType} · ${info.severity} · ${info.event}: ${info.headline}`);
    w.close('entry');
  }
  w.close('feed');
  return w.toString();
}
