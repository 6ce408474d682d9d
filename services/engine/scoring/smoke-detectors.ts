/** Latest state of one smoke detector. */
export interface DetectorState {
  /** 1 alarm, 0 quiet (latest reading). */
  value: number;
  at: number;
  /** Event time the current alarm began (first 1 after a 0), or null when quiet. */
  alarmSince: number | null;
}

/**
 * Smoke detectors in the forest: which are alarming at an event time. A detector sends its state
 * on change and as a heartbeat; its alarm counts while its latest reading says 1 and is no older
 * than `validMs` (a detector that burnt or lost its uplink does not hold an alarm forever; the
 * silent-smoke-detector rule reports it). State: one entry per detector.
 */
export class SmokeDetectors {
  private detectors = new Map<string, DetectorState>();

  observe(stationId: string, t: number, value: number): void {
    const prev = this.detectors.get(stationId);
    if (prev && t < prev.at) return;
    const alarm = value >= 1;
    const alarmSince = alarm ? (prev?.alarmSince ?? t) : null;
    this.detectors.set(stationId, { value: alarm ? 1 : 0, at: t, alarmSince });
  }

  has(stationId: string): boolean {
    return this.detectors.has(stationId);
  }

  /** Alarming detectors among `stationIds` at `at`, by id. */
  alarming(stationIds: readonly string[], at: number, validMs: (stationId: string) => number): string[] {
    return stationIds.filter((id) => {
      const d = this.detectors.get(id);
      return d !== undefined && d.value === 1 && at - d.at <= validMs(id) && d.at <= at;
    });
  }

  snapshot(): Array<[string, DetectorState]> {
    return [...this.detectors].map(([k, v]) => [k, { ...v }]);
  }

  restore(state: Array<[string, DetectorState]>): void {
    this.detectors = new Map(state.map(([k, v]) => [k, { ...v }]));
  }
}
