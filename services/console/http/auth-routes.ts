import { sendJson } from '../../core/http/body';
import { HttpError, problem } from '../../core/http/problem';
import type { Router } from '../../core/http/router';
import type { ConsoleAuth } from '../auth/console-auth';
import { permissionsOf } from '../auth/roles';
import { USER_NAME, type UserDirectory } from '../auth/users';
import { readCookie, sessionCookie } from './cookies';
import { readJsonObject, stringField } from './json-body';
import type { RateLimiter } from './rate-limiter';

export interface AuthRouteDeps {
  auth: ConsoleAuth;
  users: UserDirectory;
  loginLimiter: RateLimiter;
  trustProxy: boolean;
  cookieSecure: boolean;
  sessionMaxMs: number;
  /** Audit of logins (who, when; never the password). */
  onLogin: (user: string, ok: boolean) => void;
}

/**
 *   POST /console/api/login {name, password} → 200 {user, role, csrf, permissions} and the session cookie
 *   POST /console/api/logout
 *   GET  /console/api/me → the session's user, role and CSRF token, or 401
 */
export function mountAuthRoutes(router: Router, d: AuthRouteDeps): void {
  router.post('/console/api/login', async (req, res) => {
    d.loginLimiter.check(req, d.trustProxy);
    const body = await readJsonObject(req, 4096);
    const name = stringField(body, 'name', 64);
    const password = stringField(body, 'password', 256);
    const user = USER_NAME.test(name) ? await d.users.authenticate(name, password) : null;
    d.onLogin(USER_NAME.test(name) ? name : '(invalid name)', user !== null);
    if (!user) throw new HttpError(problem(401, 'login-failed', 'Login failed', 'Name or password is wrong.'));
    const { token, session } = await d.auth.sessions.create(user.name, user.role);
    sendJson(res, 200, { user: user.name, role: user.role, csrf: session.csrf, permissions: permissionsOf(user.role), expiresAt: session.expiresAt }, {
      'set-cookie': sessionCookie(d.auth.cookieName, token, { secure: d.cookieSecure, maxAgeS: d.sessionMaxMs / 1000 }),
      'cache-control': 'no-store',
    });
  });

  router.post('/console/api/logout', async (req, res) => {
    const token = readCookie(req, d.auth.cookieName);
    if (token) await d.auth.sessions.destroy(token);
    sendJson(res, 200, { loggedOut: true }, { 'set-cookie': sessionCookie(d.auth.cookieName, '', { secure: d.cookieSecure, maxAgeS: 0 }), 'cache-control': 'no-store' });
  });

  router.get('/console/api/me', async (req, res) => {
    const id = await d.auth.identify(req);
    if (!id) throw new HttpError(problem(401, 'login-required', 'Login required', 'Not logged in.'));
    sendJson(res, 200, { user: id.user, role: id.role, csrf: id.session.csrf, permissions: permissionsOf(id.role), expiresAt: id.session.expiresAt, idleUntil: id.session.idleUntil }, { 'cache-control': 'no-store' });
  });
}
