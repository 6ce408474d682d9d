import { ConfigError } from '../../core/config/env';
import { ApiKeys, DEMO_API_KEY } from './api-keys';

describe('ApiKeys', () => {
  it('maps each key to its source and nothing else', () => {
    const keys = ApiKeys.parse('stadtwerke=aaaaaaaaaaaaaaaa1, ruhrverband=bbbbbbbbbbbbbbbb2', 'K', { demo: false });
    expect(keys.sourceOf('aaaaaaaaaaaaaaaa1')).toBe('stadtwerke');
    expect(keys.sourceOf('bbbbbbbbbbbbbbbb2')).toBe('ruhrverband');
    expect(keys.sourceOf('aaaaaaaaaaaaaaaa')).toBeNull();
    expect(keys.sourceOf('')).toBeNull();
    expect(keys.sourceOf(DEMO_API_KEY)).toBeNull();
  });

  it('adds the demo key only in demo mode', () => {
    expect(ApiKeys.parse('', 'K', { demo: true }).sourceOf(DEMO_API_KEY)).toBe('demo');
    expect(ApiKeys.parse(null, 'K', { demo: false }).size).toBe(0);
  });

  it.each([['short=abc'], ['Bad Source=aaaaaaaaaaaaaaaaaaaa'], ['nokey'], ['a=aaaaaaaaaaaaaaaaaa,a=bbbbbbbbbbbbbbbbbbbb']])('refuses %s with a clear error', (value) => {
    expect(() => ApiKeys.parse(value, 'INGEST_API_KEYS', { demo: false })).toThrow(ConfigError);
    expect(() => ApiKeys.parse(value, 'INGEST_API_KEYS', { demo: false })).toThrow(/INGEST_API_KEYS/);
  });
});
