import type { AutoRelease } from '../rules/rule';

const HOUR = new Map<string, Intl.DateTimeFormat>();

/** Local hour (0-23) at an event time, in the installation's time zone (DST-aware, no wall clock). */
export function localHour(at: number, timeZone: string): number {
  let f = HOUR.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric', hourCycle: 'h23' });
    HOUR.set(timeZone, f);
  }
  return Number(f.format(new Date(at)));
}

/** "22-06" wraps midnight: 22:00 to 05:59. "8-18": 08:00 to 17:59. */
export function inHours(hour: number, range: string): boolean {
  const [from, to] = range.split('-').map(Number);
  if (from === to) return true;
  return from < to ? hour >= from && hour < to : hour >= from || hour < to;
}

/** Whether an alert at this level and time may go public without a duty officer's release. */
export function autoReleases(rule: AutoRelease, level: number, at: number, timeZone: string): boolean {
  if (typeof rule === 'boolean') return rule;
  if (level < (rule.minLevel ?? 1)) return false;
  return rule.hours ? inHours(localHour(at, timeZone), rule.hours) : true;
}
