import { ConfigError, readEnum, readInt, readString, type EnvVar } from '../core/config/env';
import { officerAuthenticatorFor, setOfficerAuthenticator } from '../console/auth/officer-auth-hook';
import { officerAuthenticator, sessionAuth } from '../console/auth/session-auth';
import { readConsoleConfig } from '../console/console-config';
import type { ServiceDefinition } from '../core/service/service';
import { AlertsService } from './alerts-service';
import { mountAlertRoutes } from './http/routes';

export const ALERTS_ENV: EnvVar[] = [
  { name: 'ALERTS_HOLD_MINUTES', description: 'Minutes every firing of an incident must stay clear (event time) before the all-clear (Entwarnung).', default: '30' },
  { name: 'ALERTS_TICK_SECONDS', description: 'Wall-clock punctuation: how often hold and silence timers are checked when no events arrive; 0 turns it off (pure event time).', default: '15' },
  { name: 'ALERTS_CAP_SENDER', description: 'CAP `sender` of every message (no spaces or commas).', default: 'fruehwarn@hagen.example' },
  { name: 'ALERTS_SENDER_NAME', description: 'CAP `senderName` shown to the public.', default: 'Stadt Hagen – Fruehwarn' },
  {
    name: 'ALERTS_OFFICER_AUTH',
    description: '`session`: officer commands and incident views need a console login (session in the shared store, also when alerts runs in its own process); `header`: trust an X-Officer header (only behind an authenticating proxy).',
    default: 'session',
  },
];

/** The alert lifecycle service: incidents from alert events and officer commands, CAP revisions out. */
export const alertsService: ServiceDefinition = {
  name: 'alerts',
  env: ALERTS_ENV,
  async start(ctx) {
    const env = ctx.config.env;
    const sender = readString(env, 'ALERTS_CAP_SENDER', 'fruehwarn@hagen.example');
    if (/[\s,<&]/.test(sender)) throw new ConfigError(`ALERTS_CAP_SENDER is "${sender}"; expected a name without spaces, commas, < or & (CAP sender).`);
    const service = new AlertsService(ctx, {
      holdMs: readInt(env, 'ALERTS_HOLD_MINUTES', 30, { min: 0, max: 7 * 24 * 60 }) * 60_000,
      tickMs: readInt(env, 'ALERTS_TICK_SECONDS', 15, { min: 0, max: 3600 }) * 1000,
      sender,
      senderName: readString(env, 'ALERTS_SENDER_NAME', 'Stadt Hagen – Fruehwarn'),
      web: ctx.config.publicUrl,
    });
    await service.start();
    // Who gives a command must be proven, not claimed: by default the console's session (kept in
    // the shared store, so this works when alerts runs in a process of its own). A console in
    // the same process registers the same check again; either one is fine.
    const officerAuth = readEnum(env, 'ALERTS_OFFICER_AUTH', ['session', 'header'] as const, 'session');
    if (officerAuth === 'session' && !officerAuthenticatorFor(ctx.http)) {
      setOfficerAuthenticator(ctx.http, officerAuthenticator(sessionAuth(ctx.store, readConsoleConfig(env, ctx.config.publicUrl))));
    }
    mountAlertRoutes(ctx.http, service, ctx.clock);
    ctx.logger.info('alerts service started');
    return { stop: () => service.stop() };
  },
};
