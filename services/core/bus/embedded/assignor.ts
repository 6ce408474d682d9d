import type { TopicPartition } from '../bus';

export interface AssignorMember {
  memberId: string;
  topics: readonly string[];
}

/**
 * Round-robin over all topic-partitions, members in id order (as kafkajs' default
 * RoundRobinAssigner): a partition goes only to members subscribed to its topic.
 */
export function assignRoundRobin(members: readonly AssignorMember[], partitionsOf: (topic: string) => number): Map<string, TopicPartition[]> {
  const sorted = [...members].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  const result = new Map<string, TopicPartition[]>(sorted.map((m) => [m.memberId, []]));
  const topics = [...new Set(sorted.flatMap((m) => m.topics))].sort();
  let turn = 0;
  for (const topic of topics) {
    for (let partition = 0; partition < partitionsOf(topic); partition++) {
      // advance the shared turn until it lands on a member subscribed to this topic
      let member = sorted[turn % sorted.length];
      while (!member.topics.includes(topic)) member = sorted[++turn % sorted.length];
      turn++;
      result.get(member.memberId)!.push({ topic, partition });
    }
  }
  return result;
}
