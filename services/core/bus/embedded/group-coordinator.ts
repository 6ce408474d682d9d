import type { TopicPartition } from '../bus';
import { assignRoundRobin } from './assignor';
import type { GroupMember } from './group-member';

/**
 * Coordinates one consumer group of the embedded bus. Membership changes are serialised and
 * each triggers a rebalance in two phases, like Kafka's eager protocol: revoked partitions
 * finish their in-flight batch (and its auto-commit) before the new owner starts from the
 * committed offset, so a handover neither skips nor duplicates committed work.
 */
export class GroupCoordinator {
  private readonly members: GroupMember[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly groupId: string,
    private readonly partitionsOf: (topic: string) => number,
  ) {}

  get size(): number {
    return this.members.length;
  }

  join(member: GroupMember): Promise<void> {
    return this.enqueue(async () => {
      this.members.push(member);
      await this.rebalance();
    });
  }

  leave(member: GroupMember): Promise<void> {
    return this.enqueue(async () => {
      const i = this.members.indexOf(member);
      if (i < 0) return;
      this.members.splice(i, 1);
      await member.revoke(member.assignment());
      await this.rebalance();
    });
  }

  private enqueue(op: () => Promise<void>): Promise<void> {
    const run = this.queue.then(op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async rebalance(): Promise<void> {
    if (this.members.length === 0) return;
    const target = assignRoundRobin(this.members, this.partitionsOf);
    const wanted = (m: GroupMember) => target.get(m.memberId) ?? [];
    const has = (list: TopicPartition[], tp: TopicPartition) => list.some((x) => x.topic === tp.topic && x.partition === tp.partition);
    await Promise.all(this.members.map((m) => m.revoke(m.assignment().filter((tp) => !has(wanted(m), tp)))));
    for (const m of this.members) m.assign(wanted(m).filter((tp) => !m.owns(tp)));
    await Promise.all(this.members.map((m) => m.assigned()));
  }
}
