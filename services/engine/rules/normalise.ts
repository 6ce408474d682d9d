import { parseDuration } from '../core/duration';
import type { CatalogueIndex } from '../../core/catalogue/catalogue';
import type { Combine, Condition, LevelSpec, Rule, WindowSpec } from './rule';

/** The YAML shape after schema validation (loosely typed; the schema has checked it). */
/* eslint-disable @typescript-eslint/no-explicit-any */
type Raw = any;

export class RuleShapeError extends Error {
  constructor(
    readonly path: Array<string | number>,
    message: string,
  ) {
    super(message);
  }
}

/** Turns one schema-valid YAML rule into the engine's Rule; throws RuleShapeError for semantic problems. */
export function normaliseRule(raw: Raw, catalogue?: CatalogueIndex): Rule {
  const kind: Rule['kind'] = raw.kind ?? 'threshold';
  const hazard = raw.hazard;
  const defaultWindow = raw.window ? windowOf(raw.window, ['window']) : undefined;
  const selectorQuantity = raw.appliesTo?.selector?.quantity;
  const defaultStations: Combine = raw.stations ?? 'any';

  const condition = (c: Raw, path: Array<string | number>): Condition => {
    if (c.all) return { type: 'all', of: c.all.map((x: Raw, i: number) => condition(x, [...path, 'all', i])) };
    if (c.any) return { type: 'any', of: c.any.map((x: Raw, i: number) => condition(x, [...path, 'any', i])) };
    if (c.score) return { type: 'score', hazard: c.score.hazard, op: c.score.op, level: c.score.level };
    const quantity = c.quantity ?? selectorQuantity;
    if (!quantity) throw new RuleShapeError([...path, 'quantity'], 'quantity is required (here or in appliesTo.selector)');
    const window = c.window ? windowOf(c.window, [...path, 'window']) : defaultWindow;
    if (!window) throw new RuleShapeError([...path, 'window'], 'window is required (here or on the rule)');
    if (typeof c.threshold === 'string' && quantity !== 'water_level') {
      throw new RuleShapeError([...path, 'threshold'], `warning level ${c.threshold} applies to water_level only`);
    }
    return {
      type: 'metric',
      quantity,
      window,
      op: c.op,
      threshold: c.threshold,
      offset: c.offset ?? 0,
      stations: c.stations ?? defaultStations,
    };
  };

  const levelOf = (l: Raw, path: Array<string | number>): LevelSpec => ({
    level: l.level,
    condition: condition(l.condition, [...path, 'condition']),
    forMs: l.for ? parseDuration(l.for) : 0,
    clear: {
      condition: l.clear?.condition ? condition(l.clear.condition, [...path, 'clear', 'condition']) : null,
      forMs: l.clear?.for ? parseDuration(l.clear.for) : 0,
    },
  });

  let levels: LevelSpec[];
  if (kind === 'silent') {
    if (raw.missedIntervals === undefined) throw new RuleShapeError(['missedIntervals'], 'silent rules need missedIntervals');
    levels = [
      {
        level: raw.level,
        condition: { type: 'silent', missedIntervals: raw.missedIntervals, stations: defaultStations },
        forMs: 0,
        clear: { condition: null, forMs: raw.clear?.for ? parseDuration(raw.clear.for) : 0 },
      },
    ];
  } else if (raw.levels) {
    levels = raw.levels.map((l: Raw, i: number) => levelOf(l, ['levels', i]));
    const seen = new Set<number>();
    raw.levels.forEach((l: Raw, i: number) => {
      if (seen.has(l.level)) throw new RuleShapeError(['levels', i, 'level'], `level ${l.level} appears twice`);
      seen.add(l.level);
    });
    levels.sort((a, b) => a.level - b.level);
  } else {
    if (raw.missedIntervals !== undefined) throw new RuleShapeError(['missedIntervals'], 'missedIntervals needs kind: silent');
    levels = [levelOf(raw, [])];
  }

  const groupBy: Rule['groupBy'] = raw.groupBy ?? 'station';
  if (raw.area && groupBy !== 'all') throw new RuleShapeError(['area'], 'area is only used with groupBy: all');

  const audience = hazard === 'sensor' ? 'officers' : (raw.audience ?? 'public');
  if (hazard === 'sensor' && raw.audience === 'public') {
    throw new RuleShapeError(['audience'], 'sensor rules are for duty officers only');
  }

  if (catalogue) {
    (raw.appliesTo?.stations ?? []).forEach((id: string, i: number) => {
      if (!catalogue.station(id)) throw new RuleShapeError(['appliesTo', 'stations', i], `unknown station "${id}"`);
    });
    (raw.appliesTo?.areas ?? []).forEach((id: string, i: number) => {
      if (!catalogue.area(id)) throw new RuleShapeError(['appliesTo', 'areas', i], `unknown area "${id}"`);
    });
    if (raw.area && !catalogue.area(raw.area)) throw new RuleShapeError(['area'], `unknown area "${raw.area}"`);
  }

  return {
    id: raw.id,
    description: raw.description,
    hazard,
    kind,
    audience,
    autoRelease: raw.autoRelease ?? false,
    appliesTo: raw.appliesTo ?? {},
    groupBy,
    ...(raw.area ? { area: raw.area } : {}),
    levels,
  };
}

function windowOf(w: Raw, path: Array<string | number>): WindowSpec {
  const type = w.type ?? 'trailing';
  const spec: WindowSpec = { type, sizeMs: parseDuration(w.size), aggregate: w.aggregate };
  if (type === 'sliding') {
    if (!w.advance) throw new RuleShapeError([...path, 'advance'], 'sliding windows need advance');
    spec.advanceMs = parseDuration(w.advance);
    if (spec.advanceMs > spec.sizeMs) throw new RuleShapeError([...path, 'advance'], 'advance must not exceed size');
  } else if (w.advance) {
    throw new RuleShapeError([...path, 'advance'], 'advance is only for sliding windows');
  }
  if (type !== 'trailing') spec.graceMs = w.grace ? parseDuration(w.grace) : 0;
  return spec;
}
