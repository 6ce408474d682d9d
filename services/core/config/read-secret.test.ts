import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig, readSecret } from './config';
import { ConfigError } from './env';

describe('secrets from files (*_FILE)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fruehwarn-secret-'));
  const file = path.join(dir, 'password');
  fs.writeFileSync(file, 's3cret-from-file\n');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads NAME_FILE (trimmed) before NAME, and NAME when there is no file', () => {
    expect(readSecret({ X_PASSWORD_FILE: file, X_PASSWORD: 'plain' }, 'X_PASSWORD')).toBe('s3cret-from-file');
    expect(readSecret({ X_PASSWORD: 'plain' }, 'X_PASSWORD')).toBe('plain');
    expect(readSecret({}, 'X_PASSWORD')).toBeNull();
  });

  it('says which file cannot be read', () => {
    expect(() => readSecret({ X_PASSWORD_FILE: path.join(dir, 'missing') }, 'X_PASSWORD')).toThrow(ConfigError);
    expect(() => readSecret({ X_PASSWORD_FILE: path.join(dir, 'missing') }, 'X_PASSWORD')).toThrow(/X_PASSWORD_FILE names ".*missing", which cannot be read/);
  });

  it('gives Kafka SCRAM credentials with the password from a file, and TLS', () => {
    const config = loadConfig({ FRUEHWARN_BUS: 'kafka', KAFKA_BROKERS: 'kafka-0.example:9093', KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'fruehwarn', KAFKA_SASL_PASSWORD_FILE: file });
    expect(config.kafka).toEqual({ brokers: ['kafka-0.example:9093'], clientId: 'fruehwarn', ssl: true, sasl: { mechanism: 'scram-sha-512', username: 'fruehwarn', password: 's3cret-from-file' } });
    expect(() => loadConfig({ FRUEHWARN_BUS: 'kafka', KAFKA_BROKERS: 'k:9093', KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u' })).toThrow(/KAFKA_SASL_PASSWORD must both be set/);
  });
});
