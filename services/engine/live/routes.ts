import { sendJson } from '../../core/http/body';
import type { Router } from '../../core/http/router';
import type { EngineWorker } from './engine-worker';

/**
 * Read-only engine views for the console: the rules in force with the load errors (file and
 * line, for the analysts' editor) and per-station event-time state.
 */
export function mountEngineRoutes(router: Router, worker: EngineWorker): void {
  router.get('/api/v1/rules', (_req, res) => {
    const view = worker.ruleView();
    // Times are epoch ms, like the other console APIs.
    sendJson(res, 200, { loadedAt: view.loadedAt, rulesDir: view.rulesDir, rules: view.rules, errors: view.errors }, { 'cache-control': 'no-store' });
  });
  router.get('/api/v1/engine/state', (_req, res) => {
    sendJson(res, 200, worker.stateView(), { 'cache-control': 'no-store' });
  });
}
