/**
 * A private redis-server on a port of its own, for tests that stop Redis: the machine's Redis
 * on :6379 serves other people's tests. Append-only file with fsync on every write, so a stop
 * and start keeps the data, as a production Redis with persistence would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, portOpen, sleep } from './free-port';

export class PrivateRedis {
  private process: ChildProcess | null = null;
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(fs.mkdtempSync(path.join(os.tmpdir(), 'fruehwarn-redis-')), await freePort());
    await redis.resume();
    return redis;
  }

  async resume(timeoutMs = 10_000): Promise<void> {
    if (this.process) return;
    const out = fs.openSync(path.join(this.dir, 'redis.log'), 'a');
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--daemonize', 'no'], { stdio: ['ignore', out, out] });
    fs.closeSync(out);
    this.process = child;
    child.once('exit', () => {
      if (this.process === child) this.process = null;
    });
    const deadline = Date.now() + timeoutMs;
    while (!(await portOpen(this.port))) {
      if (!this.process) throw new Error(`redis-server exited: ${fs.readFileSync(path.join(this.dir, 'redis.log'), 'utf8').slice(-2000)}`);
      if (Date.now() > deadline) throw new Error('redis-server did not start');
      await sleep(50);
    }
  }

  /** SIGTERM: Redis flushes its append-only file and exits. */
  async halt(): Promise<void> {
    const child = this.process;
    if (!child) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    await exited;
    this.process = null;
  }

  async stop(): Promise<void> {
    await this.halt();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
