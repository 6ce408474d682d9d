import * as path from 'node:path';
import { CatalogueIndex } from '../../core/catalogue/catalogue';
import { loadCatalogue } from '../../core/catalogue/load-catalogue';
import { ConfigError } from '../../core/config/env';
import { runBacktest, readRecordedReadings, type BacktestResult, type BacktestRun } from '../../engine/backtest/backtest';
import * as fs from 'node:fs';
import { alertEpisodes, type AlertEpisode } from '../../engine/backtest/alert-episodes';
import { isEmptyDiff } from '../../engine/backtest/backtest-diff';
import { renderHtmlReport } from '../../engine/backtest/html-report';
import { warningLeadTimes, type WarningLeadTime } from '../../engine/backtest/warning-lead-times';
import { parseDuration } from '../../engine/core/duration';
import { defaultScorers } from '../../engine/live/default-scorers';
import { loadRuleDirectory, type LoadResult } from '../../engine/rules/loader';
import { formatRuleError } from '../../engine/rules/rule-error';

export interface BacktestCommandOutput {
  write(text: string): void;
}

/** What the command reports besides the raw result: episodes and lead times per information level. */
export interface BacktestReport extends BacktestResult {
  episodes: AlertEpisode[];
  compareEpisodes: AlertEpisode[] | null;
  warningLeadTimes: WarningLeadTime[];
  compareWarningLeadTimes: WarningLeadTime[] | null;
}

/**
 * `fruehwarn backtest --readings data.ndjson|data.csv (or --data) [--rules dir] [--compare dir]
 * [--catalogue file] [--lateness 10m] [--step 30s] [--json] [--html report.html]`: replays
 * recorded readings through a rule set and, with --compare, through a second one, and prints
 * what fired, the lead time before each gauge level was reached, and what would change.
 */
export async function backtestCommand(flags: Record<string, string | boolean>, out: BacktestCommandOutput = { write: (t) => void process.stdout.write(t) }): Promise<BacktestReport> {
  const readingsFile = stringFlag(flags, 'readings') ?? stringFlag(flags, 'data');
  if (!readingsFile) throw new ConfigError('backtest needs --readings FILE (recorded readings, one SensorReading JSON per line).');
  const rulesDir = path.resolve(stringFlag(flags, 'rules') ?? process.env.FRUEHWARN_RULES_DIR ?? './rules');
  const compareDir = stringFlag(flags, 'compare');
  const catalogueFile = path.resolve(stringFlag(flags, 'catalogue') ?? process.env.FRUEHWARN_CATALOGUE ?? path.join(rulesDir, 'catalogue.yaml'));
  const catalogue = new CatalogueIndex(loadCatalogue(catalogueFile));

  const base = loadRules(rulesDir, catalogue, out);
  const compare = compareDir ? loadRules(path.resolve(compareDir), catalogue, out) : null;
  let readings;
  try {
    readings = await readRecordedReadings(path.resolve(readingsFile));
  } catch (err) {
    throw new ConfigError(`cannot read the recorded readings: ${(err as Error).message}`);
  }
  const result = runBacktest({
    readings,
    rules: base.rules,
    compareRules: compare?.rules,
    catalogue,
    scorers: defaultScorers(catalogue),
    allowedLatenessMs: durationFlag(flags, 'lateness', 10 * 60_000),
    advanceEveryMs: durationFlag(flags, 'step', 30_000),
    status: 'Exercise',
    onProgress: progressBar(),
  });
  const report: BacktestReport = {
    ...result,
    episodes: alertEpisodes(result.base.alertEvents),
    compareEpisodes: result.compare ? alertEpisodes(result.compare.alertEvents) : null,
    warningLeadTimes: warningLeadTimes(readings, result.base.alertEvents, catalogue),
    compareWarningLeadTimes: result.compare ? warningLeadTimes(readings, result.compare.alertEvents, catalogue) : null,
  };
  const htmlFile = stringFlag(flags, 'html');
  if (htmlFile) {
    fs.writeFileSync(htmlFile, renderHtmlReport({ result, readings, catalogue, leadTimes: report.warningLeadTimes, rulesLabel: rulesDir, compareLabel: compareDir ?? null }));
  }
  out.write(flags.json === true ? JSON.stringify(report, null, 2) + '\n' : formatBacktest(report, { rulesDir, compareDir: compareDir ? path.resolve(compareDir) : null }) + (htmlFile ? `\nHTML report: ${htmlFile}\n` : ''));
  return report;
}

/** A progress bar on stderr when it is a terminal (never in pipes, logs or tests). */
function progressBar(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const started = Date.now();
  return (done, total) => {
    const share = total === 0 ? 1 : done / total;
    const width = 30;
    const filled = Math.round(share * width);
    const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)} %  ${Math.round(rate).toLocaleString('en-GB')} readings/s`);
    if (done >= total) process.stderr.write('\n');
  };
}

function loadRules(dir: string, catalogue: CatalogueIndex, out: BacktestCommandOutput): LoadResult {
  let result: LoadResult;
  try {
    result = loadRuleDirectory(dir, catalogue);
  } catch (err) {
    throw new ConfigError(`cannot read the rules folder ${dir}: ${(err as Error).message}`);
  }
  // Rules with errors are left out of the replay; say which, so nobody trusts a partial result blindly.
  for (const e of result.errors) out.write(`warning: ${dir}/${formatRuleError(e)}\n`);
  if (result.rules.length === 0) throw new ConfigError(`no usable rules in ${dir}.`);
  return result;
}

const iso = (t: number | null) => (t === null ? '-' : new Date(t).toISOString().replace('.000Z', 'Z'));

function span(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const a = Math.abs(ms);
  const h = Math.floor(a / 3_600_000);
  const m = Math.floor((a % 3_600_000) / 60_000);
  const s = Math.round((a % 60_000) / 1000);
  const parts = [h > 0 ? `${h}h` : '', m > 0 ? `${m}min` : '', s > 0 || (h === 0 && m === 0) ? `${s}s` : ''];
  return sign + parts.join('');
}

function runTable(title: string, run: BacktestRun): string[] {
  const lines = [`${title}: ${run.alertEvents.length} alert events, ${run.assessments} assessments`];
  const rejected = Object.entries(run.rejected);
  if (rejected.length > 0) lines.push(`  readings handed back: ${rejected.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const width = Math.max(4, ...run.summary.map((s) => s.ruleId.length));
  lines.push(`  ${'rule'.padEnd(width)}  events  raises  max level  first raise`);
  for (const s of run.summary) {
    lines.push(`  ${s.ruleId.padEnd(width)}  ${String(s.events).padStart(6)}  ${String(s.raises).padStart(6)}  ${String(s.maxLevel).padStart(9)}  ${iso(s.firstRaisedAt)}`);
  }
  return lines;
}

function episodeTable(episodes: AlertEpisode[]): string[] {
  if (episodes.length === 0) return ['  no alert would have fired'];
  const rw = Math.max(4, ...episodes.map((e) => e.ruleId.length));
  const sw = Math.max(7, ...episodes.map((e) => e.subject.length));
  const lines = [`  ${'rule'.padEnd(rw)}  ${'subject'.padEnd(sw)}  level  raised                cleared`];
  for (const e of episodes) lines.push(`  ${e.ruleId.padEnd(rw)}  ${e.subject.padEnd(sw)}  ${String(e.maxLevel).padStart(5)}  ${iso(e.raisedAt).padEnd(20)}  ${e.clearedAt === null ? 'active at end' : iso(e.clearedAt)}`);
  return lines;
}

function leadTable(leads: WarningLeadTime[]): string[] {
  if (leads.length === 0) return ['  no gauge reached an information level'];
  const lines = ['  gauge                level  reached               first warning         lead'];
  for (const l of leads) lines.push(`  ${l.stationId.padEnd(20)} ${String(l.level).padStart(5)}  ${iso(l.reachedAt).padEnd(20)}  ${(l.warnedAt === null ? 'never' : iso(l.warnedAt)).padEnd(20)}  ${l.leadMs === null ? '-' : span(l.leadMs)}${l.ruleId ? `  (${l.ruleId})` : ''}`);
  return lines;
}

/** The human summary: per rule count and first raise, then the difference of the compared set. */
export function formatBacktest(result: BacktestReport, where: { rulesDir: string; compareDir: string | null }): string {
  const lines = [`Backtest of ${result.readings} readings from ${iso(result.from)} to ${iso(result.to)}`, ''];
  lines.push(...runTable(`rules ${where.rulesDir}`, result.base));
  lines.push('', 'Alerts that would have fired:', ...episodeTable(result.episodes));
  lines.push('', 'Lead time before each gauge information level was reached (positive: warned ahead):', ...leadTable(result.warningLeadTimes));
  if (result.compareWarningLeadTimes) lines.push('', 'The same with the compared rules:', ...leadTable(result.compareWarningLeadTimes));
  if (result.compare && result.diff) {
    lines.push('', ...runTable(`compare ${where.compareDir}`, result.compare), '');
    const d = result.diff;
    if (isEmptyDiff(d)) lines.push('No difference: both rule sets fire the same alerts at the same times.');
    else {
      lines.push(`Difference (compare relative to rules): ${d.gained.length} gained, ${d.lost.length} lost, ${d.shifted.length} shifted`);
      for (const e of d.gained) lines.push(`  + ${iso(e.at)}  ${e.ruleId} ${e.subject} ${e.kind} level ${e.level}`);
      for (const e of d.lost) lines.push(`  - ${iso(e.at)}  ${e.ruleId} ${e.subject} ${e.kind} level ${e.level}`);
      for (const s of d.shifted) lines.push(`  ~ ${iso(s.baseAt)} -> ${iso(s.compareAt)} (${span(s.shiftMs)})  ${s.ruleId} ${s.subject} ${s.kind} level ${s.level}`);
      if (d.leadTimes.length > 0) {
        lines.push('Lead time of the first warning per incident (positive: compare warns earlier):');
        for (const l of d.leadTimes) {
          const what = l.leadMs === null ? (l.baseFirstRaisedAt === null ? 'raised only by compare' : 'raised only by rules') : span(l.leadMs);
          lines.push(`  ${l.incidentKey.padEnd(28)} ${what}  (rules ${iso(l.baseFirstRaisedAt)}, compare ${iso(l.compareFirstRaisedAt)})`);
        }
      }
    }
  }
  return lines.join('\n') + '\n';
}

function stringFlag(flags: Record<string, string | boolean>, name: string): string | undefined {
  const v = flags[name];
  if (v === true) throw new ConfigError(`--${name} needs a value.`);
  return typeof v === 'string' ? v : undefined;
}

function durationFlag(flags: Record<string, string | boolean>, name: string, fallback: number): number {
  const v = stringFlag(flags, name);
  if (v === undefined) return fallback;
  try {
    return parseDuration(/^\d+$/.test(v) ? Number(v) : v);
  } catch {
    throw new ConfigError(`--${name} is "${v}"; expected a duration such as 30s, 10m or 0.`);
  }
}
