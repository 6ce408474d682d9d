import * as L from '/console/vendor/leaflet/leaflet-src.esm.js';
import { api } from './api.js';
import { applyTexts, formatTime, language, languageButton, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const KEY = 'fruehwarn.subscription';
const state = { place: null, marker: null, map: null, saved: JSON.parse(localStorage.getItem(KEY) || 'null') };

function urlBase64ToBytes(base64) {
  const pad = '='.repeat((4 - (base64.length % 4)) % 4);
  const raw = atob((base64 + pad).replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

function say(text) {
  $('sub-status').textContent = text;
  $('announcer').textContent = text;
}

async function setPlace(lat, lon, { pan = true } = {}) {
  state.place = { lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5 };
  $('lat').value = String(state.place.lat);
  $('lon').value = String(state.place.lon);
  $('place').textContent = `${state.place.lat.toFixed(5)}, ${state.place.lon.toFixed(5)}`;
  if (state.marker) state.marker.setLatLng([lat, lon]);
  else state.marker = L.circleMarker([lat, lon], { radius: 9, color: '#0b4f8a', weight: 3, fillOpacity: 0.5 }).addTo(state.map);
  if (pan) state.map.panTo([lat, lon]);
  $('subscribe').disabled = Boolean(state.saved);
  await loadWarnings();
}

async function loadWarnings() {
  if (!state.place) return;
  const { warnings } = await api(`/console/api/citizen/warnings?lon=${state.place.lon}&lat=${state.place.lat}`);
  const lang = language();
  const box = $('warnings');
  if (!warnings.length) {
    box.replaceChildren(Object.assign(document.createElement('p'), { className: 'muted', textContent: t('citizen.nowarnings') }));
    return;
  }
  box.replaceChildren(...warnings.map((w) => {
    const card = document.createElement('article');
    card.className = 'warning-card';
    const h = document.createElement('h3');
    h.textContent = w.headline[lang] || w.headline.de;
    const meta = document.createElement('p');
    meta.className = 'muted';
    meta.textContent = `${t(`hazard.${w.hazard}`)} · ${t('level')} ${w.level} · ${formatTime(Date.parse(w.sent))} · ${w.areas.join(', ')}`;
    const instr = document.createElement('p');
    instr.textContent = w.instruction[lang] || w.instruction.de || '';
    card.append(h, meta, instr);
    return card;
  }));
}

async function subscribe() {
  if (!state.place) return;
  if (!('serviceWorker' in navigator) || !('PushManager' in window)) return say(t('citizen.nopush'));
  $('subscribe').disabled = true;
  try {
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') throw new Error(t('citizen.denied'));
    const reg = await navigator.serviceWorker.ready;
    const { publicKey } = await api('/console/api/citizen/vapid-public-key');
    const push = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: urlBase64ToBytes(publicKey) });
    const created = await api('/console/api/citizen/subscriptions', {
      method: 'POST',
      body: { channel: 'webpush', subscription: push.toJSON(), place: { lon: state.place.lon, lat: state.place.lat }, language: language(), exercises: $('exercises').checked },
    });
    // The id is the only key to this subscription: kept in this browser only.
    state.saved = { id: created.id, place: state.place };
    localStorage.setItem(KEY, JSON.stringify(state.saved));
    renderSubscription();
    say(t('citizen.subscribed'));
  } catch (err) {
    $('subscribe').disabled = false;
    say(`${t('failed')}: ${err.message}`);
  }
}

async function unsubscribe() {
  if (!state.saved) return;
  try {
    await api(`/console/api/citizen/subscriptions/${encodeURIComponent(state.saved.id)}`, { method: 'DELETE' }).catch((err) => {
      if (err.status !== 404) throw err; // already erased: fine
    });
    const reg = await navigator.serviceWorker.getRegistration('/citizen/');
    const push = await reg?.pushManager.getSubscription();
    await push?.unsubscribe();
    localStorage.removeItem(KEY);
    state.saved = null;
    renderSubscription();
    say(t('citizen.erased'));
  } catch (err) {
    say(`${t('failed')}: ${err.message}`);
  }
}

function renderSubscription() {
  $('unsubscribe').hidden = !state.saved;
  $('subscribe').disabled = Boolean(state.saved) || !state.place;
}

async function main() {
  applyTexts();
  languageButton($('lang'), () => loadWarnings().catch(() => undefined));
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/citizen/sw.js', { scope: '/citizen/' }).catch(() => undefined);
  const config = await api('/console/api/config');
  const areas = await api('/console/api/citizen/areas');
  state.map = L.map($('map'), { attributionControl: Boolean(config.tileUrl) });
  if (config.tileUrl) L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 18 }).addTo(state.map);
  const outline = L.geoJSON(areas, { style: () => ({ color: '#14263a', weight: 2, fillColor: '#dfe6ec', fillOpacity: 0.3 }) }).addTo(state.map);
  state.map.fitBounds(outline.getBounds());
  state.map.on('click', (ev) => setPlace(ev.latlng.lat, ev.latlng.lng, { pan: false }));
  outline.on('click', (ev) => setPlace(ev.latlng.lat, ev.latlng.lng, { pan: false }));
  $('coords').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const lat = Number($('lat').value.replace(',', '.'));
    const lon = Number($('lon').value.replace(',', '.'));
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180) {
      $('coords-error').textContent = `${t('citizen.lat')} / ${t('citizen.lon')}`;
      return;
    }
    $('coords-error').textContent = '';
    setPlace(lat, lon).catch((err) => say(err.message));
  });
  $('locate').addEventListener('click', () => navigator.geolocation?.getCurrentPosition((p) => setPlace(p.coords.latitude, p.coords.longitude), () => say(t('failed'))));
  $('subscribe').addEventListener('click', subscribe);
  $('unsubscribe').addEventListener('click', unsubscribe);
  if (state.saved) {
    // Still there? (It may have been erased, or expired at the push service.)
    const still = await api(`/console/api/citizen/subscriptions/${encodeURIComponent(state.saved.id)}`).catch(() => null);
    if (!still) {
      localStorage.removeItem(KEY);
      state.saved = null;
    } else {
      await setPlace(state.saved.place.lat, state.saved.place.lon);
      say(t('citizen.subscribed'));
    }
  }
  renderSubscription();
  setInterval(() => loadWarnings().catch(() => undefined), 60_000);
  document.body.dataset.ready = 'true';
}

main().catch((err) => say(`${t('failed')}: ${err.message}`));
