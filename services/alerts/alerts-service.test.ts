import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmbeddedBus } from '../core/bus/embedded/embedded-bus';
import { defaultTopicSpecs, Topics } from '../core/bus/topics';
import { EventBus } from '../core/bus/typed-bus';
import { JsonCodec } from '../core/codec/json-codec';
import { Router } from '../core/http/router';
import type { Alert } from '../core/model/alert';
import type { AlertEvent } from '../core/model/alert-event';
import { ManualClock } from '../core/observability/clock';
import { silentLogger } from '../core/observability/logger';
import type { Store } from '../core/store/store';
import { eventually } from '../../test/infra/integration';
import { AlertsService } from './alerts-service';
import type { AuditEntry } from '../core/model/audit-entry';
import { mountAlertRoutes } from './http/routes';
import { event, MIN, T0, testCatalogue } from './testing/fixtures';
import { memoryStore } from './testing/memory-store';

async function readAll<T>(events: EventBus, topic: (typeof Topics)[keyof typeof Topics]): Promise<T[]> {
  const out: { value: T; ts: number; p: number; o: number }[] = [];
  for (const end of await events.bus.endOffsets(topic)) {
    for (const m of await events.bus.read(topic, end.partition, 0, 10_000)) out.push({ value: await events.codec.decode<T>('', m.value), ts: m.timestamp, p: m.partition, o: m.offset });
  }
  return out.sort((a, b) => a.ts - b.ts || a.p - b.p || a.o - b.o).map((x) => x.value);
}

describe('AlertsService on the embedded bus', () => {
  let bus: EmbeddedBus;
  let events: EventBus;
  let store: ReturnType<typeof memoryStore>;
  let clock: ManualClock;
  let services: AlertsService[];
  let server: http.Server | null;

  beforeEach(async () => {
    bus = new EmbeddedBus();
    await bus.createTopics(defaultTopicSpecs());
    events = new EventBus(bus, new JsonCodec());
    store = memoryStore();
    clock = new ManualClock(T0);
    services = [];
    server = null;
  });

  afterEach(async () => {
    for (const s of services) await s.stop();
    if (server) await new Promise((r) => server!.close(r));
    await bus.close();
  });

  async function startService(s: Store = store): Promise<AlertsService> {
    const service = new AlertsService({ events, store: s, logger: silentLogger, clock, catalogue: testCatalogue }, { tickMs: 0, holdMs: 30 * MIN });
    await service.start();
    services.push(service);
    return service;
  }

  const publishEvents = (list: AlertEvent[]) => events.publish<AlertEvent>(Topics.alertEvents, list.map((e) => ({ key: e.incidentKey, value: e, timestamp: e.at })));

  async function serve(service: AlertsService): Promise<string> {
    const router = new Router();
    mountAlertRoutes(router, service, clock);
    server = http.createServer((req, res) => void router.handle(req, res).then((ok) => ok || res.writeHead(404).end()));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('raises, takes a release over HTTP, keeps the audit trail, and sends the all-clear after the hold', async () => {
    const service = await startService();
    const base = await serve(service);
    await publishEvents([event({ level: 2 })]);
    const draft = await eventually(async () => (await readAll<Alert>(events, Topics.alerts))[0]);
    expect(draft).toMatchObject({ scope: 'Restricted', state: 'pending' });

    const list = (await (await fetch(`${base}/api/v1/incidents`)).json()) as { incidents: { id: string; state: string }[] };
    expect(list.incidents.map((i) => [i.id, i.state])).toEqual([[draft.incidentId, 'pending']]);

    const noOfficer = await fetch(`${base}/api/v1/incidents/${draft.incidentId}/commands`, { method: 'POST', body: JSON.stringify({ action: 'release' }) });
    expect(noOfficer.status).toBe(400);
    expect(noOfficer.headers.get('content-type')).toContain('application/problem+json');
    const unknown = await fetch(`${base}/api/v1/incidents/nope/commands`, { method: 'POST', headers: { 'x-officer': 'mueller' }, body: JSON.stringify({ action: 'release' }) });
    expect(unknown.status).toBe(404);

    clock.set(T0 + MIN);
    const accepted = await fetch(`${base}/api/v1/incidents/${draft.incidentId}/commands`, {
      method: 'POST',
      headers: { 'x-officer': 'mueller', 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'release', reason: 'Pegel bestätigt' }),
    });
    expect(accepted.status).toBe(202);
    const pub = await eventually(async () => (await readAll<Alert>(events, Topics.alerts)).find((a) => a.scope === 'Public'));
    expect(pub).toMatchObject({ msgType: 'Alert', releasedBy: 'mueller', releasedAt: T0 + MIN });

    const audit = (await (await fetch(`${base}/api/v1/incidents/${draft.incidentId}/audit`)).json()) as { entries: AuditEntry[] };
    expect(audit.entries.map((e) => e.action)).toEqual(['incident.opened', 'firing.raised', 'revision.published', 'incident.released', 'revision.published']);
    expect(JSON.parse(audit.entries[3]!.detail).reason).toBe('Pegel bestätigt');
    expect((await readAll<AuditEntry>(events, Topics.audit)).length).toBe(5);

    await publishEvents([event({ kind: 'cleared', level: 0, at: T0 + 5 * MIN })]);
    await eventually(() => service.incident(draft.incidentId)!.allClearDueAt);
    await service.tick(T0 + 36 * MIN);
    const all = await readAll<Alert>(events, Topics.alerts);
    expect(all.map((a) => a.msgType)).toEqual(['Alert', 'Alert', 'Cancel']);
    expect(all[2]!.info[0]!.headline).toMatch(/^Entwarnung:/);
  });

  it('a restart re-emits nothing, and the same events sent again make no new revision', async () => {
    const first = await startService();
    const inputs = [event({ level: 1, autoRelease: true }), event({ kind: 'escalated', level: 3, at: T0 + 10 * MIN, autoRelease: true })];
    await publishEvents(inputs);
    await eventually(async () => ((await readAll<Alert>(events, Topics.alerts)).length === 2 ? true : null));
    await first.stop();
    services = [];

    const auditBefore = (await readAll<AuditEntry>(events, Topics.audit)).length;
    const second = await startService();
    expect((await readAll<AuditEntry>(events, Topics.audit)).length).toBe(auditBefore);
    await publishEvents(inputs); // redelivered by a producer retry
    await publishEvents([event({ ruleId: 'rain-6h', subject: 'kuhlerkamp', level: 2, at: T0 + 11 * MIN })]);
    await eventually(() => (Object.keys(second.listIncidents()[0]!.firings).length === 2 ? true : null));
    const alerts = await readAll<Alert>(events, Topics.alerts);
    expect(alerts.map((a) => [a.msgType, a.level])).toEqual([
      ['Alert', 1],
      ['Update', 3],
    ]);
    expect(second.listIncidents()).toHaveLength(1);
    // The redelivered events were dropped by id: the only new audit line is the rain firing.
    const newAudit = (await readAll<AuditEntry>(events, Topics.audit)).slice(auditBefore);
    expect(newAudit.map((e) => e.action)).toEqual(['firing.raised']);
  });

  it('takes silences over HTTP: a silenced area raises nothing public until the silence is lifted', async () => {
    const service = await startService();
    const base = await serve(service);
    const post = (path: string, body: unknown, method = 'POST') =>
      fetch(`${base}${path}`, { method, headers: { 'x-officer': 'schmidt', 'content-type': 'application/json' }, body: body === null ? undefined : JSON.stringify(body) });
    expect((await post('/api/v1/silences', { areaId: 'hagen-mitte', until: T0 - 1 })).status).toBe(400);
    const created = await post('/api/v1/silences', { areaId: 'hagen-mitte', until: new Date(T0 + 120 * MIN).toISOString(), reason: 'Pegelwartung' });
    expect(created.status).toBe(202);
    const { silenceId } = (await created.json()) as { silenceId: string };
    await eventually(() => (service.silences().length === 1 ? true : null));

    await publishEvents([event({ level: 3, autoRelease: true, at: T0 + MIN })]);
    const incident = await eventually(() => service.listIncidents()[0]);
    expect(incident.silenced).toBe(true);
    expect(await readAll<Alert>(events, Topics.alerts)).toEqual([]);

    clock.set(T0 + 2 * MIN);
    expect((await post(`/api/v1/silences/${silenceId}`, null, 'DELETE')).status).toBe(202);
    const pub = await eventually(async () => (await readAll<Alert>(events, Topics.alerts))[0]);
    expect(pub).toMatchObject({ scope: 'Public', level: 3, releasedBy: 'system:auto-release', sent: T0 + 2 * MIN });
    const trail = await service.incidentHistory(`silence:${silenceId}`);
    expect(trail.map((e) => [e.action, e.actor])).toEqual([
      ['silence.created', 'schmidt'],
      ['silence.removed', 'schmidt'],
    ]);
  });

  it('when saving the state fails, the batch is retried and its revision is published once', async () => {
    const service = await startService();
    store.failSets = 1;
    await publishEvents([event({ autoRelease: true })]);
    await eventually(async () => ((await readAll<Alert>(events, Topics.alerts)).length > 0 ? true : null));
    await new Promise((r) => setTimeout(r, 100));
    expect(await readAll<Alert>(events, Topics.alerts)).toHaveLength(1);
    expect(service.listIncidents()).toHaveLength(1);
  });
});
