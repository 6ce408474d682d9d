/**
 * Ids already applied, remembered for the last `capacity` ids (oldest forgotten first), so a
 * redelivered event or command is ignored. Serialisable, so the window survives a restart.
 * Inputs older than the window are still caught by the per-firing event-time check.
 */
export interface DedupWindowState {
  capacity: number;
  ids: string[];
}

export class DedupWindow {
  private readonly order: string[];
  private readonly seen: Set<string>;
  private head = 0;

  constructor(readonly capacity: number, ids: string[] = []) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive whole number, got ${capacity}`);
    this.order = ids.slice(-capacity);
    this.seen = new Set(this.order);
  }

  static restore(state: DedupWindowState): DedupWindow {
    return new DedupWindow(state.capacity, state.ids);
  }

  has(id: string): boolean {
    return this.seen.has(id);
  }

  /** Remembers id; false if it was already there. */
  add(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    this.order.push(id);
    // Evict lazily: advance a head pointer and compact now and then, instead of shift() per add.
    while (this.order.length - this.head > this.capacity) {
      this.seen.delete(this.order[this.head]!);
      this.head++;
    }
    if (this.head > this.capacity) {
      this.order.splice(0, this.head);
      this.head = 0;
    }
    return true;
  }

  get size(): number {
    return this.order.length - this.head;
  }

  snapshot(): DedupWindowState {
    return { capacity: this.capacity, ids: this.order.slice(this.head) };
  }
}
