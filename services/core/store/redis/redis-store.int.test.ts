import { describeWith, env, uniqueName } from '../../../../test/infra/integration';
import { storeContract } from '../store.contract';
import { RedisStore } from './redis-store';

describeWith(['redis'], 'RedisStore against a real Redis', () => {
  let prefix = uniqueName('fw-test') + ':';
  storeContract(
    'redis',
    async () => {
      prefix = uniqueName('fw-test') + ':';
      return new RedisStore({ url: env('REDIS_URL'), keyPrefix: prefix });
    },
    {
      reopen: async (previous) => {
        await previous.close();
        return new RedisStore({ url: env('REDIS_URL'), keyPrefix: prefix });
      },
    },
  );
});
