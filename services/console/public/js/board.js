import { api, logout, requireLogin } from './api.js';
import { applyTexts, formatTime, language, languageButton, t } from './i18n.js';
import { colourAreas, createAreaMap, LEVEL_COLOURS } from './area-map.js';
import { drawChart } from './chart.js';

const $ = (id) => document.getElementById(id);
const state = { me: null, config: null, overview: null, incidents: [], seen: new Set(), fresh: new Set(), map: null, hazard: 'flood', sound: true, audio: null, auditFor: null, healthPending: null };
const areaName = (id) => state.overview?.areas.features.find((f) => f.id === id)?.properties.name ?? id;
const canCommand = () => state.me.permissions.includes('incidents.command');

function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
}

// --- incidents -------------------------------------------------------------------------------

async function loadIncidents() {
  const { incidents } = await api('/api/v1/incidents');
  state.incidents = incidents;
  renderIncidents();
}

function infoOf(inc, lang) {
  const info = inc.lastAlert?.info ?? [];
  return info.find((i) => i.language.startsWith(lang)) ?? info[0] ?? null;
}

function incidentCard(inc) {
  const open = inc.state === 'pending' || inc.state === 'released';
  const lang = language();
  const info = infoOf(inc, lang);
  const firings = Object.values(inc.firings).filter((f) => f.active);
  const drivers = firings.flatMap((f) => f.evidence.map((d) => `${f.ruleId}: ${d.text}`));
  const title = `${t(`hazard.${inc.hazard}`)} – ${areaName(inc.areaId)}`;
  const actions = open && canCommand()
    ? h('div', { class: 'actions' },
        !inc.released && inc.audience === 'public' ? h('button', { type: 'button', class: 'primary', onclick: () => releaseDialog(inc) }, t('act.release')) : null,
        h('button', { type: 'button', onclick: () => simpleDialog(inc, 'acknowledge') }, t('act.acknowledge')),
        h('button', { type: 'button', onclick: () => simpleDialog(inc, 'silence') }, t('act.silence')),
        h('button', { type: 'button', class: 'danger', onclick: () => simpleDialog(inc, 'cancel') }, t('act.cancel')),
        h('button', { type: 'button', onclick: () => showAudit(inc) }, t('act.audit')))
    : h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => showAudit(inc) }, t('act.audit')));
  return h('article', { class: `incident${state.fresh.has(inc.id) ? ' new' : ''}`, dataset: { level: String(inc.level), incidentId: inc.id, state: inc.state }, 'aria-labelledby': `inc-${inc.id}` },
    h('h3', { id: `inc-${inc.id}` }, h('span', { class: 'lvl' }, `${t('level')} ${inc.level}`), ' · ', title, ' ', h('span', { class: `badge ${inc.state}` }, t(inc.state === 'pending' && inc.audience !== 'public' ? 'state.internal' : `state.${inc.state}`)), inc.silenced ? h('span', { class: 'badge' }, t('silenced')) : null),
    info ? h('p', {}, info.headline) : null,
    h('p', { class: 'meta' }, `${formatTime(inc.openedAt)} · ${inc.status}${inc.releasedBy ? ` · ${t('state.released')}: ${inc.releasedBy}` : ''}${inc.acknowledgements.length ? ` · ${t('acknowledged')} ${inc.acknowledgements.map((a) => a.by).join(', ')}` : ''}`),
    drivers.length ? h('div', {}, h('strong', {}, `${t('drivers')}:`), h('ul', { class: 'drivers' }, drivers.map((d) => h('li', {}, d)))) : null,
    actions);
}

function renderIncidents() {
  const open = state.incidents.filter((i) => i.state === 'pending' || i.state === 'released').sort((a, b) => b.level - a.level || b.openedAt - a.openedAt);
  const closed = state.incidents.filter((i) => !(i.state === 'pending' || i.state === 'released')).sort((a, b) => (b.closedAt ?? 0) - (a.closedAt ?? 0)).slice(0, 20);
  $('incidents').replaceChildren(...(open.length ? open.map(incidentCard) : [h('p', { class: 'muted' }, t('incidents.none'))]));
  $('closed').replaceChildren(...closed.map(incidentCard));
  const n = open.filter((i) => i.state === 'pending').length;
  document.title = `${n ? `(${n}) ` : ''}Fruehwarn – ${t('nav.board')}`;
}

// --- new incident: sound, banner, announcement ------------------------------------------------

function beep() {
  if (!state.sound) return;
  try {
    state.audio ??= new AudioContext();
    const ctx = state.audio;
    for (const [i, f] of [880, 660, 880].entries()) {
      const o = ctx.createOscillator();
      const g = ctx.createGain();
      o.frequency.value = f;
      g.gain.setValueAtTime(0.15, ctx.currentTime + i * 0.25);
      g.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + i * 0.25 + 0.22);
      o.connect(g).connect(ctx.destination);
      o.start(ctx.currentTime + i * 0.25);
      o.stop(ctx.currentTime + i * 0.25 + 0.23);
    }
  } catch {
    // no audio device: the banner and the announcement remain
  }
}

function announceNew(signal) {
  const text = `${t('new.incident')}: ${t(`hazard.${signal.hazard}`)} ${signal.areaIds.map(areaName).join(', ')}, ${t('level')} ${signal.level}`;
  $('banner-text').textContent = text;
  $('banner').classList.add('show');
  $('announcer').textContent = text;
  state.fresh.add(signal.incidentId);
  beep();
}

// --- commands with confirmation ---------------------------------------------------------------

function field(id, label, value, kind = 'input', options = []) {
  const input = kind === 'textarea' ? h('textarea', { id, name: id })
    : kind === 'select' ? h('select', { id, name: id }, options.map(([v, text]) => h('option', { value: v }, text)))
    : h('input', { id, name: id, type: kind === 'datetime' ? 'datetime-local' : 'text' });
  input.value = value ?? '';
  return [h('label', { for: id }, label), input];
}

function openDialog(title, hint, fields, onConfirm) {
  const dlg = $('confirm');
  $('confirm-title').textContent = title;
  $('confirm-hint').textContent = hint ?? '';
  $('confirm-fields').replaceChildren(...fields.flat());
  $('confirm-error').textContent = '';
  $('confirm-form').onsubmit = async (ev) => {
    ev.preventDefault();
    $('confirm-ok').disabled = true;
    try {
      await onConfirm();
      dlg.close();
      $('announcer').textContent = t('done');
      await Promise.all([loadIncidents(), loadSilences()]);
    } catch (err) {
      $('confirm-error').textContent = `${t('failed')}: ${err.message}`;
    } finally {
      $('confirm-ok').disabled = false;
    }
  };
  dlg.showModal();
  dlg.querySelector('input, textarea, button[type=submit]')?.focus();
}

const command = (inc, body) => api(`/api/v1/incidents/${encodeURIComponent(inc.id)}/commands`, { method: 'POST', body });

function releaseDialog(inc) {
  const langs = [['de-DE', 'de'], ['en-GB', 'en']];
  const fields = langs.flatMap(([code, short]) => {
    const info = infoOf(inc, short) ?? {};
    return [
      h('h3', {}, code),
      field(`rel-${short}-headline`, `${t('headline')} (${code})`, info.headline),
      field(`rel-${short}-description`, `${t('description')} (${code})`, info.description, 'textarea'),
      field(`rel-${short}-instruction`, `${t('instruction')} (${code})`, info.instruction, 'textarea'),
    ];
  });
  fields.push(field('rel-reason', t('reason'), ''));
  openDialog(`${t('release.title')}: ${t(`hazard.${inc.hazard}`)} ${areaName(inc.areaId)}, ${t('level')} ${inc.level}`, t('release.hint'), fields, async () => {
    const edits = [];
    for (const [code, short] of langs) {
      const info = infoOf(inc, short) ?? {};
      const v = (k) => $(`rel-${short}-${k}`).value;
      if (v('headline') !== (info.headline ?? '') || v('description') !== (info.description ?? '') || v('instruction') !== (info.instruction ?? '')) {
        edits.push({ language: code, headline: v('headline'), description: v('description'), instruction: v('instruction') });
      }
    }
    const reason = $('rel-reason').value || null;
    // Edited texts first: commands of one incident are applied in order.
    if (edits.length) await command(inc, { action: 'edit', edits, reason });
    await command(inc, { action: 'release', reason });
  });
}

/** Local date-time input value two hours from now: the default end of a silence. */
const inTwoHours = () => new Date(Date.now() + 2 * 3600_000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

function simpleDialog(inc, action) {
  const fields = [field('cmd-reason', t('reason'), '')];
  if (action === 'silence') fields.push(field('cmd-until', t('until'), inTwoHours(), 'datetime'));
  const titles = { acknowledge: 'ack.title', silence: 'silence.title', cancel: 'cancel.title' };
  openDialog(`${t(titles[action])}: ${t(`hazard.${inc.hazard}`)} ${areaName(inc.areaId)}`, '', fields, async () => {
    const reason = $('cmd-reason').value || null;
    if (action === 'silence') {
      const until = new Date($('cmd-until').value).getTime();
      if (!reason) throw new Error(t('reason'));
      await command(inc, { action, reason, until });
    } else {
      await command(inc, { action, reason });
    }
    state.fresh.delete(inc.id);
  });
}

// --- silences (area and rule, besides those made from one incident) ------------------------------

async function loadSilences() {
  const { silences } = await api('/api/v1/silences');
  state.silences = silences;
  renderSilences();
}

function renderSilences() {
  const now = Date.now();
  const active = (state.silences ?? []).filter((s) => s.until > now).sort((a, b) => a.until - b.until);
  const target = (s) => [s.areaId ? areaName(s.areaId) : t('silences.allAreas'), s.hazard ? t(`hazard.${s.hazard}`) : null, s.ruleId ?? t('silences.allRules')].filter(Boolean).join(' · ');
  $('silences').replaceChildren(...(active.length
    ? active.map((s) => h('li', { dataset: { silenceId: s.id } },
        h('strong', {}, target(s)), ` – ${t('until').split(' ')[0]} ${formatTime(s.until)}, ${t('silences.by')} ${s.by}${s.reason ? `: ${s.reason}` : ''} `,
        canCommand() ? h('button', { type: 'button', onclick: () => endSilenceDialog(s, target(s)) }, t('silences.end')) : null))
    : [h('li', { class: 'muted' }, t('silences.none'))]));
}

function newSilenceDialog() {
  const areas = [['', t('silences.allAreas')], ...state.overview.areas.features.map((f) => [f.id, f.properties.name])];
  const ruleIds = [...new Set(state.incidents.flatMap((i) => Object.keys(i.firings)))].sort();
  const fields = [
    field('sil-area', t('silences.area'), '', 'select', areas),
    field('sil-rule', t('silences.rule'), '', 'select', [['', t('silences.allRules')], ...ruleIds.map((r) => [r, r])]),
    field('sil-until', t('until'), inTwoHours(), 'datetime'),
    field('sil-reason', t('reason'), ''),
  ];
  openDialog(t('silences.new'), t('silences.hint'), fields, async () => {
    const areaId = $('sil-area').value || null;
    const ruleId = $('sil-rule').value || null;
    const reason = $('sil-reason').value || null;
    if (!areaId && !ruleId) throw new Error(t('silences.needsTarget'));
    if (!reason) throw new Error(t('reason'));
    await api('/api/v1/silences', { method: 'POST', body: { areaId, ruleId, until: new Date($('sil-until').value).getTime(), reason } });
  });
}

function endSilenceDialog(silence, label) {
  openDialog(`${t('silences.end.title')}: ${label}`, '', [], async () => {
    await api(`/api/v1/silences/${encodeURIComponent(silence.id)}`, { method: 'DELETE' });
  });
}

async function showAudit(inc) {
  state.auditFor = inc.id;
  const { entries } = await api(`/api/v1/incidents/${encodeURIComponent(inc.id)}/audit`);
  $('audit-rows').replaceChildren(...entries.map((e) => h('tr', {}, h('td', {}, formatTime(e.at)), h('td', {}, e.actor), h('td', {}, e.action), h('td', {}, e.detail === '{}' ? '' : e.detail))));
  $('audit').showModal();
}

// --- map, health, chart, feed -----------------------------------------------------------------

function renderAreas(levels) {
  const names = new Map(state.overview.areas.features.map((f) => [f.id, f.properties.name]));
  if (state.map) colourAreas(state.map, levels, state.hazard, names);
  $('area-table').replaceChildren(...levels.map((l) => h('tr', {}, h('th', { scope: 'row' }, names.get(l.areaId) ?? l.areaId), h('td', {}, `${t('map.flood')} ${t('level')} ${l.flood}`), h('td', {}, `${t('map.wildfire')} ${t('level')} ${l.wildfire}`))));
}

function renderHealth(list) {
  $('health').replaceChildren(...list.map((s) => h('tr', { dataset: { station: s.stationId } },
    h('td', {}, s.name),
    h('td', {}, s.problems.length ? s.problems.map((p) => h('span', { class: `prob-${p}` }, `${t(`prob.${p}`)} `)) : h('span', { class: 'ok' }, t('health.ok')), s.flags.length ? ` (${s.flags.join(', ')})` : ''),
    h('td', {}, formatTime(s.lastSeenAt)))));
}

async function refreshHealth() {
  state.overview = await api('/console/api/overview');
  renderHealth(state.overview.health);
  renderAreas(state.overview.levels);
}

async function drawStation() {
  const [stationId, quantity] = $('chart-station').value.split('|');
  if (!stationId) return;
  const series = await api(`/console/api/stations/${encodeURIComponent(stationId)}/series?quantity=${quantity}`);
  const station = state.overview.stations.find((s) => s.id === stationId);
  drawChart($('chart'), { points: series.points, warningLevels: series.warningLevels, unit: quantity, title: `${t('chart')}: ${station?.name ?? stationId} (${quantity})`, emptyText: t('chart.empty'), locale: language() === 'de' ? 'de-DE' : 'en-GB' });
}

async function loadFeed() {
  const lists = await Promise.all(['Actual', 'Exercise'].map((s) => api(`/api31/dashboard/059140000000.json?status=${s}`).catch(() => [])));
  const items = lists.flat();
  $('feed').replaceChildren(...(items.length ? items.map((it) => h('li', { dataset: { identifier: it.id } }, `${it.payload?.data?.headline ?? it.id}`, h('span', { class: 'muted' }, ` (${it.payload?.data?.severity ?? ''}${it.payload?.data?.msgType ? `, ${it.payload.data.msgType}` : ''})`))) : [h('li', { class: 'muted' }, t('feed.none'))]));
}

// --- live stream ------------------------------------------------------------------------------

function setStream(s) {
  const el = $('stream-status');
  el.dataset.state = s;
  el.textContent = t(`stream.${s}`);
}

function connect() {
  const es = new EventSource('/console/api/stream');
  es.addEventListener('open', () => setStream('live'));
  es.addEventListener('error', () => {
    setStream('reconnecting');
    // EventSource retries by itself unless the server refused (then it is CLOSED): retry by hand.
    if (es.readyState === EventSource.CLOSED) setTimeout(connect, 5000);
  });
  es.addEventListener('incident', async (ev) => {
    const signal = JSON.parse(ev.data);
    const isNewOpen = !state.seen.has(signal.incidentId) && (signal.state === 'pending' || signal.state === 'released');
    state.seen.add(signal.incidentId);
    // The revision is on the bus before the alerts service has answered for it everywhere: small wait, then load.
    await loadIncidents().catch(() => undefined);
    if (isNewOpen) {
      announceNew(signal);
      renderIncidents();
    }
    // The feed service reads the same revision on its own; ask again shortly after.
    loadFeed().catch(() => undefined);
    setTimeout(() => loadFeed().catch(() => undefined), 1500);
  });
  es.addEventListener('areas', (ev) => renderAreas(JSON.parse(ev.data).areas));
  es.addEventListener('readings', (ev) => {
    const { stationIds } = JSON.parse(ev.data);
    if (stationIds.includes($('chart-station').value.split('|')[0])) drawStation().catch(() => undefined);
    // Sensor health follows the readings, at most every 5 s.
    if (!state.healthPending) {
      state.healthPending = setTimeout(() => {
        state.healthPending = null;
        refreshHealth().catch(() => undefined);
      }, 5000);
    }
  });
  es.addEventListener('audit', (ev) => {
    const entry = JSON.parse(ev.data);
    if (/silence/.test(entry.action)) loadSilences().catch(() => undefined);
    const inc = state.incidents.find((i) => i.id === entry.subject);
    if (state.auditFor === entry.subject && $('audit').open && inc) showAudit(inc);
  });
  es.addEventListener('resync', () => start(false));
}

async function start(first = true) {
  await Promise.all([loadIncidents(), refreshHealth(), loadFeed(), loadSilences()]);
  for (const i of state.incidents) state.seen.add(i.id);
  if (first) {
    const opts = state.overview.stations.flatMap((s) => s.quantities.map((q) => h('option', { value: `${s.id}|${q}` }, `${s.name} – ${q}`)));
    $('chart-station').replaceChildren(...opts);
    const gauge = state.overview.stations.find((s) => s.warningLevels);
    if (gauge) $('chart-station').value = `${gauge.id}|water_level`;
    await drawStation();
  }
}

async function main() {
  state.me = await requireLogin();
  state.config = await api('/console/api/config');
  applyTexts();
  $('who').textContent = `${state.me.user} (${state.me.role})`;
  if (!state.me.permissions.includes('rules.read')) $('nav-rules').hidden = true;
  $('logout').addEventListener('click', logout);
  $('sound').addEventListener('click', () => {
    state.sound = !state.sound;
    $('sound').setAttribute('aria-pressed', String(state.sound));
    $('sound').textContent = t(state.sound ? 'sound.on' : 'sound.off');
    if (state.sound) beep();
  });
  $('banner-dismiss').addEventListener('click', () => {
    $('banner').classList.remove('show');
    state.fresh.clear();
    renderIncidents();
  });
  $('confirm-abort').addEventListener('click', () => $('confirm').close());
  $('audit-close').addEventListener('click', () => {
    state.auditFor = null;
    $('audit').close();
  });
  $('chart-station').addEventListener('change', () => drawStation());
  $('new-silence').hidden = !canCommand();
  $('new-silence').addEventListener('click', () => newSilenceDialog());
  for (const r of document.querySelectorAll('input[name=hazard]')) r.addEventListener('change', () => {
    state.hazard = r.value;
    renderAreas(state.overview.levels);
  });
  const overview = await api('/console/api/overview');
  state.overview = overview;
  state.map = createAreaMap($('map'), state.config, overview.areas);
  $('notiles').hidden = Boolean(state.config.tileUrl);
  $('legend').replaceChildren(...LEVEL_COLOURS.map((c, i) => {
    const s = h('span', {}, `${t('level')} ${i}`);
    s.style.setProperty('--c', c);
    return s;
  }));
  languageButton($('lang'), () => {
    renderIncidents();
    renderSilences();
    renderAreas(state.overview.levels);
    renderHealth(state.overview.health);
    setStream($('stream-status').dataset.state);
  });
  await start(true);
  connect();
  setInterval(() => refreshHealth().catch(() => undefined), 30_000);
  setInterval(() => loadFeed().catch(() => undefined), 20_000);
  document.body.dataset.ready = 'true';
}

main().catch((err) => {
  document.body.prepend(h('p', { class: 'error', role: 'alert' }, `${t('failed')}: ${err.message}`));
});
