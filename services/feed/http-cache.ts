import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpDate } from './time';

/**
 * Conditional GET for the feed: a strong ETag (hash of the exact body), Last-Modified, a short
 * Cache-Control, and 304 Not Modified per RFC 9110 §13.2.2 (If-None-Match wins over
 * If-Modified-Since; the latter is compared at second precision).
 */
export interface Representation {
  body: string;
  contentType: string;
  lastModified: number;
  maxAgeSeconds: number;
}

export function strongEtag(body: string): string {
  return `"${createHash('sha256').update(body, 'utf8').digest('base64url').slice(0, 32)}"`;
}

export function isNotModified(req: IncomingMessage, etag: string, lastModified: number): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    const tags = inm.split(',').map((t) => t.trim());
    // If-None-Match uses the weak comparison (RFC 9110 §8.8.3.2): W/"x" matches "x".
    return tags.includes('*') || tags.some((t) => t === etag || t === `W/${etag}`);
  }
  const ims = req.headers['if-modified-since'];
  if (ims !== undefined) {
    const since = Date.parse(ims);
    if (Number.isFinite(since)) return Math.floor(lastModified / 1000) * 1000 <= since;
  }
  return false;
}

export function sendRepresentation(req: IncomingMessage, res: ServerResponse, rep: Representation): void {
  const etag = strongEtag(rep.body);
  const headers: Record<string, string> = {
    etag,
    'last-modified': httpDate(rep.lastModified),
    'cache-control': `public, max-age=${rep.maxAgeSeconds}`,
    // Lists and warnings are public data; browser apps (maps, dashboards) may read them.
    'access-control-allow-origin': '*',
  };
  if (isNotModified(req, etag, rep.lastModified)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': rep.contentType, 'content-length': String(Buffer.byteLength(rep.body)) });
  res.end(req.method === 'HEAD' ? undefined : rep.body);
}
