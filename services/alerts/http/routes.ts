import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { readBody, sendJson } from '../../core/http/body';
import { HttpError, problem } from '../../core/http/problem';
import type { Router } from '../../core/http/router';
import type { Clock } from '../../core/observability/clock';
import type { OfficerAction, OfficerCommand, TextEdit } from '../../core/model/officer-command';
import type { AlertsService } from '../alerts-service';
import { officerAuthenticatorFor } from '../../console/auth/officer-auth-hook';

const ACTIONS: readonly OfficerAction[] = ['release', 'acknowledge', 'silence', 'unsilence', 'cancel', 'edit'];
const OFFICER = /^[A-Za-z0-9._@-]{1,64}$/;
const MAX_TEXT = 4000;
const STATES = new Set(['pending', 'released', 'cleared', 'cancelled']);

function bad(detail: string): HttpError {
  return new HttpError(problem(400, 'invalid-command', 'Invalid command', detail));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req, 64 * 1024);
  let body: unknown;
  try {
    body = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch {
    throw bad('The body is not valid JSON.');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw bad('The body must be a JSON object.');
  return body as Record<string, unknown>;
}

/**
 * Who gives the command: with the console in the process, the logged-in officer (its session
 * cookie and CSRF token; services/console/auth/officer-auth-hook.ts). Without it (alerts alone,
 * tests) the officer's name comes from the `X-Officer` header (or `by` in the body);
 * `system:` names are reserved for the service.
 */
async function officerOf(router: Router, req: IncomingMessage, body: Record<string, unknown>): Promise<string> {
  const authenticate = officerAuthenticatorFor(router);
  if (authenticate) return authenticate(req, 'command');
  const header = req.headers['x-officer'];
  const by = (Array.isArray(header) ? header[0] : header) ?? body.by;
  if (typeof by !== 'string' || !OFFICER.test(by)) throw bad('Name the officer in the X-Officer header (letters, digits, . _ @ -, at most 64).');
  return by;
}

function optionalString(body: Record<string, unknown>, name: string): string | null {
  const v = body[name];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || v.length > MAX_TEXT) throw bad(`${name} must be a string of at most ${MAX_TEXT} characters.`);
  return v;
}

function timeOf(body: Record<string, unknown>, name: string): number | null {
  const v = body[name];
  if (v === undefined || v === null) return null;
  const ms = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) throw bad(`${name} must be epoch milliseconds or an ISO 8601 time.`);
  return ms;
}

function editsOf(body: Record<string, unknown>): TextEdit[] {
  const v = body.edits;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.length > 4) throw bad('edits must be a list of at most 4 {language, headline, description, instruction}.');
  return v.map((e: unknown) => {
    if (!e || typeof e !== 'object') throw bad('Each edit must be an object.');
    const o = e as Record<string, unknown>;
    if (typeof o.language !== 'string' || !/^[a-zA-Z]{2}(-[a-zA-Z]{2})?$/.test(o.language)) throw bad('Each edit needs a language such as de-DE or en-GB.');
    return { language: o.language, headline: optionalString(o, 'headline'), description: optionalString(o, 'description'), instruction: optionalString(o, 'instruction') };
  });
}

/**
 * The console's API for incidents (JSON; errors as problem+json):
 *   GET  /api/v1/incidents[?state=pending|released|cleared|cancelled]
 *   GET  /api/v1/incidents/:id
 *   GET  /api/v1/incidents/:id/audit
 *   POST /api/v1/incidents/:id/commands  {action, by?, reason?, until?, edits?, areaId?, ruleId?} → 202 {commandId}
 *   GET  /api/v1/silences;  POST /api/v1/silences {areaId?, ruleId?, until, reason?};  DELETE /api/v1/silences/:id
 * Commands go onto commands.v1 and take effect when the service reads them back.
 */
export function mountAlertRoutes(router: Router, service: AlertsService, clock: Clock): void {
  // Incident views are for logged-in console users when the console runs in this process.
  const mayRead = async (req: IncomingMessage) => {
    await officerAuthenticatorFor(router)?.(req, 'read');
  };

  router.get('/api/v1/incidents', async (req, res, _params, url) => {
    await mayRead(req);
    const state = url.searchParams.get('state');
    if (state !== null && !STATES.has(state)) throw bad(`state must be one of ${[...STATES].join(', ')}.`);
    const incidents = service.listIncidents().filter((i) => state === null || i.state === state);
    sendJson(res, 200, { incidents });
  });

  router.get('/api/v1/incidents/:id', async (req, res, params) => {
    await mayRead(req);
    const incident = service.incident(params.id!);
    if (!incident) throw new HttpError(problem(404, 'not-found', 'No such incident', `There is no incident ${params.id}.`));
    sendJson(res, 200, incident);
  });

  router.get('/api/v1/incidents/:id/audit', async (req, res, params) => {
    await mayRead(req);
    const entries = await service.incidentHistory(params.id!);
    if (entries.length === 0 && !service.incident(params.id!)) throw new HttpError(problem(404, 'not-found', 'No such incident', `There is no incident ${params.id}.`));
    sendJson(res, 200, { entries });
  });

  router.post('/api/v1/incidents/:id/commands', async (req, res, params) => {
    const body = await readJson(req);
    const by = await officerOf(router, req, body);
    const action = body.action;
    if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) throw bad(`action must be one of ${ACTIONS.join(', ')}.`);
    if (!service.incident(params.id!) && action !== 'unsilence') throw new HttpError(problem(404, 'not-found', 'No such incident', `There is no incident ${params.id}.`));
    const now = clock.now();
    const until = timeOf(body, 'until');
    if (action === 'silence' && (until === null || until <= now)) throw bad('A silence needs `until` in the future.');
    const edits = editsOf(body);
    if (action === 'edit' && edits.length === 0) throw bad('An edit needs at least one entry in `edits`.');
    const command: OfficerCommand = {
      id: randomUUID(),
      action: action as OfficerAction,
      incidentId: params.id!,
      by,
      at: now,
      reason: optionalString(body, 'reason'),
      until,
      areaId: optionalString(body, 'areaId'),
      ruleId: optionalString(body, 'ruleId'),
      edits,
    };
    await service.submitCommand(command);
    sendJson(res, 202, { commandId: command.id });
  });

  router.get('/api/v1/silences', async (req, res) => {
    await mayRead(req);
    sendJson(res, 200, { silences: service.silences() });
  });

  router.post('/api/v1/silences', async (req, res) => {
    const body = await readJson(req);
    const by = await officerOf(router, req, body);
    const now = clock.now();
    const until = timeOf(body, 'until');
    if (until === null || until <= now) throw bad('A silence needs `until` in the future.');
    const areaId = optionalString(body, 'areaId');
    const ruleId = optionalString(body, 'ruleId');
    if (areaId === null && ruleId === null) throw bad('A silence needs an areaId, a ruleId or both.');
    const id = `silence-${randomUUID()}`;
    await service.submitCommand({ id: randomUUID(), action: 'silence', incidentId: id, by, at: now, reason: optionalString(body, 'reason'), until, areaId, ruleId, edits: [] });
    sendJson(res, 202, { silenceId: id });
  });

  router.delete('/api/v1/silences/:id', async (req, res, params) => {
    const by = await officerOf(router, req, {});
    const command: OfficerCommand = { id: randomUUID(), action: 'unsilence', incidentId: params.id!, by, at: clock.now(), reason: null, until: null, areaId: null, ruleId: null, edits: [] };
    await service.submitCommand(command);
    sendJson(res, 202, { commandId: command.id });
  });
}
