import type { IncomingMessage } from 'node:http';
import { HttpError } from '../../core/http/problem';
import { EmbeddedStore } from '../../core/store/embedded/embedded-store';
import { ConsoleAuth } from './console-auth';
import { can } from './roles';
import { SessionStore } from './session-store';

function request(method: string, headers: Record<string, string>): IncomingMessage {
  return { method, headers } as unknown as IncomingMessage;
}

async function status(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (err) {
    if (err instanceof HttpError) return err.problem.status;
    throw err;
  }
}

describe('console authentication and roles', () => {
  const auth = new ConsoleAuth(new SessionStore(new EmbeddedStore(), { idleMs: 60_000, maxMs: 3_600_000 }), 'fw');

  it('grants officers commands, analysts rules, admins both', () => {
    expect([can('officer', 'incidents.command'), can('officer', 'rules.write')]).toEqual([true, false]);
    expect([can('analyst', 'incidents.command'), can('analyst', 'rules.write'), can('analyst', 'board.read')]).toEqual([false, true, true]);
    expect([can('admin', 'incidents.command'), can('admin', 'rules.write')]).toEqual([true, true]);
  });

  it('answers 401 without a session, 403 for the wrong role, and needs the CSRF token and same origin on writes', async () => {
    const officer = await auth.sessions.create('mueller', 'officer');
    const cookie = `other=1; fw=${officer.token}`;
    expect(await status(auth.require(request('GET', {}), 'board.read'))).toBe(401);
    expect(await status(auth.require(request('GET', { cookie }), 'board.read'))).toBe(200);
    expect(await status(auth.require(request('GET', { cookie }), 'rules.read'))).toBe(403);
    expect(await status(auth.require(request('POST', { cookie }), 'incidents.command'))).toBe(403);
    expect(await status(auth.require(request('POST', { cookie, 'x-csrf-token': 'wrong' }), 'incidents.command'))).toBe(403);
    const good = { cookie, 'x-csrf-token': officer.session.csrf, host: 'console.example' };
    expect(await status(auth.require(request('POST', good), 'incidents.command'))).toBe(200);
    expect(await status(auth.require(request('POST', { ...good, origin: 'https://evil.example' }), 'incidents.command'))).toBe(403);
    expect(await status(auth.require(request('POST', { ...good, origin: 'http://console.example' }), 'incidents.command'))).toBe(200);
  });
});
