/**
 * Event-time alignment of the readings partitions (Flink's input alignment, in miniature).
 *
 * One RuleEngine sees every station (rules and scorers combine stations of an area, and even
 * across areas), and its clock is the newest event time it has seen. Partitions are delivered
 * independently, so without alignment a backlog of partition 0 could be processed to the end
 * before partition 1's older readings, which would then fall outside trailing windows that
 * already ended. The aligner hands out buffered readings smallest event time first, and holds
 * back while a partition that still has a backlog on the bus has nothing buffered. A partition
 * that is caught up (its last batch reached the high watermark) is idle and holds nothing back.
 */
export interface AlignedEntry<T> {
  item: T;
  time: number;
  offset: number;
}

/** One delivered batch; done when every entry has been taken. */
export interface BatchTicket {
  readonly partition: number;
  /** Next offset after the batch (position once the batch is processed). */
  readonly endOffset: number;
  remaining: number;
}

interface PartitionQueue<T> {
  entries: Array<AlignedEntry<T> & { ticket: BatchTicket }>;
  head: number;
  /** Nothing more on the bus after what is buffered (as of the last batch). */
  caughtUp: boolean;
  /** Next offset after the buffered entries (null: nothing buffered). */
  end: number | null;
}

export class PartitionAligner<T> {
  private readonly partitions = new Map<number, PartitionQueue<T>>();

  /** Registers a partition (on assignment) with whether it has a backlog to wait for. */
  track(partition: number, caughtUp: boolean): void {
    const q = this.partitions.get(partition);
    if (!q) this.partitions.set(partition, { entries: [], head: 0, caughtUp, end: null });
    // With entries buffered, the flag of their batch stays (it describes what follows them).
    else if (q.head >= q.entries.length) q.caughtUp = caughtUp;
  }

  /** Forgets a partition (revoked); its buffered entries are dropped and returned as tickets. */
  untrack(partition: number): BatchTicket[] {
    const q = this.partitions.get(partition);
    this.partitions.delete(partition);
    return q ? [...new Set(q.entries.slice(q.head).map((e) => e.ticket))] : [];
  }

  partitionsTracked(): number[] {
    return [...this.partitions.keys()].sort((a, b) => a - b);
  }

  /**
   * Buffers a batch's entries (in offset order). `caughtUp`: the batch ends at the partition's
   * high watermark. Returns the ticket (remaining 0 when the batch brought no entries).
   */
  add(partition: number, entries: AlignedEntry<T>[], endOffset: number, caughtUp: boolean): BatchTicket {
    this.track(partition, caughtUp);
    const q = this.partitions.get(partition)!;
    q.caughtUp = caughtUp;
    const ticket: BatchTicket = { partition, endOffset, remaining: entries.length };
    for (const e of entries) q.entries.push({ ...e, ticket });
    // An empty batch behind buffered entries (undecodable records only) still moves their end.
    if (entries.length > 0 || q.head < q.entries.length) q.end = endOffset;
    return ticket;
  }

  /**
   * Next offset after what is buffered for the partition, null when nothing is. Several batches
   * of a partition can be buffered at once (a bus that fetches partitions together must be let
   * go on while the merge waits), so the next batch continues here, not at the processed position.
   */
  bufferedEnd(partition: number): number | null {
    return this.partitions.get(partition)?.end ?? null;
  }

  /** Entries buffered for the partition and not yet handed out. */
  buffered(partition: number): number {
    const q = this.partitions.get(partition);
    return q ? q.entries.length - q.head : 0;
  }

  /** Partitions with a backlog on the bus and nothing buffered: what the merge waits for. */
  waitingFor(): number[] {
    return [...this.partitions].filter(([, q]) => q.head >= q.entries.length && !q.caughtUp).map(([p]) => p);
  }

  /**
   * The next entry in event-time order (ties: lower partition, then offset order within it),
   * or null when nothing is buffered or a partition with a backlog must be waited for.
   * `force` skips the waiting: only for a partition whose backlog does not arrive at all (a
   * stuck bus must not stall the others forever); a partition merely between two batches must
   * be waited for, or its readings come after newer ones and the result differs from a backtest.
   */
  next(force = false): { partition: number; entry: AlignedEntry<T>; ticket: BatchTicket; drainedTo: number | null } | null {
    let best: { partition: number; q: PartitionQueue<T> } | null = null;
    for (const [partition, q] of this.partitions) {
      if (q.head >= q.entries.length) {
        if (!q.caughtUp && !force) return null;
        continue;
      }
      if (!best) best = { partition, q };
      else {
        const a = q.entries[q.head].time;
        const b = best.q.entries[best.q.head].time;
        if (a < b || (a === b && partition < best.partition)) best = { partition, q };
      }
    }
    if (!best) return null;
    const e = best.q.entries[best.q.head++];
    // The buffer ran empty: the partition is consumed up to the end of what was buffered.
    let drainedTo: number | null = null;
    if (best.q.head === best.q.entries.length) {
      drainedTo = best.q.end;
      best.q.entries = [];
      best.q.head = 0;
      best.q.end = null;
    }
    e.ticket.remaining--;
    return { partition: best.partition, entry: { item: e.item, time: e.time, offset: e.offset }, ticket: e.ticket, drainedTo };
  }

  /** True when entries are buffered but held back by a partition with a backlog. */
  blocked(): boolean {
    let buffered = false;
    let waiting = false;
    for (const q of this.partitions.values()) {
      if (q.head < q.entries.length) buffered = true;
      else if (!q.caughtUp) waiting = true;
    }
    return buffered && waiting;
  }

  /** Every partition has drained its buffer and has no backlog (safe to let wall-clock time pass). */
  idle(): boolean {
    for (const q of this.partitions.values()) if (q.head < q.entries.length || !q.caughtUp) return false;
    return true;
  }

  /** Drops every buffered entry (stop); returns the tickets that will not complete. */
  clear(): BatchTicket[] {
    const tickets = new Set<BatchTicket>();
    for (const q of this.partitions.values()) {
      for (const e of q.entries.slice(q.head)) tickets.add(e.ticket);
      q.entries = [];
      q.head = 0;
      q.end = null;
    }
    return [...tickets];
  }
}
