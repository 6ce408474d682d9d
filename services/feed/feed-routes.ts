import type { IncomingMessage } from 'node:http';
import type { AlertStatus } from '../core/model/alert-event';
import { HttpError, problem } from '../core/http/problem';
import type { Router } from '../core/http/router';
import type { Clock } from '../core/observability/clock';
import { renderCapAtom } from './cap/cap-atom';
import { renderDistrictRss } from './cap/district-rss';
import type { FeedState } from './feed-state';
import { sendRepresentation } from './http-cache';
import { isArs } from './nina/ars';
import { DE_LABELS } from './nina/labels';

/**
 * The feed's HTTP surface. NINA-compatible paths (swap the base URL in a NINA client):
 *   GET /api31/dashboard/{ARS}.json          warnings of a district (any 12-digit ARS → its district)
 *   GET /api31/warnings/{id}.json            warning detail (CAP as NINA JSON)
 *   GET /api31/warnings/{id}.geojson         its geometry, [lon, lat]
 *   GET /api31/fruehwarn/mapData.json        map list; "fruehwarn" is our own source name,
 *                                            beside NINA's mowas/katwarn/biwapp/dwd/lhp/police
 *   GET /api31/dynamic/version/dataVersion.json
 *   GET /api31/mowas/rss/{ARS}.rss           RSS 2.0 of a district's warnings (NINA's RSS path)
 *   GET /api/appdata/gsb/labels/de_labels.json  (note /api/, as in NINA)
 * CAP:
 *   GET /cap/{id}.xml                        the CAP 1.2 document
 *   GET /cap/feed.atom                       Atom index of the current CAP documents
 * Lists take `?status=Exercise` or `?status=Test` to show exercises/tests instead of actual
 * warnings (never mixed). Every answer carries a strong ETag, Last-Modified and a short
 * Cache-Control, and answers 304 to a matching If-None-Match / If-Modified-Since.
 */
export interface FeedRoutesOptions {
  /** Absolute base URL for links in the Atom feed (FRUEHWARN_PUBLIC_URL). */
  publicUrl: string;
  /** max-age of lists (they change); details are immutable and get `detailMaxAgeSeconds`. */
  listMaxAgeSeconds?: number;
  detailMaxAgeSeconds?: number;
}

export const FEED_SOURCE = 'fruehwarn';
const JSON_TYPE = 'application/json; charset=utf-8';
const STATUSES: readonly AlertStatus[] = ['Actual', 'Exercise', 'Test'];
/** CAP identifiers: no whitespace, comma, `<` or `&` (CAP 1.2 §3.2.1), bounded length. */
const IDENTIFIER = /^[^\s,<&/]{1,200}$/;

function statusParam(url: URL): AlertStatus {
  const raw = url.searchParams.get('status');
  if (raw === null) return 'Actual';
  const status = STATUSES.find((s) => s.toLowerCase() === raw.toLowerCase());
  if (!status) throw new HttpError(problem(400, 'bad-status', 'Unknown status', `status must be one of ${STATUSES.join(', ')}; got "${raw.slice(0, 40)}".`));
  return status;
}

function requireIdentifier(id: string): string {
  if (!IDENTIFIER.test(id)) throw new HttpError(problem(400, 'bad-identifier', 'Malformed identifier', 'A warning identifier has 1 to 200 characters and no whitespace, comma, slash, < or &.'));
  return id;
}

function notFound(id: string): HttpError {
  return new HttpError(problem(404, 'warning-not-found', 'Warning not found', `No published warning has the identifier "${id}".`, { identifier: id }));
}

export function mountFeedRoutes(router: Router, state: FeedState, clock: Clock, options: FeedRoutesOptions): void {
  const listAge = options.listMaxAgeSeconds ?? 30;
  const detailAge = options.detailMaxAgeSeconds ?? 60;
  const json = (req: IncomingMessage, res: Parameters<typeof sendRepresentation>[1], body: unknown, lastModified: number, maxAgeSeconds: number) =>
    sendRepresentation(req, res, { body: JSON.stringify(body), contentType: JSON_TYPE, lastModified, maxAgeSeconds });

  router.get('/api31/dashboard/:ars.json', (req, res, params, url) => {
    if (!isArs(params.ars!)) {
      throw new HttpError(
        problem(400, 'bad-ars', 'Malformed regional key', 'The ARS (Amtlicher Regionalschlüssel) has exactly 12 digits; use the district key: first 5 digits, then 7 zeros (Hagen: 059140000000).', {
          ars: params.ars!.slice(0, 40),
        }),
      );
    }
    const status = statusParam(url);
    const now = clock.now();
    json(req, res, state.dashboard(params.ars!, now, status), state.lastModified(now), listAge);
  });

  router.get('/api31/mowas/rss/:ars.rss', (req, res, params, url) => {
    if (!isArs(params.ars!)) {
      throw new HttpError(problem(400, 'bad-ars', 'Malformed regional key', 'The ARS (Amtlicher Regionalschlüssel) has exactly 12 digits (Hagen: 059140000000).', { ars: params.ars!.slice(0, 40) }));
    }
    const status = statusParam(url);
    const now = clock.now();
    const updated = state.lastModified(now);
    const body = renderDistrictRss(
      state.districtListed(params.ars!, now, status).map((r) => r.alert),
      { baseUrl: options.publicUrl.replace(/\/$/, ''), ars: params.ars!, updated },
    );
    sendRepresentation(req, res, { body, contentType: 'application/rss+xml; charset=utf-8', lastModified: updated, maxAgeSeconds: listAge });
  });

  router.get('/api31/warnings/:id.json', (req, res, params) => {
    const id = requireIdentifier(params.id!);
    const revision = state.revision(id);
    if (!revision) throw notFound(id);
    sendRepresentation(req, res, { body: revision.detailBody, contentType: JSON_TYPE, lastModified: revision.alert.sent, maxAgeSeconds: detailAge });
  });

  router.get('/api31/warnings/:id.geojson', (req, res, params) => {
    const id = requireIdentifier(params.id!);
    const revision = state.revision(id);
    if (!revision) throw notFound(id);
    json(req, res, revision.geoJson(), revision.alert.sent, detailAge);
  });

  router.get(`/api31/${FEED_SOURCE}/mapData.json`, (req, res, _params, url) => {
    const status = statusParam(url);
    const now = clock.now();
    json(req, res, state.mapData(now, status), state.lastModified(now), listAge);
  });

  router.get('/api31/dynamic/version/dataVersion.json', (req, res) => {
    const now = clock.now();
    json(req, res, state.dataVersion(now), state.lastModified(now), listAge);
  });

  router.get('/api/appdata/gsb/labels/de_labels.json', (req, res) => {
    // Static for a build: Last-Modified is the epoch of the process's labels (constant), ETag does the work.
    json(req, res, DE_LABELS, LABELS_LAST_MODIFIED, 3600);
  });

  router.get('/cap/feed.atom', (req, res, _params, url) => {
    const status = statusParam(url);
    const now = clock.now();
    const updated = state.lastModified(now);
    const body = renderCapAtom(
      state.listed(now, status).map((r) => r.alert),
      { baseUrl: options.publicUrl.replace(/\/$/, ''), updated, selfQuery: status === 'Actual' ? '' : `?status=${status}` },
    );
    sendRepresentation(req, res, { body, contentType: 'application/atom+xml; charset=utf-8', lastModified: updated, maxAgeSeconds: listAge });
  });

  router.get('/cap/:id.xml', (req, res, params) => {
    const id = requireIdentifier(params.id!);
    const revision = state.revision(id);
    if (!revision) throw notFound(id);
    sendRepresentation(req, res, { body: revision.cap(), contentType: 'application/cap+xml; charset=utf-8', lastModified: revision.alert.sent, maxAgeSeconds: detailAge });
  });
}

/** The labels change only with a release of Fruehwarn: 2024-01-01T00:00:00Z. */
const LABELS_LAST_MODIFIED = Date.UTC(2024, 0, 1);
