import type { Store } from '../../core/store/store';
import type { ConsoleConfig } from '../console-config';
import { ConsoleAuth } from './console-auth';
import type { OfficerAuthenticator } from './officer-auth-hook';
import { SessionStore } from './session-store';

/**
 * The console's session check, built the same way wherever it runs: in the console, and in an
 * alerts service of its own process (sessions are in the shared store, so both see the same).
 */
export function sessionAuth(store: Store, cfg: ConsoleConfig): ConsoleAuth {
  const sessions = new SessionStore(store, { idleMs: cfg.sessionIdleMs, maxMs: cfg.sessionMaxMs });
  // __Host- binds the cookie to this host and path / (browsers require Secure for it).
  return new ConsoleAuth(sessions, cfg.cookieSecure ? '__Host-fruehwarn_session' : 'fruehwarn_session');
}

/** Officer commands are given by the logged-in officer (or admin), incident views need a login. */
export function officerAuthenticator(auth: ConsoleAuth): OfficerAuthenticator {
  return async (req, need) => (await auth.require(req, need === 'command' ? 'incidents.command' : 'board.read')).user;
}
