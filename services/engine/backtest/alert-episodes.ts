import type { AlertEvent } from '../../core/model/alert-event';

/**
 * One firing of a rule for one subject, from its raise to its clear: the row an analyst reads
 * in a backtest ("rule, area, level, first time, cleared time").
 */
export interface AlertEpisode {
  ruleId: string;
  subject: string;
  areaId: string;
  hazard: AlertEvent['hazard'];
  incidentKey: string;
  /** Highest level the episode reached. */
  maxLevel: number;
  raisedAt: number;
  /** First time each level was reached in this episode (level → event time). */
  levelReachedAt: Record<number, number>;
  /** null: still active when the recording ended. */
  clearedAt: number | null;
}

/**
 * Folds alert events into episodes. Events of one (rule, subject) arrive in event-time order
 * from the engine; a `raised` opens an episode, escalations and de-escalations update it, a
 * `cleared` closes it.
 */
export function alertEpisodes(events: readonly AlertEvent[]): AlertEpisode[] {
  const open = new Map<string, AlertEpisode>();
  const done: AlertEpisode[] = [];
  for (const e of events) {
    const key = `${e.ruleId}\u0000${e.subject}`;
    let ep = open.get(key);
    if (e.kind === 'raised' || !ep) {
      // A raise while one is open (should not happen) closes the old one at the new raise.
      if (ep) done.push({ ...ep, clearedAt: e.at });
      if (e.kind === 'cleared') continue;
      ep = { ruleId: e.ruleId, subject: e.subject, areaId: e.areaId, hazard: e.hazard, incidentKey: e.incidentKey, maxLevel: e.level, raisedAt: e.at, levelReachedAt: { [e.level]: e.at }, clearedAt: null };
      open.set(key, ep);
      continue;
    }
    if (e.kind === 'cleared') {
      ep.clearedAt = e.at;
      done.push(ep);
      open.delete(key);
      continue;
    }
    if (e.level > ep.maxLevel) ep.maxLevel = e.level;
    if (ep.levelReachedAt[e.level] === undefined) ep.levelReachedAt[e.level] = e.at;
  }
  done.push(...open.values());
  return done.sort((a, b) => a.raisedAt - b.raisedAt || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}
