import { api, logout, requireLogin } from './api.js';
import { applyTexts, formatTime, languageButton, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const NS = 'http://www.w3.org/2000/svg';
const state = { file: null, version: null, timer: null, lastBacktest: null };

function row(...cells) {
  const tr = document.createElement('tr');
  for (const c of cells) {
    const td = document.createElement('td');
    td.textContent = c;
    tr.append(td);
  }
  return tr;
}

async function openFile(file) {
  const f = await api(`/console/api/rules/files/${encodeURIComponent(file)}`);
  state.file = f.file;
  state.version = f.version;
  $('text').value = f.text;
  await validate();
}

async function validate() {
  const res = await api('/console/api/rules/validate', { method: 'POST', body: { file: state.file, text: $('text').value } });
  $('text').setAttribute('aria-invalid', String(!res.ok));
  $('validity').textContent = res.ok ? `${t('rules.valid')} (${res.ruleIds.join(', ')})` : `${t('rules.invalid')}: ${res.errors.length}`;
  $('validity').className = res.ok ? 'ok' : 'error';
  $('errors').replaceChildren(...res.errors.map((e) => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'link';
    b.textContent = `${e.file}:${e.line}:${e.column} ${e.field ? `${e.field}: ` : ''}${e.message}`;
    b.addEventListener('click', () => goToLine(e.line));
    li.append(b);
    return li;
  }));
  $('save').disabled = !res.ok;
  return res;
}

function goToLine(line) {
  const ta = $('text');
  const lines = ta.value.split('\n');
  const start = lines.slice(0, Math.max(0, line - 1)).reduce((n, l) => n + l.length + 1, 0);
  ta.focus();
  ta.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
}

const minutes = (ms) => `${ms >= 0 ? '+' : '−'}${Math.round(Math.abs(ms) / 60000)} min`;

function drawTimeline(bt) {
  const box = $('bt-timeline');
  box.replaceChildren();
  const all = [...bt.base.events, ...bt.edited.events];
  if (!all.length || bt.from === null) return;
  const keys = [...new Set(all.map((e) => `${e.ruleId} · ${e.subject}`))].sort();
  const W = 700, lane = 34, top = 20, left = 190;
  const H = top + keys.length * lane + 24;
  const t0 = Math.min(bt.from, ...all.map((e) => e.at)), t1 = Math.max(bt.to, ...all.map((e) => e.at), t0 + 1);
  const x = (at) => left + ((at - t0) / (t1 - t0)) * (W - left - 20);
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${t('rules.backtest')}: ${bt.diff.gained.length} ${t('bt.gained')}, ${bt.diff.lost.length} ${t('bt.lost')}, ${bt.diff.shifted.length} ${t('bt.shifted')}`);
  const add = (name, attrs, text) => {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text) e.textContent = text;
    svg.append(e);
    return e;
  };
  const gained = new Set(bt.diff.gained.map((e) => `${e.ruleId}|${e.subject}|${e.kind}|${e.level}|${e.at}`));
  const lost = new Set(bt.diff.lost.map((e) => `${e.ruleId}|${e.subject}|${e.kind}|${e.level}|${e.at}`));
  keys.forEach((k, i) => {
    const y = top + i * lane;
    add('text', { x: 4, y: y + 14, 'font-size': 11, fill: '#1b1f24' }, k.length > 30 ? `${k.slice(0, 29)}…` : k);
    add('line', { x1: left, x2: W - 20, y1: y + 8, y2: y + 8, stroke: '#c9ced6' });
    add('line', { x1: left, x2: W - 20, y1: y + 22, y2: y + 22, stroke: '#c9ced6' });
    for (const [run, dy] of [[bt.base.events, 8], [bt.edited.events, 22]]) {
      for (const e of run.filter((q) => `${q.ruleId} · ${q.subject}` === k)) {
        const id = `${e.ruleId}|${e.subject}|${e.kind}|${e.level}|${e.at}`;
        const colour = dy === 22 && gained.has(id) ? '#1e6b35' : dy === 8 && lost.has(id) ? '#a11d17' : '#0b4f8a';
        const shape = e.kind === 'cleared' ? add('rect', { x: x(e.at) - 3, y: y + dy - 3, width: 6, height: 6, fill: '#fff', stroke: colour }) : add('circle', { cx: x(e.at), cy: y + dy, r: 2 + e.level, fill: colour });
        const title = document.createElementNS(NS, 'title');
        title.textContent = `${dy === 8 ? t('bt.base') : t('bt.edited')}: ${e.kind} ${t('level')} ${e.level} ${formatTime(e.at)}`;
        shape.append(title);
      }
    }
  });
  add('text', { x: left, y: H - 6, 'font-size': 11, fill: '#4a5360' }, formatTime(t0));
  add('text', { x: W - 20, y: H - 6, 'font-size': 11, fill: '#4a5360', 'text-anchor': 'end' }, formatTime(t1));
  add('text', { x: left, y: 12, 'font-size': 10, fill: '#4a5360' }, `● ${t('bt.base')} (oben) / ${t('bt.edited')} (unten)`);
  box.append(svg);
}

async function backtest() {
  $('bt-status').textContent = t('bt.running');
  $('backtest').disabled = true;
  try {
    const bt = await api('/console/api/rules/backtest', { method: 'POST', body: { file: state.file, text: $('text').value } });
    state.lastBacktest = bt;
    const d = bt.diff;
    $('bt-status').textContent = `${bt.readings} ${t('bt.readings')}, ${formatTime(bt.from)} – ${formatTime(bt.to)}${d.gained.length + d.lost.length + d.shifted.length === 0 ? ` · ${t('bt.none')}` : ''}`;
    const span = (cls, text) => Object.assign(document.createElement('span'), { className: cls, textContent: text });
    $('bt-summary').replaceChildren(span('gained', `${d.gained.length} ${t('bt.gained')}`), span('lost', `${d.lost.length} ${t('bt.lost')}`), span('shifted', `${d.shifted.length} ${t('bt.shifted')}`));
    $('bt-summary').dataset.gained = String(d.gained.length);
    $('bt-summary').dataset.lost = String(d.lost.length);
    $('bt-summary').dataset.shifted = String(d.shifted.length);
    drawTimeline(bt);
    $('bt-details').replaceChildren(
      ...d.gained.map((e) => row(`+ ${t('bt.gained')}`, `${e.ruleId} · ${e.subject}`, `${e.kind} ${t('level')} ${e.level}`, formatTime(e.at))),
      ...d.lost.map((e) => row(`− ${t('bt.lost')}`, `${e.ruleId} · ${e.subject}`, `${e.kind} ${t('level')} ${e.level}`, formatTime(e.at))),
      ...d.shifted.map((s) => row(`↔ ${t('bt.shifted')}`, `${s.ruleId} · ${s.subject}`, `${s.kind} ${t('level')} ${s.level}`, minutes(s.shiftMs))),
      ...d.leadTimes.map((l) => row(t('bt.lead'), l.incidentKey, l.leadMs === null ? '–' : minutes(l.leadMs), `${formatTime(l.baseFirstRaisedAt)} → ${formatTime(l.compareFirstRaisedAt)}`)),
    );
  } catch (err) {
    $('bt-status').textContent = `${t('failed')}: ${err.message}`;
  } finally {
    $('backtest').disabled = false;
  }
}

async function save() {
  const res = await validate();
  if (!res.ok) return;
  $('confirm-save-text').textContent = `${state.file}${$('comment').value ? ` – ${$('comment').value}` : ''}`;
  const dlg = $('confirm-save');
  dlg.returnValue = '';
  dlg.showModal();
  await new Promise((r) => dlg.addEventListener('close', r, { once: true }));
  if (dlg.returnValue !== 'yes') return;
  try {
    const saved = await api(`/console/api/rules/files/${encodeURIComponent(state.file)}`, { method: 'PUT', body: { text: $('text').value, baseVersion: state.version, comment: $('comment').value } });
    state.version = saved.version;
    $('save-status').textContent = t('saved');
    $('save-status').className = 'ok';
    await loadHistory();
  } catch (err) {
    $('save-status').textContent = `${t('failed')}: ${err.message}`;
    $('save-status').className = 'error';
  }
}

async function loadHistory() {
  const { changes } = await api('/console/api/rules/history');
  $('history').replaceChildren(...changes.map((c) => {
    const d = JSON.parse(c.detail);
    return row(formatTime(c.at), c.actor, c.subject, d.comment ?? '', `${d.diff.filter((l) => l.startsWith('+') || l.startsWith('-')).length} ±`);
  }));
}

async function main() {
  const me = await requireLogin();
  applyTexts();
  languageButton($('lang'), () => state.lastBacktest && drawTimeline(state.lastBacktest));
  $('who').textContent = `${me.user} (${me.role})`;
  $('logout').addEventListener('click', logout);
  if (!me.permissions.includes('rules.read')) {
    $('validity').textContent = '403';
    return;
  }
  $('save').hidden = !me.permissions.includes('rules.write');
  const { files } = await api('/console/api/rules/files');
  $('file').replaceChildren(...files.map((f) => Object.assign(document.createElement('option'), { value: f, textContent: f })));
  $('file').addEventListener('change', () => openFile($('file').value));
  $('text').addEventListener('input', () => {
    clearTimeout(state.timer);
    state.timer = setTimeout(() => validate().catch(() => undefined), 300);
  });
  $('backtest').addEventListener('click', backtest);
  $('save').addEventListener('click', save);
  await openFile(files[0]);
  await loadHistory();
  document.body.dataset.ready = 'true';
}

main().catch((err) => {
  $('validity').textContent = `${t('failed')}: ${err.message}`;
});
