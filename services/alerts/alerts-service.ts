import { Counter, Gauge } from 'prom-client';
import type { Subscription, TopicPartitionOffset } from '../core/bus/bus';
import { Topics } from '../core/bus/topics';
import type { Received } from '../core/bus/typed-bus';
import type { Alert } from '../core/model/alert';
import type { AlertEvent } from '../core/model/alert-event';
import type { OfficerCommand } from '../core/model/officer-command';
import type { ServiceContext } from '../core/service/service';
import type { AuditEntry } from '../core/model/audit-entry';
import { IncidentBook, type BookOutput, type IncidentBookState, type IncidentView } from './core/incident-book';
import { isOpen } from './core/incident';
import type { Silence } from './core/silence';
import { CapComposer } from './templates/cap-composer';

export interface AlertsServiceOptions {
  holdMs: number;
  /** Wall-clock punctuation interval (lets hold and silence timers fire without new events); 0 turns it off. */
  tickMs: number;
  sender: string;
  senderName: string;
  web: string | null;
  groupId: string;
  /** Prefix of the service's store keys. */
  keyPrefix: string;
  dedupCapacity: number;
}

export const DEFAULT_ALERTS_OPTIONS: AlertsServiceOptions = {
  holdMs: 30 * 60_000,
  tickMs: 15_000,
  sender: 'fruehwarn@hagen.example',
  senderName: 'Stadt Hagen – Fruehwarn',
  web: null,
  groupId: 'alerts',
  keyPrefix: 'alerts:',
  dedupCapacity: 10_000,
};

/** What is saved after each batch: the book, and the output of the last batch until it is published. */
interface Checkpoint {
  batch: number;
  book: IncidentBookState;
  outbox: { alerts: Alert[]; audit: AuditEntry[] };
}

type Ctx = Pick<ServiceContext, 'events' | 'store' | 'logger' | 'clock' | 'catalogue'> & Partial<Pick<ServiceContext, 'metrics'>>;

/**
 * The alerts service: applies alert events and officer commands to the incident book and
 * publishes revisions (alerts.v1, key incident id) and audit entries (audit.v1).
 *
 * Exactly-once effect per input, without Kafka transactions: offsets are committed by hand
 * (autoCommit false) only after the book and the batch's output (an outbox) are saved in the
 * store; the outbox is published, then marked published. A restart reloads the book, publishes
 * an outbox that was not yet marked, and the dedup window drops redelivered inputs, so nothing
 * is emitted twice unless the process dies between publishing and marking (then the same
 * revisions, with the same identifiers, appear again).
 *
 * One instance owns the book (it is one record in the store): run the alerts service as a
 * single replica; the consumer group then holds every partition.
 */
export class AlertsService {
  private book!: IncidentBook;
  private readonly options: AlertsServiceOptions;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly pendingCommits = new Map<string, TopicPartitionOffset[]>();
  private batch = 0;
  private lastSaved: string | null = null;
  private unpublished: Checkpoint['outbox'] | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly revisionsCounter: Counter<'scope' | 'msg_type'> | null;
  private readonly duplicatesCounter: Counter<string> | null;

  constructor(
    private readonly ctx: Ctx,
    options: Partial<AlertsServiceOptions> = {},
  ) {
    this.options = { ...DEFAULT_ALERTS_OPTIONS, ...options };
    const registry = ctx.metrics?.registry;
    // A restarted service in the same process finds its counters already registered.
    this.revisionsCounter = registry
      ? ((registry.getSingleMetric('fruehwarn_alerts_revisions_total') as Counter<'scope' | 'msg_type'> | undefined) ??
        new Counter({ name: 'fruehwarn_alerts_revisions_total', help: 'Alert revisions published, per scope and CAP msgType', labelNames: ['scope', 'msg_type'], registers: [registry] }))
      : null;
    this.duplicatesCounter = registry
      ? ((registry.getSingleMetric('fruehwarn_alerts_duplicate_inputs_total') as Counter<string> | undefined) ??
        new Counter({ name: 'fruehwarn_alerts_duplicate_inputs_total', help: 'Alert events and commands dropped as already applied', registers: [registry] }))
      : null;
    if (registry) this.registerOpenIncidentsGauge(registry);
  }

  /**
   * Open incidents (pending or released) per hazard and current level, read from the book at
   * scrape time. Replaced on re-registration so a restarted service in the same process reports
   * its own book, not the stopped one's.
   */
  private registerOpenIncidentsGauge(registry: NonNullable<Ctx['metrics']>['registry']): void {
    const name = 'fruehwarn_alerts_open_incidents';
    if (registry.getSingleMetric(name)) registry.removeSingleMetric(name);
    const service = this;
    new Gauge({
      name,
      help: 'Open incidents (pending or released) per hazard and level',
      labelNames: ['hazard', 'level'],
      registers: [registry],
      collect() {
        this.reset();
        if (!service.book) return;
        for (const i of service.book.incidents()) {
          if (isOpen(i)) this.inc({ hazard: i.hazard, level: String(i.level) });
        }
      },
    });
  }

  private key(name: string): string {
    return this.options.keyPrefix + name;
  }

  private newBook(state?: IncidentBookState): IncidentBook {
    const composer = new CapComposer({ catalogue: this.ctx.catalogue, sender: this.options.sender, senderName: this.options.senderName, web: this.options.web });
    return new IncidentBook({ composer, holdMs: this.options.holdMs, dedupCapacity: this.options.dedupCapacity }, state);
  }

  async start(): Promise<void> {
    const saved = await this.ctx.store.get(this.key('checkpoint'));
    const checkpoint = saved ? (JSON.parse(saved) as Checkpoint) : null;
    this.book = this.newBook(checkpoint?.book);
    this.lastSaved = saved;
    if (checkpoint) {
      this.batch = checkpoint.batch;
      const published = Number((await this.ctx.store.get(this.key('published'))) ?? '0');
      if (published < checkpoint.batch) this.unpublished = await this.withoutPublished(checkpoint.outbox);
      await this.run(async () => this.flushOutbox());
    }
    for (const topic of [Topics.alertEvents, Topics.commands] as const) {
      const sub = await this.ctx.events.subscribe<AlertEvent | OfficerCommand>({
        // One group per topic: members of one Kafka group should subscribe to the same topics.
        groupId: `${this.options.groupId}.${topic === Topics.alertEvents ? 'events' : 'commands'}`,
        topic,
        fromBeginning: true,
        autoCommit: false,
        handler: async (records, batch) => {
          await this.run(() =>
            this.process(topic, (book) =>
              records.map((r: Received<AlertEvent | OfficerCommand>) =>
                topic === Topics.alertEvents ? book.applyEvent(r.value as AlertEvent) : book.applyCommand(r.value as OfficerCommand),
              ),
            ),
          );
          const last = batch.messages[batch.messages.length - 1];
          if (last) await this.commit(topic, [{ topic, partition: batch.partition, offset: last.offset + 1 }]);
        },
        onDecodeError: async (err, raw) => {
          // An undecodable record cannot become an incident; say so and move on rather than block the partition.
          this.ctx.logger.error('alerts: undecodable record skipped', { topic: raw.topic, partition: raw.partition, offset: raw.offset, err });
        },
      });
      this.subscriptions.set(topic, sub);
      const pending = this.pendingCommits.get(topic);
      if (pending) {
        this.pendingCommits.delete(topic);
        await sub.commit(pending);
      }
    }
    if (this.options.tickMs > 0) {
      this.timer = setInterval(() => {
        this.tick().catch((err) => this.ctx.logger.error('alerts: timer tick failed', { err }));
      }, this.options.tickMs);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const sub of this.subscriptions.values()) await sub.stop();
    this.subscriptions.clear();
    await this.queue.catch(() => undefined);
  }

  /** Lets time pass to `now` (wall clock by default): hold timers and silence ends fire. */
  async tick(now = this.ctx.clock.now()): Promise<void> {
    if (this.stopped) return;
    await this.run(() => this.process('tick', (book) => [book.advanceTo(now)]));
  }

  listIncidents(): IncidentView[] {
    return this.book.incidents();
  }

  incident(id: string): IncidentView | undefined {
    return this.book.incident(id);
  }

  silences(): Silence[] {
    return this.book.silences();
  }

  /** Every audit line of an incident (or `silence:<id>`), oldest first; survives the book's retention. */
  async incidentHistory(subject: string): Promise<AuditEntry[]> {
    const members = await this.ctx.store.zrangeByScore(this.key(`audit:${subject}`), Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    return members.map((m) => JSON.parse(m.member) as AuditEntry);
  }

  /** Puts an officer's command on commands.v1 (key: incident id); the book applies it when it comes back. */
  async submitCommand(command: OfficerCommand): Promise<void> {
    await this.ctx.events.publish<OfficerCommand>(Topics.commands, [{ key: command.incidentId ?? command.id, value: command, timestamp: command.at }]);
  }

  /** Serialises everything that touches the book: two subscriptions and the timer share it. */
  private run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async commit(topic: string, offsets: TopicPartitionOffset[]): Promise<void> {
    const sub = this.subscriptions.get(topic);
    if (sub) await sub.commit(offsets);
    else this.pendingCommits.set(topic, [...(this.pendingCommits.get(topic) ?? []).filter((o) => !offsets.some((n) => n.partition === o.partition)), ...offsets]);
  }

  private async process(label: string, apply: (book: IncidentBook) => BookOutput[]): Promise<void> {
    await this.flushOutbox();
    const outputs = apply(this.book);
    const outbox = { alerts: outputs.flatMap((o) => o.alerts), audit: outputs.flatMap((o) => o.audit) };
    const duplicates = outputs.reduce((n, o) => n + o.duplicates, 0);
    if (duplicates > 0) {
      this.duplicatesCounter?.inc(duplicates);
      this.ctx.logger.debug('alerts: duplicate inputs ignored', { source: label, duplicates });
    }
    // Every change of the book writes an audit line; no line, nothing worth a checkpoint.
    if (outbox.alerts.length === 0 && outbox.audit.length === 0) return;
    try {
      await this.saveAudit(outbox.audit);
      const checkpoint: Checkpoint = { batch: this.batch + 1, book: this.book.snapshot(), outbox };
      const text = JSON.stringify(checkpoint);
      await this.ctx.store.set(this.key('checkpoint'), text);
      this.batch = checkpoint.batch;
      this.lastSaved = text;
    } catch (err) {
      // The state was not saved: forget what this batch did in memory, so the redelivered batch is applied again.
      this.book = this.newBook(this.lastSaved ? (JSON.parse(this.lastSaved) as Checkpoint).book : undefined);
      throw err;
    }
    this.unpublished = outbox;
    await this.flushOutbox();
  }

  /**
   * A crash between publishing an outbox and marking it published leaves its revisions on
   * alerts.v1 already (found by the SIGKILL test, test/resilience/engine-crash.int.test.ts).
   * Only this service writes alerts.v1 (one replica), so they are among the last records of
   * their partitions: those are read back and not published a second time. Audit lines are
   * re-published (same ids; the audit store ignores repeats).
   */
  private async withoutPublished(outbox: Checkpoint['outbox']): Promise<Checkpoint['outbox']> {
    if (outbox.alerts.length === 0) return outbox;
    const { bus, codec } = this.ctx.events;
    const onTopic = new Set<string>();
    for (const end of await bus.endOffsets(Topics.alerts)) {
      const from = Math.max(0, end.offset - outbox.alerts.length);
      for (const m of await bus.read(Topics.alerts, end.partition, from, end.offset - from)) {
        try {
          onTopic.add((await codec.decode<Alert>('Alert', m.value)).identifier);
        } catch {
          // not a revision of ours; it cannot match
        }
      }
    }
    const alerts = outbox.alerts.filter((a) => !onTopic.has(a.identifier));
    if (alerts.length < outbox.alerts.length) this.ctx.logger.warn('alerts: revisions of the last batch were already published before a restart; not sending them again', { skipped: outbox.alerts.length - alerts.length });
    return { ...outbox, alerts };
  }

  private async saveAudit(entries: AuditEntry[]): Promise<void> {
    const bySubject = new Map<string, { member: string; score: number }[]>();
    entries.forEach((e, i) => {
      // Score: event time, then emission order; an entry's JSON is deterministic, so re-adding it is a no-op.
      const list = bySubject.get(e.subject) ?? [];
      list.push({ member: JSON.stringify(e), score: e.at * 1000 + (i % 1000) });
      bySubject.set(e.subject, list);
    });
    for (const [subject, members] of bySubject) await this.ctx.store.zadd(this.key(`audit:${subject}`), members);
  }

  private async flushOutbox(): Promise<void> {
    const outbox = this.unpublished;
    if (!outbox) return;
    await this.ctx.events.publish<Alert>(
      Topics.alerts,
      outbox.alerts.map((a) => ({ key: a.incidentId, value: a, timestamp: a.sent })),
    );
    await this.ctx.events.publish<AuditEntry>(
      Topics.audit,
      outbox.audit.map((a) => ({ key: a.subject, value: a, timestamp: a.at })),
    );
    await this.ctx.store.set(this.key('published'), String(this.batch));
    this.unpublished = null;
    for (const a of outbox.alerts) this.revisionsCounter?.inc({ scope: a.scope, msg_type: a.msgType });
  }
}
