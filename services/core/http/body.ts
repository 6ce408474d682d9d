import type { IncomingMessage } from 'node:http';
import { HttpError, problem } from './problem';

/** Reads a request body up to `limitBytes`; larger bodies are refused with 413 before they are buffered whole. */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    req.resume();
    throw new HttpError(problem(413, 'payload-too-large', 'Payload too large', `The body has ${declared} bytes; at most ${limitBytes} are accepted.`));
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limitBytes) {
      req.resume();
      throw new HttpError(problem(413, 'payload-too-large', 'Payload too large', `The body exceeds ${limitBytes} bytes.`));
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: import('node:http').ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
