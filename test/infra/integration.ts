/**
 * Helpers for integration suites (*.int.test.ts). test/infra/global-setup.ts reaches or
 * starts the real services once per run and exports their addresses:
 *   KAFKA_BROKERS, SCHEMA_REGISTRY_URL, REDIS_URL, MQTT_URL
 * and FRUEHWARN_TEST_UNAVAILABLE (comma list of services it could not reach, with reasons in
 * FRUEHWARN_TEST_UNAVAILABLE_REASONS as JSON).
 *
 * A suite whose service is unavailable is skipped on a developer machine, but fails under
 * CI=true: CI must never pass by skipping.
 */
import { randomBytes } from 'node:crypto';

export type RealService = 'kafka' | 'registry' | 'redis' | 'mqtt';

export function unavailableServices(): Map<string, string> {
  const list = (process.env.FRUEHWARN_TEST_UNAVAILABLE ?? '').split(',').filter(Boolean);
  let reasons: Record<string, string> = {};
  try {
    reasons = JSON.parse(process.env.FRUEHWARN_TEST_UNAVAILABLE_REASONS ?? '{}') as Record<string, string>;
  } catch {
    reasons = {};
  }
  return new Map(list.map((s) => [s, reasons[s] ?? 'not reachable']));
}

/** describe() that needs real services. */
export function describeWith(services: RealService[], name: string, fn: () => void): void {
  const missing = services.filter((s) => unavailableServices().has(s));
  if (missing.length === 0) {
    describe(name, fn);
    return;
  }
  const why = missing.map((s) => `${s}: ${unavailableServices().get(s)}`).join('; ');
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has its services', () => {
        throw new Error(`Required services are unavailable under CI (${why}).`);
      });
    });
  } else {
    describe.skip(`${name} (skipped, unavailable: ${why})`, fn);
  }
}

/** A name no other test run uses (topics, groups, key prefixes). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set; test/infra/global-setup.ts should have exported it.`);
  return v;
}

/** Polls until `check` returns a truthy value or the timeout passes. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 10000, intervalMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
