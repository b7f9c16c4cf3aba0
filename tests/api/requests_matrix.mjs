// Access-matrix rows of requests (诉求), their categories, the holiday table,
// their figures and the to-do list (imported by matrix.test.mjs). Roles in
// order: admin, lanshan (county: reads, never acts), nanshi (town office: acts
// on any in the town), pengjia (朋佳村's secretary: raises, acts on his own),
// chamber (reads its members' and their enterprises'), zhenzhang (the mayor:
// owns the requests of the entrepreneurs paired to him). "inside" requests are
// the herbal grower's (朋佳村, a chamber member's firm, the mayor's to answer
// for); "outside" ones a villager's of 毛俊镇. Requests here are raised in 2023.
import { api, login, uniqueName } from './helpers.mjs';
import { INSIDE, TOWN, OUTSIDE, person } from './registry_matrix.mjs';

async function admin() {
  return login('admin');
}
async function post(path, body) {
  const res = await api(path, { method: 'POST', cookie: await admin(), body });
  if (res.status !== 201) throw new Error(`setup ${path}: ${res.status} ${res.text}`);
  return res.json;
}

let growerId;
async function grower() {
  if (!growerId) {
    const res = await api(`/api/v1/enterprises?q=${encodeURIComponent('朋佳中草药')}`, { cookie: await admin() });
    growerId = res.json.items[0].id;
  }
  return growerId;
}
let farVillage;
async function outsideVillage() {
  if (!farVillage) {
    const res = await api(`/api/v1/regions?parent=${OUTSIDE}`, { cookie: await admin() });
    farVillage = res.json.items.find((r) => r.level === 'village').code;
  }
  return farVillage;
}

async function body(inside) {
  if (inside) return { requester: { enterprise_id: await grower() }, category: 'other', title: uniqueName('矩阵诉求') };
  const p = await person(await outsideVillage());
  return { requester: { person_id: p.id }, category: 'other', title: uniqueName('矩阵诉求') };
}
async function request(inside) {
  return post('/api/v1/requests', await body(inside));
}
async function holiday() {
  const day = `2018-0${1 + (Date.now() % 9)}-1${Date.now() % 10}`;
  const res = await api(`/api/v1/holidays/${day}`, { method: 'PUT', cookie: await admin(), body: { kind: 'holiday', name: '矩阵' } });
  if (res.status !== 200) throw new Error(`setup holiday: ${res.status} ${res.text}`);
  return { day };
}
async function category() {
  const code = `m${uniqueName('').replace(/[^a-z0-9]/g, '').slice(-10)}`;
  return post('/api/v1/request-categories', { code, name_zh_cn: '矩阵', name_zh_tw: '矩陣', name_en: 'Matrix', time_limit_days: 5, county_after_days: 5 });
}

export const REQUEST_ROWS = [
  { route: 'GET /api/v1/requests', scope: 'inside', setup: () => request(true), path: () => `/api/v1/requests?region=${INSIDE}`, expect: [200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/requests', scope: 'outside', setup: () => request(false), path: () => `/api/v1/requests?region=${OUTSIDE}`, expect: [200, 200, 200, 200, 200, 200], count: [undefined, undefined, 0, 0, 0, 0] },
  { route: 'POST /api/v1/requests', scope: 'inside', method: 'POST', path: '/api/v1/requests', setup: () => body(true), body: (s) => s, expect: [201, 403, 201, 201, 201, 201] },
  { route: 'POST /api/v1/requests', scope: 'outside', method: 'POST', path: '/api/v1/requests', setup: () => body(false), body: (s) => s, expect: [201, 403, 422, 422, 422, 422] },
  { route: 'GET /api/v1/requests/{id}', scope: 'inside', setup: () => request(true), path: (s) => `/api/v1/requests/${s.id}`, expect: [200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/requests/{id}', scope: 'outside', setup: () => request(false), path: (s) => `/api/v1/requests/${s.id}`, expect: [200, 200, 404, 404, 404, 404] },
  { route: 'PATCH /api/v1/requests/{id}', scope: 'inside', setup: () => request(true), method: 'PATCH', path: (s) => `/api/v1/requests/${s.id}`, body: () => ({ detail: '补充说明' }), expect: [200, 403, 200, 403, 403, 200] },
  { route: 'PATCH /api/v1/requests/{id}', scope: 'outside', setup: () => request(false), method: 'PATCH', path: (s) => `/api/v1/requests/${s.id}`, body: () => ({ detail: '补充说明' }), expect: [200, 403, 404, 404, 404, 404] },
  { route: 'POST /api/v1/requests/{id}/actions', scope: 'inside', setup: () => request(true), method: 'POST', path: (s) => `/api/v1/requests/${s.id}/actions`, body: () => ({ action: 'accept' }), expect: [200, 403, 200, 403, 403, 200] },
  { route: 'POST /api/v1/requests/{id}/actions', scope: 'outside', setup: () => request(false), method: 'POST', path: (s) => `/api/v1/requests/${s.id}/actions`, body: () => ({ action: 'accept' }), expect: [200, 403, 404, 404, 404, 404] },
  { route: 'GET /api/v1/request-categories', path: '/api/v1/request-categories', expect: [200, 200, 200, 200, 200, 200] },
  { route: 'POST /api/v1/request-categories', method: 'POST', path: '/api/v1/request-categories', body: () => ({ code: `n${Date.now() % 1e9}${Math.floor(Math.random() * 1e4)}`, name_zh_cn: '矩阵', name_zh_tw: '矩陣', name_en: 'Matrix', time_limit_days: 5, county_after_days: 5 }), expect: [201, 403, 403, 403, 403, 403] },
  { route: 'PATCH /api/v1/request-categories/{code}', setup: category, method: 'PATCH', path: (s) => `/api/v1/request-categories/${s.code}`, body: () => ({ time_limit_days: 6 }), expect: [200, 403, 403, 403, 403, 403] },
  { route: 'GET /api/v1/request-statuses', path: '/api/v1/request-statuses', expect: [200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/holidays', path: '/api/v1/holidays?year=2022', expect: [200, 200, 200, 200, 200, 200] },
  { route: 'PUT /api/v1/holidays/{date}', method: 'PUT', path: '/api/v1/holidays/2018-12-24', body: { kind: 'holiday', name: '矩阵' }, expect: [200, 403, 403, 403, 403, 403] },
  { route: 'DELETE /api/v1/holidays/{date}', setup: holiday, method: 'DELETE', path: (s) => `/api/v1/holidays/${s.day}`, expect: [204, 403, 403, 403, 403, 403] },
  { route: 'GET /api/v1/stats/requests', scope: 'inside', path: `/api/v1/stats/requests?region=${INSIDE}`, expect: [200, 200, 200, 200, 403, 200] },
  { route: 'GET /api/v1/stats/requests', scope: 'inside', path: `/api/v1/stats/requests?region=${TOWN}`, expect: [200, 200, 200, 404, 403, 200] },
  { route: 'GET /api/v1/stats/requests', scope: 'outside', path: `/api/v1/stats/requests?region=${OUTSIDE}`, expect: [200, 200, 404, 404, 403, 404] },
  { route: 'GET /api/v1/todo', path: '/api/v1/todo', expect: [200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/todo/count', path: '/api/v1/todo/count', expect: [200, 200, 200, 200, 200, 200] },
];
