import type { LevelSpec } from '../rules/rule';
import type { Evaluation } from './condition';

/**
 * Duration (`for`) and hysteresis (`clear`) for one level of one subject, in event time.
 * Raise: the condition must be true (not merely unknown) continuously for `forMs`.
 * Clear: the clear condition (default: the raise condition is false) must hold for `clear.forMs`.
 * Unknown (missing data) never clears a level: a silent gauge does not end a flood warning.
 */
export interface LevelState {
  active: boolean;
  pendingSince: number | null;
  clearingSince: number | null;
}

export const idleLevel = (): LevelState => ({ active: false, pendingSince: null, clearingSince: null });

export function stepLevel(
  state: LevelState,
  spec: LevelSpec,
  now: number,
  raise: () => Evaluation,
  clear: () => Evaluation,
): LevelState {
  if (!state.active) {
    if (raise().value !== true) return { ...state, pendingSince: null };
    const since = state.pendingSince ?? now;
    if (now - since >= spec.forMs) return { active: true, pendingSince: null, clearingSince: null };
    return { ...state, pendingSince: since };
  }
  const clearing = spec.clear.condition ? clear().value === true : raise().value === false;
  if (!clearing) return { ...state, clearingSince: null };
  const since = state.clearingSince ?? now;
  if (now - since >= spec.clear.forMs) return idleLevel();
  return { ...state, clearingSince: since };
}

export function isTiming(s: LevelState): boolean {
  return s.pendingSince !== null || s.clearingSince !== null;
}
