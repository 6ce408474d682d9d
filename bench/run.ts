/**
 * `npm run bench`: prints the figures the issues name and writes bench/RESULTS.md.
 * Kafka parts run when KAFKA_BROKERS answers (test/infra/services.sh start), else are reported as skipped.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmbeddedBus } from '../services/core/bus/embedded/embedded-bus';
import { KafkaBus } from '../services/core/bus/kafka/kafka-bus';
import { silentLogger } from '../services/core/observability/logger';
import { benchBus, type BusResult } from './bus.bench';
import { benchBacktest, benchEngine } from './engine.bench';
import { benchFanout } from './fanout.bench';
import { benchSoak } from './soak.bench';
import { PrivateKafka } from '../test/resilience/support/private-kafka';
import { benchIngest, type IngestResult } from './ingest.bench';

const f = (n: number, d = 1) => n.toLocaleString('en-GB', { maximumFractionDigits: d, minimumFractionDigits: d });

async function kafkaReachable(brokers: string): Promise<boolean> {
  const net = await import('node:net');
  const [host, port] = brokers.split(',')[0].split(':');
  return new Promise((resolve) => {
    const s = net.connect({ host, port: Number(port) });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    s.setTimeout(1000, () => (s.destroy(), resolve(false)));
  });
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const lines: string[] = [];
  const say = (s: string) => {
    process.stdout.write(s + '\n');
    lines.push(s);
  };
  say(`# Benchmark results\n\nCommand: \`npm run bench\` · ${new Date().toISOString()} · Node ${process.version} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} · ${f(os.totalmem() / 2 ** 30, 0)} GiB\n`);

  if (!only || only === 'bus') {
    say('## Bus: publish + consume, 200-byte records keyed by station\n');
    say('| bus | records | seconds | records/s | p50 latency ms | p99 latency ms |\n| --- | ---: | ---: | ---: | ---: | ---: |');
    const results: BusResult[] = [];
    const embedded = new EmbeddedBus();
    results.push(await benchBus(embedded, 500_000, 'bench-embedded'));
    await embedded.close();
    const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
    if (await kafkaReachable(brokers)) {
      const kafka = new KafkaBus({ brokers: brokers.split(','), clientId: 'fruehwarn-bench', ssl: false, sasl: null, logger: silentLogger });
      results.push(await benchBus(kafka, 200_000, `bench-kafka-${Date.now()}`));
      await kafka.close();
    } else say(`| kafka | skipped: nothing answers on ${brokers} | | | | |`);
    for (const r of results) say(`| ${r.bus} | ${f(r.records, 0)} | ${f(r.seconds, 2)} | ${f(r.perSecond, 0)} | ${r.p50Ms} | ${r.p99Ms} |`);
    say('');
  }

  if (!only || only === 'ingest') {
    say('## Ingest: accepted readings/s, HTTP batches of 500 (4 clients) validated and published to readings.v1\n');
    say('| bus | readings | seconds | readings/s | p50 batch ms | p99 batch ms |\n| --- | ---: | ---: | ---: | ---: | ---: |');
    const results: IngestResult[] = [];
    const embedded = new EmbeddedBus();
    results.push(await benchIngest(embedded, 200_000));
    await embedded.close();
    const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
    if (await kafkaReachable(brokers)) {
      const kafka = new KafkaBus({ brokers: brokers.split(','), clientId: 'fruehwarn-bench-ingest', ssl: false, sasl: null, logger: silentLogger });
      results.push(await benchIngest(kafka, 100_000));
      await kafka.close();
    } else say(`| kafka | skipped: nothing answers on ${brokers} | | | | |`);
    for (const r of results) say(`| ${r.bus} | ${f(r.readings, 0)} | ${f(r.seconds, 2)} | ${f(r.perSecond, 0)} | ${r.p50BatchMs} | ${r.p99BatchMs} |`);
    say('');
  }

  if (!only || only === 'fanout') {
    const n = Number(process.env.BENCH_FANOUT_SUBSCRIPTIONS ?? 200_000);
    const threads = Number(process.env.BENCH_FANOUT_THREADS ?? os.cpus().length);
    say(`## Web push fan-out: one alert for the whole city to ${f(n, 0)} subscriptions (goal: all in 30 s)\n`);
    const r = await benchFanout({ subscriptions: n, threads });
    say('| subscriptions | delivered | seconds | subscriptions/s | worker threads | sample decrypted ok | decrypt failures | RSS MiB | heap MiB |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    say(`| ${f(r.subscriptions, 0)} | ${f(r.delivered, 0)} | ${f(r.seconds, 2)} | ${f(r.perSecond, 0)} | ${r.threads} | ${r.sampledDecrypted} | ${r.decryptFailures} | ${f(r.rssMb, 0)} | ${f(r.heapMb, 0)} |`);
    say(`\nGoal ${r.seconds <= 30 ? 'met' : 'NOT met'}: ${f(r.seconds, 1)} s for ${f(n, 0)} (${f(r.seconds / 30, 2)} × the 30 s budget).\n`);
  }

  if (!only || only === 'engine') {
    const stations = Number(process.env.BENCH_ENGINE_STATIONS ?? 1000);
    const steps = Number(process.env.BENCH_ENGINE_STEPS ?? 12);
    say(`## Engine alone (RuleEngine.process, one core): ${f(stations, 0)} stations × 20 rules, flood and wildfire scorers (goal: 1,000,000 readings/s)\n`);
    const e = benchEngine({ stations, steps });
    say('| readings | seconds | readings/s | alert events | reading → alert event p50 ms | p99 ms | any reading p50 ms | p99 ms | checkpoint bytes per station-rule | heap bytes per station-rule |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    say(`| ${f(e.readings, 0)} | ${f(e.seconds, 2)} | ${f(e.perSecond, 0)} | ${f(e.alertEvents, 0)} | ${f(e.alertP50Ms, 3)} | ${f(e.alertP99Ms, 3)} | ${f(e.allP50Ms, 3)} | ${f(e.allP99Ms, 3)} | ${f(e.snapshotBytesPerSubject, 0)} | ${f(e.heapBytesPerSubject, 0)} |`);
    say(`\nGoal ${e.perSecond >= 1_000_000 ? 'met' : 'NOT met'}: ${f(e.perSecond, 0)} readings/s is ${f(e.perSecond / 1_000_000, 5)} × the goal. Latency is the process() call that returned the alert event (in-process, no bus).\n`);

    const days = Number(process.env.BENCH_BACKTEST_DAYS ?? 365);
    say(`## Backtest: ${f(days, 0)} days of 10-minute readings from 100 stations, 20 rules, flood and wildfire scorers\n`);
    const b = benchBacktest({ days });
    say('| stations | days | readings | seconds | readings/s | alert events | assessments |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    say(`| ${b.stations} | ${b.days} | ${f(b.readings, 0)} | ${f(b.seconds, 1)} | ${f(b.perSecond, 0)} | ${f(b.alertEvents, 0)} | ${f(b.assessments, 0)} |`);
    if (days !== 365) say(`\nShorter than a year (BENCH_BACKTEST_DAYS=${days}); linear extrapolation to 365 days: ${f((b.seconds * 365) / days, 0)} s.`);
    say('');
  }

  if (!only || only === 'soak') {
    // `npm run bench -- soak --minutes 10`; without --minutes a one-minute soak.
    const at = process.argv.indexOf('--minutes');
    const seconds = at > 0 ? Number(process.argv[at + 1]) * 60 : Number(process.env.BENCH_SOAK_SECONDS ?? 60);
    const target = Number(process.env.BENCH_SOAK_RATE ?? 10_000);
    say(`## Soak: engine, alerts, notify and feed in one process on Kafka and Redis, ${f(target, 0)} readings/s for ${f(seconds / 60, 1)} min\n`);
    if (!process.env.SOAK_KAFKA_BROKERS && !PrivateKafka.available()) say('Skipped: no Kafka jars for a private broker (npm run services -- fetch) and SOAK_KAFKA_BROKERS not set.\n');
    else {
      const stations = Number(process.env.BENCH_SOAK_STATIONS ?? 2000);
      const r = await benchSoak({ seconds, targetPerSecond: target, stations }, (s) => process.stdout.write(s + '\n'));
      const ms = (v: number | null) => (v === null ? 'n/a' : f(v, 0));
      say('| published/s | engine consumed/s | lag max | lag at end | drain s | alert events | revisions | pushes | reading → alert event p50 ms | p99 ms | reading → revision p99 ms | RSS MiB start → end (max) | heap MiB start → end | event loop max stall s | errors | warnings | publish failures |\n| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
      say(`| ${f(r.publishedPerSecond, 0)} | ${f(r.consumedPerSecond, 0)} | ${f(r.lagMax, 0)} | ${f(r.lagEnd, 0)} | ${r.drainSeconds === null ? '> 60' : f(r.drainSeconds, 1)} | ${f(r.alertEvents, 0)} | ${f(r.alerts, 0)} | ${f(r.pushes, 0)} | ${ms(r.p50EventMs)} | ${ms(r.p99EventMs)} | ${ms(r.p99AlertMs)} | ${f(r.rssStartMb, 0)} → ${f(r.rssEndMb, 0)} (${f(r.rssMaxMb, 0)}) | ${f(r.heapStartMb, 0)} → ${f(r.heapEndMb, 0)} | ${f(r.eventLoopLagMaxS, 2)} | ${r.errors} | ${r.warnings} | ${r.publishFailures} |`);
      say(`\nTarget ${r.consumedPerSecond >= target * 0.98 && r.lagEnd < target ? 'met' : 'NOT met'}: the engine consumed ${f(r.consumedPerSecond, 0)} readings/s (${f(r.consumedPerSecond / target, 2)} × ${f(target, 0)}); ${r.brokers}, ${f(r.seconds, 0)} s measured. ${f(r.stations, 0)} stations reporting once a minute of event time, ${f(r.eventHours, 0)} h of event time (a flood wave every 12 h in another district). Latency is wall time from publishing the first reading of an event time to the alert event / revision arriving at a consumer.\n`);
      if (r.topMessages.length) say(`Most frequent log messages of the service process: ${r.topMessages.join('; ')}.\n`);
    }
  }

  const resultsFile = path.join(__dirname, '..', '..', 'bench', 'RESULTS.md');
  if (!only) fs.writeFileSync(resultsFile, lines.join('\n') + '\n');
  else if (fs.existsSync(resultsFile)) fs.writeFileSync(resultsFile, replaceSections(fs.readFileSync(resultsFile, 'utf8'), lines, `npm run bench -- ${process.argv.slice(2).join(' ')}`));
}

/**
 * One benchmark run alone (`npm run bench -- soak ...`) replaces its own sections of RESULTS.md
 * (matched by the heading up to its colon) and names the command that produced them; the other
 * sections keep their figures.
 */
export function replaceSections(existing: string, runLines: string[], command: string): string {
  const sections = (text: string) => {
    const out = new Map<string, string>();
    const parts = text.split(/^(?=## )/m);
    for (const part of parts.slice(1)) out.set(part.slice(0, part.indexOf(':')), part);
    return { head: parts[0], out };
  };
  const fresh = sections(runLines.join('\n') + '\n').out;
  const { head, out } = sections(existing);
  const envs = Object.keys(process.env).filter((k) => k.startsWith('BENCH_') || k.startsWith('SOAK_')).sort().map((k) => `${k}=${process.env[k]} `).join('');
  for (const [key, text] of fresh) {
    const [heading, ...rest] = text.split('\n');
    out.set(key, [heading, '', `Command: \`${envs}${command}\` · ${new Date().toISOString()}`, ...rest].join('\n'));
  }
  return head + [...out.values()].join('');
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
