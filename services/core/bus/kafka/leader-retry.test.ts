import { isPassingLeadershipError, retryWhileLeadershipSettles } from './leader-retry';

function kafkaError(type: string): Error {
  return Object.assign(new Error(type), { type });
}

describe('retryWhileLeadershipSettles', () => {
  it('retries NOT_LEADER_OR_FOLLOWER until the operation succeeds', async () => {
    let calls = 0;
    const result = await retryWhileLeadershipSettles(async () => {
      calls++;
      if (calls < 3) throw kafkaError('NOT_LEADER_OR_FOLLOWER');
      return 'offsets';
    }, { initialDelayMs: 1 });
    expect(result).toBe('offsets');
    expect(calls).toBe(3);
  });

  it('rethrows other errors at once', async () => {
    let calls = 0;
    await expect(retryWhileLeadershipSettles(async () => {
      calls++;
      throw kafkaError('TOPIC_AUTHORIZATION_FAILED');
    }, { initialDelayMs: 1 })).rejects.toThrow('TOPIC_AUTHORIZATION_FAILED');
    expect(calls).toBe(1);
  });

  it('gives up after the last attempt with the broker error', async () => {
    let calls = 0;
    await expect(retryWhileLeadershipSettles(async () => {
      calls++;
      throw kafkaError('LEADER_NOT_AVAILABLE');
    }, { attempts: 4, initialDelayMs: 1 })).rejects.toThrow('LEADER_NOT_AVAILABLE');
    expect(calls).toBe(4);
  });

  it('knows the passing leadership errors by their kafkajs type', () => {
    expect(isPassingLeadershipError(kafkaError('NOT_LEADER_FOR_PARTITION'))).toBe(true);
    expect(isPassingLeadershipError(new Error('socket hang up'))).toBe(false);
    expect(isPassingLeadershipError(null)).toBe(false);
  });
});
