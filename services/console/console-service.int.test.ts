import { Topics } from '../core/bus/topics';
import type { AlertEvent } from '../core/model/alert-event';
import type { SensorReading } from '../core/model/reading';
import { startTestRuntime } from '../../test/support/runtime-harness';
import { alertsService } from '../alerts/service';
import { consoleService } from './service';

jest.setTimeout(60_000);

/** Reads server-sent events until `want` matches one, or times out. */
async function nextEvent(url: string, cookie: string, want: (type: string, data: unknown) => boolean, act: () => Promise<void>): Promise<{ type: string; data: Record<string, unknown> }> {
  const ac = new AbortController();
  const res = await fetch(url, { headers: { cookie, accept: 'text/event-stream' }, signal: ac.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const timer = setTimeout(() => ac.abort(), 20_000);
  let acted = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const type = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (type === 'hello' && !acted) {
          acted = true;
          await act();
        }
        if (type && data && want(type, JSON.parse(data))) return { type, data: JSON.parse(data) };
      }
    }
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
}

describe('console service on the runtime (demo mode)', () => {
  let rt: Awaited<ReturnType<typeof startTestRuntime>>;

  beforeAll(async () => {
    rt = await startTestRuntime([alertsService, consoleService], { env: { FRUEHWARN_DEMO: 'true', ALERTS_TICK_SECONDS: '0' } });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  async function loginAs(name: string, password: string) {
    const res = await fetch(`${rt.url}/console/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
    return { res, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '', body: (await res.json()) as Record<string, unknown> };
  }

  it('shows the demo accounts on the config only in demo mode, and logs in with them', async () => {
    const config = (await (await fetch(`${rt.url}/console/api/config`)).json()) as { demo: boolean; demoAccounts: { name: string; password: string }[] };
    expect(config.demo).toBe(true);
    const officer = config.demoAccounts.find((a) => a.name === 'officer')!;
    const { res, cookie, body } = await loginAs('officer', officer.password);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict; Max-Age=46800/);
    expect(body).toMatchObject({ user: 'officer', role: 'officer' });
    const me = await fetch(`${rt.url}/console/api/me`, { headers: { cookie } });
    expect(await me.json()).toMatchObject({ user: 'officer', permissions: ['board.read', 'incidents.command'] });
    expect((await loginAs('officer', 'wrong-password')).res.status).toBe(401);

    await fetch(`${rt.url}/console/api/logout`, { method: 'POST', headers: { cookie } });
    expect((await fetch(`${rt.url}/console/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('streams a new incident to a logged-in board and keeps charts of the readings', async () => {
    const { cookie } = await loginAs('officer', 'demo-officer');
    expect((await fetch(`${rt.url}/console/api/stream`)).status).toBe(401);
    const at = Date.now();
    const event: AlertEvent = {
      id: `gauge-information-level:volme-eckesey:raised:2:${at}`, kind: 'raised', incidentKey: 'hagen-mitte:flood', ruleId: 'gauge-information-level', subject: 'volme-eckesey', hazard: 'flood', areaId: 'hagen-mitte',
      stationIds: ['volme-eckesey'], level: 2, audience: 'public', autoRelease: false, status: 'Actual', evidence: [{ name: 'water_level', stationId: 'volme-eckesey', value: 305, unit: 'cm', text: 'Pegel Hagen-Eckesey 305 cm' }], at,
    };
    const reading: SensorReading = { id: `volme-eckesey/water_level/${at}`, stationId: 'volme-eckesey', quantity: 'water_level', value: 305, unit: 'cm', observedAt: at, receivedAt: at, source: 'test', quality: 'good', qualityFlags: [] };
    const got = await nextEvent(`${rt.url}/console/api/stream`, cookie, (type) => type === 'incident', async () => {
      await rt.context.events.publish(Topics.readings, [{ key: reading.stationId, value: reading }]);
      await rt.context.events.publish(Topics.alertEvents, [{ key: event.incidentKey, value: event, timestamp: at }]);
    });
    expect(got.data).toMatchObject({ hazard: 'flood', level: 2, state: 'pending', areaIds: ['hagen-mitte'], isNew: true });

    const series = (await (await fetch(`${rt.url}/console/api/stations/volme-eckesey/series?quantity=water_level`, { headers: { cookie } })).json()) as { points: { value: number }[]; warningLevels: unknown };
    expect(series.points.map((p) => p.value)).toEqual([305]);
    expect(series.warningLevels).toEqual({ level1: 250, level2: 300, level3: 350 });
    const overview = (await (await fetch(`${rt.url}/console/api/overview`, { headers: { cookie } })).json()) as { levels: { areaId: string; flood: number }[] };
    expect(overview.levels.find((l) => l.areaId === 'hagen-mitte')?.flood).toBe(2);
  });

  it('validates rule text for analysts with file, line and field, and keeps officers out of the workbench', async () => {
    const officer = await loginAs('officer', 'demo-officer');
    expect((await fetch(`${rt.url}/console/api/rules/files`, { headers: { cookie: officer.cookie } })).status).toBe(403);
    const analyst = await loginAs('analyst', 'demo-analyst');
    const headers = { cookie: analyst.cookie, 'x-csrf-token': String(analyst.body.csrf), 'content-type': 'application/json' };
    const text = 'rules:\n  - id: x\n    hazard: flood\n    audience: public\n    bogus: 1\n';
    const res = (await (await fetch(`${rt.url}/console/api/rules/validate`, { method: 'POST', headers, body: JSON.stringify({ file: 'new.yaml', text }) })).json()) as { ok: boolean; errors: { file: string; line: number; field: string }[] };
    expect(res.ok).toBe(false);
    expect(res.errors).toContainEqual(expect.objectContaining({ file: 'new.yaml', line: 5, field: 'rules[0].bogus' }));
    expect((await fetch(`${rt.url}/console/api/rules/validate`, { method: 'POST', headers: { cookie: analyst.cookie, 'content-type': 'application/json' }, body: '{}' })).status).toBe(403);
  });

  it('serves the pages with a strict content security policy and leaflet from node_modules', async () => {
    const page = await fetch(`${rt.url}/console/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('/console/static/js/board.js');
    expect((await fetch(`${rt.url}/console/vendor/leaflet/leaflet-src.esm.js`)).status).toBe(200);
    expect((await fetch(`${rt.url}/console/static/../service.ts`)).status).toBe(404);
    expect((await fetch(`${rt.url}/console/static/%2e%2e/service.ts`)).status).toBe(404);
    // No notify service in this process: the citizens' subscription API says so instead of failing.
    expect((await fetch(`${rt.url}/console/api/citizen/warnings?lon=7.47&lat=51.36`)).status).toBe(503);
  });
});
