import { alertsService } from '../alerts/service';
import { engineService } from '../engine/service';
import { feedService } from '../feed/service';
import { startTestRuntime } from '../../test/support/runtime-harness';
import { CompressedClock } from './compressed-clock';
import { DEMO_ENV_DEFAULTS, demoService } from './service';

interface IncidentView {
  id: string;
  areaId: string;
  hazard: string;
  status: string;
  state: string;
  peakLevel: number;
  released: boolean;
  revisions: { identifier: string; scope: string }[];
}
interface DashboardItem {
  id: string;
  payload: { data: { msgType: string; headline: string } };
}

/**
 * `run --demo` in miniature: engine, alerts, feed and the demo player on the embedded bus, all on
 * a compressed clock (here 12,000x: the ~30 h from first rain to the Volme's all-clear take a
 * few seconds). The player goes through the ingest intake; nothing is stubbed.
 */
describe('demo player on the runtime', () => {
  jest.setTimeout(40_000);

  it('raises a flood incident for the Volme (Hagen-Mitte), publishes it on the NINA feed as an exercise, then all-clears it', async () => {
    const clock = new CompressedClock(12_000);
    const rt = await startTestRuntime([engineService, alertsService, feedService, demoService], {
      clock,
      // No console here: the test reads the incident views as a trusted internal client.
      env: { ...DEMO_ENV_DEFAULTS, FRUEHWARN_SERVICES: 'engine,alerts,feed', FRUEHWARN_DEMO: 'true', DEMO_SCENARIOS: 'flood', DEMO_LOOP: 'false', ENGINE_WATCH_RULES: 'false', ALERTS_OFFICER_AUTH: 'header' },
    });
    const get = async <T>(path: string): Promise<T> => (await (await fetch(rt.url + path)).json()) as T;
    const incidents = async () => (await get<{ incidents: IncidentView[] }>('/api/v1/incidents')).incidents;
    const volme = async () => (await incidents()).find((i) => i.areaId === 'hagen-mitte' && i.hazard === 'flood');
    const dashboard = () => get<DashboardItem[]>('/api31/dashboard/059140000000.json?status=Exercise');
    async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 25_000): Promise<T> {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const v = await probe();
        if (v) return v;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    try {
      const raised = await until('a Volme flood incident', volme);
      expect(raised.status).toBe('Exercise');

      // Level 3 at Eckesey auto-releases (rule gauge-information-level): the warning goes public.
      const released = await until('the release', async () => ((await volme())?.released ? volme() : undefined));
      const publicIds = () => released.revisions.filter((r) => r.scope === 'Public').map((r) => r.identifier);
      const listed = await until('the warning on the NINA dashboard', async () => {
        const items = await dashboard();
        const incident = await volme();
        const ids = new Set(incident?.revisions.filter((r) => r.scope === 'Public').map((r) => r.identifier) ?? publicIds());
        return items.find((i) => ids.has(i.id) && i.payload.data.msgType !== 'Cancel');
      });
      expect(listed.payload.data.headline).toMatch(/Hagen-Mitte|Hochwasser/);
      // Exercises stay off the actual list.
      expect((await get<DashboardItem[]>('/api31/dashboard/059140000000.json')).some((i) => i.id === listed.id)).toBe(false);

      // The flood escalates to the top level and, once the Volme has receded, the all-clear follows.
      const cleared = await until('the all-clear', async () => {
        return (await incidents()).find((i) => i.id === raised.id && i.state === 'cleared');
      });
      // The top level: Eckesey at information level 3, and over 60 mm in 6 h at the rain gauge (DWD extreme, level 4).
      expect(cleared.peakLevel).toBe(4);
      const allClear = await until('the all-clear on the dashboard', async () => {
        const ids = new Set(cleared.revisions.filter((r) => r.scope === 'Public').map((r) => r.identifier));
        return (await dashboard()).find((i) => ids.has(i.id) && i.payload.data.msgType === 'Cancel');
      });
      expect(allClear.payload.data.headline).toMatch(/Entwarnung/);
    } finally {
      await rt.stop();
    }
  });
});
