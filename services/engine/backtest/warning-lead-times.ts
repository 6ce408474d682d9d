import type { CatalogueIndex } from '../../core/catalogue/catalogue';
import type { AlertEvent } from '../../core/model/alert-event';
import type { SensorReading } from '../../core/model/reading';

/**
 * How long before a gauge actually reached an information level the first flood warning of
 * that level (or higher) was raised for it. This is the figure that matters to a duty officer:
 * the time people had to move cars and sandbags, not whether a rule fired at all.
 */
export interface WarningLeadTime {
  stationId: string;
  /** NRW information level 1..3 of the gauge. */
  level: 1 | 2 | 3;
  threshold: number;
  /** First reading at or above the threshold. */
  reachedAt: number;
  /** First flood alert at this level or higher that covers the station, or null. */
  warnedAt: number | null;
  ruleId: string | null;
  /** reachedAt - warnedAt: positive = warned ahead; negative = warned after; null = never warned. */
  leadMs: number | null;
}

/**
 * A warning covers a gauge when it names the gauge among its stations or is raised for the
 * gauge's area. Only warnings from two days before to one day after the level was reached
 * count: earlier or later ones belong to another event in a long recording. Readings of quality `bad` are ignored (a spike must not count as the river
 * having reached a level).
 */
const EARLY_LIMIT_MS = 48 * 3_600_000;
const LATE_LIMIT_MS = 24 * 3_600_000;

export function warningLeadTimes(readings: readonly SensorReading[], events: readonly AlertEvent[], catalogue: CatalogueIndex): WarningLeadTime[] {
  const reached = new Map<string, number>();
  for (const r of readings) {
    if (r.quantity !== 'water_level' || r.quality === 'bad') continue;
    const levels = catalogue.station(r.stationId)?.warningLevels;
    if (!levels) continue;
    const thresholds = [levels.level1, levels.level2, levels.level3];
    thresholds.forEach((t, i) => {
      const key = `${r.stationId}\u0000${i + 1}`;
      if (r.value >= t && (reached.get(key) ?? Infinity) > r.observedAt) reached.set(key, r.observedAt);
    });
  }
  const warnings = events.filter((e) => e.hazard === 'flood' && (e.kind === 'raised' || e.kind === 'escalated')).sort((a, b) => a.at - b.at);
  const out: WarningLeadTime[] = [];
  for (const [key, reachedAt] of reached) {
    const [stationId, levelText] = key.split('\u0000');
    const level = Number(levelText) as 1 | 2 | 3;
    const station = catalogue.station(stationId)!;
    const threshold = [station.warningLevels!.level1, station.warningLevels!.level2, station.warningLevels!.level3][level - 1];
    const first = warnings.find((e) => e.level >= level && e.at >= reachedAt - EARLY_LIMIT_MS && e.at <= reachedAt + LATE_LIMIT_MS && (e.stationIds.includes(stationId) || e.subject === stationId || e.areaId === station.areaId));
    out.push({ stationId, level, threshold, reachedAt, warnedAt: first?.at ?? null, ruleId: first?.ruleId ?? null, leadMs: first ? reachedAt - first.at : null });
  }
  return out.sort((a, b) => (a.stationId < b.stationId ? -1 : a.stationId > b.stationId ? 1 : a.level - b.level));
}
