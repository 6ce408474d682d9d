import type { CatalogueIndex, Station } from '../../core/catalogue/catalogue';
import { incidentKeyOf, type AlertEvent, type AlertEventKind, type AlertStatus } from '../../core/model/alert-event';
import type { RiskAssessment } from '../../core/model/assessment';
import type { Driver, Hazard } from '../../core/model/hazard';
import type { Quantity, SensorReading } from '../../core/model/reading';
import type { Rule, WindowSpec } from '../rules/rule';
import { autoReleases } from './auto-release';
import { evaluate, type EvaluationContext } from './condition';
import { Deduplicator } from './dedup';
import { emptyOutput, type EngineOutput } from './engine-output';
import { idleLevel, isTiming, stepLevel, type LevelState } from './level-tracker';
import type { HazardScorer } from './scorer';
import { SeriesBuffer } from './series-buffer';
import { metricsOf, subjectsOf, usesScore, type Subject } from './subjects';
import { Watermarks } from './watermarks';
import { WindowedAggregation, type WindowedAggregationState } from './windowed-aggregation';
import { SlidingWindows, TumblingWindows } from './windows';

export interface RuleEngineOptions {
  rules: Rule[];
  catalogue: CatalogueIndex;
  scorers: HazardScorer[];
  /** How far behind its station's newest reading a reading may arrive and still count. */
  allowedLatenessMs: number;
  /** Stamped on every alert event (Actual, or Exercise for drills and demos). */
  status: AlertStatus;
  /** Ring-buffer bound per station and quantity (default 2048). */
  maxPointsPerSeries?: number;
  /** Dedup memory per station (default 512 observations). */
  dedupPerStation?: number;
  /** Unchanged-level assessments are re-emitted at most this often per area and hazard (default 15 min). */
  assessmentIntervalMs?: number;
  /** For autoRelease hours (default Europe/Berlin). */
  timeZone?: string;
}

interface SubjectState {
  level: number;
  levels: Record<number, LevelState>;
}

interface EmittedAssessment {
  level: number;
  score: number;
  at: number;
}

/** JSON-serialisable checkpoint of everything the engine remembers. */
export interface EngineSnapshot {
  version: 1;
  now: number | null;
  startedAt: number | null;
  watermarks: Array<[string, number]>;
  dedup: Record<string, string[]>;
  lastSeen: Array<[string, number]>;
  series: Array<[string, Array<[number, number]>]>;
  windows: Array<[string, WindowedAggregationState]>;
  closed: Array<[string, Array<[string, ClosedResult]>]>;
  rules: Record<string, string>;
  subjects: Array<[string, SubjectState]>;
  latest: Array<[string, RiskAssessment]>;
  emitted: Array<[string, EmittedAssessment]>;
  scorers: unknown[];
}

interface ClosedResult {
  end: number;
  value: number | null;
}

const HOUR_MS = 3_600_000;

/**
 * The windowed rule engine: pure and deterministic (no I/O, no wall clock; time is the event
 * time of the readings and of advanceTo). The same instance logic runs live and in backtests.
 *
 * Event time: the engine's `now` is the newest event time it has seen. Trailing windows end at
 * `now` and are re-evaluated when an out-of-order reading (within lateness) arrives; tumbling
 * and sliding windows are decided once, when the station's watermark passes end + grace.
 */
export class RuleEngine {
  private readonly catalogue: CatalogueIndex;
  private readonly scorers: HazardScorer[];
  private readonly status: AlertStatus;
  private readonly maxPoints: number;
  private readonly assessmentInterval: number;
  private readonly timeZone: string;
  private readonly allowedLatenessMs: number;

  private rules: Rule[] = [];
  private ruleHashes = new Map<string, string>();
  private subjects: Subject[] = [];
  private subjectsByStation = new Map<string, Subject[]>();
  private scoreSubjectsByArea = new Map<string, Subject[]>();
  private retention = new Map<Quantity, number>();
  private windowSpecs = new Map<string, { spec: WindowSpec; quantity: Quantity }>();

  private now: number | null = null;
  private startedAt: number | null = null;
  private watermarks: Watermarks;
  private dedup: Deduplicator;
  private lastSeen = new Map<string, number>();
  /** By station, then quantity: conditions look buffers up per station on every evaluation, without building keys. */
  private series = new Map<string, Map<Quantity, SeriesBuffer>>();
  private windows = new Map<string, WindowedAggregation>();
  private closed = new Map<string, Map<string, ClosedResult>>();
  private state = new Map<string, SubjectState>();
  /** Keys of subjects with a `for` or `clear` timer running: re-evaluated on every reading, whatever its station. */
  private timing = new Set<string>();
  private subjectByKey = new Map<string, Subject>();
  private subjectOrder = new Map<string, number>();
  private latest = new Map<string, RiskAssessment>();
  private emitted = new Map<string, EmittedAssessment>();

  constructor(opts: RuleEngineOptions) {
    this.catalogue = opts.catalogue;
    this.scorers = opts.scorers;
    this.status = opts.status;
    this.allowedLatenessMs = opts.allowedLatenessMs;
    this.maxPoints = opts.maxPointsPerSeries ?? 2048;
    this.assessmentInterval = opts.assessmentIntervalMs ?? 15 * 60_000;
    this.timeZone = opts.timeZone ?? 'Europe/Berlin';
    this.watermarks = new Watermarks(opts.allowedLatenessMs);
    this.dedup = new Deduplicator(opts.dedupPerStation ?? 512);
    this.install(opts.rules);
  }

  /** Current event time (null before the first reading or advanceTo). */
  get eventTime(): number | null {
    return this.now;
  }

  get ruleSet(): readonly Rule[] {
    return this.rules;
  }

  process(reading: SensorReading): EngineOutput {
    const out = emptyOutput();
    const station = this.catalogue.station(reading.stationId);
    if (!station) {
      out.late.push({ reading, reason: 'unknown-station' });
      return out;
    }
    if (this.watermarks.isLate(station.id, reading.observedAt)) {
      out.late.push({ reading, reason: 'too-late' });
      return out;
    }
    if (!this.dedup.firstTime(station.id, reading.quantity, reading.observedAt)) return out;

    const watermark = this.watermarks.observe(station.id, reading.observedAt);
    this.tick(reading.observedAt);
    const now = this.now!;

    if (reading.quality !== 'bad') {
      this.lastSeen.set(station.id, Math.max(this.lastSeen.get(station.id) ?? -Infinity, reading.observedAt));
      this.record(station, reading.quantity, reading.observedAt, reading.value, watermark);
      this.feedScorers(station, reading, now, out);
    }
    this.closeWindows(station.id, watermark);

    // The station's own subjects, and every subject whose timer runs (its `for` may elapse now).
    // The timer set is kept up to date rather than found by scanning every subject: a scan per
    // reading made the engine's cost grow with stations × rules.
    const touched = new Set<Subject>(this.subjectsByStation.get(station.id) ?? []);
    for (const key of this.timing) {
      const s = this.subjectByKey.get(key);
      if (s) touched.add(s);
    }
    // Stable order: the rule set's order, not arrival order of the set.
    const ordered = touched.size > 1 ? [...touched].sort((a, b) => this.subjectOrder.get(a.key)! - this.subjectOrder.get(b.key)!) : [...touched];
    for (const s of ordered) this.evaluateSubject(s, now, out);
    return out;
  }

  /**
   * Moves event time forward without a reading (live: driven by the wall clock; replay: by the
   * recording). Silent sensors, `for` durations and clears that depend on time alone fire here.
   */
  advanceTo(eventTime: number): EngineOutput {
    const out = emptyOutput();
    if (this.now !== null && eventTime <= this.now) return out;
    this.tick(eventTime);
    const now = this.now!;
    for (const scorer of this.scorers) {
      for (const key of [...this.latest.keys()].sort()) {
        const [hazard, areaId] = splitKey(key);
        if (hazard === scorer.hazard) this.assess(scorer, areaId, now, out);
      }
    }
    for (const s of this.subjects) this.evaluateSubject(s, now, out);
    return out;
  }

  /** Swaps the rule set; subjects of rules that did not change keep their state (no re-raise). */
  replaceRules(rules: Rule[]): void {
    const before = new Map(this.ruleHashes);
    this.install(rules);
    for (const key of [...this.state.keys()]) {
      const ruleId = key.slice(0, key.indexOf('|'));
      if (before.get(ruleId) !== this.ruleHashes.get(ruleId)) this.state.delete(key);
    }
    for (const specKey of [...this.windows.keys()]) {
      if (!this.windowSpecs.has(specKey)) {
        this.windows.delete(specKey);
        this.closed.delete(specKey);
      }
    }
    const live = new Set(this.subjects.map((s) => s.key));
    for (const key of [...this.state.keys()]) if (!live.has(key)) this.state.delete(key);
    this.rebuildTiming();
  }

  private rebuildTiming(): void {
    this.timing.clear();
    for (const [key, st] of this.state) if (Object.values(st.levels).some(isTiming)) this.timing.add(key);
  }

  snapshot(): EngineSnapshot {
    return {
      version: 1,
      now: this.now,
      startedAt: this.startedAt,
      watermarks: this.watermarks.snapshot(),
      dedup: this.dedup.snapshot(),
      lastSeen: [...this.lastSeen],
      series: [...this.series].flatMap(([stationId, m]) => [...m].map(([q, b]): [string, Array<[number, number]>] => [`${stationId}/${q}`, b.toJSON()])),
      windows: [...this.windows].map(([k, w]) => [k, w.snapshot()]),
      closed: [...this.closed].map(([k, m]) => [k, [...m]]),
      rules: Object.fromEntries(this.ruleHashes),
      subjects: [...this.state].map(([k, s]) => [k, structuredClone(s)]),
      latest: [...this.latest],
      emitted: [...this.emitted],
      scorers: this.scorers.map((s) => s.snapshot()),
    };
  }

  restore(snap: EngineSnapshot): void {
    if (snap.version !== 1) throw new Error(`unsupported engine snapshot version ${String(snap.version)}`);
    this.now = snap.now;
    this.startedAt = snap.startedAt;
    this.watermarks.restore(snap.watermarks);
    this.dedup.restore(snap.dedup);
    this.lastSeen = new Map(snap.lastSeen);
    this.series.clear();
    for (const [k, pts] of snap.series) {
      const cut = k.lastIndexOf('/');
      const stationId = k.slice(0, cut);
      if (!this.series.has(stationId)) this.series.set(stationId, new Map());
      this.series.get(stationId)!.set(k.slice(cut + 1) as Quantity, SeriesBuffer.fromJSON(this.maxPoints, pts));
    }
    this.windows.clear();
    this.closed.clear();
    for (const [k] of this.windowSpecs) this.windows.set(k, this.newAggregation(k));
    for (const [k, w] of snap.windows) this.windows.get(k)?.restore(w);
    for (const [k, entries] of snap.closed) if (this.windowSpecs.has(k)) this.closed.set(k, new Map(entries));
    // Rule state only for rules that are the same as when the snapshot was taken.
    this.state.clear();
    const live = new Set(this.subjects.map((s) => s.key));
    for (const [key, st] of snap.subjects) {
      const ruleId = key.slice(0, key.indexOf('|'));
      if (live.has(key) && snap.rules[ruleId] === this.ruleHashes.get(ruleId)) this.state.set(key, structuredClone(st));
    }
    this.rebuildTiming();
    this.latest = new Map(snap.latest);
    this.emitted = new Map(snap.emitted);
    snap.scorers.forEach((s, i) => this.scorers[i]?.restore(s));
  }

  // ---------------------------------------------------------------------------------------------

  private install(rules: Rule[]): void {
    this.rules = [...rules];
    this.ruleHashes = new Map(rules.map((r) => [r.id, ruleHash(r)]));
    this.subjects = rules.flatMap((r) => subjectsOf(r, this.catalogue));
    this.subjectsByStation.clear();
    this.scoreSubjectsByArea.clear();
    this.subjectByKey = new Map(this.subjects.map((s) => [s.key, s]));
    this.subjectOrder = new Map(this.subjects.map((s, i) => [s.key, i]));
    for (const s of this.subjects) {
      for (const st of s.stations) push(this.subjectsByStation, st.id, s);
      if (usesScore(s.rule)) push(this.scoreSubjectsByArea, s.areaId, s);
    }
    this.retention.clear();
    // Water level keeps an hour for the trend in evidence texts.
    this.retention.set('water_level', HOUR_MS);
    this.windowSpecs.clear();
    for (const r of rules) {
      for (const m of metricsOf(r)) {
        if (m.window.type === 'trailing') {
          this.retention.set(m.quantity, Math.max(this.retention.get(m.quantity) ?? 0, m.window.sizeMs));
        } else {
          const key = specKey(m.window, m.quantity);
          this.windowSpecs.set(key, { spec: m.window, quantity: m.quantity });
          if (!this.windows.has(key)) this.windows.set(key, this.newAggregation(key));
        }
      }
    }
  }

  private newAggregation(key: string): WindowedAggregation {
    const { spec } = this.windowSpecs.get(key)!;
    const assigner = spec.type === 'sliding' ? new SlidingWindows(spec.sizeMs, spec.advanceMs!) : new TumblingWindows(spec.sizeMs);
    return new WindowedAggregation(assigner, spec.graceMs ?? 0);
  }

  private tick(t: number): void {
    if (this.startedAt === null) this.startedAt = t;
    if (this.now === null || t > this.now) this.now = t;
  }

  private record(station: Station, quantity: Quantity, t: number, v: number, watermark: number): void {
    const key = `${station.id}/${quantity}`;
    const keep = this.retention.get(quantity);
    if (keep !== undefined) {
      const buf = this.seriesOf(station.id, quantity);
      buf.insert(t, v);
      // Keep what the widest trailing window can still see once lateness is accounted for.
      buf.evictBefore(watermark - keep);
    }
    for (const [k, { quantity: q }] of this.windowSpecs) {
      if (q === quantity) this.windows.get(k)!.add(key, t, v, watermark);
    }
  }

  private seriesOf(stationId: string, quantity: Quantity): SeriesBuffer {
    let m = this.series.get(stationId);
    if (!m) this.series.set(stationId, (m = new Map()));
    let buf = m.get(quantity);
    if (!buf) m.set(quantity, (buf = new SeriesBuffer(this.maxPoints)));
    return buf;
  }

  private closeWindows(stationId: string, watermark: number): void {
    const station = this.catalogue.station(stationId)!;
    for (const [k, { spec, quantity }] of this.windowSpecs) {
      if (!station.quantities.includes(quantity)) continue;
      const seriesKey = `${stationId}/${quantity}`;
      const results = this.windows.get(k)!.closeUpTo(seriesKey, watermark);
      const last = results[results.length - 1];
      if (!last) continue;
      let m = this.closed.get(k);
      if (!m) {
        m = new Map();
        this.closed.set(k, m);
      }
      m.set(seriesKey, { end: last.window.end, value: last.value(spec.aggregate) });
    }
  }

  private feedScorers(station: Station, reading: SensorReading, now: number, out: EngineOutput): void {
    for (const scorer of this.scorers) {
      if (!scorer.accepts(station, reading)) continue;
      scorer.observe(reading, station);
      this.assess(scorer, station.areaId, now, out);
    }
  }

  private assess(scorer: HazardScorer, areaId: string, now: number, out: EngineOutput): void {
    const a = scorer.assess(areaId, now);
    if (!a) return;
    const key = `${scorer.hazard}:${areaId}`;
    const prevLevel = this.latest.get(key)?.level;
    this.latest.set(key, a);
    const e = this.emitted.get(key);
    const changed = !e || e.level !== a.level || (Math.abs(e.score - a.score) > 1e-9 && now - e.at >= this.assessmentInterval);
    if (changed) {
      out.assessments.push(a);
      this.emitted.set(key, { level: a.level, score: a.score, at: now });
    }
    if (prevLevel !== a.level) {
      for (const s of this.scoreSubjectsByArea.get(areaId) ?? []) this.evaluateSubject(s, now, out);
    }
  }

  private context(now: number): EvaluationContext {
    return {
      now,
      startedAt: this.startedAt ?? now,
      catalogue: this.catalogue,
      series: (stationId, q) => this.series.get(stationId)?.get(q),
      closedWindow: (spec, stationId, q) => {
        const r = this.closed.get(specKey(spec, q))?.get(`${stationId}/${q}`);
        // A closed result stays current for one further window (plus grace and lateness).
        if (!r || now > r.end + spec.sizeMs + (spec.graceMs ?? 0) + this.allowedLatenessMs) return undefined;
        return r.value;
      },
      lastSeen: (stationId) => this.lastSeen.get(stationId),
      areaLevel: (hazard, areaId) => {
        const a = this.latest.get(`${hazard}:${areaId}`);
        return a ? { level: a.level, drivers: a.drivers } : undefined;
      },
    };
  }

  private evaluateSubject(s: Subject, now: number, out: EngineOutput): void {
    const ctx = this.context(now);
    const prev = this.state.get(s.key) ?? { level: 0, levels: {} };
    const levels: Record<number, LevelState> = {};
    const evidence = new Map<number, () => Driver[]>();
    for (const spec of s.rule.levels) {
      let raised: ReturnType<typeof evaluate> | undefined;
      const raise = () => (raised ??= evaluate(spec.condition, s, ctx));
      const clear = () => evaluate(spec.clear.condition!, s, ctx);
      levels[spec.level] = stepLevel(prev.levels[spec.level] ?? idleLevel(), spec, now, raise, clear);
      evidence.set(spec.level, raise().evidence);
    }
    const level = Math.max(0, ...s.rule.levels.filter((l) => levels[l.level].active).map((l) => l.level));
    const next: SubjectState = { level, levels };
    const timing = Object.values(levels).some(isTiming);
    if (timing) this.timing.add(s.key);
    else this.timing.delete(s.key);
    const idle = level === 0 && !timing && Object.values(levels).every((l) => !l.active);
    if (idle) this.state.delete(s.key);
    else this.state.set(s.key, next);
    if (level === prev.level) return;
    const kind: AlertEventKind = prev.level === 0 ? 'raised' : level === 0 ? 'cleared' : level > prev.level ? 'escalated' : 'deescalated';
    const drivers = evidence.get(level || s.rule.levels[0].level)?.() ?? [];
    out.alertEvents.push(this.alertEvent(s, kind, level, drivers, now));
  }

  private alertEvent(s: Subject, kind: AlertEventKind, level: number, evidence: Driver[], at: number): AlertEvent {
    const rule = s.rule;
    const stationIds = [...new Set(evidence.map((d) => d.stationId).filter((x): x is string => x !== null))].sort();
    const publicRule = rule.audience === 'public' && rule.hazard !== 'sensor';
    return {
      id: `${rule.id}:${s.subject}:${kind}:${level}:${at}`,
      kind,
      incidentKey: incidentKeyOf(s.areaId, rule.hazard),
      ruleId: rule.id,
      subject: s.subject,
      hazard: rule.hazard,
      areaId: s.areaId,
      stationIds,
      level,
      audience: publicRule ? 'public' : 'officers',
      autoRelease: publicRule && level > 0 && autoReleases(rule.autoRelease, level, at, this.timeZone),
      status: this.status,
      evidence,
      at,
    };
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function specKey(w: WindowSpec, q: Quantity): string {
  return `${q}:${w.type}:${w.sizeMs}:${w.advanceMs ?? 0}:${w.graceMs ?? 0}`;
}

function splitKey(key: string): [Hazard, string] {
  const i = key.indexOf(':');
  return [key.slice(0, i) as Hazard, key.slice(i + 1)];
}

/** Canonical JSON of a rule without its source location (moving a rule in its file is not a change). */
export function ruleHash(rule: Rule): string {
  const { source: _source, ...rest } = rule;
  return stable(rest);
}

function stable(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(stable).join(',')}]`;
  if (x && typeof x === 'object') {
    return `{${Object.keys(x)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((x as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(x);
}
