import type { CatalogueIndex } from '../core/catalogue/catalogue';
import type { SensorReading } from '../core/model/reading';
import type { Clock } from '../core/observability/clock';
import type { Logger } from '../core/observability/logger';
import { generateSequence } from '../scenario/generate-scenario';
import type { Scenario, ScenarioName } from '../scenario/scenario';
import type { ReadingSink } from './reading-sink';

export interface DemoPlayerOptions {
  scenarios: ScenarioName[];
  seed: number;
  /** Play the scenarios again (with the next seed) after the last one ends. */
  loop: boolean;
  /** Wall-clock interval between looks at the clock. */
  pollMs: number;
  /** At most this many readings per submit. */
  batchSize: number;
}

/**
 * Plays scenarios like a network of sensors would deliver them: a reading is sent once the
 * clock has reached its observedAt (never ahead of "now"), so with the demo's compressed clock the
 * flood unfolds in a minute. Scenarios start at the clock's current hour and follow each other
 * back to back; a loop continues in event time, so no station's readings ever go backwards.
 */
export class DemoPlayer {
  private queue: SensorReading[] = [];
  private next = 0;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private round = 0;
  private endOfRound = 0;
  private published = 0;
  private finished = false;

  constructor(
    private readonly deps: { catalogue: CatalogueIndex; clock: Clock; logger: Logger; sink: ReadingSink },
    private readonly options: DemoPlayerOptions,
  ) {}

  start(): void {
    this.load(this.deps.clock.now());
    this.timer = setInterval(() => void this.step(), this.options.pollMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.busy) await new Promise((r) => setTimeout(r, 10));
  }

  /** Readings sent so far, and whether the last scenario ended (without loop). */
  progress(): { published: number; round: number; finished: boolean } {
    return { published: this.published, round: this.round, finished: this.finished };
  }

  private load(from: number): void {
    const scenarios: Scenario[] = generateSequence(this.options.scenarios, { seed: this.options.seed + this.round * 100, from, catalogue: this.deps.catalogue, source: 'demo' });
    this.queue = scenarios.flatMap((s) => s.readings);
    this.next = 0;
    this.endOfRound = scenarios[scenarios.length - 1]?.to ?? from;
    for (const s of scenarios) {
      this.deps.logger.info(`demo: ${s.name} scenario from ${new Date(s.from).toISOString()} to ${new Date(s.to).toISOString()} (${s.readings.length} readings)`, { round: this.round });
      for (const m of s.marks) this.deps.logger.debug(`demo: ${new Date(m.at).toISOString()} ${m.label}`);
    }
  }

  /** Sends every reading whose time has come; one step at a time. */
  private async step(): Promise<void> {
    if (this.busy || this.finished) return;
    this.busy = true;
    try {
      const now = this.deps.clock.now();
      while (this.next < this.queue.length && this.queue[this.next].observedAt <= now) {
        const batch: SensorReading[] = [];
        for (let i = this.next; i < this.queue.length && batch.length < this.options.batchSize && this.queue[i].observedAt <= now; i++) batch.push(this.queue[i]);
        if ((await this.deps.sink.submit(batch)) === 'busy') return;
        this.next += batch.length;
        this.published += batch.length;
      }
      if (this.next >= this.queue.length) {
        if (!this.options.loop) {
          this.finished = true;
          this.deps.logger.info('demo: scenarios played to the end', { published: this.published });
          return;
        }
        this.round++;
        this.load(this.endOfRound);
      }
    } catch (err) {
      this.deps.logger.error('demo: sending readings failed; retrying', { err: String(err) });
    } finally {
      this.busy = false;
    }
  }
}
