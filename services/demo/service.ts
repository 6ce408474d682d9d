import { ConfigError, readBool, readInt, readString, type EnvVar } from '../core/config/env';
import type { Config } from '../core/config/config';
import type { ServiceDefinition } from '../core/service/service';
import { SCENARIO_NAMES, type ScenarioName } from '../scenario/scenario';
import { CompressedClock } from './compressed-clock';
import { DemoPlayer } from './demo-player';
import { intakeSink } from './reading-sink';

export const DEMO_ENV: EnvVar[] = [
  { name: 'DEMO_SPEED', description: 'Time compression of `run --demo`: demo seconds per wall second (2400: the Volme flood rises and all-clears in about a minute).', default: '2400' },
  { name: 'DEMO_LOOP', description: 'Play the demo scenarios again (next seed) after they end.', default: 'true' },
  { name: 'DEMO_SCENARIOS', description: 'Comma list of scenarios the demo plays back to back: flood, fire, faults.', default: 'flood,fire' },
  { name: 'DEMO_SEED', description: 'Seed of the first demo round.', default: '7' },
];

/**
 * Settings the demo needs on its compressed clock unless the operator set them: the alerts'
 * wall-clock tick must come often (one tick is DEMO_SPEED seconds of demo time, and the
 * all-clear waits for one), and the feed's display and retention times are in demo time too.
 */
export const DEMO_ENV_DEFAULTS: Record<string, string> = {
  ALERTS_TICK_SECONDS: '1',
  FEED_ALL_CLEAR_MINUTES: String(7 * 24 * 60),
  FEED_RETENTION_HOURS: String(24 * 366),
};

export function demoSpeed(config: Config): number {
  return readInt(config.env, 'DEMO_SPEED', 2400, { min: 1, max: 1_000_000 });
}

/** For `run --demo`: the config with the demo's defaults filled in, and the compressed clock every service runs on. */
export function demoRuntime(config: Config): { config: Config; clock: CompressedClock } {
  return { config: { ...config, env: { ...DEMO_ENV_DEFAULTS, ...config.env } }, clock: new CompressedClock(demoSpeed(config)) };
}

function scenarioList(text: string): ScenarioName[] {
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of list) if (!(SCENARIO_NAMES as readonly string[]).includes(s)) throw new ConfigError(`DEMO_SCENARIOS names "${s}"; expected a comma list of ${SCENARIO_NAMES.join(', ')}.`);
  if (list.length === 0) throw new ConfigError(`DEMO_SCENARIOS is empty; expected a comma list of ${SCENARIO_NAMES.join(', ')}.`);
  return list as ScenarioName[];
}

/** The demo player: started by `fruehwarn run --demo` only; sends scenario readings through the ingest intake. */
export const demoService: ServiceDefinition = {
  name: 'demo',
  env: DEMO_ENV,
  async start(ctx) {
    const env = ctx.config.env;
    const player = new DemoPlayer(
      { catalogue: ctx.catalogue, clock: ctx.clock, logger: ctx.logger, sink: intakeSink(ctx) },
      {
        scenarios: scenarioList(readString(env, 'DEMO_SCENARIOS', 'flood,fire')),
        seed: readInt(env, 'DEMO_SEED', 7, { min: 0, max: 999_999_999 }),
        loop: readBool(env, 'DEMO_LOOP', true),
        pollMs: 100,
        batchSize: 500,
      },
    );
    player.start();
    ctx.logger.info('demo player started', { speed: ctx.clock instanceof CompressedClock ? ctx.clock.speed : 1 });
    return { stop: () => player.stop() };
  },
};
