// Access-matrix rows of the pairing routes (imported by matrix.test.mjs).
// Roles in order: admin, lanshan (county 431127: reads, writes rules and pairings
// — it runs county campaigns), nanshi
// (town office 431127103), pengjia (village 431127103224), chamber (chamber
// secretary, town), zhenzhang (leader, town: reads, logs contacts). "inside"
// targets lie in 楠市镇 or 朋佳村; "outside" ones in 所城镇 431127104 (the
// second demo town, with pairings of its own) or 毛俊镇 431127102.
//
// Everything these rows create is dated after 2022 (rules from 2099, members
// joining and projects starting in 2023, contacts in 2023), so the demo's
// compliance on 2022-10-20 stays what pairing.test.mjs expects.
import { api, login, uniqueName } from './helpers.mjs';
import { INSIDE, TOWN, OUTSIDE, person, organization } from './registry_matrix.mjs';

const SUOCHENG = '431127104';

async function admin() {
  return login('admin');
}
async function post(path, body) {
  const res = await api(path, { method: 'POST', cookie: await admin(), body });
  if (res.status !== 201) throw new Error(`setup ${path}: ${res.status} ${res.text}`);
  return res.json;
}

// The first leadership-team member of a town, from the demo.
const leaders = new Map();
async function leaderOf(town) {
  if (!leaders.has(town)) {
    const res = await api(`/api/v1/people?post=town_leader&region=${town}&page_size=1`, { cookie: await admin() });
    leaders.set(town, res.json.items[0].id);
  }
  return leaders.get(town);
}

// A new entrepreneur: a person in a new chamber of the town, joined in 2023.
async function entrepreneur(town, village) {
  const chamber = await organization(town, 'chamber');
  const p = await person(village);
  await post('/api/v1/memberships', { chamber: chamber.id, person: p.id, post: 'member', joined_on: '2023-01-01', dues_status: 'paid' });
  return p;
}

async function pairing(town, village) {
  const target = await entrepreneur(town, village);
  return post('/api/v1/pairings', { level: 1, source: await leaderOf(town), target: target.id, valid_from: '2023-01-01' });
}
const inside = () => pairing(TOWN, INSIDE);
const outside = () => pairing(SUOCHENG, SUOCHENG + '204');

async function project(region) {
  return post('/api/v1/projects', { kind: 'other', name: uniqueName('矩阵项目'), region, started_on: '2023-01-01' });
}
async function coverageRule(region) {
  return post('/api/v1/rules/coverage', { region, level: 4, min_sources: 1, valid_from: '2099-01-01' });
}
async function quotaRule(region) {
  return post('/api/v1/rules/quota', { region, source_filter: 'leadership_team', target_filter: 'enterprise', min_contacts: 1, period: 'year', valid_from: '2099-01-01' });
}
async function contact(region) {
  const who = await person(region);
  const whom = await person(region);
  return post('/api/v1/contacts', { person: who.id, target_kind: 'person', target: whom.id, occurred_on: '2023-05-01', kind: 'visit' });
}

export const PAIRING_ROWS = [
  // Projects
  // Pairings: level 1 in 楠市镇 lies at the town, outside 朋佳村's view.
  { route: 'GET /api/v1/pairings', scope: 'inside', path: () => `/api/v1/pairings?region=${TOWN}&date=2022-10-20&level=1&page_size=100`, expect: [200, 200, 200, 200, 403, 200], count: [31, 31, 31, 0, undefined, 31] },
  { route: 'GET /api/v1/pairings', scope: 'outside', path: () => `/api/v1/pairings?region=${SUOCHENG}&date=2022-10-20`, expect: [200, 200, 200, 200, 403, 200], count: [undefined, undefined, 0, 0, undefined, 0] },
  { route: 'POST /api/v1/pairings', scope: 'inside', setup: async () => ({ target: await entrepreneur(TOWN, INSIDE), source: await leaderOf(TOWN) }), method: 'POST', path: () => '/api/v1/pairings', body: (s) => ({ level: 1, source: s.source, target: s.target.id, valid_from: '2023-01-01' }), expect: [201, 201, 201, 403, 403, 403] },
  { route: 'POST /api/v1/pairings', scope: 'outside', setup: async () => ({ target: await entrepreneur(SUOCHENG, SUOCHENG + '204'), source: await leaderOf(SUOCHENG) }), method: 'POST', path: () => '/api/v1/pairings', body: (s) => ({ level: 1, source: s.source, target: s.target.id, valid_from: '2023-01-01' }), expect: [201, 201, 422, 403, 403, 403] },
  { route: 'GET /api/v1/pairings/{id}', scope: 'inside', setup: inside, path: (s) => `/api/v1/pairings/${s.id}`, expect: [200, 200, 200, 404, 403, 200] },
  { route: 'GET /api/v1/pairings/{id}', scope: 'outside', setup: outside, path: (s) => `/api/v1/pairings/${s.id}`, expect: [200, 200, 404, 404, 403, 404] },
  { route: 'PATCH /api/v1/pairings/{id}', scope: 'inside', setup: inside, method: 'PATCH', path: (s) => `/api/v1/pairings/${s.id}`, body: () => ({ valid_to: '2023-12-31' }), expect: [200, 200, 200, 403, 403, 403] },
  { route: 'PATCH /api/v1/pairings/{id}', scope: 'outside', setup: outside, method: 'PATCH', path: (s) => `/api/v1/pairings/${s.id}`, body: () => ({ valid_to: '2023-12-31' }), expect: [200, 200, 404, 403, 403, 403] },
  { route: 'DELETE /api/v1/pairings/{id}', scope: 'inside', setup: inside, method: 'DELETE', path: (s) => `/api/v1/pairings/${s.id}`, expect: [204, 204, 204, 403, 403, 403] },
  { route: 'DELETE /api/v1/pairings/{id}', scope: 'outside', setup: outside, method: 'DELETE', path: (s) => `/api/v1/pairings/${s.id}`, expect: [204, 204, 404, 403, 403, 403] },
  // Rules: a village sees the rules that govern it (the county's, the town's).
  { route: 'GET /api/v1/rules', scope: 'inside', path: () => `/api/v1/rules?region=${INSIDE}&date=2022-10-20`, expect: [200, 200, 200, 200, 403, 200] },
  { route: 'GET /api/v1/rules', scope: 'outside', path: () => `/api/v1/rules?region=${SUOCHENG}&date=2022-10-20`, expect: [200, 200, 404, 404, 403, 404] },
  { route: 'POST /api/v1/rules/coverage', scope: 'inside', method: 'POST', path: () => '/api/v1/rules/coverage', body: () => ({ region: TOWN, level: 2, min_sources: 1, valid_from: '2099-01-01' }), expect: [201, 201, 201, 403, 403, 403] },
  { route: 'POST /api/v1/rules/coverage', scope: 'outside', method: 'POST', path: () => '/api/v1/rules/coverage', body: () => ({ region: OUTSIDE, level: 2, min_sources: 1, valid_from: '2099-01-01' }), expect: [201, 201, 422, 403, 403, 403] },
  { route: 'PATCH /api/v1/rules/coverage/{id}', scope: 'inside', setup: () => coverageRule(TOWN), method: 'PATCH', path: (s) => `/api/v1/rules/coverage/${s.id}`, body: () => ({ min_sources: 2 }), expect: [200, 200, 200, 403, 403, 403] },
  { route: 'PATCH /api/v1/rules/coverage/{id}', scope: 'outside', setup: () => coverageRule(OUTSIDE), method: 'PATCH', path: (s) => `/api/v1/rules/coverage/${s.id}`, body: () => ({ min_sources: 2 }), expect: [200, 200, 404, 403, 403, 403] },
  { route: 'DELETE /api/v1/rules/coverage/{id}', scope: 'inside', setup: () => coverageRule(TOWN), method: 'DELETE', path: (s) => `/api/v1/rules/coverage/${s.id}`, expect: [204, 204, 204, 403, 403, 403] },
  { route: 'DELETE /api/v1/rules/coverage/{id}', scope: 'outside', setup: () => coverageRule(OUTSIDE), method: 'DELETE', path: (s) => `/api/v1/rules/coverage/${s.id}`, expect: [204, 204, 404, 403, 403, 403] },
  { route: 'POST /api/v1/rules/quota', scope: 'inside', method: 'POST', path: () => '/api/v1/rules/quota', body: () => ({ region: TOWN, source_filter: 'leadership_team', target_filter: 'enterprise', min_contacts: 1, period: 'year', valid_from: '2099-01-01' }), expect: [201, 201, 201, 403, 403, 403] },
  { route: 'POST /api/v1/rules/quota', scope: 'outside', method: 'POST', path: () => '/api/v1/rules/quota', body: () => ({ region: OUTSIDE, source_filter: 'leadership_team', target_filter: 'enterprise', min_contacts: 1, period: 'year', valid_from: '2099-01-01' }), expect: [201, 201, 422, 403, 403, 403] },
  { route: 'PATCH /api/v1/rules/quota/{id}', scope: 'inside', setup: () => quotaRule(TOWN), method: 'PATCH', path: (s) => `/api/v1/rules/quota/${s.id}`, body: () => ({ min_contacts: 2 }), expect: [200, 200, 200, 403, 403, 403] },
  { route: 'PATCH /api/v1/rules/quota/{id}', scope: 'outside', setup: () => quotaRule(OUTSIDE), method: 'PATCH', path: (s) => `/api/v1/rules/quota/${s.id}`, body: () => ({ min_contacts: 2 }), expect: [200, 200, 404, 403, 403, 403] },
  { route: 'DELETE /api/v1/rules/quota/{id}', scope: 'inside', setup: () => quotaRule(TOWN), method: 'DELETE', path: (s) => `/api/v1/rules/quota/${s.id}`, expect: [204, 204, 204, 403, 403, 403] },
  { route: 'DELETE /api/v1/rules/quota/{id}', scope: 'outside', setup: () => quotaRule(OUTSIDE), method: 'DELETE', path: (s) => `/api/v1/rules/quota/${s.id}`, expect: [204, 204, 404, 403, 403, 403] },
  // Contacts: a leader logs them inside the town; nobody writes outside.
  { route: 'GET /api/v1/contacts', scope: 'inside', path: () => `/api/v1/contacts?region=${TOWN}&to=2022-12-31`, expect: [200, 200, 200, 200, 403, 200] },
  { route: 'GET /api/v1/contacts', scope: 'outside', path: () => `/api/v1/contacts?region=${OUTSIDE}`, expect: [200, 200, 200, 200, 403, 200], count: [undefined, undefined, 0, 0, undefined, 0] },
  { route: 'POST /api/v1/contacts', scope: 'inside', setup: async () => ({ who: await person(INSIDE), whom: await person(INSIDE) }), method: 'POST', path: () => '/api/v1/contacts', body: (s) => ({ person: s.who.id, target_kind: 'person', target: s.whom.id, occurred_on: '2023-05-01', kind: 'visit' }), expect: [201, 403, 201, 201, 403, 201] },
  { route: 'POST /api/v1/contacts', scope: 'outside', setup: async () => ({ who: await person(OUTSIDE), whom: await person(OUTSIDE) }), method: 'POST', path: () => '/api/v1/contacts', body: (s) => ({ person: s.who.id, target_kind: 'person', target: s.whom.id, occurred_on: '2023-05-01', kind: 'visit' }), expect: [201, 403, 422, 422, 403, 422] },
  { route: 'GET /api/v1/contacts/{id}', scope: 'inside', setup: () => contact(INSIDE), path: (s) => `/api/v1/contacts/${s.id}`, expect: [200, 200, 200, 200, 403, 200] },
  { route: 'GET /api/v1/contacts/{id}', scope: 'outside', setup: () => contact(OUTSIDE), path: (s) => `/api/v1/contacts/${s.id}`, expect: [200, 200, 404, 404, 403, 404] },
  // A visit logged by the admin: the town office may change it
  // (contacts.manage); a village secretary or a leader only their own.
  { route: 'PATCH /api/v1/contacts/{id}', scope: 'inside', setup: () => contact(INSIDE), method: 'PATCH', path: (s) => `/api/v1/contacts/${s.id}`, body: () => ({ notes: '补记' }), expect: [200, 403, 200, 403, 403, 403] },
  { route: 'PATCH /api/v1/contacts/{id}', scope: 'outside', setup: () => contact(OUTSIDE), method: 'PATCH', path: (s) => `/api/v1/contacts/${s.id}`, body: () => ({ notes: '补记' }), expect: [200, 403, 404, 404, 403, 404] },
  { route: 'DELETE /api/v1/contacts/{id}', scope: 'inside', setup: () => contact(INSIDE), method: 'DELETE', path: (s) => `/api/v1/contacts/${s.id}`, expect: [204, 403, 204, 403, 403, 403] },
  { route: 'DELETE /api/v1/contacts/{id}', scope: 'outside', setup: () => contact(OUTSIDE), method: 'DELETE', path: (s) => `/api/v1/contacts/${s.id}`, expect: [204, 403, 404, 404, 403, 404] },
  // Compliance: the whole town needs a view of the whole town.
  { route: 'GET /api/v1/compliance', scope: 'inside', path: () => `/api/v1/compliance?region=${INSIDE}&date=2022-10-20`, expect: [200, 200, 200, 200, 403, 200] },
  { route: 'GET /api/v1/compliance', scope: 'inside', path: () => `/api/v1/compliance?region=${TOWN}&date=2022-10-20`, expect: [200, 200, 200, 404, 403, 200] },
  { route: 'GET /api/v1/compliance', scope: 'outside', path: () => `/api/v1/compliance?region=${SUOCHENG}&date=2022-10-20`, expect: [200, 200, 404, 404, 403, 404] },
  // Automatic pairing: plans are made and applied with pairing.write inside
  // the capture scope, read with pairing.read inside the view. The plans are
  // dated 2040, after everything the other tests look at.
  { route: 'POST /api/v1/assignment-plans', scope: 'inside', method: 'POST', path: () => '/api/v1/assignment-plans', body: () => ({ level: 2, region: TOWN, date: '2040-01-01' }), expect: [201, 201, 201, 403, 403, 403] },
  { route: 'POST /api/v1/assignment-plans', scope: 'outside', method: 'POST', path: () => '/api/v1/assignment-plans', body: () => ({ level: 2, region: SUOCHENG, date: '2040-01-01' }), expect: [201, 201, 404, 403, 403, 403] },
  { route: 'GET /api/v1/assignment-plans/{id}', scope: 'inside', setup: () => post('/api/v1/assignment-plans', { level: 2, region: TOWN, date: '2040-01-01' }), path: (s) => `/api/v1/assignment-plans/${s.id}`, expect: [200, 200, 200, 404, 403, 200] },
  { route: 'GET /api/v1/assignment-plans/{id}', scope: 'outside', setup: () => post('/api/v1/assignment-plans', { level: 2, region: SUOCHENG, date: '2040-01-01' }), path: (s) => `/api/v1/assignment-plans/${s.id}`, expect: [200, 200, 404, 404, 403, 404] },
  { route: 'POST /api/v1/assignment-plans/{id}/apply', scope: 'inside', setup: () => post('/api/v1/assignment-plans', { level: 2, region: TOWN, date: '2040-01-01' }), method: 'POST', path: (s) => `/api/v1/assignment-plans/${s.id}/apply`, expect: [200, 200, 200, 403, 403, 403] },
  { route: 'POST /api/v1/assignment-plans/{id}/apply', scope: 'outside', setup: () => post('/api/v1/assignment-plans', { level: 3, region: SUOCHENG, date: '2040-01-01' }), method: 'POST', path: (s) => `/api/v1/assignment-plans/${s.id}/apply`, expect: [200, 200, 404, 403, 403, 403] },
  { route: 'GET /api/v1/compliance/export', scope: 'inside', path: () => `/api/v1/compliance/export?region=${TOWN}&date=2022-10-20`, expect: [200, 200, 200, 404, 403, 200] },
  { route: 'GET /api/v1/compliance/export', scope: 'outside', path: () => `/api/v1/compliance/export?region=${SUOCHENG}&date=2022-10-20`, expect: [200, 200, 404, 404, 403, 404] },
  // The pairing ledger in Excel: pairing.read for the template and export,
  // pairing.write to import; a row outside the capture scope is an error.
  { route: 'GET /api/v1/templates/{kind}', scope: 'inside', path: () => '/api/v1/templates/pairings.xlsx', expect: [200, 200, 200, 200, 403, 200] },
  { route: 'GET /api/v1/exports/{kind}', scope: 'inside', path: () => `/api/v1/exports/pairings.xlsx?region=${TOWN}&date=2022-10-20&level=1`, expect: [200, 200, 200, 200, 403, 200] },
  { route: 'GET /api/v1/exports/{kind}', scope: 'outside', path: () => `/api/v1/exports/pairings.xlsx?region=${SUOCHENG}`, expect: [200, 200, 200, 200, 403, 200] },
  { route: 'POST /api/v1/imports', scope: 'inside', setup: async () => ({ target: await entrepreneur(TOWN, INSIDE), source: await leaderOf(TOWN) }), method: 'POST', path: () => '/api/v1/imports?kind=pairings&dry_run=true&filename=m.csv', raw: (s) => `层级,责任人,包保对象,开始日期\n1,x（${s.source}）,x（${s.target.id}）,2023-01-01\n`, expect: [200, 200, 200, 403, 403, 403], errors: [0, 0, 0] },
  { route: 'POST /api/v1/imports', scope: 'outside', setup: async () => ({ target: await entrepreneur(SUOCHENG, SUOCHENG + '204'), source: await leaderOf(SUOCHENG) }), method: 'POST', path: () => '/api/v1/imports?kind=pairings&dry_run=true&filename=m.csv', raw: (s) => `层级,责任人,包保对象,开始日期\n1,x（${s.source}）,x（${s.target.id}）,2023-01-01\n`, expect: [200, 200, 200, 403, 403, 403], errors: [0, 0, 2] },
];
