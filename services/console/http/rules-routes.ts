import { sendJson } from '../../core/http/body';
import { HttpError, problem } from '../../core/http/problem';
import type { Router } from '../../core/http/router';
import type { ConsoleAuth } from '../auth/console-auth';
import { RuleSaveError, type RuleWorkbench } from '../rules/rule-workbench';
import { readJsonObject, stringField } from './json-body';

const MAX_RULE_FILE = 200_000;

function asHttp(err: unknown): never {
  if (err instanceof RuleSaveError) throw new HttpError(problem(err.status, 'rule-file', err.status === 409 ? 'Edit conflict' : err.status === 404 ? 'Not found' : 'Rule file refused', err.message, { errors: err.errors }));
  throw err;
}

/**
 * The analysts' workbench (rules.read; saving needs rules.write and the CSRF token):
 *   GET  /console/api/rules/files            names of the rule files
 *   GET  /console/api/rules/files/:file      {file, text, version}
 *   POST /console/api/rules/validate         {file, text} → {ok, ruleIds, errors[file,line,column,field,message]}
 *   POST /console/api/rules/backtest         {file, text} → base and edited runs with the difference
 *   PUT  /console/api/rules/files/:file      {text, baseVersion, comment} → {version}; audit entry on audit.v1
 *   GET  /console/api/rules/history          rule changes, newest first
 * validate and backtest change nothing but are POSTs (the text is the body), so they carry the CSRF token too.
 */
export function mountRulesRoutes(router: Router, d: { auth: ConsoleAuth; workbench: RuleWorkbench }): void {
  router.get('/console/api/rules/files', async (req, res) => {
    await d.auth.require(req, 'rules.read');
    sendJson(res, 200, { files: d.workbench.list() }, { 'cache-control': 'no-store' });
  });

  router.get('/console/api/rules/files/:file', async (req, res, params) => {
    await d.auth.require(req, 'rules.read');
    const file = await d.workbench.read(params.file!).catch(asHttp);
    sendJson(res, 200, file, { 'cache-control': 'no-store' });
  });

  router.post('/console/api/rules/validate', async (req, res) => {
    await d.auth.require(req, 'rules.read');
    const body = await readJsonObject(req, MAX_RULE_FILE + 4096);
    const result = (() => {
      try {
        return d.workbench.validate(stringField(body, 'file', 100), stringField(body, 'text', MAX_RULE_FILE));
      } catch (err) {
        return asHttp(err);
      }
    })();
    sendJson(res, 200, result);
  });

  router.post('/console/api/rules/backtest', async (req, res) => {
    await d.auth.require(req, 'rules.read');
    const body = await readJsonObject(req, MAX_RULE_FILE + 4096);
    const result = await d.workbench.backtest(stringField(body, 'file', 100), stringField(body, 'text', MAX_RULE_FILE)).catch(asHttp);
    sendJson(res, 200, result);
  });

  router.put('/console/api/rules/files/:file', async (req, res, params) => {
    const id = await d.auth.require(req, 'rules.write');
    const body = await readJsonObject(req, MAX_RULE_FILE + 4096);
    const base = body.baseVersion === null ? null : stringField(body, 'baseVersion', 64);
    const saved = await d.workbench.save(params.file!, stringField(body, 'text', MAX_RULE_FILE), base, id.user, stringField(body, 'comment', 500, false)).catch(asHttp);
    sendJson(res, 200, { version: saved.version, auditId: saved.audit.id });
  });

  router.get('/console/api/rules/history', async (req, res) => {
    await d.auth.require(req, 'rules.read');
    sendJson(res, 200, { changes: await d.workbench.history() }, { 'cache-control': 'no-store' });
  });
}
