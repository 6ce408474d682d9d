import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { NotifyError, type Notifier, type RecipientAddress } from '../notifier';
import type { PushWorkerData, PushWorkerJob, PushWorkerResult } from './push-worker';
import type { VapidKeys } from './vapid-cache';

export interface PushWorkerPoolOptions {
  vapid: VapidKeys;
  threads?: number;
  ttlS?: number;
  timeoutMs?: number;
  /** Jobs handed to a worker at once (amortises postMessage). */
  batchSize?: number;
}

/**
 * A Notifier that sends web push from a pool of worker threads. Calls to notify() are
 * micro-batched: everything queued in one tick goes to the least busy worker as one message.
 * Works from compiled JS (dist) and from ts-jest (the worker file is loaded through ts-node-free
 * require of the compiled sibling, or through a small register shim in tests).
 */
export class PushWorkerPool implements Notifier<string> {
  readonly channel = 'webpush' as const;
  private readonly workers: { worker: Worker; inFlight: number }[] = [];
  private readonly pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private queue: PushWorkerJob[] = [];
  private scheduled = false;
  private seq = 0;
  private readonly batchSize: number;

  constructor(options: PushWorkerPoolOptions) {
    const threads = options.threads ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
    this.batchSize = options.batchSize ?? 200;
    const data: PushWorkerData = { vapid: options.vapid, ttlS: options.ttlS ?? 6 * 3600, timeoutMs: options.timeoutMs ?? 10000, maxSockets: 64 };
    const { file, execArgv } = workerEntry();
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(file, { workerData: data, execArgv });
      const slot = { worker, inFlight: 0 };
      worker.on('message', (results: PushWorkerResult[]) => {
        slot.inFlight -= results.length;
        for (const r of results) {
          const p = this.pending.get(r.seq);
          if (!p) continue;
          this.pending.delete(r.seq);
          if (r.ok) p.resolve();
          else p.reject(new NotifyError(r.error ?? 'push failed', r.retryable, r.gone));
        }
      });
      worker.on('error', (err) => {
        for (const [seq, p] of this.pending) {
          p.reject(new NotifyError(`push worker failed: ${err.message}`, true));
          this.pending.delete(seq);
        }
      });
      worker.unref();
      this.workers.push(slot);
    }
  }

  notify(payload: string, recipient: RecipientAddress): Promise<void> {
    const p256dh = recipient.extra?.p256dh;
    const auth = recipient.extra?.auth;
    if (!p256dh || !auth) return Promise.reject(new NotifyError('push subscription has no keys', false, true));
    const seq = ++this.seq;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.queue.push({ seq, endpoint: recipient.address, p256dh, auth, payload });
      if (this.queue.length >= this.batchSize) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.queue.length > 0) {
      const jobs = this.queue.splice(0, this.batchSize);
      const slot = this.workers.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
      slot.inFlight += jobs.length;
      slot.worker.postMessage(jobs);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

/** The worker script: the compiled .js beside this file, or the .ts source run through ts-jest's transpiler in tests. */
function workerEntry(): { file: string; execArgv: string[] } {
  const js = path.join(__dirname, 'push-worker.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (require('node:fs').existsSync(js)) return { file: js, execArgv: [] };
  return { file: path.join(__dirname, '..', '..', '..', 'test', 'support', 'ts-worker.js'), execArgv: [] };
}
