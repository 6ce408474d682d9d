import { ConfigError, readBool, readEnum, readInt, readString, type EnvVar } from '../core/config/env';
import type { AlertStatus } from '../core/model/alert-event';
import type { ServiceDefinition } from '../core/service/service';
import { parseDuration } from './core/duration';
import { defaultScorers } from './live/default-scorers';
import { EngineWorker } from './live/engine-worker';
import { mountEngineRoutes } from './live/routes';

export const ENGINE_ENV: EnvVar[] = [
  { name: 'ENGINE_ALLOWED_LATENESS', description: 'How far behind its station\'s newest reading a reading may arrive and still count (e.g. 10m, 90s); later ones go to readings.dead.v1 as too-late.', default: '10m' },
  { name: 'ENGINE_CHECKPOINT_EVERY', description: 'Checkpoint the engine state (then commit offsets) after this many readings; the wall-clock tick and shutdown checkpoint too. 1 checkpoints every batch.', default: '500' },
  { name: 'ENGINE_CHECKPOINT_MIN_INTERVAL_MS', description: '...but at most every this many ms, or ten times what the last checkpoint took if that is longer: a checkpoint serialises the whole engine state, and a large installation catching up a backlog would otherwise spend its time writing checkpoints. A crash replays that much more; 0 turns the limit off.', default: '2000' },
  { name: 'ENGINE_TICK_SECONDS', description: 'Wall-clock punctuation: event time is advanced this often without readings, so silent sensors and `for` timers fire; 0 turns it off (pure event time).', default: '30' },
  { name: 'ENGINE_ALERT_STATUS', description: 'CAP status stamped on alert events: Actual, Exercise or Test (default Exercise when FRUEHWARN_DEMO is on).', default: 'Actual' },
  { name: 'ENGINE_WATCH_RULES', description: 'Reload rules when a file in FRUEHWARN_RULES_DIR changes.', default: 'true' },
  { name: 'ENGINE_ALIGN_IDLE_MS', description: 'How often the event-time merge of the readings partitions re-checks the partitions it waits for (their end offsets).', default: '500' },
  { name: 'ENGINE_ALIGN_STALL_MS', description: 'How long the merge waits for a partition that has unread readings but delivers none before going ahead without it (logged as a warning).', default: '30000' },
];

/** The windowed rule engine: readings in, assessments, alert events and too-late readings out. */
export const engineService: ServiceDefinition = {
  name: 'engine',
  env: ENGINE_ENV,
  async start(ctx) {
    const env = ctx.config.env;
    const latenessText = readString(env, 'ENGINE_ALLOWED_LATENESS', '10m');
    let allowedLatenessMs: number;
    try {
      allowedLatenessMs = parseDuration(/^\d+$/.test(latenessText) ? Number(latenessText) : latenessText);
    } catch {
      throw new ConfigError(`ENGINE_ALLOWED_LATENESS is "${latenessText}"; expected a duration such as 90s, 10m or 1h.`);
    }
    const status: AlertStatus = readEnum(env, 'ENGINE_ALERT_STATUS', ['Actual', 'Exercise', 'Test'] as const, ctx.config.demo ? 'Exercise' : 'Actual');
    const worker = new EngineWorker(ctx, {
      rulesDir: ctx.config.rulesDir,
      watchRules: readBool(env, 'ENGINE_WATCH_RULES', true),
      scorers: defaultScorers(ctx.catalogue),
      allowedLatenessMs,
      status,
      checkpointEvery: readInt(env, 'ENGINE_CHECKPOINT_EVERY', 500, { min: 1, max: 1_000_000 }),
      checkpointMinIntervalMs: readInt(env, 'ENGINE_CHECKPOINT_MIN_INTERVAL_MS', 2000, { min: 0, max: 600_000 }),
      tickMs: readInt(env, 'ENGINE_TICK_SECONDS', 30, { min: 0, max: 3600 }) * 1000,
      alignIdleMs: readInt(env, 'ENGINE_ALIGN_IDLE_MS', 500, { min: 0, max: 60_000 }),
      alignStallMs: readInt(env, 'ENGINE_ALIGN_STALL_MS', 30_000, { min: 100, max: 3_600_000 }),
    });
    await worker.start();
    mountEngineRoutes(ctx.http, worker);
    ctx.logger.info('engine service started');
    return { stop: () => worker.stop() };
  },
};
