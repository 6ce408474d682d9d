import type { Station } from '../../core/catalogue/catalogue';
import type { SensorReading } from '../../core/model/reading';

export type SensorProblem = 'silent' | 'stuck' | 'implausible';

export interface SensorHealth {
  stationId: string;
  name: string;
  areaId: string;
  /** Last reading received (processing time), null if none since the console started. */
  lastSeenAt: number | null;
  problems: SensorProblem[];
  /** Quality flags of the last non-good reading, e.g. `range`, `spike`. */
  flags: string[];
}

/** How many identical values in a row make a sensor look stuck (rain and smoke are often 0, so skipped). */
const STUCK_RUN = 12;
const STUCK_EXEMPT = new Set(['rain', 'smoke']);

interface Track {
  lastSeenAt: number | null;
  runs: Map<string, { value: number; count: number }>;
  badUntil: number;
  flags: string[];
}

/**
 * Sensor health for the officers' board, from the readings stream alone:
 * silent — nothing for more than three expected intervals (the engine's silent-sensor rule
 * raises incidents; this view shows it at a glance); stuck — the same value many times in a row;
 * implausible — ingest marked a recent reading bad or suspect (range, spike, flatline).
 */
export class SensorHealthTracker {
  private readonly tracks = new Map<string, Track>();

  constructor(
    private readonly stations: Station[],
    private readonly startedAt: number,
  ) {}

  observe(r: SensorReading, receivedAt = r.receivedAt): void {
    const t = this.track(r.stationId);
    t.lastSeenAt = Math.max(t.lastSeenAt ?? 0, receivedAt);
    if (!STUCK_EXEMPT.has(r.quantity)) {
      const run = t.runs.get(r.quantity);
      if (run && run.value === r.value) run.count++;
      else t.runs.set(r.quantity, { value: r.value, count: 1 });
    }
    if (r.quality !== 'good') {
      // A flagged reading keeps the sensor marked for a few intervals, then it must repeat.
      const station = this.stations.find((s) => s.id === r.stationId);
      t.badUntil = receivedAt + 3 * (station?.expectedIntervalS ?? 600) * 1000;
      t.flags = r.qualityFlags.length > 0 ? [...r.qualityFlags] : [r.quality];
    }
  }

  view(now: number): SensorHealth[] {
    return this.stations.map((s) => {
      const t = this.track(s.id);
      const problems: SensorProblem[] = [];
      const silentAfter = 3 * s.expectedIntervalS * 1000;
      if (now - (t.lastSeenAt ?? this.startedAt) > silentAfter) problems.push('silent');
      if ([...t.runs.values()].some((run) => run.count >= STUCK_RUN)) problems.push('stuck');
      const implausible = now < t.badUntil;
      if (implausible) problems.push('implausible');
      return { stationId: s.id, name: s.name, areaId: s.areaId, lastSeenAt: t.lastSeenAt, problems, flags: implausible ? t.flags : [] };
    });
  }

  private track(id: string): Track {
    let t = this.tracks.get(id);
    if (!t) {
      t = { lastSeenAt: null, runs: new Map(), badUntil: 0, flags: [] };
      this.tracks.set(id, t);
    }
    return t;
  }
}
