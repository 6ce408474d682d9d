import { splitBatch, type SplitResult } from './split-batch';

const LIMITS = { maxItems: 10, maxItemBytes: 200, maxDepth: 4 };

function kinds(r: SplitResult): string[] {
  if (!r.ok) return [`error:${r.status}:${r.reason}`];
  return r.items.map((i) => (i.rejection ? i.rejection.reason : JSON.stringify(i.parsed)));
}

describe('splitBatch', () => {
  it('splits a JSON array by top-level commas, not those inside strings or nested values', () => {
    const body = Buffer.from('\ufeff [{"a":"x,]}\\"[","b":[1,2]}, {"c":{"d":[3]}} ,7]\n');
    expect(kinds(splitBatch(body, false, LIMITS))).toEqual(['{"a":"x,]}\\"[","b":[1,2]}', '{"c":{"d":[3]}}', '7']);
  });

  it('keeps the exact raw bytes of each element', () => {
    const r = splitBatch(Buffer.from('[ {"a": 1} ,{"b" :2}]'), false, LIMITS);
    expect(r.ok && r.items.map((i) => i.raw.toString())).toEqual(['{"a": 1}', '{"b" :2}']);
  });

  it('refuses only the broken element of an array', () => {
    expect(kinds(splitBatch(Buffer.from('[{"a":1},{"a":},{"a":3}}]'), false, LIMITS))).toEqual(['{"a":1}', 'invalid-json', 'invalid-json']);
  });

  it('treats [] as an empty batch, a single object as a batch of one, and a trailing comma as an empty item', () => {
    expect(kinds(splitBatch(Buffer.from('[ ]'), false, LIMITS))).toEqual([]);
    expect(kinds(splitBatch(Buffer.from('{"a":1}'), false, LIMITS))).toEqual(['{"a":1}']);
    expect(kinds(splitBatch(Buffer.from('[{"a":1},]'), false, LIMITS))).toEqual(['{"a":1}', 'invalid-json']);
  });

  it('refuses bodies that are no batch or are unterminated, and batches over the item limit', () => {
    expect(kinds(splitBatch(Buffer.from('"x"'), false, LIMITS))).toEqual(['error:400:invalid-json']);
    expect(kinds(splitBatch(Buffer.from('[{"a":"unterminated}]'), false, LIMITS))).toEqual(['error:400:invalid-json']);
    expect(kinds(splitBatch(Buffer.from('[1] trailing'), false, LIMITS))).toEqual(['error:400:invalid-json']);
    expect(kinds(splitBatch(Buffer.from(JSON.stringify(Array(11).fill(1))), false, LIMITS))).toEqual(['error:413:too-large']);
  });

  it('refuses deep nesting, oversized items and invalid UTF-8 per item', () => {
    const deep = '[[[[[1]]]]]';
    const big = JSON.stringify({ s: 'y'.repeat(300) });
    const body = Buffer.concat([Buffer.from(`${deep}\n${big}\n`), Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from('{"ok":true}')]);
    expect(kinds(splitBatch(body, true, LIMITS))).toEqual(['too-deep', 'too-large', 'invalid-utf8', '{"ok":true}']);
  });
});
