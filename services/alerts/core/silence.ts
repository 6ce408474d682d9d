import type { AlertHazard } from '../../core/model/hazard';

/**
 * An officer's "do not raise public warnings for this until ..." (Alertmanager-style).
 * Matching firings still show in the console, marked silenced; they do not count toward
 * an incident's public level while the silence lasts.
 */
export interface Silence {
  id: string;
  /** null matches every area. */
  areaId: string | null;
  /** null matches every rule. */
  ruleId: string | null;
  /** Set when the silence was made from one incident: area + hazard. */
  hazard: AlertHazard | null;
  from: number;
  until: number;
  by: string;
  reason: string | null;
}

export interface SilenceTarget {
  areaId: string;
  hazard: AlertHazard;
  ruleId: string;
}

export function silenceMatches(s: Silence, target: SilenceTarget, at: number): boolean {
  if (at < s.from || at >= s.until) return false;
  if (s.areaId !== null && s.areaId !== target.areaId) return false;
  if (s.ruleId !== null && s.ruleId !== target.ruleId) return false;
  if (s.hazard !== null && s.hazard !== target.hazard) return false;
  return true;
}
