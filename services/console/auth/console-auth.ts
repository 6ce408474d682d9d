import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError, problem } from '../../core/http/problem';
import { readCookie } from '../http/cookies';
import { can, type Permission, type Role } from './roles';
import type { Session, SessionStore } from './session-store';

export interface Identity {
  user: string;
  role: Role;
  session: Session;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Turns a request into an identity: session cookie, then the role's permission, then for
 * state-changing methods the CSRF token (double submit against the session) and, when the
 * browser sends one, an Origin of this site. Refusals are problem+json 401 or 403.
 */
export class ConsoleAuth {
  constructor(
    readonly sessions: SessionStore,
    readonly cookieName: string,
  ) {}

  async identify(req: IncomingMessage): Promise<Identity | null> {
    const token = readCookie(req, this.cookieName);
    if (!token) return null;
    const session = await this.sessions.get(token);
    return session ? { user: session.user, role: session.role, session } : null;
  }

  async require(req: IncomingMessage, permission: Permission): Promise<Identity> {
    const identity = await this.identify(req);
    if (!identity) throw new HttpError(problem(401, 'login-required', 'Login required', 'Log in to the console first (the session may have expired).'));
    if (!can(identity.role, permission)) throw new HttpError(problem(403, 'forbidden', 'Not allowed', `The role ${identity.role} may not do this (${permission}).`));
    if (UNSAFE.has(req.method ?? 'GET')) checkCsrf(req, identity.session);
    return identity;
  }
}

export function checkCsrf(req: IncomingMessage, session: Session): void {
  const header = req.headers['x-csrf-token'];
  const token = Array.isArray(header) ? header[0] : header;
  if (!token || !sameText(token, session.csrf)) throw new HttpError(problem(403, 'csrf', 'Missing or wrong CSRF token', 'Reload the page and try again.'));
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (origin && host && origin !== 'null') {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = '';
    }
    if (originHost !== host) throw new HttpError(problem(403, 'cross-origin', 'Cross-origin request refused', `Requests must come from ${host}.`));
  }
}
