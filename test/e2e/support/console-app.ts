/**
 * The running app for browser tests: the real runtime (console, alerts, feed, notify, engine on
 * the embedded bus) with test logins, a private copy of rules/ (the analyst test saves into it),
 * and headless Chromium from Debian's package driven by playwright-core.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { Topics } from '../../../services/core/bus/topics';
import type { SensorReading } from '../../../services/core/model/reading';
import type { ServiceDefinition } from '../../../services/core/service/service';
import { alertsService } from '../../../services/alerts/service';
import { consoleService } from '../../../services/console/service';
import { engineService } from '../../../services/engine/service';
import { feedService } from '../../../services/feed/service';
import { notifyService } from '../../../services/notify/service';
import { hashPassword } from '../../../services/console/auth/password-hash';
import { REPO_ROOT, startTestRuntime } from '../../support/runtime-harness';

export const PASSWORDS = { officer: 'officer-pass-1', analyst: 'analyst-pass-1' } as const;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots go to a temporary folder, so a test run leaves the checkout clean; refresh the README's with FRUEHWARN_SCREENSHOTS_DIR=docs/screenshots. */
export const SCREENSHOTS = process.env.FRUEHWARN_SCREENSHOTS_DIR ? join(REPO_ROOT, process.env.FRUEHWARN_SCREENSHOTS_DIR) : join(tmpdir(), 'fruehwarn-screenshots');

export type App = Awaited<ReturnType<typeof startTestRuntime>> & { rulesDir: string; browser: Browser; close(): Promise<void> };

export async function startApp(env: Record<string, string> = {}): Promise<App> {
  const rulesDir = mkdtempSync(join(tmpdir(), 'fruehwarn-rules-'));
  cpSync(join(REPO_ROOT, 'rules'), rulesDir, { recursive: true });
  // Cheap scrypt cost: the test logs in a few times, the format is the production one.
  const cost = { N: 1024, r: 8, p: 1 };
  const users = [`officer:officer:${await hashPassword(PASSWORDS.officer, cost)}`, `analyst:analyst:${await hashPassword(PASSWORDS.analyst, cost)}`].join(',');
  const defs: ServiceDefinition[] = [feedService, alertsService, notifyService, engineService, consoleService];
  const runtime = await startTestRuntime(defs, {
    env: { FRUEHWARN_RULES_DIR: rulesDir, CONSOLE_USERS: users, NOTIFY_PUSH_THREADS: '1', ENGINE_TICK_SECONDS: '1', ALERTS_TICK_SECONDS: '1', CONSOLE_TILE_URL: '', ...env },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'] });
  return Object.assign(runtime, {
    rulesDir,
    browser,
    async close() {
      await browser.close();
      await runtime.stop();
      rmSync(rulesDir, { recursive: true, force: true });
    },
  });
}

export async function newPage(app: App, options: { locale?: string } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await app.browser.newContext({ baseURL: app.url, locale: options.locale ?? 'de-DE', viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, errors };
}

export async function login(page: Page, name: keyof typeof PASSWORDS, path = '/console/'): Promise<void> {
  await page.goto(path);
  await page.waitForURL(/\/console\/login/);
  await page.getByLabel(/^(Name)$/).fill(name);
  await page.getByLabel(/Passwort|Password/).fill(PASSWORDS[name]);
  await page.getByRole('button', { name: /Anmelden|Log in/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/console/login'));
  await page.waitForSelector('body[data-ready="true"]');
}

/** Water levels of one gauge every 5 minutes (event time), as ingest would publish them. */
export function gaugeReadings(stationId: string, values: number[], start: number, stepMs = 5 * 60_000): SensorReading[] {
  return values.map((value, i) => {
    const observedAt = start + i * stepMs;
    return { id: `${stationId}/water_level/${observedAt}`, stationId, quantity: 'water_level', value, unit: 'cm', observedAt, receivedAt: observedAt, source: 'test', quality: 'good', qualityFlags: [] };
  });
}

export async function publishReadings(app: App, readings: SensorReading[]): Promise<void> {
  await app.context.events.publish<SensorReading>(Topics.readings, readings.map((r) => ({ key: r.stationId, value: r, timestamp: r.observedAt })));
}

/** Logs in over HTTP (as a script would): the session cookie and CSRF token for API calls. */
export async function apiSession(app: App, name: keyof typeof PASSWORDS): Promise<{ headers: Record<string, string> }> {
  const res = await fetch(`${app.url}/console/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: PASSWORDS[name] }) });
  if (res.status !== 200) throw new Error(`login of ${name} failed: ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrf } = (await res.json()) as { csrf: string };
  return { headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' } };
}
