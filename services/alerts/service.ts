import { ConfigError, readInt, readString, type EnvVar } from '../core/config/env';
import type { ServiceDefinition } from '../core/service/service';
import { AlertsService } from './alerts-service';
import { mountAlertRoutes } from './http/routes';

export const ALERTS_ENV: EnvVar[] = [
  { name: 'ALERTS_HOLD_MINUTES', description: 'Minutes every firing of an incident must stay clear (event time) before the all-clear (Entwarnung).', default: '30' },
  { name: 'ALERTS_TICK_SECONDS', description: 'Wall-clock punctuation: how often hold and silence timers are checked when no events arrive; 0 turns it off (pure event time).', default: '15' },
  { name: 'ALERTS_CAP_SENDER', description: 'CAP `sender` of every message (no spaces or commas).', default: 'fruehwarn@hagen.example' },
  { name: 'ALERTS_SENDER_NAME', description: 'CAP `senderName` shown to the public.', default: 'Stadt Hagen – Fruehwarn' },
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
    mountAlertRoutes(ctx.http, service, ctx.clock);
    ctx.logger.info('alerts service started');
    return { stop: () => service.stop() };
  },
};
