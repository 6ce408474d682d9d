import { startTestRuntime } from '../../test/support/runtime-harness';
import { SessionStore } from '../console/auth/session-store';
import { alertsService } from './service';

/**
 * alerts in a process of its own (no console beside it): officer commands are still given by a
 * console session from the shared store, never by a header anyone can set.
 */
describe('alerts officer authentication without a console in the process', () => {
  it('refuses a claimed X-Officer, takes a session from the shared store with its CSRF token, refuses an analyst', async () => {
    const rt = await startTestRuntime([alertsService], { env: { ALERTS_TICK_SECONDS: '0' } });
    try {
      const sessions = new SessionStore(rt.store, { idleMs: 3_600_000, maxMs: 13 * 3_600_000 });
      const post = (headers: Record<string, string>) =>
        fetch(`${rt.url}/api/v1/incidents/none/commands`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ action: 'acknowledge' }) });

      expect((await post({ 'x-officer': 'mallory' })).status).toBe(401);
      expect((await fetch(`${rt.url}/api/v1/incidents`)).status).toBe(401);

      const officer = await sessions.create('mueller', 'officer');
      const cookie = `fruehwarn_session=${officer.token}`;
      expect((await post({ cookie })).status).toBe(403); // no CSRF token
      // Authenticated and authorised: the command reaches the service, which does not know the incident.
      expect((await post({ cookie, 'x-csrf-token': officer.session.csrf })).status).toBe(404);
      expect((await fetch(`${rt.url}/api/v1/incidents`, { headers: { cookie } })).status).toBe(200);

      const analyst = await sessions.create('schulz', 'analyst');
      expect((await post({ cookie: `fruehwarn_session=${analyst.token}`, 'x-csrf-token': analyst.session.csrf })).status).toBe(403);
    } finally {
      await rt.stop();
    }
  });

  it('ALERTS_OFFICER_AUTH=header trusts the header (behind an authenticating proxy)', async () => {
    const rt = await startTestRuntime([alertsService], { env: { ALERTS_TICK_SECONDS: '0', ALERTS_OFFICER_AUTH: 'header' } });
    try {
      const res = await fetch(`${rt.url}/api/v1/incidents/none/commands`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-officer': 'mueller' }, body: JSON.stringify({ action: 'acknowledge' }) });
      expect(res.status).toBe(404);
    } finally {
      await rt.stop();
    }
  });
});
