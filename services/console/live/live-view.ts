import { randomUUID } from 'node:crypto';
import type { Subscription } from '../../core/bus/bus';
import { TOPIC_SCHEMAS, Topics, type TopicName } from '../../core/bus/topics';
import type { Received } from '../../core/bus/typed-bus';
import type { Alert } from '../../core/model/alert';
import type { RiskAssessment } from '../../core/model/assessment';
import type { AuditEntry } from '../../core/model/audit-entry';
import type { SensorReading } from '../../core/model/reading';
import type { ServiceContext } from '../../core/service/service';
import type { EventHub } from './event-hub';
import { ReadingBuffer } from './reading-buffer';
import { SensorHealthTracker } from './sensor-health';

/** What one incident's last revision says, as the board's stream carries it. */
export interface IncidentSignal {
  incidentId: string;
  version: number;
  msgType: Alert['msgType'];
  scope: Alert['scope'];
  status: Alert['status'];
  state: Alert['state'];
  hazard: Alert['hazard'];
  level: number;
  areaIds: string[];
  released: boolean;
  releasedBy: string | null;
  sent: number;
  headline: { de: string | null; en: string | null };
}

export interface AreaLevel {
  areaId: string;
  flood: number;
  wildfire: number;
  /** Scores 0..1 of the last assessments (null before the first). */
  floodScore: number | null;
  wildfireScore: number | null;
  /** The assessment levels alone, before open incidents are taken into account. */
  assessedAt: number | null;
}

export function incidentSignal(a: Alert): IncidentSignal {
  const de = a.info.find((i) => i.language.startsWith('de')) ?? a.info[0];
  const en = a.info.find((i) => i.language.startsWith('en'));
  return {
    incidentId: a.incidentId,
    version: a.version,
    msgType: a.msgType,
    scope: a.scope,
    status: a.status,
    state: a.state,
    hazard: a.hazard,
    level: a.level,
    areaIds: a.areaIds,
    released: a.released,
    releasedBy: a.releasedBy,
    sent: a.sent,
    headline: { de: de?.headline ?? null, en: en?.headline ?? null },
  };
}

export interface LiveViewOptions {
  /** How far back the charts reach (event time). */
  chartHorizonMs: number;
  /** Messages per partition read back at start, so charts and the map are not empty after a restart. */
  backfillPerPartition: number;
}

/**
 * The console's own view of the streams, read with a consumer group of its own (one per
 * console instance, so every instance sees everything): last revision per incident, area
 * levels, recent readings and sensor health; changes go out as server-sent events.
 */
export class LiveView {
  readonly readings: ReadingBuffer;
  readonly health: SensorHealthTracker;
  private readonly incidents = new Map<string, IncidentSignal>();
  private readonly assessments = new Map<string, RiskAssessment>();
  private readonly subscriptions: Subscription[] = [];
  private readonly groupId = `console-live-${randomUUID().slice(0, 8)}`;
  private touchedStations = new Set<string>();
  private flushTimer: NodeJS.Timeout | null = null;
  private areasDirty = false;

  constructor(
    private readonly ctx: Pick<ServiceContext, 'events' | 'catalogue' | 'logger'>,
    private readonly hub: EventHub,
    private readonly options: LiveViewOptions,
  ) {
    this.readings = new ReadingBuffer(options.chartHorizonMs);
    this.health = new SensorHealthTracker(ctx.catalogue.catalogue.stations, Date.now());
  }

  async start(): Promise<void> {
    // Subscribe first, then read back: a record in between is seen twice, which every handler tolerates.
    await this.follow<Alert>(Topics.alerts, (r) => this.onAlert(r.value, true));
    await this.follow<RiskAssessment>(Topics.assessments, (r) => this.onAssessment(r.value));
    await this.follow<SensorReading>(Topics.readings, (r) => this.onReading(r.value, true));
    await this.follow<AuditEntry>(Topics.audit, (r) => this.hub.publish('audit', r.value));
    await this.backfill<Alert>(Topics.alerts, (a) => this.onAlert(a, false));
    await this.backfill<RiskAssessment>(Topics.assessments, (a) => this.onAssessment(a));
    await this.backfill<SensorReading>(Topics.readings, (r) => this.onReading(r, false));
    this.flushTimer = setInterval(() => this.flush(), 1000);
    this.flushTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.flushTimer) clearInterval(this.flushTimer);
    for (const s of this.subscriptions) await s.stop();
  }

  incidentSignals(): IncidentSignal[] {
    return [...this.incidents.values()].sort((a, b) => b.sent - a.sent);
  }

  /** Per area: the higher of the last assessment and the open incidents, per hazard. */
  areaLevels(): AreaLevel[] {
    return [...this.ctx.catalogue.areas.keys()].map((areaId) => {
      const flood = this.assessments.get(`${areaId}:flood`);
      const fire = this.assessments.get(`${areaId}:wildfire`);
      const open = [...this.incidents.values()].filter((i) => i.areaIds.includes(areaId) && (i.state === 'pending' || i.state === 'released'));
      const incidentLevel = (h: string) => Math.max(0, ...open.filter((i) => i.hazard === h).map((i) => i.level));
      return {
        areaId,
        flood: Math.max(flood?.level ?? 0, incidentLevel('flood')),
        wildfire: Math.max(fire?.level ?? 0, incidentLevel('wildfire')),
        floodScore: flood?.score ?? null,
        wildfireScore: fire?.score ?? null,
        assessedAt: Math.max(flood?.at ?? 0, fire?.at ?? 0) || null,
      };
    });
  }

  private onAlert(a: Alert, live: boolean): void {
    const cur = this.incidents.get(a.incidentId);
    if (cur && cur.version > a.version) return;
    const signal = incidentSignal(a);
    this.incidents.set(a.incidentId, signal);
    if (live && (!cur || cur.version !== a.version)) this.hub.publish('incident', { ...signal, isNew: !cur });
    this.areasDirty = true;
  }

  private onAssessment(a: RiskAssessment): void {
    const key = `${a.areaId}:${a.hazard}`;
    const cur = this.assessments.get(key);
    if (cur && cur.at > a.at) return;
    this.assessments.set(key, a);
    if (!cur || cur.level !== a.level) this.areasDirty = true;
  }

  private onReading(r: SensorReading, live: boolean): void {
    this.readings.add(r);
    this.health.observe(r, live ? Date.now() : r.receivedAt);
    if (live) this.touchedStations.add(r.stationId);
  }

  /** Readings and area changes go out at most once a second: a board needs no more. */
  private flush(): void {
    if (this.touchedStations.size > 0) {
      this.hub.publish('readings', { stationIds: [...this.touchedStations] });
      this.touchedStations = new Set();
    }
    if (this.areasDirty) {
      this.areasDirty = false;
      this.hub.publish('areas', { areas: this.areaLevels() });
    }
  }

  private async follow<T>(topic: TopicName, onRecord: (r: Received<T>) => void): Promise<void> {
    const sub = await this.ctx.events.subscribe<T>({
      groupId: `${this.groupId}-${topic}`,
      topic,
      fromBeginning: false,
      handler: async (records) => {
        for (const r of records) onRecord(r);
      },
      onDecodeError: async (err) => this.ctx.logger.warn('console: undecodable record skipped', { topic, err: err.message }),
    });
    this.subscriptions.push(sub);
  }

  private async backfill<T>(topic: TopicName, onValue: (v: T) => void): Promise<void> {
    const { bus, codec } = this.ctx.events;
    const schema = TOPIC_SCHEMAS[topic];
    for (const end of await bus.endOffsets(topic)) {
      const from = Math.max(0, end.offset - this.options.backfillPerPartition);
      let offset = from;
      while (offset < end.offset) {
        const batch = await bus.read(topic, end.partition, offset, Math.min(1000, end.offset - offset));
        if (batch.length === 0) break;
        for (const m of batch) {
          try {
            onValue(await codec.decode<T>(schema, m.value));
          } catch {
            // A record the console cannot read is not worth failing the start for.
          }
        }
        offset = batch[batch.length - 1]!.offset + 1;
      }
    }
  }
}
