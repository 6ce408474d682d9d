import type { IncomingMessage } from 'node:http';
import { readBody } from '../../core/http/body';
import { HttpError, problem } from '../../core/http/problem';

export async function readJsonObject(req: IncomingMessage, limitBytes = 256 * 1024): Promise<Record<string, unknown>> {
  const raw = await readBody(req, limitBytes);
  let body: unknown;
  try {
    body = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(problem(400, 'invalid-json', 'Invalid JSON', 'The body is not valid JSON.'));
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(problem(400, 'invalid-json', 'Invalid JSON', 'The body must be a JSON object.'));
  return body as Record<string, unknown>;
}

export function stringField(body: Record<string, unknown>, name: string, maxLength: number, required = true): string {
  const v = body[name];
  if (v === undefined && !required) return '';
  if (typeof v !== 'string' || v.length > maxLength) throw new HttpError(problem(400, 'invalid-field', 'Invalid field', `${name} must be a string of at most ${maxLength} characters.`, { field: name }));
  return v;
}
