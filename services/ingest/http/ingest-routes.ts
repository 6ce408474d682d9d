import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../../core/http/body';
import { HttpError, problem, sendProblem } from '../../core/http/problem';
import type { Router } from '../../core/http/router';
import { IntakeBusy } from '../intake/intake-busy';
import type { ItemOutcome, ReadingIntake } from '../intake/reading-intake';
import { rejection } from '../validation/rejection';
import type { ApiKeys } from './api-keys';
import { splitBatch, type SplitLimits } from './split-batch';

export const INGEST_READINGS_PATH = '/api/ingest/v1/readings';

export interface HttpIngestOptions extends SplitLimits {
  maxBodyBytes: number;
  /** Requests reading or publishing at the same time; more are answered 503 at once. */
  maxConcurrentRequests: number;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function apiKeyOf(req: IncomingMessage): string | null {
  const auth = header(req, 'authorization');
  if (auth && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim();
  const key = header(req, 'x-api-key');
  return key ? key.trim() : null;
}

function isNdjson(req: IncomingMessage): boolean {
  const type = (header(req, 'content-type') ?? '').toLowerCase();
  return type.includes('ndjson') || type.includes('jsonl') || type.includes('json-lines');
}

function itemResult(outcome: ItemOutcome, index: number): Record<string, unknown> {
  if (outcome.status === 'accepted') {
    const r = outcome.reading;
    return { index, status: 'accepted', id: r.id, quality: r.quality, qualityFlags: r.qualityFlags };
  }
  const j = outcome.rejection;
  return {
    index,
    status: 'rejected',
    problem: problem(422, j.reason, 'Reading refused', j.detail, { reason: j.reason, field: j.field }),
  };
}

function busy(err: IntakeBusy): HttpError {
  return new HttpError(problem(503, 'busy', 'Ingest is busy', err.message, { retryAfter: err.retryAfterS }), { 'retry-after': String(err.retryAfterS) });
}

/**
 * POST /api/ingest/v1/readings: a batch of readings as a JSON array (or one object) or NDJSON
 * (Content-Type application/x-ndjson). Authenticated per source by API key
 * (Authorization: Bearer KEY or X-API-Key: KEY). Answers per item which readings were
 * accepted and which refused and why (problem details); one bad item never refuses the others.
 * 200 all accepted, 207 some refused, 422 all refused; 400/413 for a body that is not a batch
 * or too large; 401 without a valid key; 503 with Retry-After when the bus is slow.
 */
export function mountIngestRoutes(router: Router, intake: ReadingIntake, keys: ApiKeys, options: HttpIngestOptions): void {
  let active = 0;
  router.post(INGEST_READINGS_PATH, async (req: IncomingMessage, res: ServerResponse) => {
    const key = apiKeyOf(req);
    const source = key ? keys.sourceOf(key) : null;
    if (!source) {
      req.resume();
      throw new HttpError(problem(401, 'unauthorized', 'API key required', 'Send a valid API key as `Authorization: Bearer KEY` or `X-API-Key: KEY`.'), { 'www-authenticate': 'Bearer realm="fruehwarn-ingest"' });
    }
    const metricSource = `http:${source}`;
    // Refuse before buffering anything when the bus is already behind or too many bodies are in memory.
    if (active >= options.maxConcurrentRequests || intake.saturated()) {
      req.resume();
      throw busy(new IntakeBusy('Too many batches are being processed; try again shortly.', 1));
    }
    active++;
    try {
      const body = await readBody(req, options.maxBodyBytes);
      const split = splitBatch(body, isNdjson(req), options);
      if (!split.ok) {
        if (split.status === 400) {
          // Authenticated input that cannot be read at all is kept as a dead letter like any other refusal.
          await intake.submit(metricSource, [{ raw: body, rejection: rejection(split.reason, split.detail, '') }]);
        }
        sendProblem(res, problem(split.status, split.reason === 'too-large' ? 'batch-too-large' : split.reason, split.status === 413 ? 'Batch too large' : 'Body is not a batch', split.detail));
        return;
      }
      const outcomes = await intake.submit(metricSource, split.items);
      const accepted = outcomes.filter((o) => o.status === 'accepted').length;
      const rejected = outcomes.length - accepted;
      const status = rejected === 0 ? 200 : accepted === 0 ? 422 : 207;
      sendJson(res, status, { source: metricSource, accepted, rejected, items: outcomes.map(itemResult) });
    } catch (err) {
      if (err instanceof IntakeBusy) throw busy(err);
      throw err;
    } finally {
      active--;
    }
  });
}
