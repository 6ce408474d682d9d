import { Counter, Gauge } from 'prom-client';
import { performance } from 'node:perf_hooks';
import type { MessageBatch, Subscription, TopicPartitionOffset } from '../../core/bus/bus';
import { Topics } from '../../core/bus/topics';
import type { Received } from '../../core/bus/typed-bus';
import type { AlertEvent, AlertStatus } from '../../core/model/alert-event';
import type { RiskAssessment } from '../../core/model/assessment';
import type { SensorReading } from '../../core/model/reading';
import type { RejectedInput } from '../../core/model/rejected-input';
import type { ServiceContext } from '../../core/service/service';
import { emptyOutput, type EngineOutput, type LateReading } from '../core/engine-output';
import { RuleEngine } from '../core/rule-engine';
import type { HazardScorer } from '../core/scorer';
import { loadRuleDirectory, type LoadResult } from '../rules/loader';
import type { Rule } from '../rules/rule';
import { formatRuleError, type RuleError } from '../rules/rule-error';
import { watchRuleDirectory, type RuleWatcher } from '../rules/watcher';
import { CHECKPOINT_KEY, loadCheckpoint, saveCheckpointText, type EngineCheckpoint, type LastValue } from './checkpoint';
import { PartitionAligner, type BatchTicket } from './partition-aligner';
import { mergeReload } from './rule-reload';

/** Longest stretch (ms) the merge runs before it lets the event loop turn. */
const DRAIN_SLICE_MS = 50;

export interface EngineWorkerOptions {
  groupId: string;
  /** Rule files (*.yaml); null: run `rules` as given (tests, embedding). */
  rulesDir: string | null;
  rules?: Rule[];
  /** Reload rules when a file in rulesDir changes. */
  watchRules: boolean;
  /** Fresh scorers per engine instance (a rewind builds a new engine). */
  scorers: () => HazardScorer[];
  allowedLatenessMs: number;
  status: AlertStatus;
  /** Checkpoint (then commit) once this many readings records were consumed since the last one. */
  checkpointEvery: number;
  /**
   * ...and at most this often (wall ms). A checkpoint serialises the whole engine state, which
   * grows with the stations; under a backlog, every `checkpointEvery` readings would spend most
   * of the time writing checkpoints. A crash replays at most this much more.
   */
  checkpointMinIntervalMs: number;
  /** Wall-clock advance of event time (silent sensors without readings); 0 turns it off. */
  tickMs: number;
  /**
   * While the merge waits for a partition with a backlog, how often its end offsets are asked
   * again (the backlog may turn out to be gone, e.g. a seek or a rebalance moved it).
   */
  alignIdleMs: number;
  /**
   * How long the merge waits for a partition whose backlog does not arrive at all (no reading
   * merged meanwhile) before going ahead without it: a stuck bus must not stall every other
   * partition forever. Never used for a partition that is merely between batches.
   */
  alignStallMs: number;
  /** Readings one partition may have waiting in the merge; further batches are fetched again later. */
  alignMaxBuffered: number;
  maxBatchSize: number;
  checkpointKey: string;
}

export const DEFAULT_ENGINE_WORKER_OPTIONS: EngineWorkerOptions = {
  groupId: 'fruehwarn-engine',
  rulesDir: null,
  watchRules: false,
  scorers: () => [],
  allowedLatenessMs: 10 * 60_000,
  status: 'Actual',
  checkpointEvery: 500,
  checkpointMinIntervalMs: 0,
  tickMs: 30_000,
  alignIdleMs: 500,
  alignStallMs: 30_000,
  alignMaxBuffered: 10_000,
  maxBatchSize: 1000,
  checkpointKey: CHECKPOINT_KEY,
};

type Ctx = Pick<ServiceContext, 'events' | 'store' | 'logger' | 'clock' | 'catalogue'> & Partial<Pick<ServiceContext, 'metrics' | 'health'>>;

export interface StationState {
  stationId: string;
  /** Newest observedAt seen from the station. */
  maxObservedAt: number;
  /** Readings older than this are too late. */
  watermark: number;
  /** Newest observedAt of a reading that was not `bad`. */
  lastSeen: number | null;
  values: Record<string, LastValue>;
}

export interface EngineStateView {
  eventTime: number | null;
  rules: number;
  partitions: Array<{ partition: number; offset: number }>;
  lastCheckpointAt: number | null;
  stations: StationState[];
}

/**
 * The engine's live adapter: readings.v1 in (consumer group, manual commits), assessments,
 * alert events and late readings out, the RuleEngine's state checkpointed in the store.
 *
 * One engine for all readings partitions, not one per partition: rules and scorers combine
 * stations (an area's gauges, rain and soil; `atLeast 2` of three gauges on two rivers), and a
 * station-keyed partitioning scatters those stations, so per-partition engines would each see a
 * part and disagree with the backtester. Partitions are merged in event-time order
 * (PartitionAligner) because the engine's clock is the newest event time it has seen. The
 * consequence: run the engine as one replica (it owns every partition); readiness says so when
 * it does not.
 *
 * Checkpoint protocol, per batch (or every `checkpointEvery` records): process, publish
 * outputs, SET the checkpoint {engine snapshot, next offset per partition} in the store, THEN
 * commit those offsets. A crash before the SET replays from the previous checkpoint and
 * publishes the same alert events again (their ids are deterministic: the alerts service
 * drops them). A crash between SET and commit leaves the committed offset behind the
 * checkpoint; readings before the checkpoint's offset are skipped.
 */
export class EngineWorker {
  private readonly options: EngineWorkerOptions;
  private engine!: RuleEngine;
  private rules: Rule[] = [];
  private loadErrors: RuleError[] = [];
  private rulesLoadedAt: number | null = null;
  private sub: Subscription | null = null;
  private readonly aligner = new PartitionAligner<SensorReading>();
  /** Next offset per partition the engine state has consumed up to. */
  private positions = new Map<number, number>();
  private readonly waiting = new Map<BatchTicket, () => void>();
  private completed: BatchTicket[] = [];
  private pending: EngineOutput = emptyOutput();
  private sinceCheckpoint = 0;
  private dirty = false;
  private eventClock: EngineCheckpoint['eventClock'] = null;
  private lastValues = new Map<string, LastValue>();
  private lastCheckpointText: string | null = null;
  private lastCheckpointAt: number | null = null;
  private lastCheckpointWallMs = -Infinity;
  /** Wall ms the last checkpoint took to serialise and save. */
  private lastCheckpointCostMs = 0;
  private checkpointTimer: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private backlogsCheckedAt = -Infinity;
  /** readings.v1 partition count as last seen (readiness must not ask a broker that may be gone). */
  private readingsPartitions: number | null = null;
  private tickTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  /** When the merge last made progress while blocked (null: not blocked). */
  private blockedSince: number | null = null;
  private watcher: RuleWatcher | null = null;
  private stopped = false;
  private stopping: Promise<void> | null = null;
  private readonly lateCounter: Counter<'reason'> | null;
  private readonly readingsCounter: Counter<string> | null;
  private readonly eventsCounter: Counter<'kind'> | null;
  private readonly watermarkGauge: Gauge<'station'> | null;
  /** Newest watermark set on the gauge per station (the gauge never moves back). */
  private readonly watermarkSeconds = new Map<string, number>();

  constructor(
    private readonly ctx: Ctx,
    options: Partial<EngineWorkerOptions> = {},
  ) {
    this.options = { ...DEFAULT_ENGINE_WORKER_OPTIONS, ...options };
    const registry = ctx.metrics?.registry;
    // A worker restarted in the same process finds its counters already registered.
    const counter = <L extends string>(name: string, help: string, labelNames: L[]): Counter<L> | null =>
      registry ? ((registry.getSingleMetric(name) as Counter<L> | undefined) ?? new Counter({ name, help, labelNames, registers: [registry] })) : null;
    this.lateCounter = counter('fruehwarn_engine_late_readings_total', 'Readings the engine handed back to readings.dead.v1 (too late for their windows, unknown station)', ['reason']);
    this.readingsCounter = counter('fruehwarn_engine_readings_total', 'Readings processed by the rule engine', []);
    this.eventsCounter = counter('fruehwarn_engine_alert_events_total', 'Alert events published, per kind', ['kind']);
    this.watermarkGauge = registry
      ? ((registry.getSingleMetric('fruehwarn_engine_watermark_seconds') as Gauge<'station'> | undefined) ??
        new Gauge({ name: 'fruehwarn_engine_watermark_seconds', help: 'Event-time watermark per station (newest observedAt minus allowed lateness), seconds since epoch', labelNames: ['station'], registers: [registry] }))
      : null;
  }

  // --- lifecycle --------------------------------------------------------------------------------

  async start(): Promise<void> {
    this.loadInitialRules();
    this.engine = this.newEngine();
    const cp = await loadCheckpoint(this.ctx.store, this.options.checkpointKey);
    if (cp) this.adopt(cp);
    this.lastCheckpointText = cp ? JSON.stringify(cp) : null;
    this.lastCheckpointAt = cp?.savedAt ?? null;
    this.ctx.logger.info('engine: state restored', {
      checkpoint: cp !== null,
      eventTime: this.engine.eventTime,
      offsets: Object.fromEntries(this.positions),
    });

    if (this.options.rulesDir && this.options.watchRules) {
      this.watcher = watchRuleDirectory(this.options.rulesDir, (result) => void this.run(() => this.applyReload(result)), { catalogue: this.ctx.catalogue });
    }
    this.sub = await this.ctx.events.subscribe<SensorReading>({
      groupId: this.options.groupId,
      topic: Topics.readings,
      // Without a checkpoint the engine rebuilds its windows from the start of the log.
      fromBeginning: true,
      autoCommit: false,
      maxBatchSize: this.options.maxBatchSize,
      handler: (records, batch) => this.handle(records, batch),
      onAssignment: (assigned) => this.run(() => this.assigned(assigned.filter((tp) => tp.topic === Topics.readings).map((tp) => tp.partition))),
      onDecodeError: (err, raw) => this.deadLetterUndecodable(err, raw),
    });
    this.ctx.health?.register('engine', () => this.readiness());
    if (this.options.tickMs > 0) {
      this.tickTimer = setInterval(() => {
        this.tick().catch((err) => this.ctx.logger.error('engine: wall-clock tick failed', { err }));
      }, this.options.tickMs);
      this.tickTimer.unref();
    }
  }

  /** Stops taking readings, publishes what is processed, writes a final checkpoint and commits it. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.tickTimer) clearInterval(this.tickTimer);
      if (this.idleTimer) clearTimeout(this.idleTimer);
      if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
      this.watcher?.close();
      this.sub?.pause();
      await this.run(async () => {
        this.stopped = true;
        // Buffered readings not yet processed lie past the checkpoint's offsets: they come again.
        this.aligner.clear();
        this.releaseAll();
        try {
          await this.flush(true);
        } catch (err) {
          this.ctx.logger.error('engine: final checkpoint failed; the next start replays from the previous one', { err });
        }
      });
      await this.sub?.stop();
      this.sub = null;
      this.ctx.health?.unregister('engine');
    })();
    return this.stopping;
  }

  /**
   * Lets wall-clock time pass in event time: advanceTo(newest reading's event time + wall time
   * elapsed since it was seen). Without this a sensor that falls silent never fires its silent
   * rule, since only readings move event time. Based on the newest reading rather than the wall
   * clock itself so that a station clock a few minutes off, or ingest latency, does not make
   * every trailing window run ahead of the data; skipped while any partition has a backlog
   * (catching up after downtime must not see silence where readings are merely queued).
   */
  async tick(): Promise<void> {
    await this.run(async () => {
      if (this.stopped || !this.eventClock) return;
      await this.refreshBacklogs(true);
      if (!this.aligner.idle()) return;
      const target = this.eventClock.eventTime + Math.max(0, this.ctx.clock.now() - this.eventClock.wallTime);
      const out = this.engine.advanceTo(target);
      this.append(out);
      const emitted = out.alertEvents.length > 0 || out.assessments.length > 0;
      // Outputs of a tick are checkpointed at once: replaying readings cannot reproduce them.
      if (emitted) this.dirty = true;
      await this.safeFlush(emitted || this.sinceCheckpoint > 0);
    });
  }

  // --- views for HTTP ---------------------------------------------------------------------------

  ruleView(): { rules: Rule[]; errors: RuleError[]; loadedAt: number | null; rulesDir: string | null } {
    return { rules: this.rules, errors: this.loadErrors, loadedAt: this.rulesLoadedAt, rulesDir: this.options.rulesDir };
  }

  stateView(): EngineStateView {
    const snap = this.engine.snapshot();
    const lastSeen = new Map(snap.lastSeen);
    const values = new Map<string, Record<string, LastValue>>();
    for (const [key, v] of this.lastValues) {
      const slash = key.lastIndexOf('/');
      const station = key.slice(0, slash);
      const rec = values.get(station) ?? {};
      rec[key.slice(slash + 1)] = v;
      values.set(station, rec);
    }
    return {
      eventTime: this.engine.eventTime,
      rules: this.rules.length,
      partitions: [...this.positions].sort((a, b) => a[0] - b[0]).map(([partition, offset]) => ({ partition, offset })),
      lastCheckpointAt: this.lastCheckpointAt,
      stations: snap.watermarks
        .map(([stationId, maxObservedAt]) => ({
          stationId,
          maxObservedAt,
          watermark: maxObservedAt - this.options.allowedLatenessMs,
          lastSeen: lastSeen.get(stationId) ?? null,
          values: values.get(stationId) ?? {},
        }))
        .sort((a, b) => (a.stationId < b.stationId ? -1 : a.stationId > b.stationId ? 1 : 0)),
    };
  }

  // --- rules --------------------------------------------------------------------------------------

  private loadInitialRules(): void {
    if (!this.options.rulesDir) {
      this.rules = [...(this.options.rules ?? [])];
      this.rulesLoadedAt = this.ctx.clock.now();
      return;
    }
    const result = loadRuleDirectory(this.options.rulesDir, this.ctx.catalogue);
    this.rules = result.rules;
    this.loadErrors = result.errors;
    this.rulesLoadedAt = this.ctx.clock.now();
    this.logRuleErrors(result.errors);
    this.ctx.logger.info('engine: rules loaded', { dir: this.options.rulesDir, rules: result.rules.length, errors: result.errors.length });
  }

  private applyReload(result: LoadResult): void {
    if (this.stopped) return;
    const { rules, kept } = mergeReload(this.rules, result);
    this.engine.replaceRules(rules);
    this.rules = rules;
    this.loadErrors = result.errors;
    this.rulesLoadedAt = this.ctx.clock.now();
    this.dirty = true;
    this.logRuleErrors(result.errors);
    this.ctx.logger.info('engine: rules reloaded', { rules: rules.length, errors: result.errors.length, keptPreviousVersion: kept });
  }

  private logRuleErrors(errors: RuleError[]): void {
    for (const e of errors) this.ctx.logger.error(`engine: rule error ${formatRuleError(e)}`, { file: e.file, line: e.line, column: e.column, field: e.field, ruleId: e.ruleId });
  }

  // --- consuming ----------------------------------------------------------------------------------

  private newEngine(): RuleEngine {
    return new RuleEngine({
      rules: this.rules,
      catalogue: this.ctx.catalogue,
      scorers: this.options.scorers(),
      allowedLatenessMs: this.options.allowedLatenessMs,
      status: this.options.status,
    });
  }

  private adopt(cp: EngineCheckpoint): void {
    this.engine.restore(cp.engine);
    this.positions = new Map(Object.entries(cp.offsets).map(([p, o]) => [Number(p), o]));
    this.eventClock = cp.eventClock;
    this.lastValues = new Map(cp.lastValues);
  }

  /**
   * A (re)assignment: the engine state holds what it consumed of each partition, so each owned
   * partition continues at that position, not at the group's committed offset. The two agree
   * (commit follows checkpoint) except after a crash between them (committed behind: the
   * readings in between are already in the state) or when the store lost or rolled back the
   * checkpoint (committed ahead). The checkpoint wins then too: skipping to the committed offset
   * would leave holes in the windows, replaying only repeats alert events with the same ids.
   */
  private async assigned(partitions: number[]): Promise<void> {
    const owned = new Set(partitions);
    for (const p of this.aligner.partitionsTracked()) {
      if (owned.has(p)) continue;
      for (const t of this.aligner.untrack(p)) this.release(t);
    }
    const endList = await this.ctx.events.bus.endOffsets(Topics.readings);
    this.readingsPartitions = endList.length;
    const ends = new Map(endList.map((o) => [o.partition, o.offset]));
    for (const p of partitions) {
      const pos = this.positions.get(p) ?? 0;
      this.aligner.track(p, pos >= (ends.get(p) ?? 0));
      // Before the subscription exists (first assignment), the first batch's check does the same.
      this.sub?.seek({ topic: Topics.readings, partition: p, offset: pos });
    }
    this.ctx.logger.info('engine: partitions assigned', { partitions, positions: partitions.map((p) => this.positions.get(p) ?? 0) });
  }

  private async handle(records: Received<SensorReading>[], batch: MessageBatch): Promise<void> {
    if (this.stopped || batch.messages.length === 0) return;
    const p = batch.partition;
    const first = batch.messages[0].offset;
    const end = batch.messages[batch.messages.length - 1].offset + 1;
    // The waiter travels in an object: a promise returned from an async function would be adopted.
    const queued = await this.run(async (): Promise<{ done: Promise<void> } | null> => {
      if (this.stopped) return null;
      const pos = this.nextOffset(p);
      if (first > pos) {
        // The bus is ahead of the engine's state (see assigned()). Ask the log where it starts:
        // readings retention already removed cannot be replayed and are skipped.
        const probe = await this.ctx.events.bus.read(batch.topic, p, pos, 1);
        const logStart = probe[0]?.offset ?? first;
        if (logStart > pos) {
          this.ctx.logger.warn('engine: readings between checkpoint and log start are gone (retention); continuing', { partition: p, checkpoint: pos, logStart });
          this.positions.set(p, logStart);
        }
        if (logStart < first) {
          if (!this.sub) throw new Error('engine: subscription not ready yet; the batch is retried');
          this.sub.seek({ topic: batch.topic, partition: p, offset: logStart });
          this.ctx.logger.warn('engine: partition position ahead of the checkpoint; rewinding to the checkpoint', { partition: p, from: first, to: logStart });
          return null;
        }
      }
      const from = this.nextOffset(p);
      // Redelivered readings the state already holds (or the merge has buffered) are skipped.
      if (end <= from) return null;
      if (this.aligner.buffered(p) >= this.options.alignMaxBuffered) {
        // Enough of this partition waits in the merge already: fetch the batch again later
        // (the handler cannot wait for room, see drain()). Memory stays bounded in a backlog.
        this.sub?.seek({ topic: batch.topic, partition: p, offset: from });
        return null;
      }
      const entries = records.filter((r) => r.offset >= from).map((r) => ({ item: r.value, time: r.value.observedAt, offset: r.offset }));
      const ticket = this.aligner.add(p, entries, end, end >= batch.highWatermark);
      this.sinceCheckpoint += end - from;
      const waiter = new Promise<void>((resolve) => this.waiting.set(ticket, resolve));
      if (ticket.remaining === 0) {
        if (this.aligner.bufferedEnd(p) === null) this.positions.set(p, end);
        this.completed.push(ticket);
      }
      await this.refreshBacklogs();
      await this.drain(false);
      return { done: waiter };
    });
    // Outside the queue: other partitions' batches must be able to fill the merge meanwhile.
    if (queued) await queued.done;
  }

  /** Processes what the aligner releases, publishes, checkpoints when due, lets finished batches go. */
  private async drain(force: boolean): Promise<void> {
    if (this.stopped) return;
    let merged = 0;
    let sliceStart = performance.now();
    for (;;) {
      // A long backlog is merged in slices: the event loop stays free for heartbeats, metrics
      // and probes (one uninterrupted merge of a big backlog took longer than a session timeout).
      if ((merged & 255) === 255 && performance.now() - sliceStart > DRAIN_SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (this.stopped) break;
        sliceStart = performance.now();
      }
      const next = this.aligner.next(force);
      if (!next) break;
      merged++;
      const { partition, entry, ticket, drainedTo } = next;
      this.append(this.engine.process(entry.item), entry.item);
      const at = Math.max(entry.offset + 1, drainedTo ?? 0);
      this.positions.set(partition, Math.max(this.positions.get(partition) ?? 0, at));
      if (ticket.remaining === 0) this.completed.push(ticket);
    }
    const due = this.sinceCheckpoint >= this.options.checkpointEvery;
    const waitMs = this.lastCheckpointWallMs + this.checkpointGapMs() - performance.now();
    await this.safeFlush(due && waitMs <= 0);
    // Due but too soon after the last one: written once the gap has passed, even if no reading comes.
    if (due && waitMs > 0) this.deferCheckpoint(waitMs);
    for (const t of this.completed.splice(0)) this.release(t);
    if (this.aligner.blocked()) {
      // Every handler returns now, finished or not (its readings stay buffered): kafkajs fetches
      // all partitions of a broker together and fetches again only once every handler of the
      // last fetch has returned, so a handler waiting here would keep the awaited partition
      // from ever being fetched. While the merge is not blocked, handlers wait (backpressure).
      this.releaseAll();
      if (merged > 0 || this.blockedSince === null) this.blockedSince = performance.now();
      // Re-check periodically; going ahead without the partition only when it stalls (recheck()).
      this.idleTimer ??= setTimeout(() => {
        this.idleTimer = null;
        void this.run(() => this.recheck());
      }, this.options.alignIdleMs);
    } else {
      this.blockedSince = null;
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
  }

  /**
   * The merge has waited alignIdleMs: ask the end offsets again (a partition may be caught up
   * after all), and go ahead without the awaited partitions only if nothing was merged for
   * alignStallMs, i.e. their backlog does not arrive, rather than merely takes its time.
   */
  private async recheck(): Promise<void> {
    if (this.stopped) return;
    await this.refreshBacklogs(true);
    const waitedMs = this.blockedSince === null ? 0 : performance.now() - this.blockedSince;
    const stalled = this.aligner.blocked() && waitedMs >= this.options.alignStallMs;
    if (stalled) {
      this.ctx.logger.warn('engine: readings partitions with a backlog delivered nothing; merging without them (their readings may come too late)', {
        partitions: this.aligner.waitingFor(),
        waitedMs: Math.round(waitedMs),
      });
    }
    await this.drain(stalled);
  }

  /** Next offset of the partition the engine has not buffered or processed yet. */
  private nextOffset(partition: number): number {
    return this.aligner.bufferedEnd(partition) ?? this.positions.get(partition) ?? 0;
  }

  /**
   * Which partitions have readings on the bus the engine has not got yet (their end offset is
   * past the position): the aligner waits for those. On Kafka this is an admin request, so it is
   * asked at most every 100 ms; in between, a reading that just arrived on an empty partition may
   * be taken after a newer one of another partition (a live stream is that close to real time
   * anyway). The embedded bus answers from memory and is asked for every batch.
   */
  private async refreshBacklogs(now = false): Promise<void> {
    const t = performance.now();
    const every = this.ctx.events.bus.kind === 'kafka' ? 100 : 0;
    if (!now && t - this.backlogsCheckedAt < every) return;
    this.backlogsCheckedAt = t;
    const tracked = new Set(this.aligner.partitionsTracked());
    const ends = await this.ctx.events.bus.endOffsets(Topics.readings);
    this.readingsPartitions = ends.length;
    for (const { partition, offset } of ends) {
      if (tracked.has(partition)) this.aligner.track(partition, this.nextOffset(partition) >= offset);
    }
  }

  private append(out: EngineOutput, reading?: SensorReading): void {
    this.pending.assessments.push(...out.assessments);
    this.pending.alertEvents.push(...out.alertEvents);
    this.pending.late.push(...out.late);
    if (!reading) return;
    this.readingsCounter?.inc();
    if (out.late.some((l) => l.reading === reading)) return;
    const watermark = (reading.observedAt - this.options.allowedLatenessMs) / 1000;
    if (this.watermarkGauge && watermark > (this.watermarkSeconds.get(reading.stationId) ?? -Infinity)) {
      this.watermarkSeconds.set(reading.stationId, watermark);
      this.watermarkGauge.set({ station: reading.stationId }, watermark);
    }
    this.lastValues.set(`${reading.stationId}/${reading.quantity}`, { value: reading.value, observedAt: reading.observedAt, quality: reading.quality });
    if (!this.eventClock || reading.observedAt > this.eventClock.eventTime) this.eventClock = { eventTime: reading.observedAt, wallTime: this.ctx.clock.now() };
  }

  // --- output and checkpoints -------------------------------------------------------------------

  /**
   * Least wall time between checkpoints due to the reading count: the configured minimum, or ten
   * times what the last one cost, so that checkpointing a large state takes at most about a tenth
   * of the engine's time (a checkpoint of 2,000 stations' windows is tens of megabytes).
   */
  private checkpointGapMs(): number {
    return this.options.checkpointMinIntervalMs > 0 ? Math.max(this.options.checkpointMinIntervalMs, 10 * this.lastCheckpointCostMs) : 0;
  }

  private deferCheckpoint(waitMs: number): void {
    if (this.checkpointTimer) return;
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = null;
      void this.run(async () => {
        if (!this.stopped && this.sinceCheckpoint >= this.options.checkpointEvery) await this.safeFlush(true);
      });
    }, Math.ceil(waitMs));
    this.checkpointTimer.unref();
  }

  /** flush(), and on failure rewind to the last checkpoint (the readings come again). */
  private async safeFlush(checkpoint: boolean): Promise<void> {
    try {
      await this.flush(checkpoint);
    } catch (err) {
      this.rewind(err);
    }
  }

  private async flush(checkpoint: boolean): Promise<void> {
    const out = this.pending;
    this.pending = emptyOutput();
    const { events } = this.ctx;
    await events.publish<RiskAssessment>(Topics.assessments, out.assessments.map((a) => ({ key: a.areaId, value: a, timestamp: a.at })));
    await events.publish<AlertEvent>(Topics.alertEvents, out.alertEvents.map((e) => ({ key: e.incidentKey, value: e, timestamp: e.at })));
    await events.publish<RejectedInput>(Topics.deadReadings, out.late.map((l) => ({ key: 'engine', value: this.rejected(l), timestamp: l.reading.observedAt })));
    for (const e of out.alertEvents) this.eventsCounter?.inc({ kind: e.kind });
    for (const l of out.late) this.lateCounter?.inc({ reason: l.reason });
    if (!checkpoint || (this.sinceCheckpoint === 0 && !this.dirty)) return;

    const cp: EngineCheckpoint = {
      version: 1,
      topic: Topics.readings,
      offsets: Object.fromEntries([...this.positions].map(([p, o]) => [String(p), o])),
      engine: this.engine.snapshot(),
      eventClock: this.eventClock,
      lastValues: [...this.lastValues],
      savedAt: this.ctx.clock.now(),
    };
    const began = performance.now();
    const text = JSON.stringify(cp);
    await saveCheckpointText(this.ctx.store, text, this.options.checkpointKey);
    this.lastCheckpointText = text;
    this.lastCheckpointWallMs = performance.now();
    this.lastCheckpointCostMs = this.lastCheckpointWallMs - began;
    this.lastCheckpointAt = cp.savedAt;
    this.sinceCheckpoint = 0;
    this.dirty = false;
    const owned = new Set((this.sub?.assignment() ?? []).filter((tp) => tp.topic === Topics.readings).map((tp) => tp.partition));
    const offsets: TopicPartitionOffset[] = [...this.positions].filter(([p]) => owned.has(p)).map(([partition, offset]) => ({ topic: Topics.readings, partition, offset }));
    try {
      if (this.sub && offsets.length > 0) await this.sub.commit(offsets);
    } catch (err) {
      // Harmless: the checkpoint holds the offsets and wins at the next assignment.
      this.ctx.logger.warn('engine: offset commit failed after checkpoint', { err });
    }
  }

  /**
   * Publishing or checkpointing failed: the engine state is ahead of what is safely out. Go back
   * to the last checkpoint and read the partitions again from its offsets; the outputs are
   * recomputed (same ids).
   */
  private rewind(err: unknown): void {
    this.ctx.logger.error('engine: output or checkpoint failed; rewinding to the last checkpoint', { err });
    this.engine = this.newEngine();
    this.positions = new Map();
    this.eventClock = null;
    this.lastValues = new Map();
    if (this.lastCheckpointText) this.adopt(JSON.parse(this.lastCheckpointText) as EngineCheckpoint);
    this.pending = emptyOutput();
    this.sinceCheckpoint = 0;
    this.dirty = false;
    this.aligner.clear();
    for (const p of this.aligner.partitionsTracked()) {
      const pos = this.positions.get(p) ?? 0;
      this.aligner.track(p, false);
      this.sub?.seek({ topic: Topics.readings, partition: p, offset: pos });
    }
    this.completed = [];
    this.releaseAll();
  }

  private rejected(l: LateReading): RejectedInput {
    const r = l.reading;
    return {
      id: `engine:${l.reason}:${r.id}`,
      source: 'engine',
      payload: Buffer.from(JSON.stringify(r)),
      reason: l.reason,
      detail:
        l.reason === 'too-late'
          ? `Reading observed at ${new Date(r.observedAt).toISOString()} arrived after its station's watermark (allowed lateness ${Math.round(this.options.allowedLatenessMs / 1000)} s).`
          : `Station "${r.stationId}" is not in the catalogue.`,
      field: l.reason === 'too-late' ? '/observedAt' : '/stationId',
      stationId: r.stationId,
      receivedAt: this.ctx.clock.now(),
    };
  }

  private async deadLetterUndecodable(err: Error, raw: MessageBatch['messages'][number]): Promise<void> {
    this.lateCounter?.inc({ reason: 'undecodable' });
    const rejected: RejectedInput = {
      id: `engine:undecodable:${raw.topic}:${raw.partition}:${raw.offset}`,
      source: 'engine',
      payload: raw.value,
      reason: 'undecodable',
      detail: `A record on ${raw.topic} could not be decoded as a SensorReading: ${err.message}`,
      field: null,
      stationId: raw.key,
      receivedAt: this.ctx.clock.now(),
    };
    await this.ctx.events.publish<RejectedInput>(Topics.deadReadings, [{ key: 'engine', value: rejected }]);
  }

  // --- plumbing -----------------------------------------------------------------------------------

  private release(t: BatchTicket): void {
    const resolve = this.waiting.get(t);
    this.waiting.delete(t);
    resolve?.();
  }

  private releaseAll(): void {
    for (const t of [...this.waiting.keys()]) this.release(t);
  }

  /** Everything that touches the engine runs one after the other: batches, ticks, reloads. */
  private run<T>(work: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async readiness(): Promise<{ ok: boolean; detail?: string }> {
    if (!this.sub || this.stopped) return { ok: false, detail: 'not consuming readings' };
    if (this.rules.length === 0) return { ok: false, detail: `no rules loaded (${this.loadErrors.length} errors)` };
    const owned = this.sub.assignment().filter((tp) => tp.topic === Topics.readings).length;
    const total = this.readingsPartitions ?? (await this.ctx.events.bus.endOffsets(Topics.readings)).length;
    if (owned < total) return { ok: false, detail: `owns ${owned} of ${total} readings partitions; run the engine as a single replica` };
    return { ok: true, detail: `${this.rules.length} rules, event time ${this.engine.eventTime === null ? 'none' : new Date(this.engine.eventTime).toISOString()}` };
  }
}
