import { hostname } from 'node:os';
import { Gauge } from 'prom-client';
import { readInt, readString, type EnvVar } from '../core/config/env';
import { Topics } from '../core/bus/topics';
import type { Subscription, TopicPartitionOffset } from '../core/bus/bus';
import type { Alert } from '../core/model/alert';
import type { ServiceDefinition } from '../core/service/service';
import { FeedState } from './feed-state';
import { mountFeedRoutes } from './feed-routes';

const LISTED_METRIC = 'fruehwarn_feed_listed_warnings';

export const FEED_ENV: EnvVar[] = [
  { name: 'FEED_ALL_CLEAR_MINUTES', description: 'How long an all-clear (Entwarnung) stays on the NINA dashboard, map data and Atom before the incident leaves them.', default: '60' },
  { name: 'FEED_RETENTION_HOURS', description: 'How long the details (/warnings/{id}.json, /cap/{id}.xml) of an incident stay resolvable after it left the lists.', default: '168' },
  { name: 'FEED_LIST_MAX_AGE_SECONDS', description: 'Cache-Control max-age of the lists (dashboard, map data, Atom, data version).', default: '30' },
  { name: 'FEED_INSTANCE_ID', description: 'Consumer group suffix: every feed instance reads all of alerts.v1 in its own group (feed.<id>).', default: 'host name' },
];

/**
 * The public feed: reads every Alert revision from alerts.v1 into a FeedState and serves it as
 * NINA JSON, CAP 1.2 XML and Atom. The view lives in memory and is rebuilt from the start of
 * the topic on every start: each instance has its own group (every instance needs all
 * partitions, so instances must not share one) and never commits, so it always replays.
 */
export const feedService: ServiceDefinition = {
  name: 'feed',
  env: FEED_ENV,
  async start(ctx) {
    const env = ctx.config.env;
    const state = new FeedState({
      catalogue: ctx.catalogue,
      allClearDisplayMs: readInt(env, 'FEED_ALL_CLEAR_MINUTES', 60, { min: 0, max: 7 * 24 * 60 }) * 60_000,
      detailRetentionMs: readInt(env, 'FEED_RETENTION_HOURS', 168, { min: 1, max: 24 * 366 }) * 3600_000,
    });
    const groupId = `feed.${readString(env, 'FEED_INSTANCE_ID', hostname()).replace(/[^A-Za-z0-9._-]/g, '_')}`;

    new Gauge({ name: LISTED_METRIC, help: 'Actual warnings currently on the public lists', registers: [ctx.metrics.registry], collect() {
      this.set(state.listed(ctx.clock.now()).length);
    } });

    // Ready once the replay has reached the end offsets seen at start (no half-built view served as complete).
    const target = new Map((await ctx.bus.endOffsets(Topics.alerts)).map((o: TopicPartitionOffset) => [o.partition, o.offset]));
    const position = new Map<number, number>();
    const caughtUp = () => [...target].every(([p, end]) => end === 0 || (position.get(p) ?? 0) >= end);
    ctx.health.register('feed-replay', () => (caughtUp() ? { ok: true } : { ok: false, detail: 'replaying alerts.v1' }));

    const subscription: Subscription = await ctx.events.subscribe<Alert>({
      groupId,
      topic: Topics.alerts,
      fromBeginning: true,
      autoCommit: false,
      handler: async (records, batch) => {
        for (const r of records) {
          const outcome = state.apply(r.value);
          if (outcome === 'published') ctx.logger.debug('feed published revision', { identifier: r.value.identifier, version: r.value.version });
        }
        const last = batch.messages[batch.messages.length - 1];
        if (last) position.set(batch.partition, last.offset + 1);
      },
      onDecodeError: async (err, raw) => {
        ctx.logger.warn('feed skipped an undecodable alert record', { partition: raw.partition, offset: raw.offset, err: err.message });
      },
    });

    const pruneTimer = setInterval(() => state.prune(ctx.clock.now()), 10 * 60_000);
    pruneTimer.unref();

    mountFeedRoutes(ctx.http, state, ctx.clock, {
      publicUrl: ctx.config.publicUrl,
      listMaxAgeSeconds: readInt(env, 'FEED_LIST_MAX_AGE_SECONDS', 30, { min: 0, max: 3600 }),
    });
    ctx.logger.info('feed service started', { group: groupId });

    return {
      async stop() {
        clearInterval(pruneTimer);
        ctx.health.unregister('feed-replay');
        ctx.metrics.registry.removeSingleMetric(LISTED_METRIC);
        await subscription.stop();
      },
    };
  },
};
