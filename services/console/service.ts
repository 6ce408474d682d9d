import { Counter } from 'prom-client';
import { randomUUID } from 'node:crypto';
import { parseDuration } from '../engine/core/duration';
import { defaultScorers } from '../engine/live/default-scorers';
import { Topics } from '../core/bus/topics';
import type { AuditEntry } from '../core/model/audit-entry';
import type { ServiceDefinition } from '../core/service/service';
import { ConfigError, readString } from '../core/config/env';
import { setOfficerAuthenticator } from './auth/officer-auth-hook';
import { officerAuthenticator, sessionAuth } from './auth/session-auth';
import { demoUsers, parseUsers, UserDirectory, type ConsoleUser } from './auth/users';
import { CONSOLE_ENV, readConsoleConfig } from './console-config';
import { mountAuthRoutes } from './http/auth-routes';
import { mountBoardRoutes } from './http/board-routes';
import { mountCitizenRoutes } from './http/citizen-routes';
import { mountPageRoutes } from './http/page-routes';
import { RateLimiter } from './http/rate-limiter';
import { mountRulesRoutes } from './http/rules-routes';
import { EventHub } from './live/event-hub';
import { LiveView } from './live/live-view';
import { loadRecordedReadings } from './rules/recorded-readings';
import { RuleWorkbench } from './rules/rule-workbench';

/** The console: officers' board, analysts' workbench, citizens' page, and their APIs. */
export const consoleService: ServiceDefinition = {
  name: 'console',
  env: CONSOLE_ENV,
  async start(ctx) {
    const cfg = readConsoleConfig(ctx.config.env, ctx.config.publicUrl);
    let users: ConsoleUser[] = [];
    try {
      users = cfg.usersText ? parseUsers(cfg.usersText, cfg.usersOrigin) : [];
    } catch (err) {
      throw new ConfigError((err as Error).message);
    }
    if (ctx.config.demo) {
      const names = new Set(users.map((u) => u.name));
      users.push(...(await demoUsers()).filter((u) => !names.has(u.name)));
    }
    if (users.length === 0) ctx.logger.warn('console: no users (set CONSOLE_USERS or CONSOLE_USERS_FILE); officer and analyst pages cannot be used');
    const directory = new UserDirectory(users);

    const auth = sessionAuth(ctx.store, cfg);

    // Officer commands in the alerts service are given by the logged-in officer, not a header.
    setOfficerAuthenticator(ctx.http, officerAuthenticator(auth));

    const logins = new Counter({ name: 'fruehwarn_console_logins_total', help: 'Console login attempts by outcome', labelNames: ['outcome'], registers: [ctx.metrics.registry] });
    const onLogin = (user: string, ok: boolean) => {
      logins.inc({ outcome: ok ? 'ok' : 'failed' });
      const entry: AuditEntry = { id: `login-${randomUUID()}`, at: Date.now(), actor: user, action: ok ? 'console.login' : 'console.login-failed', subject: `user:${user}`, detail: '{}', source: 'console' };
      void ctx.events.publish<AuditEntry>(Topics.audit, [{ key: entry.subject, value: entry, timestamp: entry.at }]).catch((err) => ctx.logger.warn('console: login audit not written', { err: String(err) }));
    };

    const hub = new EventHub();
    const live = new LiveView(ctx, hub, { chartHorizonMs: cfg.chartHorizonMs, backfillPerPartition: 5000 });
    await live.start();

    const latenessText = readString(ctx.config.env, 'ENGINE_ALLOWED_LATENESS', '10m');
    let allowedLatenessMs = 600_000;
    try {
      allowedLatenessMs = parseDuration(/^\d+$/.test(latenessText) ? Number(latenessText) : latenessText);
    } catch {
      // the engine reports a bad value; the backtest keeps the default
    }
    const workbench = new RuleWorkbench({
      rulesDir: ctx.config.rulesDir,
      catalogue: ctx.catalogue,
      events: ctx.events,
      scorers: defaultScorers(ctx.catalogue),
      allowedLatenessMs,
      readings: () => loadRecordedReadings({ file: cfg.backtestFile, maxReadings: cfg.backtestMaxReadings }, ctx.events),
      now: () => Date.now(),
    });

    mountPageRoutes(ctx.http, { tileUrl: cfg.tileUrl, tileAttribution: cfg.tileAttribution, demo: ctx.config.demo });
    mountAuthRoutes(ctx.http, { auth, users: directory, loginLimiter: new RateLimiter({ limit: cfg.loginPer15Minutes, windowMs: 15 * 60_000 }), trustProxy: cfg.trustProxy, cookieSecure: cfg.cookieSecure, sessionMaxMs: cfg.sessionMaxMs, onLogin });
    mountBoardRoutes(ctx.http, { auth, hub, live, catalogue: ctx.catalogue, chartHorizonMs: cfg.chartHorizonMs });
    mountRulesRoutes(ctx.http, { auth, workbench });
    mountCitizenRoutes(ctx.http, { limiter: new RateLimiter({ limit: cfg.citizenPerMinute, windowMs: 60_000 }), trustProxy: cfg.trustProxy, catalogue: ctx.catalogue });
    ctx.logger.info('console service started', { users: directory.size, tiles: cfg.tileUrl !== '' });
    return {
      async stop() {
        hub.close();
        await live.stop();
      },
    };
  },
};
