// Fetch helpers: JSON in and out, problem+json turned into Error(detail), CSRF token on writes.
let csrf = null;

export function setCsrf(token) {
  csrf = token;
}

export async function api(path, { method = 'GET', body, headers = {}, cache = 'no-cache' } = {}) {
  const h = { accept: 'application/json', ...headers };
  if (body !== undefined) h['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) h['x-csrf-token'] = csrf;
  const res = await fetch(path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', cache });
  if (res.status === 204) return null;
  const type = res.headers.get('content-type') || '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const err = new Error((data && (data.detail || data.title)) || `HTTP ${res.status}`);
    err.status = res.status;
    err.problem = data;
    throw err;
  }
  return data;
}

/** The logged-in user, or a redirect to the login page. */
export async function requireLogin() {
  try {
    const me = await api('/console/api/me');
    setCsrf(me.csrf);
    return me;
  } catch (err) {
    if (err.status === 401) {
      location.assign(`/console/login?next=${encodeURIComponent(location.pathname)}`);
      return new Promise(() => {});
    }
    throw err;
  }
}

export async function logout() {
  await api('/console/api/logout', { method: 'POST' }).catch(() => null);
  location.assign('/console/login');
}
