/**
 * Reading configuration from the environment with one clear sentence per mistake.
 * Every service declares its variables as EnvVar entries (name, meaning, default) so the
 * README table and `fruehwarn env` list them all from one source.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface EnvVar {
  name: string;
  description: string;
  default?: string;
  /** Free text on when it is required, e.g. "when FRUEHWARN_BUS=kafka". */
  requiredWhen?: string;
  secret?: boolean;
}

export type Env = Record<string, string | undefined>;

function present(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

export function readString(env: Env, name: string, fallback: string): string {
  return present(env, name) ?? fallback;
}

export function readOptional(env: Env, name: string): string | null {
  return present(env, name) ?? null;
}

export function readRequired(env: Env, name: string, expected: string, when?: string): string {
  const v = present(env, name);
  if (v === undefined) throw new ConfigError(`${name} is not set${when ? ` but is required ${when}` : ''}; expected ${expected}.`);
  return v;
}

export function readEnum<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const v = present(env, name);
  if (v === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new ConfigError(`${name} is "${v}"; expected one of ${allowed.join(', ')}.`);
  return v as T;
}

export function readInt(env: Env, name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
  const v = present(env, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  const min = range.min ?? Number.MIN_SAFE_INTEGER;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (!/^-?\d+$/.test(v) || n < min || n > max) {
    throw new ConfigError(`${name} is "${v}"; expected a whole number${range.min !== undefined ? ` from ${min}` : ''}${range.max !== undefined ? ` to ${max}` : ''}.`);
  }
  return n;
}

export function readBool(env: Env, name: string, fallback: boolean): boolean {
  const v = present(env, name);
  if (v === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new ConfigError(`${name} is "${v}"; expected true or false.`);
}

export function readUrl(env: Env, name: string, protocols: string[], fallback: string | null): string | null {
  const v = present(env, name);
  if (v === undefined) return fallback;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new ConfigError(`${name} is "${v}"; expected a URL such as ${protocols[0]}//host:port.`);
  }
  if (!protocols.includes(url.protocol)) throw new ConfigError(`${name} is "${v}"; expected a URL starting with ${protocols.join(' or ')}//.`);
  return v;
}

/** `host:port,host:port` */
export function readHostPorts(env: Env, name: string, when: string): string[] {
  const v = readRequired(env, name, 'a comma-separated list of host:port', when);
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const hp of list) {
    if (!/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/.test(hp)) throw new ConfigError(`${name} has "${hp}"; expected host:port, e.g. 127.0.0.1:9092.`);
  }
  return list;
}
