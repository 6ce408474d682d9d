import type { Alert } from '../../core/model/alert';
import { orderedInfo } from '../public-alert';
import { XmlWriter } from './xml';

export interface DistrictRssOptions {
  /** Absolute base URL of the feed service, without trailing slash. */
  baseUrl: string;
  /** The district key the feed is for (12 digits). */
  ars: string;
  /** Channel lastBuildDate (the view's Last-Modified). */
  updated: number;
}

/**
 * RSS 2.0 of a district's current warnings, at NINA's `/mowas/rss/{ARS}.rss` path: the format
 * older integrations (news tickers, digital signage, municipal web sites) still poll. One item
 * per warning, linking to its NINA JSON detail, with the CAP document as enclosure-free link in
 * the description. German texts first, as NINA does.
 */
export function renderDistrictRss(alerts: Alert[], options: DistrictRssOptions): string {
  const detailUrl = (id: string) => `${options.baseUrl}/api31/warnings/${encodeURIComponent(id)}.json`;
  const w = new XmlWriter();
  w.open('rss', { version: '2.0' });
  w.open('channel');
  w.el('title', `Fruehwarn: Warnungen für ${options.ars}`);
  w.el('link', `${options.baseUrl}/api31/dashboard/${options.ars}.json`);
  w.el('description', 'Aktuelle Hochwasser- und Waldbrandwarnungen (Fruehwarn, NINA-kompatibel)');
  w.el('language', 'de-DE');
  // RFC 822 dates, as RSS 2.0 requires; toUTCString() yields exactly that form.
  w.el('lastBuildDate', new Date(options.updated).toUTCString());
  for (const alert of alerts) {
    const info = orderedInfo(alert)[0]!;
    w.open('item');
    w.el('title', info.headline);
    w.el('link', detailUrl(alert.identifier));
    w.el('description', [info.description, info.instruction].filter((t) => t).join('\n\n'));
    w.el('category', info.event);
    w.el('pubDate', new Date(alert.sent).toUTCString());
    w.el('guid', alert.identifier, { isPermaLink: 'false' });
    w.close('item');
  }
  w.close('channel');
  w.close('rss');
  return w.toString();
}
