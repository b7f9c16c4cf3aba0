// Pairing kinds beyond the four levels, as their users meet them:
// - the county organization department starts 百名干部联百企 (level 6, county
//   cadres for enterprises): a coverage rule, a plan that covers every
//   enterprise with even loads and prefers a cadre whose department serves the
//   enterprise's industry, applied, and compliance afterwards;
// - the town office pairs party activists with mentors (level 5, 培养联系人):
//   only a full party member of the same town may mentor, and 自动分配 covers
//   every activist;
// - a post names the sector its department serves.
//
// The rules here hold only in 2032 and 2033, days no other test judges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login } from './helpers.mjs';

const COUNTY = '431127'; // 蓝山县
const TOWN = '431127103'; // 楠市镇
const PENGJIA = '431127103224'; // 朋佳村

async function created(res) {
  assert.equal(res.status, 201, res.text);
  return res.json;
}
async function plan(cookie, body) {
  return created(await api('/api/v1/assignment-plans', { method: 'POST', cookie, body }));
}
async function coverageRule(cookie, body) {
  return created(await api('/api/v1/rules/coverage', { method: 'POST', cookie, body }));
}
async function levelOf(cookie, region, date, level) {
  const res = await api(`/api/v1/compliance?region=${region}&date=${date}`, { cookie });
  assert.equal(res.status, 200, res.text);
  return res.json.levels.find((l) => l.level === level);
}
async function people(cookie, query) {
  const res = await api(`/api/v1/people?${query}&page_size=200`, { cookie });
  assert.equal(res.status, 200, res.text);
  return res.json.items;
}

test('the county starts 百名干部联百企: every enterprise gets one county cadre, loads even, sectors matched', async () => {
  const cookie = await login('lanshan');
  const date = '2032-01-01';
  const cadres = await people(cookie, `post=county_cadre&region=${COUNTY}`);
  assert.equal(cadres.length, 6);
  assert.ok(cadres.every((c) => c.posts.some((p) => p.kind === 'county_cadre' && p.industry)));

  // Before the rule the campaign judges nothing.
  assert.equal((await levelOf(cookie, COUNTY, date, 6)).targets, 0);
  await coverageRule(cookie, { region: COUNTY, level: 6, min_sources: 1, max_sources: 1, valid_from: date, valid_to: '2033-01-01', notes: '百名干部联百企' });
  const before = await levelOf(cookie, COUNTY, date, 6);
  assert.ok(before.targets >= 31, JSON.stringify(before));
  assert.equal(before.covered, 0);

  const p = await plan(cookie, { level: 6, region: COUNTY, date });
  assert.equal(p.status, 'optimal');
  assert.equal(p.stats.components, 1, 'one county, one group');
  assert.equal(p.options.industry_weight, 5);
  assert.equal(p.assignments.length, before.targets);
  assert.ok(p.assignments.every((a) => a.target.kind === 'enterprise'));
  assert.equal(p.changes.new.length, before.targets);
  assert.deepEqual(p.counts, { kept: 0, moved: 0, new: before.targets, ended: 0 });
  // The stored plan reads back as it was made.
  const stored = await api(`/api/v1/assignment-plans/${p.id}`, { cookie });
  assert.deepEqual(stored.json, p);
  // Even: loads differ by at most one.
  const loads = p.sources.map((s) => s.load);
  assert.ok(Math.max(...loads) - Math.min(...loads) <= 1, JSON.stringify(loads));
  assert.ok(p.explanations.every((e) => e.industry === 'match' || e.industry === 'mismatch'));

  // The sector weight decides how many pairs match: none without it, more with it.
  const count = (q) => q.explanations.filter((e) => e.industry === 'match').length;
  const strong = await plan(cookie, { level: 6, region: COUNTY, date, industry_weight: 1000, load_weight: 1 });
  const none = await plan(cookie, { level: 6, region: COUNTY, date, industry_weight: 0 });
  assert.ok(count(strong) >= count(p) && count(p) >= count(none), `${count(strong)} ${count(p)} ${count(none)}`);
  // With a strong weight every enterprise whose industry some cadre serves gets that cadre.
  const matched = strong.explanations.filter((e) => e.industry === 'match');
  assert.ok(matched.length >= 20, String(matched.length));

  // Too few hands: at most 4 enterprises a cadre leaves some uncovered, and
  // the report says how many and what would do.
  const short = await plan(cookie, { level: 6, region: COUNTY, date, max_load: 4 });
  assert.equal(short.status, 'infeasible');
  assert.equal(short.diagnosis.uncovered, before.targets - 24);
  assert.equal(short.diagnosis.shortages[0].shortfall, before.targets - 24);
  assert.ok(short.diagnosis.fixes.length > 0);

  const applied = await api(`/api/v1/assignment-plans/${p.id}/apply`, { method: 'POST', cookie });
  assert.equal(applied.status, 200, applied.text);
  assert.deepEqual(applied.json.applied, { ended: 0, moved: 0, new: before.targets });
  const after = await levelOf(cookie, COUNTY, date, 6);
  assert.deepEqual([after.covered, after.uncovered.length], [before.targets, 0]);
  // The towns' rows count the campaign too.
  const county = (await api(`/api/v1/compliance?region=${COUNTY}&date=${date}`, { cookie })).json;
  const nanshi = county.towns.find((t) => t.region.code === TOWN);
  assert.deepEqual(nanshi.levels.find((l) => l.level === 6), { level: 6, targets: before.targets, covered: before.targets });
  // The pairings are listed at level 6, placed at the enterprise.
  const listed = await api(`/api/v1/pairings?region=${TOWN}&level=6&date=${date}&page_size=100`, { cookie });
  assert.equal(listed.status, 200);
  assert.ok(listed.json.items.length > 0 && listed.json.items.every((g) => g.target.kind === 'enterprise' && g.origin === 'auto'));
  // Planning again changes nothing.
  const again = await plan(cookie, { level: 6, region: COUNTY, date });
  assert.deepEqual([again.changes.kept.length, again.changes.moved.length, again.changes.new.length], [before.targets, 0, 0]);
});

test('the campaign\'s visits: every county cadre visits an enterprise each quarter', async () => {
  // A past quarter (contacts are never in the future), no other test judges.
  const cookie = await login('lanshan');
  const quota = await api('/api/v1/rules/quota', {
    method: 'POST',
    cookie,
    body: { region: COUNTY, source_filter: 'county_cadre', target_filter: 'enterprise', min_contacts: 1, period: 'quarter', valid_from: '2025-01-01', valid_to: '2025-04-01' },
  });
  assert.equal(quota.status, 201, quota.text);
  const campaignQuotas = async () => {
    const res = await api(`/api/v1/compliance?region=${COUNTY}&date=2025-03-01`, { cookie });
    return res.json.quotas.filter((q) => q.source_filter === 'county_cadre');
  };
  let quotas = await campaignQuotas();
  assert.equal(quotas.length, 6);
  assert.ok(quotas.every((q) => q.required === 1 && q.missing === 1));
  const [cadre] = await people(cookie, `post=county_cadre&region=${COUNTY}`);
  const enterprise = (await api(`/api/v1/enterprises?region=${TOWN}&page_size=1`, { cookie })).json.items[0];
  const visit = await api('/api/v1/contacts', {
    method: 'POST',
    cookie: await login('admin'),
    body: { person: cadre.id, target_kind: 'enterprise', target: enterprise.id, kind: 'visit', occurred_on: '2025-02-10', notes: '百名干部联百企走访' },
  });
  assert.equal(visit.status, 201, visit.text);
  quotas = await campaignQuotas();
  assert.deepEqual(
    quotas.filter((q) => q.missing === 0).map((q) => q.person.id),
    [cadre.id],
  );
});

test('the people list answers who holds a post or party stage on a given day', async () => {
  const cookie = await login('admin');
  const [cadre] = await people(cookie, `post=county_cadre&region=${COUNTY}`);
  const post = cadre.posts.find((p) => p.kind === 'county_cadre');
  // The post ends at the end of 2035: held in 2035, not in 2036.
  const ended = await api(`/api/v1/posts/${post.id}`, { method: 'PATCH', cookie, body: { valid_to: '2036-01-01' } });
  assert.equal(ended.status, 200, ended.text);
  const on = async (date) => (await people(cookie, `post=county_cadre&region=${COUNTY}&date=${date}`)).map((p) => p.id);
  assert.ok((await on('2035-12-31')).includes(cadre.id));
  // The records come as of the day too: the post the board of 2036 plans with is gone.
  const listed = async (date) =>
    (await people(cookie, `region=${COUNTY}&q=${encodeURIComponent(cadre.name)}&date=${date}`)).find((p) => p.id === cadre.id);
  assert.ok((await listed('2035-12-31')).posts.some((p) => p.kind === 'county_cadre'));
  assert.ok(!(await listed('2036-01-01')).posts.some((p) => p.kind === 'county_cadre'));
  assert.ok(!(await on('2036-01-01')).includes(cadre.id));
  assert.equal((await on('2021-05-31')).length, 0, 'before the cadres took office');
  assert.equal((await api(`/api/v1/posts/${post.id}`, { method: 'PATCH', cookie, body: { valid_to: '' } })).status, 200);
  // An activist in 2022 was not one before.
  const activists = async (date) => (await people(cookie, `party_stage=activist&region=${TOWN}&date=${date}`)).length;
  assert.ok((await activists('2022-06-01')) >= 18);
  // Each of them comes with the stage held that day.
  for (const p of await people(cookie, `party_stage=activist&region=${TOWN}&date=2022-06-01`))
    assert.equal(p.party_stage.stage, 'activist', p.name);
  assert.equal(await activists('2021-06-01'), 0);
  assert.equal((await api(`/api/v1/people?post=county_cadre&date=2032-13-01`, { cookie })).status, 400);
});

test('level 6: only a county cadre of the enterprise\'s county, and only an enterprise', async () => {
  const cookie = await login('lanshan');
  const [cadre] = await people(cookie, `post=county_cadre&region=${COUNTY}`);
  const [leader] = await people(cookie, `post=town_leader&region=${TOWN}`);
  const enterprise = (await api(`/api/v1/enterprises?region=${TOWN}&page_size=1`, { cookie })).json.items[0];
  const pair = (body) => api('/api/v1/pairings', { method: 'POST', cookie, body: { level: 6, valid_from: '2034-01-01', ...body } });
  const wrong = await pair({ source: leader.id, target: String(enterprise.id) });
  assert.equal(wrong.status, 422);
  assert.equal(wrong.json.error.fields.source, '只有企业所在县的县直干部可以联系企业');
  const missing = await pair({ source: cadre.id, target: '99999999' });
  assert.equal(missing.status, 422);
  assert.ok(missing.json.error.fields.target);
  const ok = await created(await pair({ source: cadre.id, target: String(enterprise.id) }));
  assert.equal(ok.level, 6);
  assert.deepEqual([ok.target.kind, ok.target.name], ['enterprise', enterprise.name]);
  assert.equal((await api(`/api/v1/pairings/${ok.id}`, { method: 'DELETE', cookie })).status, 204);
});

test('level 5: a full party member of the town mentors an activist; 自动分配 covers every activist', async () => {
  const cookie = await login('nanshi');
  const [activist] = await people(cookie, `party_stage=activist&region=${PENGJIA}`);
  const members = await people(cookie, `party_stage=full&region=${PENGJIA}`);
  const outsider = (await people(await login('admin'), 'party_stage=full&region=431127104'))[0];
  const nonMember = (await people(cookie, `region=${PENGJIA}`)).find((p) => !p.party_stage);
  assert.ok(activist && members.length && outsider && nonMember);
  const pair = (body) => api('/api/v1/pairings', { method: 'POST', cookie, body: { level: 5, valid_from: '2034-01-01', ...body } });

  const notMember = await pair({ source: nonMember.id, target: String(activist.id) });
  assert.equal(notMember.status, 422);
  assert.equal(notMember.json.error.fields.source, '培养联系人应为同一乡镇的正式党员');
  const otherTown = await pair({ source: outsider.id, target: String(activist.id) });
  assert.equal(otherTown.status, 422);
  assert.ok(otherTown.json.error.fields.source);
  const notActivist = await pair({ source: members[0].id, target: String(members[1]?.id ?? nonMember.id) });
  assert.equal(notActivist.status, 422);
  assert.equal(notActivist.json.error.fields.target, '此人当天不是入党积极分子或发展对象');
  const ok = await created(await pair({ source: members[0].id, target: String(activist.id) }));
  assert.deepEqual([ok.level, ok.target.kind, ok.target.id], [5, 'person', activist.id]);
  assert.equal((await api(`/api/v1/pairings/${ok.id}`, { method: 'DELETE', cookie })).status, 204);

  // The town's rule: every activist has one or two mentors.
  const date = '2033-01-01';
  await coverageRule(cookie, { region: TOWN, level: 5, min_sources: 1, max_sources: 2, valid_from: date, valid_to: '2034-01-01', notes: '每名积极分子确定1至2名培养联系人' });
  const before = await levelOf(cookie, TOWN, date, 5);
  assert.ok(before.targets >= 18, JSON.stringify(before));
  const p = await plan(cookie, { level: 5, region: TOWN, date });
  assert.equal(p.status, 'optimal');
  assert.equal(p.assignments.length, before.targets);
  // Mentors are near: the same village where the town has one there.
  assert.ok(p.explanations.filter((e) => e.distance === 'village').length >= before.targets / 2);
  assert.ok(p.explanations.every((e) => e.industry === null));
  const applied = await api(`/api/v1/assignment-plans/${p.id}/apply`, { method: 'POST', cookie });
  assert.equal(applied.status, 200, applied.text);
  const after = await levelOf(cookie, TOWN, date, 5);
  assert.deepEqual([after.covered, after.uncovered.length], [before.targets, 0]);
});

test('a post names the sector it serves; a wrong one is refused', async () => {
  const cookie = await login('admin');
  const [cadre] = await people(cookie, `post=county_cadre&region=${COUNTY}`);
  const bad = await api(`/api/v1/people/${cadre.id}/posts`, { method: 'POST', cookie, body: { kind: 'county_cadre', region: COUNTY, valid_from: '2024-01-01', industry: 'alchemy' } });
  assert.equal(bad.status, 422);
  assert.ok(bad.json.error.fields.industry);
  const inTown = await api(`/api/v1/people/${cadre.id}/posts`, { method: 'POST', cookie, body: { kind: 'county_cadre', region: TOWN, valid_from: '2024-01-01' } });
  assert.equal(inTown.status, 422);
  assert.equal(inTown.json.error.fields.region, '县直干部应任职于县（市、区）或以上');
  const post = await created(
    await api(`/api/v1/people/${cadre.id}/posts`, { method: 'POST', cookie, body: { kind: 'county_cadre', region: COUNTY, title: '县发改局', valid_from: '2024-01-01', industry: 'finance' } }),
  );
  assert.equal(post.industry, 'finance');
  const cleared = await api(`/api/v1/posts/${post.id}`, { method: 'PATCH', cookie, body: { industry: null } });
  assert.equal(cleared.status, 200, cleared.text);
  assert.equal(cleared.json.industry, null);
  const set = await api(`/api/v1/posts/${post.id}`, { method: 'PATCH', cookie, body: { industry: 'it' } });
  assert.equal(set.json.industry, 'it');
  assert.equal((await api(`/api/v1/posts/${post.id}`, { method: 'DELETE', cookie })).status, 204);
});
