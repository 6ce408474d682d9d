import type { IncomingMessage } from 'node:http';
import type { Router } from '../../core/http/router';

/**
 * How the alerts service learns who gives an officer command, without depending on the
 * console: the console registers an authenticator on the process's router; alerts' routes
 * look it up per request. `read` guards the incident views, `command` the commands
 * (returns the login name). Throws HttpError 401/403.
 * Without a console in the process (alerts tests, a trusted internal network) no authenticator
 * is registered and the alerts routes keep their X-Officer header.
 */
export type OfficerAuthenticator = (req: IncomingMessage, need: 'read' | 'command') => Promise<string>;

const authenticators = new WeakMap<Router, OfficerAuthenticator>();

export function setOfficerAuthenticator(router: Router, authenticate: OfficerAuthenticator): void {
  authenticators.set(router, authenticate);
}

export function officerAuthenticatorFor(router: Router): OfficerAuthenticator | undefined {
  return authenticators.get(router);
}
