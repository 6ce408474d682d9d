import type { ServerResponse } from 'node:http';

/** RFC 9457 problem details, the body of every 4xx/5xx answer. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

const PROBLEM_BASE = 'https://fruehwarn.example/problems/';

export function problem(status: number, slug: string, title: string, detail?: string, extra: Record<string, unknown> = {}): Problem {
  return { type: PROBLEM_BASE + slug, title, status, ...(detail !== undefined ? { detail } : {}), ...extra };
}

export class HttpError extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail ?? problem.title);
  }
}

export function sendProblem(res: ServerResponse, p: Problem, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(p);
  res.writeHead(p.status, { 'content-type': 'application/problem+json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}
