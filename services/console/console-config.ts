import { readFileSync } from 'node:fs';
import { ConfigError, readBool, readInt, readOptional, readString, type Env, type EnvVar } from '../core/config/env';

export const CONSOLE_ENV: EnvVar[] = [
  { name: 'CONSOLE_USERS', description: 'Console logins, `name:role:hash` entries separated by commas (roles officer, analyst, admin; hash from `node dist/services/console/auth/hash-password-cli.js`).', secret: true },
  { name: 'CONSOLE_USERS_FILE', description: 'File with one `name:role:hash` entry per line (instead of CONSOLE_USERS).' },
  { name: 'CONSOLE_SESSION_IDLE_MINUTES', description: 'A session ends after this long without requests.', default: '60' },
  { name: 'CONSOLE_SESSION_MAX_HOURS', description: 'A session ends after this long whatever the activity (a shift plus margin).', default: '13' },
  { name: 'CONSOLE_COOKIE_SECURE', description: 'Mark the session cookie Secure (HTTPS only); default true when FRUEHWARN_PUBLIC_URL is https.' },
  { name: 'CONSOLE_TILE_URL', description: 'Map tile URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png; empty shows area outlines only.', default: '' },
  { name: 'CONSOLE_TILE_ATTRIBUTION', description: 'Attribution text shown with the tiles.', default: '© OpenStreetMap contributors' },
  { name: 'CONSOLE_CITIZEN_RATE', description: 'Requests per minute one client may make to the citizens\' API.', default: '60' },
  { name: 'CONSOLE_LOGIN_RATE', description: 'Login attempts per 15 minutes per client.', default: '20' },
  { name: 'CONSOLE_TRUST_PROXY', description: 'Take the client address from X-Forwarded-For (only behind your own reverse proxy).', default: 'false' },
  { name: 'CONSOLE_CHART_HOURS', description: 'How many hours of readings the station charts show.', default: '12' },
  { name: 'CONSOLE_BACKTEST_READINGS', description: 'Recording to backtest against (one SensorReading JSON per line); unset: the readings the bus holds.' },
  { name: 'CONSOLE_BACKTEST_MAX_READINGS', description: 'At most this many of the newest readings go into one backtest.', default: '200000' },
];

export interface ConsoleConfig {
  usersText: string | null;
  usersOrigin: string;
  sessionIdleMs: number;
  sessionMaxMs: number;
  cookieSecure: boolean;
  tileUrl: string;
  tileAttribution: string;
  citizenPerMinute: number;
  loginPer15Minutes: number;
  trustProxy: boolean;
  chartHorizonMs: number;
  backtestFile: string | null;
  backtestMaxReadings: number;
}

export function readConsoleConfig(env: Env, publicUrl: string): ConsoleConfig {
  const file = readOptional(env, 'CONSOLE_USERS_FILE');
  let usersText = readOptional(env, 'CONSOLE_USERS');
  if (file) {
    try {
      usersText = readFileSync(file, 'utf8');
    } catch {
      throw new ConfigError(`CONSOLE_USERS_FILE names "${file}", which cannot be read; expected a file of name:role:hash lines.`);
    }
  }
  const tileUrl = readString(env, 'CONSOLE_TILE_URL', '');
  if (tileUrl !== '' && !/^https?:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/.test(tileUrl)) throw new ConfigError(`CONSOLE_TILE_URL is "${tileUrl}"; expected an http(s) URL template with {z}, {x} and {y}, or empty.`);
  return {
    usersText,
    usersOrigin: file ? file : 'CONSOLE_USERS',
    sessionIdleMs: readInt(env, 'CONSOLE_SESSION_IDLE_MINUTES', 60, { min: 1, max: 24 * 60 }) * 60_000,
    sessionMaxMs: readInt(env, 'CONSOLE_SESSION_MAX_HOURS', 13, { min: 1, max: 72 }) * 3_600_000,
    cookieSecure: readBool(env, 'CONSOLE_COOKIE_SECURE', publicUrl.startsWith('https:')),
    tileUrl,
    tileAttribution: readString(env, 'CONSOLE_TILE_ATTRIBUTION', '© OpenStreetMap contributors'),
    citizenPerMinute: readInt(env, 'CONSOLE_CITIZEN_RATE', 60, { min: 1, max: 100_000 }),
    loginPer15Minutes: readInt(env, 'CONSOLE_LOGIN_RATE', 20, { min: 1, max: 10_000 }),
    trustProxy: readBool(env, 'CONSOLE_TRUST_PROXY', false),
    chartHorizonMs: readInt(env, 'CONSOLE_CHART_HOURS', 12, { min: 1, max: 14 * 24 }) * 3_600_000,
    backtestFile: readOptional(env, 'CONSOLE_BACKTEST_READINGS'),
    backtestMaxReadings: readInt(env, 'CONSOLE_BACKTEST_MAX_READINGS', 200_000, { min: 100, max: 5_000_000 }),
  };
}
