/**
 * A private single-node KRaft broker for destructive tests (kill, restart) on ports of its own,
 * from the jars test/infra/services.sh fetched into .cache/services/kafka-libs. The shared broker
 * on :9092 carries other people's tests; killing or restarting it would break them, and the
 * topic names (readings.v1, ...) are fixed, so a private broker is also what isolates the data.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, portOpen, sleep } from './free-port';
import { repoRoot } from './repo-root';

const ROOT = repoRoot();
export const KAFKA_LIBS = path.join(process.env.SERVICES_DIR ?? path.join(ROOT, '.cache', 'services'), 'kafka-libs');
const CLUSTER_ID = 'fruehwarnResilience01';

export class PrivateKafka {
  private process: ChildProcess | null = null;
  private constructor(
    readonly dir: string,
    readonly port: number,
    readonly controllerPort: number,
  ) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  static available(): boolean {
    return fs.existsSync(KAFKA_LIBS) && fs.readdirSync(KAFKA_LIBS).some((f) => f.startsWith('kafka_2.13-'));
  }

  /** Formats a fresh data dir on two free ports and starts the broker. */
  static async start(): Promise<PrivateKafka> {
    if (!PrivateKafka.available()) throw new Error(`No Kafka jars in ${KAFKA_LIBS}; run \`npm run services -- fetch\`.`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fruehwarn-kafka-'));
    const kafka = new PrivateKafka(dir, await freePort(), await freePort());
    fs.writeFileSync(
      path.join(dir, 'server.properties'),
      [
        'process.roles=broker,controller',
        'node.id=1',
        `controller.quorum.voters=1@127.0.0.1:${kafka.controllerPort}`,
        `listeners=PLAINTEXT://127.0.0.1:${kafka.port},CONTROLLER://127.0.0.1:${kafka.controllerPort}`,
        `advertised.listeners=PLAINTEXT://127.0.0.1:${kafka.port}`,
        'controller.listener.names=CONTROLLER',
        'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
        'inter.broker.listener.name=PLAINTEXT',
        `log.dirs=${path.join(dir, 'data')}`,
        'num.partitions=1',
        'offsets.topic.replication.factor=1',
        'offsets.topic.num.partitions=1',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'default.replication.factor=1',
        'min.insync.replicas=1',
        'group.initial.rebalance.delay.ms=0',
        'auto.create.topics.enable=false',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'log4j.properties'),
      'log4j.rootLogger=WARN, stdout\nlog4j.logger.kafka.server.KafkaRaftServer=INFO\nlog4j.appender.stdout=org.apache.log4j.ConsoleAppender\nlog4j.appender.stdout.layout=org.apache.log4j.PatternLayout\nlog4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n\n',
    );
    const format = spawnSync('java', ['-cp', `${KAFKA_LIBS}/*`, 'kafka.tools.StorageTool', 'format', '-t', CLUSTER_ID, '-c', path.join(dir, 'server.properties'), '--ignore-formatted'], { encoding: 'utf8' });
    if (format.status !== 0) throw new Error(`Kafka storage format failed: ${format.stderr || format.stdout}`);
    await kafka.resume();
    return kafka;
  }

  private logFile(): string {
    return path.join(this.dir, 'kafka.log');
  }

  /** Starts the broker on the same ports and data (again) and waits until it serves requests. */
  async resume(timeoutMs = 60_000): Promise<void> {
    if (this.process) return;
    const log = this.logFile();
    const before = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('Kafka Server started').length : 1;
    const out = fs.openSync(log, 'a');
    // Small heap and one GC thread: the machine is shared and the tests are small.
    this.process = spawn('java', ['-Xmx384m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', `-Dlog4j.configuration=file:${path.join(this.dir, 'log4j.properties')}`, '-cp', `${KAFKA_LIBS}/*`, 'kafka.Kafka', path.join(this.dir, 'server.properties')], { stdio: ['ignore', out, out] });
    fs.closeSync(out);
    const child = this.process;
    child.once('exit', () => {
      if (this.process === child) this.process = null;
    });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const started = fs.readFileSync(log, 'utf8').split('Kafka Server started').length > before;
      if (started && (await portOpen(this.port))) return;
      if (!this.process) throw new Error(`Private Kafka exited while starting:\n${fs.readFileSync(log, 'utf8').slice(-3000)}`);
      if (Date.now() > deadline) throw new Error(`Private Kafka did not start within ${timeoutMs} ms:\n${fs.readFileSync(log, 'utf8').slice(-3000)}`);
      await sleep(200);
    }
  }

  /** Stops the broker: SIGTERM (controlled shutdown) or SIGKILL (a crash). */
  async halt(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM', timeoutMs = 30_000): Promise<void> {
    const child = this.process;
    if (!child) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
    this.process = null;
  }

  async stop(): Promise<void> {
    await this.halt('SIGKILL');
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
