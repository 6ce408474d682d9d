import * as path from 'node:path';
import { isLogLevel, type LogLevel } from '../observability/logger';
import { SERVICE_NAMES, type ServiceName } from '../service/service';
import {
  ConfigError,
  readBool,
  readEnum,
  readHostPorts,
  readInt,
  readOptional,
  readString,
  readUrl,
  type Env,
  type EnvVar,
} from './env';

export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  ssl: boolean;
  sasl: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string } | null;
}

export interface Config {
  bus: 'embedded' | 'kafka';
  store: 'embedded' | 'redis';
  /** Embedded bus log and store snapshots live here; null keeps them in memory only. */
  dataDir: string | null;
  kafka: KafkaConfig | null;
  schemaRegistryUrl: string | null;
  redisUrl: string | null;
  http: { host: string; port: number };
  logLevel: LogLevel;
  services: ServiceName[];
  rulesDir: string;
  catalogueFile: string;
  /** Public base URL of this installation, used in links (CAP web, push payloads). */
  publicUrl: string;
  /** Run the demo scenario generator into ingest (npm start). */
  demo: boolean;
  /** The raw environment, for service-specific settings (each service reads its own). */
  env: Env;
}

export const CORE_ENV: EnvVar[] = [
  { name: 'FRUEHWARN_BUS', description: 'Message bus: `embedded` (in-process log) or `kafka`.', default: 'embedded' },
  { name: 'FRUEHWARN_STORE', description: 'State store: `embedded` (in-process, snapshots in the data dir) or `redis`.', default: 'embedded' },
  { name: 'FRUEHWARN_DATA_DIR', description: 'Where the embedded bus and store persist; `none` keeps everything in memory.', default: './data' },
  { name: 'FRUEHWARN_SERVICES', description: 'Comma list of services this process runs (ingest, engine, alerts, notify, feed, console); same as `--service`.', default: 'all' },
  { name: 'KAFKA_BROKERS', description: 'Kafka bootstrap servers, host:port comma list.', requiredWhen: 'FRUEHWARN_BUS=kafka' },
  { name: 'KAFKA_CLIENT_ID', description: 'Kafka client id prefix.', default: 'fruehwarn' },
  { name: 'KAFKA_SSL', description: 'Use TLS to the brokers.', default: 'false' },
  { name: 'KAFKA_SASL_MECHANISM', description: 'SASL mechanism: plain, scram-sha-256 or scram-sha-512; unset disables SASL.' },
  { name: 'KAFKA_SASL_USERNAME', description: 'SASL user.', requiredWhen: 'KAFKA_SASL_MECHANISM is set' },
  { name: 'KAFKA_SASL_PASSWORD', description: 'SASL password (or KAFKA_SASL_PASSWORD_FILE).', requiredWhen: 'KAFKA_SASL_MECHANISM is set', secret: true },
  { name: 'SCHEMA_REGISTRY_URL', description: 'Confluent-compatible schema registry; when set, records use the Confluent wire format.' },
  { name: 'REDIS_URL', description: 'Redis URL, e.g. redis://127.0.0.1:6379/0.', requiredWhen: 'FRUEHWARN_STORE=redis' },
  { name: 'HTTP_HOST', description: 'Interface the HTTP server binds to.', default: '127.0.0.1' },
  { name: 'HTTP_PORT', description: 'Port of the HTTP server (ingest API, feed, console, /metrics, /healthz, /readyz).', default: '8080' },
  { name: 'LOG_LEVEL', description: 'debug, info, warn, error or silent.', default: 'info' },
  { name: 'FRUEHWARN_RULES_DIR', description: 'Folder of rule files (*.yaml).', default: './rules' },
  { name: 'FRUEHWARN_CATALOGUE', description: 'Stations and areas catalogue file.', default: './rules/catalogue.yaml' },
  { name: 'FRUEHWARN_PUBLIC_URL', description: 'Public base URL used in links of warnings and push messages.', default: 'http://127.0.0.1:8080' },
  { name: 'FRUEHWARN_DEMO', description: 'Feed the demo scenario into ingest.', default: 'false' },
];

/** Reads a secret from NAME or from the file named by NAME_FILE (container secrets). */
export function readSecret(env: Env, name: string): string | null {
  const file = readOptional(env, `${name}_FILE`);
  if (file) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('node:fs') as typeof import('node:fs');
    try {
      return fs.readFileSync(file, 'utf8').trim();
    } catch {
      throw new ConfigError(`${name}_FILE names "${file}", which cannot be read; expected a readable file holding the secret.`);
    }
  }
  return readOptional(env, name);
}

export function parseServices(value: string): ServiceName[] {
  if (value === 'all') return [...SERVICE_NAMES];
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of list) {
    if (!(SERVICE_NAMES as readonly string[]).includes(s)) {
      throw new ConfigError(`The service "${s}" does not exist; expected one or more of ${SERVICE_NAMES.join(', ')} or all.`);
    }
  }
  if (list.length === 0) throw new ConfigError(`No service named; expected one or more of ${SERVICE_NAMES.join(', ')} or all.`);
  return list as ServiceName[];
}

/** Flags override the environment: --service NAME[,NAME], --port N, --data-dir DIR, --demo. */
export function loadConfig(env: Env, flags: Record<string, string | boolean> = {}): Config {
  const merged: Env = { ...env };
  if (typeof flags.service === 'string') merged.FRUEHWARN_SERVICES = flags.service;
  if (typeof flags.port === 'string') merged.HTTP_PORT = flags.port;
  if (typeof flags['data-dir'] === 'string') merged.FRUEHWARN_DATA_DIR = flags['data-dir'];
  if (flags.demo === true) merged.FRUEHWARN_DEMO = 'true';

  const bus = readEnum(merged, 'FRUEHWARN_BUS', ['embedded', 'kafka'] as const, 'embedded');
  const store = readEnum(merged, 'FRUEHWARN_STORE', ['embedded', 'redis'] as const, 'embedded');
  const dataDirRaw = readString(merged, 'FRUEHWARN_DATA_DIR', './data');
  const logLevelRaw = readString(merged, 'LOG_LEVEL', 'info');
  if (!isLogLevel(logLevelRaw)) throw new ConfigError(`LOG_LEVEL is "${logLevelRaw}"; expected debug, info, warn, error or silent.`);

  let kafka: KafkaConfig | null = null;
  if (bus === 'kafka') {
    const mechanism = readOptional(merged, 'KAFKA_SASL_MECHANISM');
    let sasl: KafkaConfig['sasl'] = null;
    if (mechanism) {
      const m = readEnum(merged, 'KAFKA_SASL_MECHANISM', ['plain', 'scram-sha-256', 'scram-sha-512'] as const, 'plain');
      const username = readOptional(merged, 'KAFKA_SASL_USERNAME');
      const password = readSecret(merged, 'KAFKA_SASL_PASSWORD');
      if (!username || !password) throw new ConfigError('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD must both be set when KAFKA_SASL_MECHANISM is set.');
      sasl = { mechanism: m, username, password };
    }
    kafka = {
      brokers: readHostPorts(merged, 'KAFKA_BROKERS', 'when FRUEHWARN_BUS=kafka'),
      clientId: readString(merged, 'KAFKA_CLIENT_ID', 'fruehwarn'),
      ssl: readBool(merged, 'KAFKA_SSL', false),
      sasl,
    };
  }
  const redisUrl = readUrl(merged, 'REDIS_URL', ['redis:', 'rediss:'], null);
  if (store === 'redis' && !redisUrl) throw new ConfigError('REDIS_URL is not set but is required when FRUEHWARN_STORE=redis; expected a URL such as redis://127.0.0.1:6379.');

  const port = readInt(merged, 'HTTP_PORT', 8080, { min: 0, max: 65535 });
  return {
    bus,
    store,
    dataDir: dataDirRaw === 'none' ? null : path.resolve(dataDirRaw),
    kafka,
    schemaRegistryUrl: readUrl(merged, 'SCHEMA_REGISTRY_URL', ['http:', 'https:'], null),
    redisUrl,
    http: { host: readString(merged, 'HTTP_HOST', '127.0.0.1'), port },
    logLevel: logLevelRaw,
    services: parseServices(readString(merged, 'FRUEHWARN_SERVICES', 'all')),
    rulesDir: path.resolve(readString(merged, 'FRUEHWARN_RULES_DIR', './rules')),
    catalogueFile: path.resolve(readString(merged, 'FRUEHWARN_CATALOGUE', './rules/catalogue.yaml')),
    publicUrl: readString(merged, 'FRUEHWARN_PUBLIC_URL', `http://127.0.0.1:${port}`).replace(/\/$/, ''),
    demo: readBool(merged, 'FRUEHWARN_DEMO', false),
    env: merged,
  };
}
