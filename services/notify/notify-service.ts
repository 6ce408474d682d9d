import { Counter, Histogram } from 'prom-client';
import { Topics } from '../core/bus/topics';
import type { Subscription as BusSubscription } from '../core/bus/bus';
import type { Alert } from '../core/model/alert';
import type { Channel, Delivery } from '../core/model/delivery';
import type { ServiceContext } from '../core/service/service';
import { emailMessageFor } from './email/email-message';
import { EmailNotifier } from './email/email-notifier';
import { fanout, type ChannelRoute } from './fanout';
import type { RecipientAddress } from './notifier';
import type { NotifyConfig } from './notify-config';
import { dedupStage } from './pipeline/dedup-stage';
import { exerciseStage } from './pipeline/exercise-stage';
import { rateLimitStage, TokenBucket } from './pipeline/rate-limit-stage';
import { retryStage } from './pipeline/retry-stage';
import { recipientRef } from './recipient-ref';
import { HttpSmsGateway } from './sms/http-gateway';
import { smsTextFor } from './sms/sms-message';
import { SmsNotifier, type SmsGateway } from './sms/sms-gateway';
import { SmppGateway } from './sms/smpp-gateway';
import { recipientOf, SubscriptionRegistry } from './subscriptions/subscription-registry';
import { pushPayloadFor } from './webpush/push-payload';
import { PushWorkerPool } from './webpush/push-worker-pool';
import { containsPoint } from './routing/area-geometry';

const DAY = 24 * 3600_000;

/**
 * Fans released public alerts out to citizens and officers. Reads `alerts.v1`; only revisions
 * with scope Public that have been released go anywhere (drafts awaiting release are
 * Restricted). Every outcome is a Delivery on `deliveries.v1` with a pseudonymous recipient ref.
 */
export class NotifyService {
  readonly registry: SubscriptionRegistry;
  private readonly routes = new Map<Channel, ChannelRoute>();
  private readonly closers: (() => Promise<void> | void)[] = [];
  private subscription: BusSubscription | null = null;
  /** Latest public revision per incident, for "which warnings apply at this place?". */
  readonly current = new Map<string, Alert>();
  private readonly sent: Counter<'channel' | 'outcome'>;
  private readonly latency: Histogram<'channel'>;
  private readonly retried: Counter<'channel'>;

  constructor(
    private readonly ctx: ServiceContext,
    readonly config: NotifyConfig,
  ) {
    this.registry = new SubscriptionRegistry(ctx.store, config.refSecret);
    const reg = ctx.metrics.registry;
    this.sent = (reg.getSingleMetric('fruehwarn_notify_deliveries_total') as Counter<'channel' | 'outcome'>) ?? new Counter({ name: 'fruehwarn_notify_deliveries_total', help: 'Delivery outcomes per channel', labelNames: ['channel', 'outcome'], registers: [reg] });
    this.latency = (reg.getSingleMetric('fruehwarn_notify_delivery_seconds') as Histogram<'channel'>) ?? new Histogram({ name: 'fruehwarn_notify_delivery_seconds', help: 'Time from start of delivery to the channel accepting it', labelNames: ['channel'], buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120], registers: [reg] });
    this.retried = (reg.getSingleMetric('fruehwarn_notify_retries_total') as Counter<'channel'>) ?? new Counter({ name: 'fruehwarn_notify_retries_total', help: 'Retried delivery attempts per channel', labelNames: ['channel'], registers: [reg] });
    this.buildRoutes();
  }

  private commonStages<M>(channel: Channel) {
    return [
      exerciseStage<M>(),
      dedupStage<M>(this.ctx.store, { leaseMs: 5 * 60_000, rememberMs: 30 * DAY }),
      retryStage<M>({ maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, onRetry: () => this.retried.inc({ channel }) }),
    ];
  }

  private buildRoutes(): void {
    const { config } = this;
    const publicUrl = this.ctx.config.publicUrl;
    const push = new PushWorkerPool({ vapid: config.vapid, threads: config.pushThreads });
    this.closers.push(() => push.close());
    this.routes.set('webpush', { channel: 'webpush', notifier: push, stages: this.commonStages<string>('webpush'), render: (a, lang) => pushPayloadFor(a, lang, publicUrl) } as ChannelRoute<string> as ChannelRoute);
    if (config.smtp) {
      const url = config.smtp.url;
      const email = new EmailNotifier({ host: url.hostname, port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)), secure: url.protocol === 'smtps:', user: url.username ? decodeURIComponent(url.username) : undefined, password: url.password ? decodeURIComponent(url.password) : undefined, from: config.smtp.from });
      this.closers.push(() => email.close());
      const bucket = new TokenBucket(config.emailRate, config.emailRate);
      this.routes.set('email', { channel: 'email', notifier: email, stages: [...this.commonStages('email').slice(0, 2), rateLimitStage(bucket), this.commonStages('email')[2]], render: (a) => emailMessageFor(a, publicUrl) } as ChannelRoute);
    }
    let gateway: SmsGateway | null = null;
    if (config.sms.kind === 'http') gateway = new HttpSmsGateway({ url: config.sms.url, authorization: config.sms.authorization ?? undefined, bodyTemplate: config.sms.body, from: config.sms.from });
    if (config.sms.kind === 'smpp') gateway = new SmppGateway({ url: config.sms.url, systemId: config.sms.systemId, password: config.sms.password, sourceAddr: config.sms.from });
    if (gateway) {
      const gw = gateway;
      this.closers.push(() => gw.close());
      const bucket = new TokenBucket(config.smsRate, config.smsRate);
      this.routes.set('sms', { channel: 'sms', notifier: new SmsNotifier(gw), stages: [...this.commonStages('sms').slice(0, 2), rateLimitStage(bucket), this.commonStages('sms')[2]], render: (a, lang) => smsTextFor(a, lang, publicUrl) } as ChannelRoute);
    }
  }

  channels(): Channel[] {
    return [...this.routes.keys()];
  }

  async start(): Promise<void> {
    this.subscription = await this.ctx.events.subscribe<Alert>({
      groupId: 'fruehwarn-notify',
      topic: Topics.alerts,
      fromBeginning: true,
      maxBatchSize: 50,
      handler: async (records) => {
        for (const r of records) await this.handle(r.value);
      },
      onDecodeError: async (err) => this.ctx.logger.error('undecodable alert skipped', { err: err.message }),
    });
  }

  /** Officers on the duty list get every released alert, exercises included. */
  private officerRecipients(): RecipientAddress[] {
    if (!this.routes.has('email')) return [];
    return this.config.officerEmails.map((address) => ({ ref: recipientRef(this.config.refSecret, 'email', address), channel: 'email' as const, address, language: 'de' as const, extra: { exercises: 'true' } }));
  }

  async handle(alert: Alert): Promise<Delivery[]> {
    if (alert.scope !== 'Public' || !alert.released) return [];
    this.remember(alert);
    const areas = alert.areaIds.map((id) => this.ctx.catalogue.area(id)).filter((a): a is NonNullable<typeof a> => Boolean(a));
    const subs = await this.registry.findInAreas(areas);
    const recipients = [...subs.filter((s) => this.routes.has(s.channel)).map(recipientOf), ...this.officerRecipients()];
    const { deliveries, gone } = await fanout(alert, recipients, this.routes, { concurrency: this.config.concurrency, now: () => this.ctx.clock.now() });
    for (const ref of gone) {
      const sub = subs.find((s) => s.ref === ref);
      if (sub) await this.registry.erase(sub.id);
    }
    for (const d of deliveries) {
      this.sent.inc({ channel: d.channel, outcome: d.outcome });
      if (d.latencyMs !== null && d.outcome === 'sent') this.latency.observe({ channel: d.channel }, d.latencyMs / 1000);
    }
    for (let i = 0; i < deliveries.length; i += 1000) {
      await this.ctx.events.publish<Delivery>(Topics.deliveries, deliveries.slice(i, i + 1000).map((d) => ({ key: d.alertIdentifier, value: d })));
    }
    const counts: Record<string, number> = {};
    for (const d of deliveries) counts[`${d.channel}:${d.outcome}`] = (counts[`${d.channel}:${d.outcome}`] ?? 0) + 1;
    this.ctx.logger.info('alert delivered', { alert: alert.identifier, recipients: recipients.length, outcomes: counts });
    return deliveries;
  }

  private remember(alert: Alert): void {
    const previous = this.current.get(alert.incidentId);
    if (previous && previous.version > alert.version) return;
    if (alert.msgType === 'Cancel') this.current.delete(alert.incidentId);
    else this.current.set(alert.incidentId, alert);
  }

  /** Current public Actual warnings whose area contains the point. */
  warningsAt(lon: number, lat: number): Alert[] {
    return [...this.current.values()].filter((a) => a.status === 'Actual' && a.areaIds.some((id) => {
      const area = this.ctx.catalogue.area(id);
      return area ? containsPoint(area.geometry, lon, lat) : false;
    }));
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    for (const close of this.closers) await close();
  }
}
