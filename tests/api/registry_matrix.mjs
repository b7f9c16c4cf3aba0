// Access-matrix rows of the registry routes (imported by matrix.test.mjs).
// Roles in order: admin, lanshan (county 431127, read-only), nanshi (town
// 431127103), pengjia (village 431127103224), chamber (chamber secretary,
// town 431127103). "inside" targets lie in 朋佳村 (inside every scope);
// "outside" targets lie in 毛俊镇 431127102 (outside the town's).
import { api, login, uniqueName } from './helpers.mjs';
import { validIdCard, validUscc } from './codes.mjs';

const INSIDE = '431127103224'; // 朋佳村
const TOWN = '431127103'; // 楠市镇
const OUTSIDE = '431127102'; // 毛俊镇

let seq = 0;
async function admin() {
  return login('admin');
}
async function post(path, body) {
  const res = await api(path, { method: 'POST', cookie: await admin(), body });
  if (res.status !== 201) throw new Error(`setup ${path}: ${res.status} ${res.text}`);
  return res.json;
}
async function person(region) {
  seq += 1;
  return post('/api/v1/people', { name: `矩阵${seq}`, region });
}
async function organization(region, kind = 'party_branch') {
  seq += 1;
  return post('/api/v1/organizations', { kind, name: `矩阵组织${seq}`, region });
}
async function enterprise(region) {
  seq += 1;
  return post('/api/v1/enterprises', {
    name: `矩阵企业${seq}`, uscc: validUscc(seq + 5000), industry: 'agriculture', region,
  });
}
async function membership(region) {
  const chamber = await organization(region, 'chamber');
  const p = await person(region === TOWN ? INSIDE : region);
  return post('/api/v1/memberships', {
    chamber: chamber.id, person: p.id, post: 'member', joined_on: '2023-03-01', dues_status: 'paid',
  });
}

// Each row: route, scope, the request (a function of a fresh setup), expected
// statuses per role.
export const REGISTRY_ROWS = [
  // People. The chamber (5th) changes only chamber members (people.write
  // without people.manage): the plain person of these rows is 403 to it, and
  // deleting people, posts and party stages needs people.manage.
  { route: 'GET /api/v1/people', scope: 'inside', path: () => `/api/v1/people?region=${INSIDE}`, expect: [200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/people', scope: 'outside', path: () => `/api/v1/people?region=${OUTSIDE}`, expect: [200, 200, 200, 200, 200], count: [undefined, undefined, 0, 0, 0] },
  { route: 'POST /api/v1/people', scope: 'inside', method: 'POST', path: () => '/api/v1/people', body: () => ({ name: uniqueName('张'), region: INSIDE }), expect: [201, 403, 201, 201, 201] },
  { route: 'POST /api/v1/people', scope: 'outside', method: 'POST', path: () => '/api/v1/people', body: () => ({ name: uniqueName('张'), region: OUTSIDE }), expect: [201, 403, 422, 422, 422] },
  { route: 'GET /api/v1/people/{id}', scope: 'inside', setup: () => person(INSIDE), path: (s) => `/api/v1/people/${s.id}`, expect: [200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/people/{id}', scope: 'outside', setup: () => person(OUTSIDE), path: (s) => `/api/v1/people/${s.id}`, expect: [200, 200, 404, 404, 404] },
  { route: 'PATCH /api/v1/people/{id}', scope: 'inside', setup: () => person(INSIDE), method: 'PATCH', path: (s) => `/api/v1/people/${s.id}`, body: () => ({ notes: '改' }), expect: [200, 403, 200, 200, 403] },
  { route: 'PATCH /api/v1/people/{id}', scope: 'outside', setup: () => person(OUTSIDE), method: 'PATCH', path: (s) => `/api/v1/people/${s.id}`, body: () => ({ notes: '改' }), expect: [200, 403, 404, 404, 404] },
  { route: 'DELETE /api/v1/people/{id}', scope: 'inside', setup: () => person(INSIDE), method: 'DELETE', path: (s) => `/api/v1/people/${s.id}`, expect: [204, 403, 204, 204, 403] },
  { route: 'DELETE /api/v1/people/{id}', scope: 'outside', setup: () => person(OUTSIDE), method: 'DELETE', path: (s) => `/api/v1/people/${s.id}`, expect: [204, 403, 404, 404, 403] },
  { route: 'POST /api/v1/people/{id}/posts', scope: 'inside', setup: () => person(INSIDE), method: 'POST', path: (s) => `/api/v1/people/${s.id}/posts`, body: () => ({ kind: 'village_cadre', region: INSIDE, valid_from: '2022-01-01' }), expect: [201, 403, 201, 201, 403] },
  { route: 'POST /api/v1/people/{id}/posts', scope: 'outside', setup: () => person(OUTSIDE), method: 'POST', path: (s) => `/api/v1/people/${s.id}/posts`, body: () => ({ kind: 'village_cadre', region: OUTSIDE, valid_from: '2022-01-01' }), expect: [201, 403, 404, 404, 403] },
  { route: 'POST /api/v1/people/{id}/party-stages', scope: 'inside', setup: () => person(INSIDE), method: 'POST', path: (s) => `/api/v1/people/${s.id}/party-stages`, body: () => ({ stage: 'applicant', since: '2022-01-01' }), expect: [201, 403, 201, 201, 403] },
  { route: 'POST /api/v1/people/{id}/party-stages', scope: 'outside', setup: () => person(OUTSIDE), method: 'POST', path: (s) => `/api/v1/people/${s.id}/party-stages`, body: () => ({ stage: 'applicant', since: '2022-01-01' }), expect: [201, 403, 404, 404, 403] },
  { route: 'PATCH /api/v1/posts/{id}', scope: 'inside', setup: async () => { const p = await person(INSIDE); return post(`/api/v1/people/${p.id}/posts`, { kind: 'village_cadre', region: INSIDE, valid_from: '2022-01-01' }); }, method: 'PATCH', path: (s) => `/api/v1/posts/${s.id}`, body: () => ({ valid_to: '2022-12-31' }), expect: [200, 403, 200, 200, 403] },
  { route: 'PATCH /api/v1/posts/{id}', scope: 'outside', setup: async () => { const p = await person(OUTSIDE); return post(`/api/v1/people/${p.id}/posts`, { kind: 'village_cadre', region: OUTSIDE, valid_from: '2022-01-01' }); }, method: 'PATCH', path: (s) => `/api/v1/posts/${s.id}`, body: () => ({ valid_to: '2022-12-31' }), expect: [200, 403, 404, 404, 403] },
  { route: 'DELETE /api/v1/posts/{id}', scope: 'inside', setup: async () => { const p = await person(INSIDE); return post(`/api/v1/people/${p.id}/posts`, { kind: 'village_cadre', region: INSIDE, valid_from: '2022-01-01' }); }, method: 'DELETE', path: (s) => `/api/v1/posts/${s.id}`, expect: [204, 403, 204, 204, 403] },
  { route: 'DELETE /api/v1/posts/{id}', scope: 'outside', setup: async () => { const p = await person(OUTSIDE); return post(`/api/v1/people/${p.id}/posts`, { kind: 'village_cadre', region: OUTSIDE, valid_from: '2022-01-01' }); }, method: 'DELETE', path: (s) => `/api/v1/posts/${s.id}`, expect: [204, 403, 404, 404, 403] },
  // Organizations: a village branch in 朋佳村 is inside even for pengjia.
  { route: 'GET /api/v1/organizations', scope: 'inside', path: () => `/api/v1/organizations?region=${INSIDE}`, expect: [200, 200, 200, 200, 200] },
  { route: 'POST /api/v1/organizations', scope: 'inside', method: 'POST', path: () => '/api/v1/organizations', body: () => ({ kind: 'party_branch', name: uniqueName('支部'), region: INSIDE }), expect: [201, 403, 201, 403, 403] },
  { route: 'POST /api/v1/organizations', scope: 'outside', method: 'POST', path: () => '/api/v1/organizations', body: () => ({ kind: 'party_branch', name: uniqueName('支部'), region: OUTSIDE }), expect: [201, 403, 422, 403, 403] },
  { route: 'GET /api/v1/organizations/{id}', scope: 'inside', setup: () => organization(INSIDE), path: (s) => `/api/v1/organizations/${s.id}`, expect: [200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/organizations/{id}', scope: 'outside', setup: () => organization(OUTSIDE), path: (s) => `/api/v1/organizations/${s.id}`, expect: [200, 200, 404, 404, 404] },
  { route: 'PATCH /api/v1/organizations/{id}', scope: 'inside', setup: () => organization(INSIDE), method: 'PATCH', path: (s) => `/api/v1/organizations/${s.id}`, body: () => ({ founded_on: '2020-01-01' }), expect: [200, 403, 200, 403, 403] },
  { route: 'PATCH /api/v1/organizations/{id}', scope: 'outside', setup: () => organization(OUTSIDE), method: 'PATCH', path: (s) => `/api/v1/organizations/${s.id}`, body: () => ({ founded_on: '2020-01-01' }), expect: [200, 403, 404, 403, 403] },
  { route: 'DELETE /api/v1/organizations/{id}', scope: 'inside', setup: () => organization(INSIDE), method: 'DELETE', path: (s) => `/api/v1/organizations/${s.id}`, expect: [204, 403, 204, 403, 403] },
  { route: 'DELETE /api/v1/organizations/{id}', scope: 'outside', setup: () => organization(OUTSIDE), method: 'DELETE', path: (s) => `/api/v1/organizations/${s.id}`, expect: [204, 403, 404, 403, 403] },
  { route: 'GET /api/v1/organizations/{id}/members', scope: 'inside', setup: () => organization(INSIDE), path: (s) => `/api/v1/organizations/${s.id}/members`, expect: [200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/organizations/{id}/members', scope: 'outside', setup: () => organization(OUTSIDE), path: (s) => `/api/v1/organizations/${s.id}/members`, expect: [200, 200, 404, 404, 404] },
  { route: 'POST /api/v1/organizations/{id}/members', scope: 'inside', setup: async () => ({ org: await organization(INSIDE), person: await person(INSIDE) }), method: 'POST', path: (s) => `/api/v1/organizations/${s.org.id}/members`, body: (s) => ({ person: s.person.id, post: 'member', valid_from: '2022-01-01' }), expect: [201, 403, 201, 403, 403] },
  { route: 'POST /api/v1/organizations/{id}/members', scope: 'outside', setup: async () => ({ org: await organization(OUTSIDE), person: await person(OUTSIDE) }), method: 'POST', path: (s) => `/api/v1/organizations/${s.org.id}/members`, body: (s) => ({ person: s.person.id, post: 'member', valid_from: '2022-01-01' }), expect: [201, 403, 404, 403, 403] },
  { route: 'PATCH /api/v1/org-members/{id}', scope: 'inside', setup: async () => { const o = await organization(INSIDE); const p = await person(INSIDE); return post(`/api/v1/organizations/${o.id}/members`, { person: p.id, post: 'member', valid_from: '2022-01-01' }); }, method: 'PATCH', path: (s) => `/api/v1/org-members/${s.id}`, body: () => ({ post: 'secretary' }), expect: [200, 403, 200, 403, 403] },
  { route: 'PATCH /api/v1/org-members/{id}', scope: 'outside', setup: async () => { const o = await organization(OUTSIDE); const p = await person(OUTSIDE); return post(`/api/v1/organizations/${o.id}/members`, { person: p.id, post: 'member', valid_from: '2022-01-01' }); }, method: 'PATCH', path: (s) => `/api/v1/org-members/${s.id}`, body: () => ({ post: 'secretary' }), expect: [200, 403, 404, 403, 403] },
  { route: 'DELETE /api/v1/org-members/{id}', scope: 'inside', setup: async () => { const o = await organization(INSIDE); const p = await person(INSIDE); return post(`/api/v1/organizations/${o.id}/members`, { person: p.id, post: 'member', valid_from: '2022-01-01' }); }, method: 'DELETE', path: (s) => `/api/v1/org-members/${s.id}`, expect: [204, 403, 204, 403, 403] },
  { route: 'DELETE /api/v1/org-members/{id}', scope: 'outside', setup: async () => { const o = await organization(OUTSIDE); const p = await person(OUTSIDE); return post(`/api/v1/organizations/${o.id}/members`, { person: p.id, post: 'member', valid_from: '2022-01-01' }); }, method: 'DELETE', path: (s) => `/api/v1/org-members/${s.id}`, expect: [204, 403, 404, 403, 403] },
  // Enterprises
  { route: 'GET /api/v1/enterprises', scope: 'inside', path: () => `/api/v1/enterprises?region=${TOWN}`, expect: [200, 200, 200, 200, 200] },
  { route: 'POST /api/v1/enterprises', scope: 'inside', method: 'POST', path: () => '/api/v1/enterprises', body: () => { seq += 1; return { name: uniqueName('企业'), uscc: validUscc(seq + 7000), industry: 'manufacturing', region: INSIDE }; }, expect: [201, 403, 201, 403, 201] },
  { route: 'POST /api/v1/enterprises', scope: 'outside', method: 'POST', path: () => '/api/v1/enterprises', body: () => { seq += 1; return { name: uniqueName('企业'), uscc: validUscc(seq + 7000), industry: 'manufacturing', region: OUTSIDE }; }, expect: [201, 403, 422, 403, 422] },
  { route: 'GET /api/v1/enterprises/{id}', scope: 'inside', setup: () => enterprise(INSIDE), path: (s) => `/api/v1/enterprises/${s.id}`, expect: [200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/enterprises/{id}', scope: 'outside', setup: () => enterprise(OUTSIDE), path: (s) => `/api/v1/enterprises/${s.id}`, expect: [200, 200, 404, 404, 404] },
  { route: 'PATCH /api/v1/enterprises/{id}', scope: 'inside', setup: () => enterprise(INSIDE), method: 'PATCH', path: (s) => `/api/v1/enterprises/${s.id}`, body: () => ({ registered_capital_fen: 100 }), expect: [200, 403, 200, 403, 200] },
  { route: 'PATCH /api/v1/enterprises/{id}', scope: 'outside', setup: () => enterprise(OUTSIDE), method: 'PATCH', path: (s) => `/api/v1/enterprises/${s.id}`, body: () => ({ registered_capital_fen: 100 }), expect: [200, 403, 404, 403, 404] },
  { route: 'DELETE /api/v1/enterprises/{id}', scope: 'inside', setup: () => enterprise(INSIDE), method: 'DELETE', path: (s) => `/api/v1/enterprises/${s.id}`, expect: [204, 403, 204, 403, 204] },
  { route: 'DELETE /api/v1/enterprises/{id}', scope: 'outside', setup: () => enterprise(OUTSIDE), method: 'DELETE', path: (s) => `/api/v1/enterprises/${s.id}`, expect: [204, 403, 404, 403, 404] },
  // Chamber memberships
  { route: 'GET /api/v1/memberships', scope: 'inside', path: () => `/api/v1/memberships?region=${TOWN}`, expect: [200, 200, 200, 403, 200] },
  { route: 'POST /api/v1/memberships', scope: 'inside', setup: async () => ({ chamber: await organization(TOWN, 'chamber'), person: await person(INSIDE) }), method: 'POST', path: () => '/api/v1/memberships', body: (s) => ({ chamber: s.chamber.id, person: s.person.id, post: 'member', joined_on: '2023-03-01', dues_status: 'paid' }), expect: [201, 403, 201, 403, 201] },
  { route: 'POST /api/v1/memberships', scope: 'outside', setup: async () => ({ chamber: await organization(OUTSIDE, 'chamber'), person: await person(OUTSIDE) }), method: 'POST', path: () => '/api/v1/memberships', body: (s) => ({ chamber: s.chamber.id, person: s.person.id, post: 'member', joined_on: '2023-03-01', dues_status: 'paid' }), expect: [201, 403, 422, 403, 422] },
  { route: 'PATCH /api/v1/memberships/{id}', scope: 'inside', setup: () => membership(TOWN), method: 'PATCH', path: (s) => `/api/v1/memberships/${s.id}`, body: () => ({ dues_status: 'unpaid' }), expect: [200, 403, 200, 403, 200] },
  { route: 'PATCH /api/v1/memberships/{id}', scope: 'outside', setup: () => membership(OUTSIDE), method: 'PATCH', path: (s) => `/api/v1/memberships/${s.id}`, body: () => ({ dues_status: 'unpaid' }), expect: [200, 403, 404, 403, 404] },
  { route: 'DELETE /api/v1/memberships/{id}', scope: 'inside', setup: () => membership(TOWN), method: 'DELETE', path: (s) => `/api/v1/memberships/${s.id}`, expect: [204, 403, 204, 403, 204] },
  { route: 'DELETE /api/v1/memberships/{id}', scope: 'outside', setup: () => membership(OUTSIDE), method: 'DELETE', path: (s) => `/api/v1/memberships/${s.id}`, expect: [204, 403, 404, 403, 404] },
  { route: 'GET /api/v1/stats/chamber', scope: 'inside', path: () => `/api/v1/stats/chamber?region=${TOWN}&date=2022-10-20`, expect: [200, 200, 200, 403, 200] },
  { route: 'GET /api/v1/stats/chamber', scope: 'outside', path: () => `/api/v1/stats/chamber?region=${OUTSIDE}&date=2022-10-20`, expect: [200, 200, 404, 403, 404] },
];

// Spreadsheet routes: the kind decides the permission; rows import inside or
// outside the caller's capture scope.
const SHEET_HEADER = '姓名*,所属区划*';
REGISTRY_ROWS.push(
  { route: 'GET /api/v1/templates/{kind}', scope: 'inside', path: () => '/api/v1/templates/people.xlsx', expect: [200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/templates/{kind}', scope: 'inside', path: () => '/api/v1/templates/memberships.xlsx', expect: [200, 200, 200, 403, 200] },
  { route: 'GET /api/v1/exports/{kind}', scope: 'inside', path: () => '/api/v1/exports/memberships.xlsx', expect: [200, 200, 200, 403, 200] },
  { route: 'GET /api/v1/exports/{kind}', scope: 'outside', path: () => `/api/v1/exports/people.xlsx?region=${OUTSIDE}`, expect: [200, 200, 200, 200, 200] },
  { route: 'POST /api/v1/imports', scope: 'inside', method: 'POST', path: () => '/api/v1/imports?kind=people&dry_run=true&filename=m.csv', raw: () => `${SHEET_HEADER}\n矩阵导入,${INSIDE}\n`, expect: [200, 403, 200, 200, 200, 403], errors: [0, undefined, 0, 0, 0] },
  { route: 'POST /api/v1/imports', scope: 'outside', method: 'POST', path: () => '/api/v1/imports?kind=people&dry_run=true&filename=m.csv', raw: () => `${SHEET_HEADER}\n矩阵导入,${OUTSIDE}\n`, expect: [200, 403, 200, 200, 200, 403], errors: [0, undefined, 1, 1, 1] },
  { route: 'POST /api/v1/imports/annotated', scope: 'inside', method: 'POST', path: () => '/api/v1/imports/annotated?kind=enterprises&filename=m.csv', raw: () => 'x', expect: [200, 403, 200, 403, 200, 403] },
);

export { INSIDE, TOWN, OUTSIDE, person, organization, enterprise };
