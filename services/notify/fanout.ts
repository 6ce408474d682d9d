import type { Alert } from '../core/model/alert';
import type { Channel, Delivery } from '../core/model/delivery';
import type { Notifier, RecipientAddress } from './notifier';
import { compose, deliveryId, type Next, type Stage, type StageResult } from './pipeline/stage';
import { notifyTerminal } from './pipeline/notify-stage';

/** A channel ready to deliver: its notifier, its stages, and how it renders an alert. */
export interface ChannelRoute<M = unknown> {
  channel: Channel;
  notifier: Notifier<M>;
  stages: Stage<M>[];
  render(alert: Alert, language: 'de' | 'en'): M;
}

export interface FanoutResult {
  deliveries: Delivery[];
  /** Recipients the channel reported gone (push 404/410, refused mailbox): to be erased. */
  gone: string[];
}

/**
 * Delivers one alert revision to many recipients across channels with bounded concurrency.
 * Rendering is cached per (channel, language): 200,000 push recipients share two payloads.
 */
export async function fanout(alert: Alert, recipients: RecipientAddress[], routes: Map<Channel, ChannelRoute>, options: { concurrency: number; now?: () => number }): Promise<FanoutResult> {
  const now = options.now ?? Date.now;
  const pipelines = new Map<Channel, Next<unknown>>();
  for (const [channel, route] of routes) pipelines.set(channel, compose(route.stages, notifyTerminal(route.notifier)));
  const rendered = new Map<string, unknown>();
  const deliveries: Delivery[] = [];
  const gone: string[] = [];
  let next = 0;

  const worker = async () => {
    while (next < recipients.length) {
      const recipient = recipients[next++];
      const route = routes.get(recipient.channel);
      const pipeline = pipelines.get(recipient.channel);
      if (!route || !pipeline) continue;
      const cacheKey = `${recipient.channel}:${recipient.language}`;
      if (!rendered.has(cacheKey)) rendered.set(cacheKey, route.render(alert, recipient.language));
      const id = deliveryId(alert.identifier, recipient.channel, recipient.ref);
      const started = now();
      let result: StageResult;
      try {
        result = await pipeline({ id, alert, recipient, message: rendered.get(cacheKey) });
      } catch (err) {
        result = { outcome: 'failed', attempts: 1, error: (err as Error).message };
      }
      if (result.outcome === 'expired') gone.push(recipient.ref);
      deliveries.push({
        id,
        alertIdentifier: alert.identifier,
        incidentId: alert.incidentId,
        channel: recipient.channel,
        recipientRef: recipient.ref,
        outcome: result.outcome,
        attempts: result.attempts,
        error: result.error ?? result.reason ?? null,
        at: now(),
        latencyMs: result.outcome === 'skipped' ? null : now() - started,
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, recipients.length)) }, worker));
  return { deliveries, gone };
}
