import { faultsScenario } from './faults-scenario';
import { fireScenario } from './fire-scenario';
import { floodScenario } from './flood-scenario';
import type { Scenario, ScenarioName, ScenarioOptions } from './scenario';

const GENERATORS: Record<ScenarioName, (opts: ScenarioOptions) => Scenario> = {
  flood: floodScenario,
  fire: fireScenario,
  faults: faultsScenario,
};

export function generateScenario(name: ScenarioName, opts: ScenarioOptions): Scenario {
  return GENERATORS[name](opts);
}

/**
 * Several scenarios back to back in event time: each starts where the previous ended, so one
 * file (or one demo loop) is one continuous recording and no station's readings go backwards.
 */
export function generateSequence(names: readonly ScenarioName[], opts: ScenarioOptions): Scenario[] {
  const out: Scenario[] = [];
  let from = opts.from;
  for (const [i, name] of names.entries()) {
    const s = generateScenario(name, { ...opts, from, seed: opts.seed + i });
    out.push(s);
    from = s.to;
  }
  return out;
}
