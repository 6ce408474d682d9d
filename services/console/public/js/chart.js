// A small SVG line chart: readings over time with the station's warning levels as dashed lines.
const NS = 'http://www.w3.org/2000/svg';

function el(name, attrs, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

export function drawChart(container, { points, warningLevels, unit, title, emptyText, locale }) {
  container.replaceChildren();
  const W = 640, H = 220, P = { l: 48, r: 70, t: 12, b: 28 };
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title });
  svg.appendChild(el('title', {}, title));
  container.appendChild(svg);
  if (!points.length) {
    svg.appendChild(el('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', fill: '#4a5360' }, emptyText));
    return;
  }
  const levels = warningLevels ? [['1', warningLevels.level1], ['2', warningLevels.level2], ['3', warningLevels.level3]] : [];
  const values = points.map((p) => p.value).concat(levels.map((l) => l[1]));
  let lo = Math.min(...values), hi = Math.max(...values);
  if (hi === lo) { hi += 1; lo -= 1; }
  const pad = (hi - lo) * 0.08; lo -= pad; hi += pad;
  const t0 = points[0].at, t1 = Math.max(points[points.length - 1].at, t0 + 1);
  const x = (at) => P.l + ((at - t0) / (t1 - t0)) * (W - P.l - P.r);
  const y = (v) => P.t + (1 - (v - lo) / (hi - lo)) * (H - P.t - P.b);
  svg.appendChild(el('line', { x1: P.l, x2: P.l, y1: P.t, y2: H - P.b, stroke: '#8a939f' }));
  svg.appendChild(el('line', { x1: P.l, x2: W - P.r, y1: H - P.b, y2: H - P.b, stroke: '#8a939f' }));
  for (const v of [lo + pad, (lo + hi) / 2, hi - pad]) svg.appendChild(el('text', { x: P.l - 4, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#4a5360' }, `${Math.round(v)}`));
  const fmt = (ms) => new Date(ms).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  svg.appendChild(el('text', { x: P.l, y: H - 8, 'font-size': 11, fill: '#4a5360' }, fmt(t0)));
  svg.appendChild(el('text', { x: W - P.r, y: H - 8, 'text-anchor': 'end', 'font-size': 11, fill: '#4a5360' }, fmt(t1)));
  const colours = { '1': '#b08f00', '2': '#c46a00', '3': '#b3261e' };
  for (const [name, v] of levels) {
    svg.appendChild(el('line', { x1: P.l, x2: W - P.r, y1: y(v), y2: y(v), stroke: colours[name], 'stroke-dasharray': '6 4', 'stroke-width': 1.5 }));
    svg.appendChild(el('text', { x: W - P.r + 4, y: y(v) + 4, 'font-size': 11, fill: colours[name] }, `MS ${name}: ${v}`));
  }
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  svg.appendChild(el('path', { d, fill: 'none', stroke: '#0b4f8a', 'stroke-width': 2 }));
  for (const p of points.filter((q) => q.quality !== 'good')) svg.appendChild(el('circle', { cx: x(p.at), cy: y(p.value), r: 3, fill: '#a11d17' }));
  svg.appendChild(el('text', { x: P.l + 4, y: P.t + 10, 'font-size': 11, fill: '#4a5360' }, unit));
}
