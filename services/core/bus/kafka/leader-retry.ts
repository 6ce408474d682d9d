/**
 * kafkajs's admin offset lookups (fetchTopicOffsets, fetchTopicOffsetsByTimestamp) retry an
 * unknown topic but give up at once on NOT_LEADER_OR_FOLLOWER and LEADER_NOT_AVAILABLE. Both
 * are passing states: right after a topic is created (by this or another process) or while
 * leadership moves, the broker answers them until its metadata settles. Retrying here with a
 * short backoff turns a spurious failure into a few hundred milliseconds of waiting.
 */
const PASSING_LEADERSHIP_ERRORS = new Set(['NOT_LEADER_FOR_PARTITION', 'NOT_LEADER_OR_FOLLOWER', 'LEADER_NOT_AVAILABLE', 'UNKNOWN_TOPIC_OR_PARTITION']);

export function isPassingLeadershipError(err: unknown): boolean {
  const type = (err as { type?: unknown } | null)?.type;
  return typeof type === 'string' && PASSING_LEADERSHIP_ERRORS.has(type);
}

export async function retryWhileLeadershipSettles<T>(operation: () => Promise<T>, options: { attempts?: number; initialDelayMs?: number } = {}): Promise<T> {
  const attempts = options.attempts ?? 8;
  let delay = options.initialDelayMs ?? 100;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (err) {
      if (attempt >= attempts || !isPassingLeadershipError(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 2000);
    }
  }
}
