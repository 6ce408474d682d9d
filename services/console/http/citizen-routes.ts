import { sendJson } from '../../core/http/body';
import { HttpError, problem } from '../../core/http/problem';
import type { Router } from '../../core/http/router';
import type { CatalogueIndex } from '../../core/catalogue/catalogue';
import { areaFeatures } from './board-routes';
import type { RateLimiter } from './rate-limiter';

/**
 * The citizens' API: no login, rate-limited per client. Subscriptions and place warnings are
 * the notify service's (services/notify/http/routes.ts); these routes limit, then hand the
 * same request to notify's route in this process under its own path:
 *   GET    /console/api/citizen/areas                      area outlines (GeoJSON)
 *   GET    /console/api/citizen/vapid-public-key           → GET /api/v1/push/vapid-public-key
 *   POST   /console/api/citizen/subscriptions              → POST /api/v1/subscriptions
 *   GET    /console/api/citizen/subscriptions/:id          → GET /api/v1/subscriptions/:id
 *   DELETE /console/api/citizen/subscriptions/:id          → DELETE (erases all data of it)
 *   GET    /console/api/citizen/warnings?lon=&lat=         → GET /api/v1/places/warnings
 */
export function mountCitizenRoutes(router: Router, d: { limiter: RateLimiter; trustProxy: boolean; catalogue: CatalogueIndex }): void {
  const forward = (target: (params: Record<string, string>, url: URL) => string) => async (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, params: Record<string, string>, url: URL) => {
    d.limiter.check(req, d.trustProxy);
    req.url = target(params, url);
    const handled = await router.handle(req, res);
    if (!handled) throw new HttpError(problem(503, 'notify-unavailable', 'Subscriptions unavailable', 'The notify service does not run in this process.'));
  };

  router.get('/console/api/citizen/areas', (req, res) => {
    d.limiter.check(req, d.trustProxy);
    sendJson(res, 200, areaFeatures(d.catalogue), { 'cache-control': 'public, max-age=300' });
  });
  router.get('/console/api/citizen/vapid-public-key', forward(() => '/api/v1/push/vapid-public-key'));
  router.post('/console/api/citizen/subscriptions', forward(() => '/api/v1/subscriptions'));
  router.get('/console/api/citizen/subscriptions/:id', forward((p) => `/api/v1/subscriptions/${encodeURIComponent(p.id!)}`));
  router.delete('/console/api/citizen/subscriptions/:id', forward((p) => `/api/v1/subscriptions/${encodeURIComponent(p.id!)}`));
  router.get('/console/api/citizen/warnings', forward((_p, url) => `/api/v1/places/warnings${url.search}`));
}
