// Projects (项目) with their stages, owners and indicators: the town office
// records a tourism project, its visitors per year and its area; values are
// exact decimals in the indicator's unit; a year's figures count each
// project once by kind and by the stage it had at the year's end, with
// expected (预计) and actual (实际) values never mixed; the chamber writes only
// projects of its members' enterprises. Tests use years before the demo's
// (2010–2013) so that the figures they read are their own.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, uniqueName } from './helpers.mjs';

const NANSHI = '431127103';
const GANXI = '431127103228';
let nanshi, chamber, memberFirm, otherFirm;

before(async () => {
  nanshi = await login('nanshi');
  chamber = await login('chamber');
  const members = await api('/api/v1/memberships?page_size=200', { cookie: nanshi });
  memberFirm = members.json.items.find((m) => m.enterprise)?.enterprise;
  assert.ok(memberFirm, 'a member with an enterprise');
  const ids = new Set(members.json.items.filter((m) => m.enterprise).map((m) => m.enterprise.id));
  const firms = await api(`/api/v1/enterprises?region=${NANSHI}&page_size=200`, { cookie: nanshi });
  otherFirm = firms.json.items.find((e) => !ids.has(e.id));
});

async function project(body, cookie = nanshi) {
  const res = await api('/api/v1/projects', { method: 'POST', cookie, body });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

async function value(id, body, cookie = nanshi) {
  return api(`/api/v1/projects/${id}/indicators`, { method: 'POST', cookie, body });
}

test('a tourism project with its stages, owners, area and visitors per year', async () => {
  const p = await project({
    kind: 'tourism', name: uniqueName('旅游区'), region: GANXI, stage: 'building', stage_on: '2010-05-01',
    started_on: '2010-03-01', description: '近200亩，游客中心与步道', enterprise_ids: [memberFirm.id],
  });
  assert.equal(p.kind, 'tourism');
  assert.equal(p.stage, 'building');
  assert.equal(p.stage_on, '2010-05-01');
  assert.deepEqual(p.stages, [{ stage: 'building', on: '2010-05-01' }]);
  assert.equal(p.enterprises[0].id, memberFirm.id);
  // Operating from 2011.
  const open = await api(`/api/v1/projects/${p.id}`, { method: 'PATCH', cookie: nanshi, body: { stage: 'producing', stage_on: '2011-04-01', version: p.version } });
  assert.equal(open.status, 200, open.text);
  assert.deepEqual(open.json.stages.map((s) => s.stage), ['building', 'producing']);
  assert.equal(open.json.stage, 'producing');

  const area = await value(p.id, { indicator: 'area_mu', value: '198.50', year: 2011, source: '规划图' });
  assert.equal(area.status, 201, area.text);
  assert.equal(area.json.value, '198.50');
  for (const [year, visitors] of [[2011, 12000], [2012, 21000]]) {
    const v = await value(p.id, { indicator: 'visitors', value: visitors, year, source: '售票统计' });
    assert.equal(v.status, 201, v.text);
  }
  // The same indicator, period and kind again replaces the value.
  const again = await value(p.id, { indicator: 'visitors', value: '22000', year: 2012, source: '售票统计（修正）' });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.value, '22000');
  const expected = await value(p.id, { indicator: 'visitors', value: '30000', year: 2013, expected: true });
  assert.equal(expected.status, 201);
  const values = (await api(`/api/v1/projects/${p.id}/indicators?indicator=visitors`, { cookie: nanshi })).json.items;
  assert.deepEqual(values.map((v) => [v.from, v.value, v.expected]), [['2011-01-01', '12000', false], ['2012-01-01', '22000', false], ['2013-01-01', '30000', true]]);
  const got = (await api(`/api/v1/projects/${p.id}`, { cookie: nanshi })).json;
  const latest = Object.fromEntries(got.latest.map((l) => [`${l.indicator}/${l.expected}`, l.value]));
  assert.equal(latest['visitors/false'], '22000');
  assert.equal(latest['visitors/true'], '30000');
  assert.equal(latest['area_mu/false'], '198.50');
  // Found by its owner and its stage.
  const owned = (await api(`/api/v1/projects?enterprise=${memberFirm.id}&stage=producing`, { cookie: nanshi })).json.items;
  assert.ok(owned.some((x) => x.id === p.id));
  // Removing a value.
  assert.equal((await api(`/api/v1/projects/${p.id}/indicators/${expected.json.id}`, { method: 'DELETE', cookie: nanshi })).status, 204);
  assert.equal((await api(`/api/v1/projects/${p.id}/indicators/${expected.json.id}`, { method: 'DELETE', cookie: nanshi })).status, 404);
});

test('bad values are refused on their field and nothing is written', async () => {
  const p = await project({ kind: 'industry', name: uniqueName('基地'), region: NANSHI });
  const cases = [
    [{ indicator: 'area_mu', value: '1.234', year: 2012 }, 'value'],
    [{ indicator: 'area_mu', value: '-3', year: 2012 }, 'value'],
    [{ indicator: 'area_mu', value: 2.5, year: 2012 }, 'value'],
    [{ indicator: 'area_mu', value: '200', year: 2012, unit: '公顷' }, 'unit'],
    [{ indicator: 'visitors', value: '1.5', year: 2012 }, 'value'],
    [{ indicator: 'visitors', value: '1e3', year: 2012 }, 'value'],
    [{ indicator: 'visitors', value: '99999999999999999999', year: 2012 }, 'value'],
    [{ indicator: 'happiness', value: '1', year: 2012 }, 'indicator'],
    [{ indicator: 'visitors', value: '1' }, 'year'],
    [{ indicator: 'visitors', value: '1', year: 1200 }, 'year'],
    [{ indicator: 'visitors', value: '1', from: '2012-06-01', to: '2012-01-01' }, 'to'],
    [{ indicator: 'visitors', value: '1', year: 2012, colour: 'red' }, 'colour'],
  ];
  for (const [body, field] of cases) {
    const res = await value(p.id, body);
    assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.text}`);
    assert.ok(res.json.error.fields[field], `${JSON.stringify(body)} names ${field}: ${res.text}`);
  }
  const en = await value(p.id, { indicator: 'area_mu', value: '200', year: 2012, unit: 'hectare' }, nanshi);
  assert.match(en.json.error.fields.unit, /亩/);
  assert.equal((await value(p.id, { indicator: 'area_mu', value: '200', year: 2012, unit: '亩' })).status, 201);
  assert.equal((await api(`/api/v1/projects/${p.id}/indicators`, { cookie: nanshi })).json.items.length, 1);
  for (const [body, field] of [[{ kind: 'spaceport' }, 'kind'], [{ stage: 'dreaming' }, 'stage'], [{ enterprise_ids: [999999999] }, 'enterprise_ids'], [{ stages: [{ stage: 'signed' }] }, 'stages.0.on'], [{ name: '' }, 'name']]) {
    const res = await api(`/api/v1/projects/${p.id}`, { method: 'PATCH', cookie: nanshi, body });
    assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.text}`);
    assert.ok(res.json.error.fields[field], res.text);
  }
  assert.equal((await api(`/api/v1/projects/${p.id}`, { method: 'DELETE', cookie: nanshi })).status, 204);
  assert.equal((await api(`/api/v1/projects/${p.id}`, { cookie: nanshi })).status, 404);
});

test("a year's figures: kinds by the stage at the year's end; expected and actual apart", async () => {
  const stats = async (year, region = NANSHI) =>
    (await api(`/api/v1/stats/projects?region=${region}&year=${year}`, { cookie: nanshi })).json;
  const base = await stats(2012);
  const a = await project({ kind: 'industry', name: uniqueName('花生'), region: NANSHI, started_on: '2011-03-01', stages: [{ stage: 'signed', on: '2011-03-01' }, { stage: 'producing', on: '2012-04-01' }, { stage: 'terminated', on: '2013-06-01' }] });
  const b = await project({ kind: 'industry', name: uniqueName('面条'), region: GANXI, started_on: '2012-01-01', stage: 'building', stage_on: '2012-01-01' });
  const late = await project({ kind: 'investment', name: uniqueName('招商'), region: NANSHI, started_on: '2013-02-01', stage: 'negotiating' });
  for (const [id, ind, v, exp] of [[a.id, 'output_value_fen', '500000000', false], [a.id, 'output_value_fen', '800000000', true], [b.id, 'output_value_fen', '300000000', false], [b.id, 'workshops', '30', false], [a.id, 'area_mu', '1800.00', false], [a.id, 'area_mu', '2000.00', false]]) {
    const from = ind === 'area_mu' && v === '2000.00' ? '2012-07-01' : '2012-01-01';
    const res = await value(id, { indicator: ind, value: v, from, to: '2012-12-31', expected: exp });
    assert.ok(res.status === 201 || res.status === 200, res.text);
  }
  const s = await stats(2012);
  const kind = (st, k) => st.kinds.find((x) => x.kind === k) ?? { projects: 0, by_stage: {} };
  assert.equal(kind(s, 'industry').projects - kind(base, 'industry').projects, 2);
  assert.equal((kind(s, 'industry').by_stage.producing ?? 0) - (kind(base, 'industry').by_stage.producing ?? 0), 1);
  assert.equal((kind(s, 'industry').by_stage.building ?? 0) - (kind(base, 'industry').by_stage.building ?? 0), 1);
  assert.equal(kind(s, 'investment').projects, kind(base, 'investment').projects, 'a project started later is not 2012\'s');
  const ind = (st, code, exp) => Number(st.indicators.find((x) => x.indicator === code && x.expected === exp)?.value ?? 0);
  assert.equal(ind(s, 'output_value_fen', false) - ind(base, 'output_value_fen', false), 800000000);
  assert.equal(ind(s, 'output_value_fen', true) - ind(base, 'output_value_fen', true), 800000000);
  assert.equal(ind(s, 'workshops', false) - ind(base, 'workshops', false), 30);
  // A stock counts the latest period, not the sum of both.
  assert.equal(ind(s, 'area_mu', false) - ind(base, 'area_mu', false), 2000);
  assert.equal(s.indicators.find((x) => x.indicator === 'area_mu').value.split('.')[1].length, 2);
  // Terminated in 2013: gone from 2014's figures, still 2013's.
  const y14 = await stats(2014), y13 = await stats(2013);
  assert.equal((kind(y13, 'industry').by_stage.terminated ?? 0) >= 1, true);
  assert.equal((kind(y14, 'industry').by_stage.terminated ?? 0), 0);
  // By village: 甘溪村's row holds its project.
  const byChild = (await api(`/api/v1/stats/projects?region=${NANSHI}&year=2012&by=child`, { cookie: nanshi })).json;
  const ganxi = byChild.children.find((c) => c.region.code === GANXI);
  assert.ok(ganxi.kinds.find((k) => k.kind === 'industry').projects >= 1);
  assert.equal((await api('/api/v1/stats/projects?year=2012', { cookie: nanshi })).status, 400);
  assert.equal((await api(`/api/v1/stats/projects?region=${NANSHI}&year=12`, { cookie: nanshi })).status, 400);
  for (const p of [a, b, late]) await api(`/api/v1/projects/${p.id}`, { method: 'DELETE', cookie: nanshi });
});

test("the chamber writes projects of its members' enterprises only", async () => {
  const own = await api('/api/v1/projects', { method: 'POST', cookie: chamber, body: { kind: 'investment', name: uniqueName('会员项目'), region: NANSHI, enterprise_ids: [memberFirm.id] } });
  assert.equal(own.status, 201, own.text);
  assert.equal((await value(own.json.id, { indicator: 'jobs', value: '12', year: 2012 }, chamber)).status, 201);
  const none = await api('/api/v1/projects', { method: 'POST', cookie: chamber, body: { kind: 'investment', name: uniqueName('无主'), region: NANSHI } });
  assert.equal(none.status, 422);
  assert.ok(none.json.error.fields.enterprise_ids);
  if (otherFirm) {
    const other = await api('/api/v1/projects', { method: 'POST', cookie: chamber, body: { kind: 'investment', name: uniqueName('非会员'), region: NANSHI, enterprise_ids: [otherFirm.id] } });
    assert.equal(other.status, 422);
  }
  const towns = await project({ kind: 'welfare', name: uniqueName('公益'), region: NANSHI });
  const denied = await api(`/api/v1/projects/${towns.id}`, { method: 'PATCH', cookie: chamber, body: { description: 'x' } });
  assert.equal(denied.status, 403);
  assert.equal(denied.json.error.code, 'project_chamber_only');
  assert.equal((await value(towns.id, { indicator: 'jobs', value: '1', year: 2012 }, chamber)).status, 403);
  // Giving its project away to a non-member is refused too.
  if (otherFirm) {
    const away = await api(`/api/v1/projects/${own.json.id}`, { method: 'PATCH', cookie: chamber, body: { enterprise_ids: [otherFirm.id] } });
    assert.equal(away.status, 422);
  }
  for (const p of [own.json, towns]) await api(`/api/v1/projects/${p.id}`, { method: 'DELETE', cookie: nanshi });
});

test('indicators are data: the admin adds one, a project records it', async () => {
  const admin = await login('admin');
  const list = (await api('/api/v1/indicators', { cookie: nanshi })).json.items;
  assert.deepEqual(list.slice(0, 3).map((i) => i.code), ['area_mu', 'investment_intended_fen', 'investment_actual_fen']);
  assert.equal(list.find((i) => i.code === 'area_mu').scale, 2);
  assert.equal(list.find((i) => i.code === 'visitors').sum_periods, true);
  assert.equal(list.find((i) => i.code === 'area_mu').unit['zh-CN'], '亩');
  const code = `trees_${Date.now() % 100000}`;
  const made = await api('/api/v1/indicators', { method: 'POST', cookie: admin, body: { code, name_zh_cn: `植树${code}`, name_zh_tw: `植樹${code}`, name_en: `Trees ${code}`, unit_zh_cn: '棵', unit_zh_tw: '棵', unit_en: 'trees', sum_periods: true } });
  assert.equal(made.status, 201, made.text);
  assert.equal((await api('/api/v1/indicators', { method: 'POST', cookie: admin, body: { code, name_zh_cn: 'x', name_zh_tw: 'x', name_en: 'x', unit_zh_cn: '棵', unit_zh_tw: '棵', unit_en: 't' } })).status, 422);
  assert.equal((await api('/api/v1/indicators', { method: 'POST', cookie: nanshi, body: { code: 'zz' } })).status, 403);
  const p = await project({ kind: 'welfare', name: uniqueName('植树'), region: NANSHI });
  assert.equal((await value(p.id, { indicator: code, value: '500', year: 2012 })).status, 201);
  await api(`/api/v1/projects/${p.id}`, { method: 'DELETE', cookie: nanshi });
});
