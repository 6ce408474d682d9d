import * as path from 'node:path';
import type { Config } from '../config/config';
import type { Logger } from '../observability/logger';
import { EmbeddedStore } from './embedded/embedded-store';
import { RedisStore } from './redis/redis-store';
import type { Store } from './store';

export function createStore(config: Config, logger: Logger): Store {
  if (config.store === 'redis') return new RedisStore({ url: config.redisUrl!, logger, keyPrefix: config.env.REDIS_KEY_PREFIX ?? '' });
  return new EmbeddedStore({ snapshotFile: config.dataDir ? path.join(config.dataDir, 'store.json') : null });
}
