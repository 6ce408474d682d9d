// Service worker of the citizens' page: shows pushed warnings, and keeps the page's files so it
// opens without network (the warnings themselves are always fetched fresh).
const CACHE = 'fruehwarn-citizen-v1';
const SHELL = ['/citizen/', '/console/static/css/app.css', '/console/static/js/citizen.js', '/console/static/js/i18n.js', '/console/static/js/api.js', '/console/static/icon.svg', '/console/vendor/leaflet/leaflet.css', '/console/vendor/leaflet/leaflet-src.esm.js'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin || url.pathname.startsWith('/console/api/')) return;
  // Network first: fresh files when online, the cached shell when not.
  event.respondWith(fetch(event.request).catch(() => caches.match(event.request)));
});

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { title: event.data ? event.data.text() : 'Warnung' };
  }
  const title = data.title || 'Warnung der Stadt Hagen';
  event.waitUntil(self.registration.showNotification(title, { body: [data.area, data.body].filter(Boolean).join('\n'), tag: data.incidentId || undefined, renotify: true, icon: '/console/static/icon.svg', data: { url: data.url || '/citizen/' } }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = (event.notification.data && event.notification.data.url) || '/citizen/';
  event.waitUntil(self.clients.openWindow(target));
});
