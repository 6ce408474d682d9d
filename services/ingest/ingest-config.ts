import { readSecret } from '../core/config/config';
import { ConfigError, readInt, readOptional, readString, readUrl, type Env, type EnvVar } from '../core/config/env';
import { ApiKeys, DEMO_API_KEY } from './http/api-keys';

export const DEFAULT_MQTT_TOPICS = 'application/+/device/+/event/up,v3/+/devices/+/up';
export const DEFAULT_PEGELONLINE_URL = 'https://www.pegelonline.wsv.de/webservices/rest-api/v2';

export const INGEST_ENV: EnvVar[] = [
  { name: 'INGEST_API_KEYS', description: `API keys of the HTTP batch endpoint as \`source=key,source2=key2\` (keys of at least 16 characters; the key decides the source \`http:<source>\`); or INGEST_API_KEYS_FILE. With FRUEHWARN_DEMO the key \`${DEMO_API_KEY}\` (source \`demo\`) is added.`, secret: true },
  { name: 'INGEST_MAX_BATCH', description: 'Most items in one HTTP batch; larger batches are answered 413.', default: '1000' },
  { name: 'INGEST_MAX_BODY_BYTES', description: 'Largest HTTP batch body in bytes; larger bodies are answered 413.', default: '1048576' },
  { name: 'INGEST_MAX_ITEM_BYTES', description: 'Largest single item in bytes; larger items are refused (`too-large`).', default: '4096' },
  { name: 'INGEST_MAX_IN_FLIGHT', description: 'Records waiting for the bus before HTTP answers 503 with Retry-After (back-pressure).', default: '20000' },
  { name: 'INGEST_PUBLISH_TIMEOUT_MS', description: 'A bus publish slower than this answers 503 with Retry-After (the readings may still arrive; ids make retries harmless).', default: '5000' },
  { name: 'INGEST_MAX_CLOCK_SKEW_SECONDS', description: 'Readings further in the future are refused (`future-timestamp`).', default: '300' },
  { name: 'INGEST_MAX_AGE_HOURS', description: 'Readings older than this are refused (`too-old`).', default: '168' },
  { name: 'INGEST_MQTT_URL', description: 'MQTT broker with the LoRaWAN network servers\' uplinks, e.g. mqtt://127.0.0.1:1883; empty turns MQTT off.' },
  { name: 'INGEST_MQTT_TOPICS', description: 'Comma list of uplink topic filters (ChirpStack v4 and The Things Stack v3 shapes).', default: DEFAULT_MQTT_TOPICS },
  { name: 'INGEST_MQTT_CLIENT_ID', description: 'Fixed MQTT client id of the persistent session (QoS 1 messages wait for us while we are away).', default: 'fruehwarn-ingest' },
  { name: 'INGEST_MQTT_USERNAME', description: 'MQTT user name.' },
  { name: 'INGEST_MQTT_PASSWORD', description: 'MQTT password (or INGEST_MQTT_PASSWORD_FILE).', secret: true },
  { name: 'INGEST_DEVICE_MAP', description: 'YAML file mapping LoRaWAN payload fields to quantities and units and devices to stations, added to the built-in map (services/ingest/mqtt/device-map.ts).' },
  { name: 'INGEST_PEGELONLINE_URL', description: 'PEGELONLINE REST API base URL.', default: DEFAULT_PEGELONLINE_URL },
  { name: 'INGEST_PEGELONLINE_STATIONS', description: 'Gauges to poll as `uuid-or-name=station-id,...` (water level W); gauges with pegelonlineUuid in the catalogue are added; empty and none in the catalogue turns polling off.' },
  { name: 'INGEST_PEGELONLINE_INTERVAL_SECONDS', description: 'Seconds between polls of each gauge; after failures the wait doubles up to 16 times this.', default: '300' },
  { name: 'INGEST_PEGELONLINE_LOOKBACK_HOURS', description: 'How far back the first poll of a gauge reaches (later polls resume after the last timestamp seen).', default: '24' },
];

export interface IngestConfig {
  keys: ApiKeys;
  http: { maxItems: number; maxBodyBytes: number; maxItemBytes: number; maxDepth: number; maxConcurrentRequests: number };
  intake: { maxInFlight: number; publishTimeoutMs: number; retryAfterS: number; maxDeadLetterBytes: number };
  validation: { maxClockSkewMs: number; maxAgeMs: number };
  mqtt: { url: string; topics: string[]; clientId: string; username: string | null; password: string | null; deviceMapFile: string | null } | null;
  pegelonline: { url: string; stations: Map<string, string>; intervalMs: number; lookbackMs: number };
}

/** `key=value,key=value` with both sides non-empty. */
function parsePairs(value: string | null, name: string, expected: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (value ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) throw new ConfigError(`${name} has "${part}"; expected ${expected}.`);
    map.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return map;
}

export function loadIngestConfig(env: Env, demo: boolean): IngestConfig {
  const mqttUrl = readUrl(env, 'INGEST_MQTT_URL', ['mqtt:', 'mqtts:', 'ws:', 'wss:', 'tcp:'], null);
  const topics = readString(env, 'INGEST_MQTT_TOPICS', DEFAULT_MQTT_TOPICS).split(',').map((s) => s.trim()).filter(Boolean);
  if (mqttUrl && topics.length === 0) throw new ConfigError('INGEST_MQTT_TOPICS names no topic; expected a comma list of MQTT topic filters.');
  return {
    keys: ApiKeys.parse(readSecret(env, 'INGEST_API_KEYS'), 'INGEST_API_KEYS', { demo }),
    http: {
      maxItems: readInt(env, 'INGEST_MAX_BATCH', 1000, { min: 1, max: 100_000 }),
      maxBodyBytes: readInt(env, 'INGEST_MAX_BODY_BYTES', 1024 * 1024, { min: 1024, max: 64 * 1024 * 1024 }),
      maxItemBytes: readInt(env, 'INGEST_MAX_ITEM_BYTES', 4096, { min: 256, max: 1024 * 1024 }),
      maxDepth: 8,
      maxConcurrentRequests: 64,
    },
    intake: {
      maxInFlight: readInt(env, 'INGEST_MAX_IN_FLIGHT', 20_000, { min: 1 }),
      publishTimeoutMs: readInt(env, 'INGEST_PUBLISH_TIMEOUT_MS', 5000, { min: 10, max: 600_000 }),
      retryAfterS: 2,
      maxDeadLetterBytes: 64 * 1024,
    },
    validation: {
      maxClockSkewMs: readInt(env, 'INGEST_MAX_CLOCK_SKEW_SECONDS', 300, { min: 0, max: 86_400 }) * 1000,
      maxAgeMs: readInt(env, 'INGEST_MAX_AGE_HOURS', 168, { min: 1, max: 24 * 366 * 10 }) * 3_600_000,
    },
    mqtt: mqttUrl
      ? {
          url: mqttUrl,
          topics,
          clientId: readString(env, 'INGEST_MQTT_CLIENT_ID', 'fruehwarn-ingest'),
          username: readOptional(env, 'INGEST_MQTT_USERNAME'),
          password: readSecret(env, 'INGEST_MQTT_PASSWORD'),
          deviceMapFile: readOptional(env, 'INGEST_DEVICE_MAP'),
        }
      : null,
    pegelonline: {
      url: (readUrl(env, 'INGEST_PEGELONLINE_URL', ['http:', 'https:'], DEFAULT_PEGELONLINE_URL) ?? DEFAULT_PEGELONLINE_URL).replace(/\/$/, ''),
      stations: parsePairs(readOptional(env, 'INGEST_PEGELONLINE_STATIONS'), 'INGEST_PEGELONLINE_STATIONS', 'uuid-or-name=station-id'),
      intervalMs: readInt(env, 'INGEST_PEGELONLINE_INTERVAL_SECONDS', 300, { min: 1, max: 86_400 }) * 1000,
      lookbackMs: readInt(env, 'INGEST_PEGELONLINE_LOOKBACK_HOURS', 24, { min: 1, max: 24 * 30 }) * 3_600_000,
    },
  };
}
