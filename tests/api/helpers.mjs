// Helpers for the black-box API tests: plain fetch against the real server.

export const BASE = process.env.SL_BASE_URL;
if (!BASE) throw new Error('SL_BASE_URL is not set: run tests/api/run');

export const DEMO_PASSWORD = 'shuanglun';

// undici reports every failed connection as "fetch failed": the cause (a
// reset, a close, a timeout) goes into the message, so that a run that fails
// once says why.
const plainFetch = globalThis.fetch;
globalThis.fetch = async (...args) => {
  try {
    return await plainFetch(...args);
  } catch (e) {
    if (e?.cause) e.message = `${e.message} (${e.cause.code ?? e.cause.name ?? ''}: ${e.cause.message ?? e.cause})`;
    throw e;
  }
};

/** Sends a request; answers {status, json, text, headers}. */
export async function api(path, { method = 'GET', body, cookie, csrf = true, headers = {}, raw } = {}) {
  const h = { ...headers };
  if (cookie) h.cookie = cookie;
  if (csrf && method !== 'GET') h['x-requested-with'] = 'shuanglun';
  let payload;
  if (raw !== undefined) payload = raw;
  else if (body !== undefined) {
    payload = JSON.stringify(body);
    h['content-type'] = 'application/json';
  }
  const res = await fetch(BASE + path, { method, headers: h, body: payload, redirect: 'manual' });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

const cookies = new Map();

/** Logs in (once per user per run) and answers the session cookie. */
export async function login(username, password = DEMO_PASSWORD) {
  if (password === DEMO_PASSWORD && cookies.has(username)) return cookies.get(username);
  const res = await api('/api/v1/session', { method: 'POST', body: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  if (password === DEMO_PASSWORD) cookies.set(username, cookie);
  return cookie;
}

/** A seeded generator: the same writes on every run and database. */
export function random(seed) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

let counter = 0;
/** A username no other test uses. */
export function uniqueName(prefix = 'u') {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

/** Polls a background job (GET /api/v1/jobs/{id}) until it ends; answers it. */
export async function jobEnd(cookie, id) {
  for (let i = 0; i < 3000; i += 1) {
    const res = await api(`/api/v1/jobs/${id}`, { cookie });
    // 503: the database is busy (a server just restarted recovers its WAL):
    // a client asks again, as the web does.
    if (res.status === 503) {
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    if (res.status !== 200) throw new Error(`job ${id}: ${res.status} ${res.text}`);
    if (res.json.state === 'done' || res.json.state === 'failed') return res.json;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} did not end`);
}
