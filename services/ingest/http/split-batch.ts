import { rejection } from '../validation/rejection';
import type { IntakeItem } from '../intake/reading-intake';

/**
 * Splits a batch body into items with their exact raw bytes, so one bad item is refused alone
 * and its dead letter carries what the client sent. Two formats:
 *  - a JSON array `[ {...}, {...} ]` (a single object is taken as a batch of one);
 *  - NDJSON: one JSON object per line.
 * The array is split by a byte scanner (strings, escapes, nesting), not by JSON.parse of the
 * whole body: a syntax error inside one element does not take its neighbours down.
 */
export interface SplitLimits {
  maxItems: number;
  maxItemBytes: number;
  maxDepth: number;
}

export type SplitResult = { ok: true; items: IntakeItem[] } | { ok: false; status: 400 | 413; reason: 'invalid-json' | 'too-large'; detail: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

function trimmed(buf: Buffer): Buffer {
  let start = 0;
  let end = buf.length;
  // Skip a UTF-8 byte order mark as well as whitespace.
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
  while (start < end && isSpace(buf[start])) start++;
  while (end > start && isSpace(buf[end - 1])) end--;
  return buf.subarray(start, end);
}

/** Nesting depth of a JSON text, counted by bytes outside strings. */
function depthOf(buf: Buffer): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) max = Math.max(max, ++depth);
    else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) depth--;
  }
  return max;
}

/** Parses one item's bytes, or says why not; never throws. */
export function parseItem(raw: Buffer, limits: SplitLimits): IntakeItem {
  const copy = Buffer.from(raw); // the body buffer is not kept alive by a dead letter
  if (raw.length > limits.maxItemBytes) return { raw: copy, rejection: rejection('too-large', `The item has ${raw.length} bytes; at most ${limits.maxItemBytes} are accepted.`, '') };
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return { raw: copy, rejection: rejection('invalid-utf8', 'The item is not valid UTF-8.', '') };
  }
  if (depthOf(raw) > limits.maxDepth) return { raw: copy, rejection: rejection('too-deep', `The item nests deeper than ${limits.maxDepth} levels.`, '') };
  try {
    return { raw: copy, parsed: JSON.parse(text) as unknown };
  } catch (err) {
    return { raw: copy, rejection: rejection('invalid-json', `The item is not valid JSON (${(err as Error).message.slice(0, 120)}).`, '') };
  }
}

/** Byte ranges of the top-level elements of a JSON array body (from just after `[`); null when the array never closes. */
function arrayElements(body: Buffer): Buffer[] | null {
  const elements: Buffer[] = [];
  let depth = 0;
  let inString = false;
  let start = 1;
  for (let i = 1; i < body.length; i++) {
    const b = body[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
      continue;
    }
    if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
    else if ((b === CLOSE_BRACE || b === CLOSE_BRACKET) && depth > 0) depth--;
    else if (depth === 0 && (b === COMMA || b === CLOSE_BRACKET)) {
      elements.push(body.subarray(start, i));
      start = i + 1;
      if (b === CLOSE_BRACKET) {
        if (trimmed(body.subarray(i + 1)).length > 0) return null;
        // `[]` is an empty batch, not a batch with one empty element.
        if (elements.length === 1 && trimmed(elements[0]).length === 0) return [];
        return elements;
      }
    }
  }
  return null;
}

export function splitBatch(body: Buffer, ndjson: boolean, limits: SplitLimits): SplitResult {
  const content = trimmed(body);
  const pieces: Buffer[] = [];
  if (ndjson) {
    let start = 0;
    for (let i = 0; i <= content.length; i++) {
      if (i === content.length || content[i] === NEWLINE) {
        const line = trimmed(content.subarray(start, i));
        if (line.length > 0) pieces.push(line);
        start = i + 1;
      }
    }
  } else if (content[0] === OPEN_BRACKET) {
    const elements = arrayElements(content);
    if (!elements) return { ok: false, status: 400, reason: 'invalid-json', detail: 'The body starts a JSON array that does not end properly; send a JSON array or NDJSON (one object per line).' };
    pieces.push(...elements.map(trimmed));
  } else if (content[0] === OPEN_BRACE) {
    pieces.push(content);
  } else {
    return { ok: false, status: 400, reason: 'invalid-json', detail: 'The body is neither a JSON array nor a JSON object; send a JSON array or NDJSON (one object per line).' };
  }
  if (pieces.length > limits.maxItems) {
    return { ok: false, status: 413, reason: 'too-large', detail: `The batch has ${pieces.length} items; at most ${limits.maxItems} are accepted per request.` };
  }
  return { ok: true, items: pieces.map((p) => (p.length === 0 ? { raw: Buffer.alloc(0), rejection: rejection('invalid-json', 'The item is empty.', '') } : parseItem(p, limits))) };
}
