// Access-matrix rows of projects, land transfer and collective income
// (imported by matrix.test.mjs). Roles in order: admin, lanshan (county:
// reads), nanshi (town office: writes the town's), pengjia (朋佳村's
// secretary: reads projects, writes the village's land and income), chamber
// (writes projects its members' enterprises own; no land or income),
// zhenzhang (leader: reads). "inside" records lie in 朋佳村 (inside every
// scope), "outside" ones in a village of 毛俊镇. Everything here is dated 2023,
// so the demo's 2022 figures stay as the other tests expect.
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

// A village of 毛俊镇 (outside every scope but the admin's and the county's).
let outsideVillage;
async function farVillage() {
  if (!outsideVillage) {
    const res = await api(`/api/v1/regions?parent=${OUTSIDE}`, { cookie: await admin() });
    outsideVillage = res.json.items.find((r) => r.level === 'village').code;
  }
  return outsideVillage;
}

// An enterprise of a chamber member (the chamber may write its projects).
let memberFirm;
async function member() {
  if (!memberFirm) {
    const res = await api('/api/v1/memberships?page_size=50', { cookie: await admin() });
    memberFirm = res.json.items.find((m) => m.enterprise).enterprise.id;
  }
  return memberFirm;
}

async function project(region, owned = false) {
  const enterprise_ids = owned ? [await member()] : [];
  return post('/api/v1/projects', { kind: 'industry', name: uniqueName('矩阵项目'), region, started_on: '2023-01-01', enterprise_ids });
}
async function withValue(region) {
  const p = await project(region);
  const v = await api(`/api/v1/projects/${p.id}/indicators`, { method: 'POST', cookie: await admin(), body: { indicator: 'jobs', value: '5', year: 2023 } });
  if (v.status !== 201) throw new Error(`setup value: ${v.status} ${v.text}`);
  return { ...p, value: v.json.id };
}

// A collective of a village (朋佳村 has the demo's; others get one).
async function collective(village) {
  const res = await api(`/api/v1/organizations?kind=collective&region=${village}`, { cookie: await admin() });
  if (res.json.items.length) return res.json.items[0];
  return post('/api/v1/organizations', { kind: 'collective', name: uniqueName('股份经济合作社'), region: village, founded_on: '2020-01-01' });
}

async function contract(inside) {
  const village = inside ? INSIDE : await farVillage();
  const household = await person(village);
  return post('/api/v1/land-contracts', {
    region: village, transferor: { person_ids: [household.id] }, transferee: { person_id: household.id },
    land_type: 'farmland', area_mu: '10.00', starts_on: '2023-01-01', years: 3, rent_fen_per_year: 100000, payment_frequency: 'yearly',
  });
}
async function withReceipt(inside) {
  const c = await contract(inside);
  const res = await api(`/api/v1/land-contracts/${c.id}/payments/1/receipts`, { method: 'POST', cookie: await admin(), body: { received_on: '2023-01-05', amount_fen: 100 } });
  if (res.status !== 201) throw new Error(`setup receipt: ${res.status} ${res.text}`);
  const payments = await api(`/api/v1/land-contracts/${c.id}/payments`, { cookie: await admin() });
  return { ...c, receipt: payments.json.receipts[0].id };
}
const contractBody = async (inside) => {
  const village = inside ? INSIDE : await farVillage();
  const household = await person(village);
  return { region: village, transferor: { person_ids: [household.id] }, transferee: { person_id: household.id }, land_type: 'farmland', area_mu: '5.00', starts_on: '2023-02-01', years: 2, rent_fen_per_year: 50000, payment_frequency: 'yearly' };
};

async function income(inside) {
  const org = await collective(inside ? INSIDE : await farVillage());
  return post('/api/v1/collective-income', { organization_id: org.id, year: 2023, source: 'service', amount_fen: 1000 });
}

export const PROJECT_ROWS = [
  { route: 'GET /api/v1/indicators', path: '/api/v1/indicators', expect: [200, 200, 200, 200, 200, 200] },
  { route: 'POST /api/v1/indicators', method: 'POST', path: '/api/v1/indicators', body: () => { const c = `m${Date.now()}${Math.floor(Math.random() * 1e6)}`; return { code: c, name_zh_cn: uniqueName('指标'), name_zh_tw: uniqueName('指標'), name_en: uniqueName('ind'), unit_zh_cn: '个', unit_zh_tw: '個', unit_en: 'u' }; }, expect: [201, 403, 403, 403, 403, 403] },

  { route: 'GET /api/v1/projects', scope: 'inside', setup: () => project(INSIDE), path: () => `/api/v1/projects?region=${INSIDE}`, expect: [200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/projects', scope: 'outside', setup: () => project(OUTSIDE), path: () => `/api/v1/projects?region=${OUTSIDE}`, expect: [200, 200, 200, 200, 200, 200], count: [undefined, undefined, 0, 0, 0, 0] },
  // The chamber writes only projects its members' enterprises own.
  { route: 'POST /api/v1/projects', scope: 'inside', method: 'POST', path: '/api/v1/projects', body: () => ({ kind: 'industry', name: uniqueName('项目'), region: INSIDE }), expect: [201, 403, 201, 403, 422, 403] },
  { route: 'POST /api/v1/projects', scope: 'inside', method: 'POST', path: '/api/v1/projects', setup: async () => ({ firm: await member() }), body: (s) => ({ kind: 'investment', name: uniqueName('会员项目'), region: TOWN, enterprise_ids: [s.firm] }), expect: [201, 403, 201, 403, 201, 403] },
  { route: 'POST /api/v1/projects', scope: 'outside', method: 'POST', path: '/api/v1/projects', body: () => ({ kind: 'industry', name: uniqueName('项目'), region: OUTSIDE }), expect: [201, 403, 422, 403, 422, 403] },
  { route: 'GET /api/v1/projects/{id}', scope: 'inside', setup: () => project(INSIDE), path: (s) => `/api/v1/projects/${s.id}`, expect: [200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/projects/{id}', scope: 'outside', setup: () => project(OUTSIDE), path: (s) => `/api/v1/projects/${s.id}`, expect: [200, 200, 404, 404, 404, 404] },
  { route: 'PATCH /api/v1/projects/{id}', scope: 'inside', setup: () => project(INSIDE), method: 'PATCH', path: (s) => `/api/v1/projects/${s.id}`, body: () => ({ stage: 'signed', stage_on: '2023-03-01' }), expect: [200, 403, 200, 403, 403, 403] },
  { route: 'PATCH /api/v1/projects/{id}', scope: 'inside', setup: () => project(INSIDE, true), method: 'PATCH', path: (s) => `/api/v1/projects/${s.id}`, body: () => ({ description: '会员企业项目' }), expect: [200, 403, 200, 403, 200, 403] },
  { route: 'PATCH /api/v1/projects/{id}', scope: 'outside', setup: () => project(OUTSIDE), method: 'PATCH', path: (s) => `/api/v1/projects/${s.id}`, body: () => ({ stage: 'signed' }), expect: [200, 403, 404, 403, 404, 403] },
  { route: 'DELETE /api/v1/projects/{id}', scope: 'inside', setup: () => project(INSIDE), method: 'DELETE', path: (s) => `/api/v1/projects/${s.id}`, expect: [204, 403, 204, 403, 403, 403] },
  { route: 'DELETE /api/v1/projects/{id}', scope: 'outside', setup: () => project(OUTSIDE), method: 'DELETE', path: (s) => `/api/v1/projects/${s.id}`, expect: [204, 403, 404, 403, 404, 403] },
  { route: 'GET /api/v1/projects/{id}/indicators', scope: 'inside', setup: () => withValue(INSIDE), path: (s) => `/api/v1/projects/${s.id}/indicators`, expect: [200, 200, 200, 200, 200, 200], count: [1, 1, 1, 1, 1, 1] },
  { route: 'GET /api/v1/projects/{id}/indicators', scope: 'outside', setup: () => withValue(OUTSIDE), path: (s) => `/api/v1/projects/${s.id}/indicators`, expect: [200, 200, 404, 404, 404, 404] },
  { route: 'POST /api/v1/projects/{id}/indicators', scope: 'inside', setup: () => project(INSIDE), method: 'POST', path: (s) => `/api/v1/projects/${s.id}/indicators`, body: () => ({ indicator: 'visitors', value: '100', year: 2023 }), expect: [201, 403, 201, 403, 403, 403] },
  { route: 'POST /api/v1/projects/{id}/indicators', scope: 'inside', setup: () => project(INSIDE, true), method: 'POST', path: (s) => `/api/v1/projects/${s.id}/indicators`, body: () => ({ indicator: 'jobs', value: '8', year: 2023 }), expect: [201, 403, 201, 403, 201, 403] },
  { route: 'POST /api/v1/projects/{id}/indicators', scope: 'outside', setup: () => project(OUTSIDE), method: 'POST', path: (s) => `/api/v1/projects/${s.id}/indicators`, body: () => ({ indicator: 'visitors', value: '100', year: 2023 }), expect: [201, 403, 404, 403, 404, 403] },
  { route: 'DELETE /api/v1/projects/{id}/indicators/{value_id}', scope: 'inside', setup: () => withValue(INSIDE), method: 'DELETE', path: (s) => `/api/v1/projects/${s.id}/indicators/${s.value}`, expect: [204, 403, 204, 403, 403, 403] },
  { route: 'DELETE /api/v1/projects/{id}/indicators/{value_id}', scope: 'outside', setup: () => withValue(OUTSIDE), method: 'DELETE', path: (s) => `/api/v1/projects/${s.id}/indicators/${s.value}`, expect: [204, 403, 404, 403, 404, 403] },
  { route: 'GET /api/v1/stats/projects', scope: 'inside', path: `/api/v1/stats/projects?region=${INSIDE}&year=2022`, expect: [200, 200, 200, 200, 200, 200] },
  { route: 'GET /api/v1/stats/projects', scope: 'inside', path: `/api/v1/stats/projects?region=${TOWN}&year=2022&by=child`, expect: [200, 200, 200, 404, 200, 200] },
  { route: 'GET /api/v1/stats/projects', scope: 'outside', path: `/api/v1/stats/projects?region=${OUTSIDE}&year=2022`, expect: [200, 200, 404, 404, 404, 404] },
];

export const LAND_ROWS = [
  { route: 'GET /api/v1/land-contracts', scope: 'inside', setup: () => contract(true), path: () => `/api/v1/land-contracts?region=${INSIDE}`, expect: [200, 200, 200, 200, 403, 200] },
  { route: 'GET /api/v1/land-contracts', scope: 'outside', setup: () => contract(false), path: () => `/api/v1/land-contracts?region=${OUTSIDE}`, expect: [200, 200, 200, 200, 403, 200], count: [undefined, undefined, 0, 0, undefined, 0] },
  { route: 'POST /api/v1/land-contracts', scope: 'inside', method: 'POST', path: '/api/v1/land-contracts', setup: () => contractBody(true), body: (s) => s, expect: [201, 403, 201, 201, 403, 403] },
  { route: 'POST /api/v1/land-contracts', scope: 'outside', method: 'POST', path: '/api/v1/land-contracts', setup: () => contractBody(false), body: (s) => s, expect: [201, 403, 422, 422, 403, 403] },
  { route: 'GET /api/v1/land-contracts/{id}', scope: 'inside', setup: () => contract(true), path: (s) => `/api/v1/land-contracts/${s.id}`, expect: [200, 200, 200, 200, 403, 200] },
  { route: 'GET /api/v1/land-contracts/{id}', scope: 'outside', setup: () => contract(false), path: (s) => `/api/v1/land-contracts/${s.id}`, expect: [200, 200, 404, 404, 403, 404] },
  { route: 'PATCH /api/v1/land-contracts/{id}', scope: 'inside', setup: () => contract(true), method: 'PATCH', path: (s) => `/api/v1/land-contracts/${s.id}`, body: () => ({ jobs: 2 }), expect: [200, 403, 200, 200, 403, 403] },
  { route: 'PATCH /api/v1/land-contracts/{id}', scope: 'outside', setup: () => contract(false), method: 'PATCH', path: (s) => `/api/v1/land-contracts/${s.id}`, body: () => ({ jobs: 2 }), expect: [200, 403, 404, 404, 403, 403] },
  { route: 'DELETE /api/v1/land-contracts/{id}', scope: 'inside', setup: () => contract(true), method: 'DELETE', path: (s) => `/api/v1/land-contracts/${s.id}`, expect: [204, 403, 204, 204, 403, 403] },
  { route: 'DELETE /api/v1/land-contracts/{id}', scope: 'outside', setup: () => contract(false), method: 'DELETE', path: (s) => `/api/v1/land-contracts/${s.id}`, expect: [204, 403, 404, 404, 403, 403] },
  { route: 'GET /api/v1/land-contracts/{id}/payments', scope: 'inside', setup: () => contract(true), path: (s) => `/api/v1/land-contracts/${s.id}/payments`, expect: [200, 200, 200, 200, 403, 200] },
  { route: 'GET /api/v1/land-contracts/{id}/payments', scope: 'outside', setup: () => contract(false), path: (s) => `/api/v1/land-contracts/${s.id}/payments`, expect: [200, 200, 404, 404, 403, 404] },
  { route: 'POST /api/v1/land-contracts/{id}/payments/{n}/receipts', scope: 'inside', setup: () => contract(true), method: 'POST', path: (s) => `/api/v1/land-contracts/${s.id}/payments/1/receipts`, body: () => ({ received_on: '2023-01-10', amount_fen: 500 }), expect: [201, 403, 201, 201, 403, 403] },
  { route: 'POST /api/v1/land-contracts/{id}/payments/{n}/receipts', scope: 'outside', setup: () => contract(false), method: 'POST', path: (s) => `/api/v1/land-contracts/${s.id}/payments/1/receipts`, body: () => ({ received_on: '2023-01-10', amount_fen: 500 }), expect: [201, 403, 404, 404, 403, 403] },
  { route: 'DELETE /api/v1/land-contracts/{id}/receipts/{receipt_id}', scope: 'inside', setup: () => withReceipt(true), method: 'DELETE', path: (s) => `/api/v1/land-contracts/${s.id}/receipts/${s.receipt}`, expect: [204, 403, 204, 204, 403, 403] },
  { route: 'DELETE /api/v1/land-contracts/{id}/receipts/{receipt_id}', scope: 'outside', setup: () => withReceipt(false), method: 'DELETE', path: (s) => `/api/v1/land-contracts/${s.id}/receipts/${s.receipt}`, expect: [204, 403, 404, 404, 403, 403] },
  { route: 'GET /api/v1/stats/land', scope: 'inside', path: `/api/v1/stats/land?region=${INSIDE}&year=2022`, expect: [200, 200, 200, 200, 403, 200] },
  { route: 'GET /api/v1/stats/land', scope: 'inside', path: `/api/v1/stats/land?region=${TOWN}&year=2022&by=child`, expect: [200, 200, 200, 404, 403, 200] },
  { route: 'GET /api/v1/stats/land', scope: 'outside', path: `/api/v1/stats/land?region=${OUTSIDE}&year=2022`, expect: [200, 200, 404, 404, 403, 404] },

  { route: 'GET /api/v1/collective-income', scope: 'inside', setup: () => income(true), path: () => `/api/v1/collective-income?region=${INSIDE}&year=2023`, expect: [200, 200, 200, 200, 403, 200] },
  { route: 'GET /api/v1/collective-income', scope: 'outside', setup: () => income(false), path: () => `/api/v1/collective-income?region=${OUTSIDE}&year=2023`, expect: [200, 200, 200, 200, 403, 200], count: [undefined, undefined, 0, 0, undefined, 0] },
  { route: 'POST /api/v1/collective-income', scope: 'inside', method: 'POST', path: '/api/v1/collective-income', setup: () => collective(INSIDE), body: (s) => ({ organization_id: s.id, year: 2023, source: 'subsidy', amount_fen: 2000 }), expect: [201, 403, 201, 201, 403, 403] },
  { route: 'POST /api/v1/collective-income', scope: 'outside', method: 'POST', path: '/api/v1/collective-income', setup: async () => collective(await farVillage()), body: (s) => ({ organization_id: s.id, year: 2023, source: 'subsidy', amount_fen: 2000 }), expect: [201, 403, 422, 422, 403, 403] },
  { route: 'GET /api/v1/collective-income/{id}', scope: 'inside', setup: () => income(true), path: (s) => `/api/v1/collective-income/${s.id}`, expect: [200, 200, 200, 200, 403, 200] },
  { route: 'GET /api/v1/collective-income/{id}', scope: 'outside', setup: () => income(false), path: (s) => `/api/v1/collective-income/${s.id}`, expect: [200, 200, 404, 404, 403, 404] },
  { route: 'PATCH /api/v1/collective-income/{id}', scope: 'inside', setup: () => income(true), method: 'PATCH', path: (s) => `/api/v1/collective-income/${s.id}`, body: () => ({ amount_fen: 1500 }), expect: [200, 403, 200, 200, 403, 403] },
  { route: 'PATCH /api/v1/collective-income/{id}', scope: 'outside', setup: () => income(false), method: 'PATCH', path: (s) => `/api/v1/collective-income/${s.id}`, body: () => ({ amount_fen: 1500 }), expect: [200, 403, 404, 404, 403, 403] },
  { route: 'DELETE /api/v1/collective-income/{id}', scope: 'inside', setup: () => income(true), method: 'DELETE', path: (s) => `/api/v1/collective-income/${s.id}`, expect: [204, 403, 204, 204, 403, 403] },
  { route: 'DELETE /api/v1/collective-income/{id}', scope: 'outside', setup: () => income(false), method: 'DELETE', path: (s) => `/api/v1/collective-income/${s.id}`, expect: [204, 403, 404, 404, 403, 403] },
  { route: 'GET /api/v1/stats/collective-income', scope: 'inside', path: `/api/v1/stats/collective-income?region=${INSIDE}&year=2022`, expect: [200, 200, 200, 200, 403, 200] },
  { route: 'GET /api/v1/stats/collective-income', scope: 'inside', path: `/api/v1/stats/collective-income?region=${TOWN}&year=2022&by=child`, expect: [200, 200, 200, 404, 403, 200] },
  { route: 'GET /api/v1/stats/collective-income', scope: 'outside', path: `/api/v1/stats/collective-income?region=${OUTSIDE}&year=2022`, expect: [200, 200, 404, 404, 403, 404] },
];
