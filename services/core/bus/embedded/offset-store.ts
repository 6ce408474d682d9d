import * as fs from 'node:fs';
import * as path from 'node:path';

type GroupOffsets = Record<string, Record<string, Record<string, number>>>;

/**
 * Committed next-offsets per group, topic and partition. When persisted, the whole table is
 * rewritten to a temp file and renamed over offsets.json (atomic on POSIX). Writes are
 * coalesced: a crash may lose the last ~100 ms of commits, which only means redelivery
 * (at least once), never loss.
 */
export class OffsetStore {
  private table: GroupOffsets = {};
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly file: string | null,
    private readonly flushDelayMs = 100,
  ) {
    if (file && fs.existsSync(file)) this.table = JSON.parse(fs.readFileSync(file, 'utf8')) as GroupOffsets;
  }

  get(groupId: string, topic: string, partition: number): number | undefined {
    return this.table[groupId]?.[topic]?.[String(partition)];
  }

  forTopic(groupId: string, topic: string): Array<{ partition: number; offset: number }> {
    const t = this.table[groupId]?.[topic] ?? {};
    return Object.entries(t)
      .map(([p, offset]) => ({ partition: Number(p), offset }))
      .sort((a, b) => a.partition - b.partition);
  }

  commit(groupId: string, topic: string, partition: number, offset: number): void {
    const g = (this.table[groupId] ??= {});
    const t = (g[topic] ??= {});
    t[String(partition)] = offset;
    if (this.file && !this.timer) {
      this.timer = setTimeout(() => this.flush(), this.flushDelayMs);
      this.timer.unref();
    }
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.file) return;
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify(this.table));
    fs.renameSync(tmp, this.file);
  }
}
