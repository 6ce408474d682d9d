import { promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { HttpError, problem } from '../../core/http/problem';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The page policy: scripts, styles and connections only from this origin (no inline script,
 * nothing from a CDN); images also from the tile server when one is configured.
 */
export function contentSecurityPolicy(tileUrl: string): string {
  let tiles = '';
  if (tileUrl) {
    const u = new URL(tileUrl.replace(/\{[a-z]\}/g, 'a'));
    tiles = ` ${u.protocol}//${u.host.replace(/^a\./, '*.')}`;
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data:${tiles}`,
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "media-src 'self' data:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** Serves a file below root; paths escaping root are 404, like missing files. */
export async function serveFile(req: IncomingMessage, res: ServerResponse, root: string, relative: string, headers: Record<string, string>): Promise<void> {
  const clean = normalize(relative).replace(/^([/\\])+/, '');
  const full = join(root, clean);
  if (clean.startsWith('..') || !(full === root || full.startsWith(root + sep))) throw notFound(relative);
  let body: Buffer;
  try {
    const st = await fs.stat(full);
    if (!st.isFile()) throw new Error('not a file');
    body = await fs.readFile(full);
  } catch {
    throw notFound(relative);
  }
  res.writeHead(200, { 'content-type': TYPES[extname(full)] ?? 'application/octet-stream', 'content-length': body.length, ...headers });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function notFound(path: string): HttpError {
  return new HttpError(problem(404, 'not-found', 'Not found', `Nothing is served at ${path}.`));
}
