import type { StationKind } from '../../core/catalogue/catalogue';
import type { AlertHazard, Hazard } from '../../core/model/hazard';
import type { Audience } from '../../core/model/alert-event';
import type { Quantity } from '../../core/model/reading';
import type { AggregateName } from '../core/aggregate';

/**
 * A rule as the engine runs it: normalised from YAML by the loader (durations in ms, defaults
 * filled in, single-level sugar expanded to `levels`). Plain JSON, so rules can be compared,
 * shipped to the console's editor and replayed by the backtester.
 */
export type Op = '>' | '>=' | '<' | '<=';
export type WarningLevelRef = 'level1' | 'level2' | 'level3';

/** all/any or at least n of the stations a condition looks at. */
export type Combine = 'all' | 'any' | { atLeast: number };

export interface WindowSpec {
  /** trailing: (now - size, now], re-evaluated continuously; tumbling/sliding: last closed window (emit-on-close). */
  type: 'trailing' | 'tumbling' | 'sliding';
  sizeMs: number;
  /** sliding only: hop between window starts. */
  advanceMs?: number;
  /** tumbling/sliding: how long after the end a window still accepts late points. */
  graceMs?: number;
  aggregate: AggregateName;
}

export interface MetricCondition {
  type: 'metric';
  quantity: Quantity;
  window: WindowSpec;
  op: Op;
  /** A number in the quantity's canonical unit, or the station's warning level. */
  threshold: number | WarningLevelRef;
  /** Added to a warning-level threshold (e.g. -10 cm for a clear condition below the level). */
  offset: number;
  stations: Combine;
}

export interface ScoreCondition {
  type: 'score';
  /** The area's level from this hazard's scorer. */
  hazard: Hazard;
  op: Op;
  level: number;
}

/** No reading for missedIntervals × station.expectedIntervalS. */
export interface SilentCondition {
  type: 'silent';
  missedIntervals: number;
  stations: Combine;
}

export type Condition =
  | { type: 'all'; of: Condition[] }
  | { type: 'any'; of: Condition[] }
  | MetricCondition
  | ScoreCondition
  | SilentCondition;

export interface LevelSpec {
  level: number;
  condition: Condition;
  /** The condition must hold this long (event time) before the level is reached. */
  forMs: number;
  /** Hysteresis: leave the level only when `condition` (default: the raise condition is false) held for `forMs`. */
  clear: { condition: Condition | null; forMs: number };
}

export interface AppliesTo {
  stations?: string[];
  areas?: string[];
  selector?: { quantity?: Quantity; river?: string; kind?: StationKind };
}

export type AutoRelease = boolean | { minLevel?: number; hours?: string };

export interface Rule {
  id: string;
  description: string;
  hazard: AlertHazard;
  kind: 'threshold' | 'silent';
  audience: Audience;
  autoRelease: AutoRelease;
  appliesTo: AppliesTo;
  /** One subject per station (default), per area, or one for all matched stations. */
  groupBy: 'station' | 'area' | 'all';
  /** Area of the single subject when groupBy is `all` (default: area of the first matched station). */
  area?: string;
  /** Ascending by level. */
  levels: LevelSpec[];
  /** Where the rule came from, for error messages and the editor. */
  source?: { file: string; line: number };
}
