// Access-matrix rows of the events routes (imported by matrix.test.mjs).
// Roles in order: admin, lanshan (county: reads), nanshi (town office: writes
// the town's events), pengjia (朋佳村's secretary: writes the village's),
// chamber (writes only events the chamber organizes), zhenzhang (leader:
// reads; checks in as himself). "inside" events lie in 朋佳村 (inside every
// scope), "outside" ones in 毛俊镇. Everything here is dated 2023, so the
// demo's 2022 figures stay as events.test.mjs expects.
import { api, login, uniqueName } from './helpers.mjs';
import { INSIDE, OUTSIDE, person, organization } from './registry_matrix.mjs';

async function admin() {
  return login('admin');
}
async function post(path, body) {
  const res = await api(path, { method: 'POST', cookie: await admin(), body });
  if (res.status !== 201) throw new Error(`setup ${path}: ${res.status} ${res.text}`);
  return res.json;
}

// The demo chamber of 楠市镇.
let chamberId;
async function chamber() {
  if (!chamberId) {
    const res = await api(`/api/v1/organizations?kind=chamber&region=431127103&q=${encodeURIComponent('楠市镇商会')}`, { cookie: await admin() });
    chamberId = res.json.items[0].id;
  }
  return chamberId;
}

// An event at `region`; `byChamber`: organized by the chamber.
async function event(region, byChamber = false) {
  const organizers = byChamber ? [await chamber()] : [(await organization(region)).id];
  return post('/api/v1/events', { kind: 'chamber_symposium', title: uniqueName('矩阵活动'), region, starts_at: '2023-04-01', organizers });
}

// An event with one person on the roll.
async function withAttendee(region, byChamber = false) {
  const e = await event(region, byChamber);
  const p = await person(region);
  const res = await api(`/api/v1/events/${e.id}/attendance`, { method: 'POST', cookie: await admin(), body: { person_id: p.id } });
  if (res.status !== 200) throw new Error(`setup attendance: ${res.status} ${res.text}`);
  return { ...e, person: p.id };
}

// An event of 楠市镇 and its check-in code, made by the town office.
async function withCode() {
  const e = await event(INSIDE);
  const res = await api(`/api/v1/events/${e.id}/check-in-code`, { cookie: await admin() });
  if (res.status !== 200) throw new Error(`setup code: ${res.status} ${res.text}`);
  return { ...e, code: res.json.code };
}

const body = (region) => ({ kind: 'villager_representatives', title: uniqueName('矩阵'), region, starts_at: '2023-05-01' });

export const EVENT_ROWS = [
  { route: 'GET /api/v1/event-kinds', path: '/api/v1/event-kinds', expect: [200, 200, 200, 200, 200, 200] },
  { route: 'POST /api/v1/event-kinds', method: 'POST', path: '/api/v1/event-kinds', body: () => ({ code: `m${Date.now()}${Math.floor(Math.random() * 1e6)}`, group: 'meeting', name_zh_cn: uniqueName('类型'), name_zh_tw: uniqueName('類型'), name_en: uniqueName('kind') }), expect: [201, 403, 403, 403, 403, 403] },
  { route: 'PATCH /api/v1/event-kinds/{id}', method: 'PATCH', path: '/api/v1/event-kinds/1', body: { sort_order: 10 }, expect: [200, 403, 403, 403, 403, 403] },

  { route: 'GET /api/v1/events', scope: 'inside', setup: () => event(INSIDE), path: () => `/api/v1/events?region=${INSIDE}&from=2023-01-01`, expect: [200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/events', scope: 'outside', setup: () => event(OUTSIDE), path: () => `/api/v1/events?region=${OUTSIDE}`, expect: [200, 200, 200, 200, 200, 200], count: [undefined, undefined, 0, 0, 0, 0] },
  // The chamber may record an event only when the chamber organizes it.
  { route: 'POST /api/v1/events', scope: 'inside', method: 'POST', path: '/api/v1/events', body: () => body(INSIDE), expect: [201, 403, 201, 201, 422, 403] },
  { route: 'POST /api/v1/events', scope: 'inside', method: 'POST', path: '/api/v1/events', setup: async () => ({ chamber: await chamber() }), body: (s) => ({ ...body(INSIDE), organizers: [s.chamber] }), expect: [201, 403, 201, 422, 201, 403] },
  { route: 'POST /api/v1/events', scope: 'outside', method: 'POST', path: '/api/v1/events', body: () => body(OUTSIDE), expect: [201, 403, 422, 422, 422, 403] },
  { route: 'GET /api/v1/events/{id}', scope: 'inside', setup: () => event(INSIDE), path: (s) => `/api/v1/events/${s.id}`, expect: [200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/events/{id}', scope: 'outside', setup: () => event(OUTSIDE), path: (s) => `/api/v1/events/${s.id}`, expect: [200, 200, 404, 404, 404, 404] },
  { route: 'PATCH /api/v1/events/{id}', scope: 'inside', setup: () => event(INSIDE), method: 'PATCH', path: (s) => `/api/v1/events/${s.id}`, body: () => ({ place: '村部' }), expect: [200, 403, 200, 200, 403, 403] },
  { route: 'PATCH /api/v1/events/{id}', scope: 'inside', setup: () => event(INSIDE, true), method: 'PATCH', path: (s) => `/api/v1/events/${s.id}`, body: () => ({ place: '商会' }), expect: [200, 403, 200, 200, 200, 403] },
  { route: 'PATCH /api/v1/events/{id}', scope: 'outside', setup: () => event(OUTSIDE), method: 'PATCH', path: (s) => `/api/v1/events/${s.id}`, body: () => ({ place: '村部' }), expect: [200, 403, 404, 404, 404, 403] },
  { route: 'DELETE /api/v1/events/{id}', scope: 'inside', setup: () => event(INSIDE), method: 'DELETE', path: (s) => `/api/v1/events/${s.id}`, expect: [204, 403, 204, 204, 403, 403] },
  { route: 'DELETE /api/v1/events/{id}', scope: 'outside', setup: () => event(OUTSIDE), method: 'DELETE', path: (s) => `/api/v1/events/${s.id}`, expect: [204, 403, 404, 404, 404, 403] },

  { route: 'GET /api/v1/events/{id}/attendance', scope: 'inside', setup: () => withAttendee(INSIDE), path: (s) => `/api/v1/events/${s.id}/attendance`, expect: [200, 200, 200, 200, 200, 200], count: [1, 1, 1, 1, 1, 1] },
  { route: 'GET /api/v1/events/{id}/attendance', scope: 'outside', setup: () => withAttendee(OUTSIDE), path: (s) => `/api/v1/events/${s.id}/attendance`, expect: [200, 200, 404, 404, 404, 404] },
  { route: 'PUT /api/v1/events/{id}/attendance', scope: 'inside', setup: () => withAttendee(INSIDE), method: 'PUT', path: (s) => `/api/v1/events/${s.id}/attendance`, body: (s) => ({ items: [{ person_id: s.person, status: 'excused' }] }), expect: [200, 403, 200, 200, 403, 403] },
  { route: 'PUT /api/v1/events/{id}/attendance', scope: 'inside', setup: () => withAttendee(INSIDE, true), method: 'PUT', path: (s) => `/api/v1/events/${s.id}/attendance`, body: (s) => ({ items: [{ person_id: s.person, status: 'excused' }] }), expect: [200, 403, 200, 200, 200, 403] },
  { route: 'PUT /api/v1/events/{id}/attendance', scope: 'outside', setup: () => withAttendee(OUTSIDE), method: 'PUT', path: (s) => `/api/v1/events/${s.id}/attendance`, body: (s) => ({ items: [{ person_id: s.person }] }), expect: [200, 403, 404, 404, 404, 403] },
  { route: 'POST /api/v1/events/{id}/attendance', scope: 'inside', setup: () => withAttendee(INSIDE), method: 'POST', path: (s) => `/api/v1/events/${s.id}/attendance`, body: (s) => ({ person_id: s.person, status: 'absent' }), expect: [200, 403, 200, 200, 403, 403] },
  { route: 'POST /api/v1/events/{id}/attendance', scope: 'outside', setup: () => withAttendee(OUTSIDE), method: 'POST', path: (s) => `/api/v1/events/${s.id}/attendance`, body: (s) => ({ person_id: s.person, status: 'absent' }), expect: [200, 403, 404, 404, 404, 403] },
  { route: 'DELETE /api/v1/events/{id}/attendance/{person_id}', scope: 'inside', setup: () => withAttendee(INSIDE), method: 'DELETE', path: (s) => `/api/v1/events/${s.id}/attendance/${s.person}`, expect: [204, 403, 204, 204, 403, 403] },
  { route: 'DELETE /api/v1/events/{id}/attendance/{person_id}', scope: 'outside', setup: () => withAttendee(OUTSIDE), method: 'DELETE', path: (s) => `/api/v1/events/${s.id}/attendance/${s.person}`, expect: [204, 403, 404, 404, 404, 403] },
  { route: 'GET /api/v1/events/{id}/check-in-code', scope: 'inside', setup: () => event(INSIDE), path: (s) => `/api/v1/events/${s.id}/check-in-code`, expect: [200, 403, 200, 200, 403, 403] },
  { route: 'GET /api/v1/events/{id}/check-in-code', scope: 'outside', setup: () => event(OUTSIDE), path: (s) => `/api/v1/events/${s.id}/check-in-code`, expect: [200, 403, 404, 404, 404, 403] },
  // Only a user linked to a person (the leader) can check in as themself.
  { route: 'POST /api/v1/events/{id}/check-in', scope: 'inside', setup: withCode, method: 'POST', path: (s) => `/api/v1/events/${s.id}/check-in`, body: (s) => ({ code: s.code }), expect: [403, 403, 403, 403, 403, 200] },

  { route: 'GET /api/v1/stats/events', scope: 'inside', path: '/api/v1/stats/events?region=431127103224&from=2022-01-01&to=2022-12-31', expect: [200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/stats/events', scope: 'inside', path: '/api/v1/stats/events?region=431127103&from=2022-01-01&to=2022-12-31', expect: [200, 200, 200, 404, 200, 200] },
  { route: 'GET /api/v1/stats/events', scope: 'outside', path: `/api/v1/stats/events?region=${OUTSIDE}`, expect: [200, 200, 404, 404, 404, 404] },
];
