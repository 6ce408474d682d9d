import type { CatalogueIndex } from '../../core/catalogue/catalogue';
import type { SensorReading } from '../../core/model/reading';
import { alertEpisodes, type AlertEpisode } from './alert-episodes';
import type { BacktestResult } from './backtest';
import type { WarningLeadTime } from './warning-lead-times';

/**
 * A self-contained HTML report of a backtest: per station a timeline of its readings with the
 * station's warning levels drawn in and the alert episodes of the rules (and of the compared
 * rules) as bands underneath. Inline SVG, no script, no external file: it opens anywhere and
 * can be attached to a change request.
 */
export interface HtmlReportInput {
  result: BacktestResult;
  readings: readonly SensorReading[];
  catalogue: CatalogueIndex;
  leadTimes: WarningLeadTime[];
  rulesLabel: string;
  compareLabel: string | null;
}

const W = 900;
const PLOT_H = 160;
const BAND_H = 14;
const PAD_L = 56;
const PAD_R = 12;
const LEVEL_COLOURS = ['#9e9e9e', '#f2c200', '#f08a00', '#d32f2f', '#7b1fa2'];

export function renderHtmlReport(input: HtmlReportInput): string {
  const { result, readings, catalogue } = input;
  const from = result.from ?? 0;
  const to = Math.max(result.to ?? 0, from + 1);
  const x = (t: number) => PAD_L + ((t - from) / (to - from)) * (W - PAD_L - PAD_R);
  const baseEpisodes = alertEpisodes(result.base.alertEvents);
  const compareEpisodes = result.compare ? alertEpisodes(result.compare.alertEvents) : [];

  const series = new Map<string, SensorReading[]>();
  for (const r of readings) {
    const key = `${r.stationId}\u0000${r.quantity}`;
    const list = series.get(key) ?? [];
    list.push(r);
    series.set(key, list);
  }
  const sections: string[] = [];
  for (const [key, list] of [...series].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [stationId, quantity] = key.split('\u0000');
    const station = catalogue.station(stationId);
    const sorted = [...list].sort((a, b) => a.observedAt - b.observedAt);
    const thresholds = quantity === 'water_level' && station?.warningLevels ? [station.warningLevels.level1, station.warningLevels.level2, station.warningLevels.level3] : [];
    const values = sorted.map((r) => r.value);
    let lo = Math.min(...values, ...thresholds);
    let hi = Math.max(...values, ...thresholds);
    if (hi === lo) hi = lo + 1;
    const margin = (hi - lo) * 0.05;
    lo -= margin;
    hi += margin;
    const y = (v: number) => 8 + (1 - (v - lo) / (hi - lo)) * (PLOT_H - 16);
    const path = downsample(sorted, 1500).map((r, i) => `${i === 0 ? 'M' : 'L'}${x(r.observedAt).toFixed(1)},${y(r.value).toFixed(1)}`).join('');
    const levelLines = thresholds
      .map((t, i) => `<line x1="${PAD_L}" x2="${W - PAD_R}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="${LEVEL_COLOURS[i + 1]}" stroke-dasharray="4 3"/><text x="${W - PAD_R - 4}" y="${(y(t) - 3).toFixed(1)}" text-anchor="end" font-size="10">Stufe ${i + 1}: ${t} cm</text>`)
      .join('');
    const mine = (eps: AlertEpisode[]) => eps.filter((e) => e.subject === stationId || (station && e.subject === station.areaId && e.hazard !== 'sensor'));
    const bands = [
      bandRow('rules', mine(baseEpisodes), x, to),
      ...(result.compare ? [bandRow('compare', mine(compareEpisodes), x, to)] : []),
    ];
    const height = PLOT_H + bands.length * (BAND_H + 4) + 20;
    const axis = `<text x="${PAD_L - 4}" y="14" text-anchor="end" font-size="10">${fmt(hi)}</text><text x="${PAD_L - 4}" y="${PLOT_H - 4}" text-anchor="end" font-size="10">${fmt(lo)}</text>`;
    const bandSvg = bands.map((b, i) => `<g transform="translate(0,${PLOT_H + 4 + i * (BAND_H + 4)})">${b}</g>`).join('');
    const timeLabels = `<text x="${PAD_L}" y="${height - 4}" font-size="10">${iso(from)}</text><text x="${W - PAD_R}" y="${height - 4}" font-size="10" text-anchor="end">${iso(to)}</text>`;
    sections.push(
      `<section><h2>${esc(station?.name ?? stationId)} <small>${esc(stationId)} · ${esc(quantity)} (${esc(sorted[0]?.unit ?? '')})</small></h2>` +
        `<svg role="img" aria-label="${esc(`${station?.name ?? stationId} ${quantity}`)}" viewBox="0 0 ${W} ${height}" width="100%"><rect x="${PAD_L}" y="0" width="${W - PAD_L - PAD_R}" height="${PLOT_H}" fill="#fafafa" stroke="#ddd"/>${levelLines}<path d="${path}" fill="none" stroke="#1565c0" stroke-width="1.5"/>${axis}${bandSvg}${timeLabels}</svg></section>`,
    );
  }

  const episodeRows = (eps: AlertEpisode[], label: string) =>
    eps.map((e) => `<tr><td>${esc(label)}</td><td>${esc(e.ruleId)}</td><td>${esc(e.subject)}</td><td>${esc(e.areaId)}</td><td>${e.maxLevel}</td><td>${iso(e.raisedAt)}</td><td>${e.clearedAt === null ? 'active at end' : iso(e.clearedAt)}</td></tr>`).join('');
  const leadRows = input.leadTimes
    .map((l) => `<tr><td>${esc(l.stationId)}</td><td>${l.level} (${l.threshold} cm)</td><td>${iso(l.reachedAt)}</td><td>${l.warnedAt === null ? 'never' : iso(l.warnedAt)}</td><td>${l.leadMs === null ? '–' : minutes(l.leadMs)}</td><td>${esc(l.ruleId ?? '')}</td></tr>`)
    .join('');
  const diff = result.diff;
  const diffText = diff ? `<p>Compared with <code>${esc(input.compareLabel ?? '')}</code>: ${diff.gained.length} alert events gained, ${diff.lost.length} lost, ${diff.shifted.length} shifted.</p>` : '';

  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fruehwarn backtest</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#212121;max-width:960px}table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border-bottom:1px solid #e0e0e0;padding:2px 8px;text-align:left}h2{font-size:15px;margin:1.2rem 0 .2rem}small{color:#616161;font-weight:normal}</style></head><body>
<h1>Backtest</h1><p>${result.readings} readings from ${iso(result.from)} to ${iso(result.to)}; rules <code>${esc(input.rulesLabel)}</code>.</p>${diffText}
<h2>Lead time before each information level was reached</h2><table><tr><th>gauge</th><th>level</th><th>reached</th><th>first warning</th><th>lead</th><th>rule</th></tr>${leadRows}</table>
<h2>Alerts that would have fired</h2><table><tr><th>run</th><th>rule</th><th>subject</th><th>area</th><th>max level</th><th>raised</th><th>cleared</th></tr>${episodeRows(baseEpisodes, 'rules')}${episodeRows(compareEpisodes, 'compare')}</table>
${sections.join('\n')}
</body></html>
`;
}

function bandRow(label: string, episodes: AlertEpisode[], x: (t: number) => number, end: number): string {
  const rects = episodes
    .map((e) => {
      const x0 = x(e.raisedAt);
      const x1 = Math.max(x0 + 2, x(e.clearedAt ?? end));
      return `<rect x="${x0.toFixed(1)}" y="0" width="${(x1 - x0).toFixed(1)}" height="${BAND_H}" fill="${LEVEL_COLOURS[Math.min(4, e.maxLevel)]}"><title>${esc(`${e.ruleId} level ${e.maxLevel}: ${iso(e.raisedAt)} – ${e.clearedAt === null ? 'end' : iso(e.clearedAt)}`)}</title></rect>`;
    })
    .join('');
  return `<text x="${PAD_L - 4}" y="${BAND_H - 3}" text-anchor="end" font-size="10">${label}</text><rect x="${PAD_L}" y="0" width="${W - PAD_L - PAD_R}" height="${BAND_H}" fill="#f5f5f5"/>${rects}`;
}

/** Keeps every n-th point so a year of 10-minute data stays a small file; extremes are kept per bucket. */
function downsample(sorted: SensorReading[], max: number): SensorReading[] {
  if (sorted.length <= max) return sorted;
  const bucket = Math.ceil(sorted.length / (max / 2));
  const out: SensorReading[] = [];
  for (let i = 0; i < sorted.length; i += bucket) {
    const slice = sorted.slice(i, i + bucket);
    let lo = slice[0];
    let hi = slice[0];
    for (const r of slice) {
      if (r.value < lo.value) lo = r;
      if (r.value > hi.value) hi = r;
    }
    out.push(...(lo.observedAt <= hi.observedAt ? [lo, hi] : [hi, lo]));
  }
  return out;
}

const iso = (t: number | null) => (t === null ? '–' : new Date(t).toISOString().slice(0, 16).replace('T', ' ') + 'Z');
const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));
const minutes = (ms: number) => `${ms >= 0 ? '+' : '−'}${Math.round(Math.abs(ms) / 60_000)} min`;

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
