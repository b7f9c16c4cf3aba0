// Sessions, CSRF, limits and error shapes, as a browser or a script meets them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, uniqueName, DEMO_PASSWORD } from './helpers.mjs';

test('health answers ok with the schema version', async () => {
  const res = await api('/healthz');
  assert.equal(res.status, 200);
  assert.equal(res.json.status, 'ok');
  assert.ok(res.json.schema_version >= 1);
});

test('a demo user logs in and gets an HttpOnly, SameSite=Strict session cookie', async () => {
  const res = await api('/api/v1/session', {
    method: 'POST',
    body: { username: 'nanshi', password: DEMO_PASSWORD },
  });
  assert.equal(res.status, 200);
  assert.equal(res.json.user.username, 'nanshi');
  assert.deepEqual(res.json.user.roles, ['town_office']);
  assert.equal(res.json.user.view_region.code, '431127103');
  assert.ok(res.json.user.permissions.includes('regions.read'));
  assert.equal(res.json.user.password_hash, undefined);
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, /^sl_session=[0-9a-f]{64};/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);

  const me = await api('/api/v1/session', { cookie: cookie.split(';')[0] });
  assert.equal(me.status, 200);
  assert.equal(me.json.user.username, 'nanshi');
});

test('a wrong password answers 401 and says so in the user language', async () => {
  const zh = await api('/api/v1/session', {
    method: 'POST',
    body: { username: 'lanshan', password: 'wrong-password' },
  });
  assert.equal(zh.status, 401);
  assert.equal(zh.json.error.code, 'bad_credentials');
  assert.equal(zh.json.error.message, '用户名或密码错误');

  const en = await api('/api/v1/session', {
    method: 'POST',
    body: { username: 'nobody-here', password: 'whatever1' },
    headers: { 'accept-language': 'en-US,en;q=0.9' },
  });
  assert.equal(en.status, 401);
  assert.equal(en.json.error.message, 'Wrong username or password');

  const tw = await api('/api/v1/session', {
    method: 'POST',
    body: { username: 'nobody-here', password: 'whatever1' },
    headers: { 'accept-language': 'zh-TW' },
  });
  assert.equal(tw.json.error.message, '使用者名稱或密碼錯誤');
});

test('without a session the API answers 401', async () => {
  for (const path of ['/api/v1/session', '/api/v1/regions', '/api/v1/users']) {
    const res = await api(path);
    assert.equal(res.status, 401, path);
    assert.equal(res.json.error.code, 'unauthenticated');
  }
  const forged = await api('/api/v1/session', { cookie: 'sl_session=' + 'ab'.repeat(32) });
  assert.equal(forged.status, 401);
});

test('a POST without the X-Requested-With header is refused with 403', async () => {
  const cookie = await login('admin');
  const res = await api('/api/v1/users', {
    method: 'POST',
    cookie,
    csrf: false,
    body: { username: uniqueName(), password: 'long-enough-1', roles: ['town_office'] },
  });
  assert.equal(res.status, 403);
  assert.equal(res.json.error.code, 'csrf_missing');
  const login403 = await api('/api/v1/session', {
    method: 'POST',
    csrf: false,
    body: { username: 'admin', password: DEMO_PASSWORD },
  });
  assert.equal(login403.status, 403);
});

test('malformed JSON answers 400 with a code, never 500', async () => {
  const cookie = await login('admin');
  for (const raw of ['{"username": ', 'not json', '', '[1,2]', '"text"', '{"a":1}}']) {
    const res = await api('/api/v1/users', {
      method: 'POST',
      cookie,
      raw,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.status, 400, `body ${JSON.stringify(raw)}`);
    assert.ok(['invalid_json', 'expected_object'].includes(res.json.error.code));
  }
});

test('an oversized body answers 413', async () => {
  const cookie = await login('admin');
  const res = await api('/api/v1/users', {
    method: 'POST',
    cookie,
    body: { username: 'big', password: 'x'.repeat(200 * 1024), roles: ['admin'] },
  });
  assert.equal(res.status, 413);
  assert.equal(res.json.error.code, 'payload_too_large');
});

test('wrong types and unknown fields answer 422 with a message per field', async () => {
  const cookie = await login('admin');
  const res = await api('/api/v1/users', {
    method: 'POST',
    cookie,
    headers: { 'accept-language': 'en' },
    body: { username: 'AB', password: 'short', roles: 'admin', colour: 'red' },
  });
  assert.equal(res.status, 422);
  assert.equal(res.json.error.code, 'invalid');
  assert.equal(res.json.error.fields.roles, 'Must be a list');
  assert.equal(res.json.error.fields.colour, 'Unknown field');
});

test('bad query strings answer 400', async () => {
  const cookie = await login('admin');
  for (const q of ['q=x&page=abc', 'q=x&page_size=0', 'q=x&page_size=1000', 'q=%zz', 'parent=abc']) {
    const res = await api('/api/v1/regions?' + q, { cookie });
    assert.equal(res.status, 400, q);
    assert.equal(res.json.error.code, 'bad_query');
  }
});

test('unknown API paths answer 404 JSON and wrong methods 405', async () => {
  const cookie = await login('admin');
  const missing = await api('/api/v1/nothing-here', { cookie });
  assert.equal(missing.status, 404);
  assert.equal(missing.json.error.code, 'not_found');
  const wrong = await api('/api/v1/regions', { method: 'DELETE', cookie });
  assert.equal(wrong.status, 405);
});

test('repeated wrong passwords are throttled with 429 and Retry-After', async () => {
  const username = uniqueName('throttle');
  let last;
  for (let i = 0; i < 6; i += 1) {
    last = await api('/api/v1/session', {
      method: 'POST',
      body: { username, password: 'wrong-password' },
    });
  }
  assert.equal(last.status, 429);
  assert.equal(last.json.error.code, 'too_many_attempts');
  assert.ok(Number(last.headers.get('retry-after')) > 0);
});

test('logging out ends the session', async () => {
  const res = await api('/api/v1/session', {
    method: 'POST',
    body: { username: 'chamber', password: DEMO_PASSWORD },
  });
  assert.equal(res.status, 200);
  const own = res.headers.get('set-cookie').split(';')[0];
  const out = await api('/api/v1/session', { method: 'DELETE', cookie: own });
  assert.equal(out.status, 204);
  assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
  const after = await api('/api/v1/session', { cookie: own });
  assert.equal(after.status, 401);
});

test('every response carries the security headers', async () => {
  const res = await api('/healthz');
  assert.match(res.headers.get('content-security-policy'), /default-src 'self'/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(res.headers.get('x-frame-options'), 'DENY');
});

test('metrics count requests and time them per route', async () => {
  await api('/healthz');
  const res = await api('/metrics');
  assert.equal(res.status, 200);
  assert.match(res.text, /http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
  assert.match(res.text, /http_request_duration_seconds_bucket\{method="GET",route="\/healthz",le="\+Inf"\} \d+/);
  assert.match(res.text, /process_resident_memory_bytes \d+/);
});

test('the OpenAPI document lists every route', async () => {
  const res = await api('/api/v1/openapi.json');
  assert.equal(res.status, 200);
  assert.equal(res.json.openapi, '3.0.3');
  for (const p of ['/api/v1/session', '/api/v1/users', '/api/v1/users/{id}', '/api/v1/regions',
    '/api/v1/regions/{code}', '/api/v1/audit']) {
    assert.ok(res.json.paths[p], p);
  }
  assert.equal(res.json.paths['/api/v1/users'].post['x-permission'], 'users.admin');
});

test('the web app is served, with the single-page-app fallback', async () => {
  const index = await api('/');
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /text\/html/);
  assert.match(index.text, /<div id="app">/);
  const deep = await api('/regions/431127103');
  assert.equal(deep.status, 200);
  assert.equal(deep.text, index.text);
  const asset = await api('/assets/does-not-exist.js');
  assert.equal(asset.status, 404);
  const escape = await api('/../../etc/passwd');
  assert.notEqual(escape.text.includes('root:'), true);
});
