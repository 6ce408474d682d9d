import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { sendJson } from '../../core/http/body';
import type { Router } from '../../core/http/router';
import { DEMO_ACCOUNTS } from '../auth/users';
import { contentSecurityPolicy, serveFile } from './static-files';

/** The front end's folder: beside the compiled service, or in the source tree (tests, ts-node). */
export function publicDir(): string {
  for (const candidate of [join(__dirname, '..', 'public'), resolve(__dirname, '..', '..', '..', '..', 'services', 'console', 'public')]) {
    if (existsSync(join(candidate, 'board.html'))) return candidate;
  }
  throw new Error('services/console/public not found beside the console service');
}

export interface PageConfig {
  tileUrl: string;
  tileAttribution: string;
  demo: boolean;
}

/**
 * Pages and their files: the officers' board (/console/), the analysts' workbench
 * (/console/analyst), login (/console/login) and the citizens' page (/citizen/, with its
 * service worker at /citizen/sw.js so that it controls exactly /citizen/). Leaflet is served
 * from node_modules; nothing is loaded from elsewhere at run time.
 */
export function mountPageRoutes(router: Router, config: PageConfig): void {
  const root = publicDir();
  const leaflet = dirname(require.resolve('leaflet/dist/leaflet.js'));
  const page = { 'content-security-policy': contentSecurityPolicy(config.tileUrl), 'cache-control': 'no-cache' };
  const asset = { 'cache-control': 'no-cache' };
  const html = (file: string) => (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => serveFile(req, res, root, file, page);

  router.get('/console', (_req, res) => {
    res.writeHead(308, { location: '/console/' });
    res.end();
  });
  router.get('/console/', html('board.html'));
  router.get('/console/login', html('login.html'));
  router.get('/console/analyst', html('analyst.html'));
  router.get('/citizen', (_req, res) => {
    res.writeHead(308, { location: '/citizen/' });
    res.end();
  });
  router.get('/citizen/', html('citizen.html'));
  router.get('/citizen/sw.js', (req, res) => serveFile(req, res, root, 'sw.js', { ...asset, 'service-worker-allowed': '/citizen/' }));
  router.get('/citizen/manifest.webmanifest', (req, res) => serveFile(req, res, root, 'manifest.webmanifest', asset));
  router.get('/console/static/*', (req, res, params) => serveFile(req, res, root, params.rest!, asset));
  router.get('/console/vendor/leaflet/*', (req, res, params) => serveFile(req, res, leaflet, params.rest!, { 'cache-control': 'public, max-age=86400' }));

  // Public: what the pages need to start; demo passwords only when the installation is a demo.
  router.get('/console/api/config', (_req, res) =>
    sendJson(res, 200, {
      tileUrl: config.tileUrl,
      tileAttribution: config.tileAttribution,
      demo: config.demo,
      demoAccounts: config.demo ? DEMO_ACCOUNTS.map((a) => ({ name: a.name, role: a.role, password: a.password })) : [],
    }),
  );
}
