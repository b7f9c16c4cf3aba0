// Who may do what: every route × every demo role × inside and outside their
// scope. A route added to the server without rows here fails the last test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, uniqueName } from './helpers.mjs';
import { REGISTRY_ROWS } from './registry_matrix.mjs';
import { PAIRING_ROWS } from './pairing_matrix.mjs';
import { EVENT_ROWS } from './events_matrix.mjs';
import { PROJECT_ROWS, LAND_ROWS } from './projects_matrix.mjs';
import { REQUEST_ROWS } from './requests_matrix.mjs';
import { FIGURE_ROWS } from './figures_matrix.mjs';

// zhenzhang is the town's mayor: a `leader` user linked to his person, reading
// the town like nanshi but writing only contacts. Rows written before the
// role existed give five statuses; the sixth is derived in `expected`.
const ROLES = ['admin', 'lanshan', 'nanshi', 'pengjia', 'chamber', 'zhenzhang'];

// Expected status per role, in ROLES order. `inside`/`outside` name the scope
// case the request exercises (relative to the role's region).
const MATRIX = [
  { route: 'GET /healthz', path: '/healthz', expect: [200, 200, 200, 200, 200] },
  { route: 'GET /metrics', path: '/metrics', expect: [200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/openapi.json', path: '/api/v1/openapi.json', expect: [200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/session', path: '/api/v1/session', expect: [200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/roles', path: '/api/v1/roles', expect: [200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/users', path: '/api/v1/users', expect: [200, 403, 403, 403, 403] },
  { route: 'GET /api/v1/users/{id}', path: (ids) => `/api/v1/users/${ids.nanshi}`, expect: [200, 403, 403, 403, 403] },
  { route: 'PATCH /api/v1/users/{id}', method: 'PATCH', path: (ids) => `/api/v1/users/${ids.probe}`, body: { display_name: 'probe' }, expect: [200, 403, 403, 403, 403] },
  { route: 'GET /api/v1/logins', path: '/api/v1/logins', expect: [200, 403, 403, 403, 403] },
  // Anyone signed in may change their own password (a wrong old one: 422).
  { route: 'PUT /api/v1/session/password', method: 'PUT', path: '/api/v1/session/password', body: { old_password: 'not-the-password', password: 'a-new-long-pass' }, expect: [422, 422, 422, 422, 422] },
  { route: 'POST /api/v1/users/{id}/unlock', method: 'POST', path: (ids) => `/api/v1/users/${ids.probe}/unlock`, expect: [200, 403, 403, 403, 403] },
  { route: 'POST /api/v1/users', method: 'POST', path: '/api/v1/users', body: () => ({ username: uniqueName('m'), password: 'matrix-pass-1', roles: ['town_office'], view_region: '431127103' }), expect: [201, 403, 403, 403, 403] },
  // Regions: 楠市镇 is inside for admin, lanshan, nanshi, chamber; outside for pengjia.
  { route: 'GET /api/v1/regions', scope: 'inside', path: '/api/v1/regions?parent=431127103', expect: [200, 200, 200, 200, 200], count: [18, 18, 18, 1, 18] },
  { route: 'GET /api/v1/regions/{code}', scope: 'inside', path: '/api/v1/regions/431127103224', expect: [200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/regions/{code}', scope: 'outside', path: '/api/v1/regions/431127102', expect: [200, 200, 404, 404, 404] },
  { route: 'GET /api/v1/regions', scope: 'outside', path: '/api/v1/regions?q=' + encodeURIComponent('毛俊镇'), expect: [200, 200, 200, 200, 200], count: [1, 1, 0, 0, 0] },
  // Villager groups: the town office and the village's secretary keep them; official regions are never edited.
  { route: 'GET /api/v1/regions/{code}/groups', scope: 'inside', path: '/api/v1/regions/431127103224/groups', expect: [200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/regions/{code}/groups', scope: 'outside', path: '/api/v1/regions/431127102001/groups', expect: [200, 200, 404, 404, 404, 404] },
  { route: 'POST /api/v1/regions/{code}/groups', scope: 'inside', method: 'POST', path: '/api/v1/regions/431127103224/groups', body: () => ({ name: uniqueName('组') }), expect: [201, 403, 201, 201, 403, 403] },
  { route: 'POST /api/v1/regions/{code}/groups', scope: 'outside', method: 'POST', path: '/api/v1/regions/431127102001/groups', body: () => ({ name: uniqueName('组') }), expect: [201, 403, 404, 404, 403, 403] },
  { route: 'PATCH /api/v1/regions/{code}', scope: 'inside', setup: () => group('431127103224'), method: 'PATCH', path: (s) => `/api/v1/regions/${s.code}`, body: () => ({ name: uniqueName('组') }), expect: [200, 403, 200, 200, 403, 403] },
  { route: 'PATCH /api/v1/regions/{code}', scope: 'outside', setup: () => group('431127102001'), method: 'PATCH', path: (s) => `/api/v1/regions/${s.code}`, body: () => ({ retired: true }), expect: [200, 403, 404, 404, 403, 403] },
  { route: 'PATCH /api/v1/regions/{code}', scope: 'inside', method: 'PATCH', path: '/api/v1/regions/431127103224', body: { name: '改名' }, expect: [403, 403, 403, 403, 403, 403] },
  { route: 'GET /api/v1/audit', scope: 'inside', path: (ids) => `/api/v1/audit?entity=user&id=${ids.nanshi}`, expect: [200, 200, 200, 403, 403], count: [1, 1, 1, undefined, undefined] },
  { route: 'GET /api/v1/audit', scope: 'outside', path: (ids) => `/api/v1/audit?entity=user&id=${ids.admin}`, expect: [200, 200, 200, 403, 403], count: [1, 0, 0, undefined, undefined] },
  // Background jobs are their owner's: the admin's job is outside every other user's view.
  { route: 'GET /api/v1/jobs', path: '/api/v1/jobs?kind=import', expect: [200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/jobs/{id}', scope: 'outside', path: (ids) => `/api/v1/jobs/${ids.job}`, expect: [200, 404, 404, 404, 404, 404] },
  { route: 'POST /api/v1/session', method: 'POST', path: '/api/v1/session', anonymous: true, body: { username: 'nanshi', password: 'shuanglun' }, expect: [200, 200, 200, 200, 200] },
  { route: 'DELETE /api/v1/session', method: 'DELETE', path: '/api/v1/session', fresh: true, expect: [204, 204, 204, 204, 204] },
  ...REGISTRY_ROWS,
  ...PAIRING_ROWS,
  ...EVENT_ROWS,
  ...PROJECT_ROWS,
  ...LAND_ROWS,
  ...REQUEST_ROWS,
  ...FIGURE_ROWS,
];

// The leader's status where a row does not say: 403 without the route's
// permission; otherwise what nanshi (the same scopes) gets for a read, and
// 403 for a write (a leader writes only contacts, whose rows say).
function expected(row, i, permissions, routePermission) {
  if (row.expect.length > i) return row.expect[i];
  if (routePermission && !permissions.has(routePermission)) return 403;
  if ((row.method ?? 'GET') === 'GET' || !routePermission) return row.expect[2];
  return 403;
}

// A villager group of a village, added by the admin.
async function group(village) {
  const res = await api(`/api/v1/regions/${village}/groups`, { method: 'POST', cookie: await login('admin'), body: { name: uniqueName('组') } });
  if (res.status !== 201) throw new Error(`setup group: ${res.status} ${res.text}`);
  return res.json;
}

async function ids() {
  const cookie = await login('admin');
  const users = await api('/api/v1/users?page_size=200', { cookie });
  const byName = Object.fromEntries(users.json.items.map((u) => [u.username, u.id]));
  const probe = await api('/api/v1/users', {
    method: 'POST',
    cookie,
    body: { username: uniqueName('probe'), password: 'probe-pass-1', roles: ['town_office'], view_region: '431127103' },
  });
  // A dry run of more than 1,000 rows: a job of the admin's.
  const rows = Array.from({ length: 1001 }, (_, i) => `矩阵作业${i},431127103224`);
  const job = await api('/api/v1/imports?kind=people&dry_run=true&filename=job.csv', {
    method: 'POST', cookie, raw: ['姓名,所属区划', ...rows].join('\n'), headers: { 'content-type': 'text/csv' },
  });
  return { ...byName, probe: probe.json.id, job: job.json.job.id };
}

test('the route × role × scope matrix holds', async () => {
  const known = await ids();
  const doc = (await api('/api/v1/openapi.json')).json;
  const leader = (await api('/api/v1/session', { cookie: await login('zhenzhang') })).json.user;
  const leaderPermissions = new Set(leader.permissions);
  for (const row of MATRIX) {
    const [method, path] = row.route.split(' ');
    // "session": any signed-in user; the handler decides (spreadsheet routes).
    const declared = doc.paths[path]?.[method.toLowerCase()]?.['x-permission'];
    const routePermission = declared === 'session' ? undefined : declared;
    for (const [i, role] of ROLES.entries()) {
      let cookie;
      if (row.fresh) {
        const res = await api('/api/v1/session', { method: 'POST', body: { username: role, password: 'shuanglun' } });
        cookie = res.headers.get('set-cookie').split(';')[0];
      } else if (!row.anonymous) {
        cookie = await login(role);
      }
      // Rows with a setup get a fresh target for every role (writes change it).
      const target = row.setup ? await row.setup() : known;
      const path = typeof row.path === 'function' ? row.path(target) : row.path;
      const body = typeof row.body === 'function' ? row.body(target) : row.body;
      const raw = row.raw ? row.raw(target) : undefined;
      const res = await api(path, { method: row.method ?? 'GET', cookie, body, raw });
      const what = `${row.route} (${row.scope ?? 'any'}) as ${role}`;
      const want = expected(row, i, leaderPermissions, routePermission);
      assert.equal(res.status, want, `${what}: ${res.text.slice(0, 200)}`);
      const count = row.count && (row.count.length > i ? row.count[i] : row.count[2]);
      if (row.count && count !== undefined && want === 200) assert.equal(res.json.total, count, what);
      if (row.errors && row.errors[i] !== undefined) assert.equal(res.json.error_count, row.errors[i], what);
    }
  }
});

test('every route of the server has rows in the matrix', async () => {
  const doc = (await api('/api/v1/openapi.json')).json;
  const covered = new Set(MATRIX.map((r) => r.route));
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) {
      const route = `${method.toUpperCase()} ${path}`;
      assert.ok(covered.has(route), `${route} has no row in the access matrix`);
    }
  }
});

// The sensitive-field columns: per role, whether a person inside every scope
// (朋佳村) comes with the birth date, the full phone and the ID-card clash
// flag — in the record, in the list and in the record's history — exactly
// when the role holds people.sensitive (the town office and the admin).
test('personal data by role: birth date, phone and clash flag only with people.sensitive', async () => {
  const admin = await login('admin');
  const made = await api('/api/v1/people', { method: 'POST', cookie: admin, body: { name: uniqueName('矩阵隐私'), region: '431127103224', birth_date: '1975-03-04', phone: '13712345678' } });
  assert.equal(made.status, 201, made.text);
  const sensitiveRoles = [];
  for (const role of ROLES) {
    const cookie = await login(role);
    const me = (await api('/api/v1/session', { cookie })).json.user;
    const full = me.permissions.includes('people.sensitive');
    if (full) sensitiveRoles.push(role);
    const one = (await api(`/api/v1/people/${made.json.id}`, { cookie })).json;
    const listed = (await api(`/api/v1/people?q=${encodeURIComponent(made.json.name)}`, { cookie })).json.items[0];
    for (const p of [one, listed]) {
      assert.deepEqual([p.birth_date, p.phone, 'id_card_conflict' in p], full ? ['1975-03-04', '13712345678', true] : [null, '137****5678', false], role);
      assert.equal(typeof p.age, 'number', role);
    }
    const history = await api(`/api/v1/audit?entity=person&id=${made.json.id}`, { cookie });
    if (history.status === 200) assert.equal(history.json.items[0].after.birth_date, full ? '1975-03-04' : null, role);
  }
  assert.deepEqual(sensitiveRoles, ['admin', 'nanshi']);
});
