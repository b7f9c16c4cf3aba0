// The demo as `init --demo` leaves it, before any other test writes: tests/api/run
// runs this file first. Every figure here is one of PRODUCT.md's demo table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login } from './helpers.mjs';

const TOWN = '431127103';

test('the 楠市镇 chamber has 31 members, 13 party members, 31 enterprises, capital just under 10 million yuan', async () => {
  const cookie = await login('lanshan');
  const res = await api(`/api/v1/stats/chamber?region=${TOWN}&date=2022-10-20`, { cookie });
  assert.equal(res.status, 200);
  assert.equal(res.json.members, 31);
  assert.equal(res.json.party_members, 13);
  assert.equal(res.json.enterprises, 31);
  assert.ok(res.json.registered_capital_fen < 10_000_000 * 100, 'under 10,000,000 yuan');
  assert.ok(res.json.registered_capital_fen >= 9_500_000 * 100, 'close to 10,000,000 yuan');
  // Before the chamber was founded (2022-03-18) it had no members.
  const before = await api(`/api/v1/stats/chamber?region=${TOWN}&date=2022-03-01`, { cookie });
  assert.equal(before.json.members, 0);
});

test('the chamber members are listed president first, each with an enterprise', async () => {
  const cookie = await login('chamber');
  const chambers = await api('/api/v1/organizations?kind=chamber', { cookie });
  assert.equal(chambers.json.total, 1);
  assert.equal(chambers.json.items[0].members, 31); // today, all 31 are still members
  const members = await api(`/api/v1/memberships?chamber=${chambers.json.items[0].id}&date=2022-10-20&page_size=200`, { cookie });
  assert.equal(members.json.total, 31);
  assert.equal(members.json.items[0].post, 'president');
  assert.ok(members.json.items.every((m) => m.enterprise));
  assert.equal(members.json.items.filter((m) => m.party_member).length, 13);
});

test('the town has its leadership team, a resident cadre for every village, village cadres and groups', async () => {
  const cookie = await login('nanshi');
  const leaders = await api('/api/v1/people?post=town_leader&page_size=200', { cookie });
  assert.ok(leaders.json.total >= 7);
  assert.ok(leaders.json.items.every((p) => p.posts.some((x) => x.kind === 'town_leader' && x.leadership_team)));
  const residents = await api('/api/v1/people?post=resident_cadre&page_size=200', { cookie });
  const villages = (await api(`/api/v1/regions?parent=${TOWN}`, { cookie })).json.items;
  assert.equal(villages.length, 18);
  for (const v of villages) {
    assert.ok(residents.json.items.some((p) => p.posts.some((x) => x.kind === 'resident_cadre' && x.region.code === v.code)), v.name);
    const groups = await api(`/api/v1/regions?parent=${v.code}`, { cookie });
    assert.ok(groups.json.total >= 4, `${v.name} has groups`);
    assert.ok(groups.json.items.every((g) => g.level === 'group'));
  }
  const cadres = await api('/api/v1/people?post=village_cadre&page_size=200', { cookie });
  assert.ok(cadres.json.total >= 18 * 3);
  const wealth = await api('/api/v1/people?tag=wealth_creator&page_size=1', { cookie });
  assert.ok(wealth.json.total >= 18 * 3);
  const activists = await api('/api/v1/people?party_stage=activist&page_size=1', { cookie });
  assert.ok(activists.json.total >= 18);
  const branches = await api('/api/v1/organizations?kind=party_branch&page_size=200', { cookie });
  assert.ok(branches.json.items.some((o) => o.name === '楠市镇商会党支部'));
  assert.ok(branches.json.items.some((o) => o.name === '朋佳村党支部'));
});

test('the seed’s projects carry its figures for 2022, each with the entrepreneur it implies', async () => {
  const cookie = await login('nanshi');
  const stats = (await api(`/api/v1/stats/projects?region=${TOWN}&year=2022`, { cookie })).json;
  const kind = (k) => stats.kinds.find((x) => x.kind === k);
  assert.equal(kind('investment').projects, 3, 'the 3 projects brought back from 佛山');
  assert.equal(kind('tourism').by_stage.producing, 1, '愚公岩 is operating');
  const value = (code, expected = false) => stats.indicators.find((x) => x.indicator === code && x.expected === expected)?.value;
  assert.equal(value('investment_intended_fen'), String(2_000_000 * 100), '意向投资200万元');
  assert.equal(value('investment_actual_fen'), String(5_000_000 * 100), '愚公岩 投资500万元');
  assert.equal(value('visitors'), '29000', '近3万人');
  assert.equal(value('workshops'), '32', '30余家');
  assert.equal(value('output_kg'), '6000000', '600万公斤');
  assert.equal(value('output_value_fen'), String(30_000_000 * 100), '产值3000万元 (actual)');
  assert.ok(Number(value('output_value_fen', true)) > 10_000_000 * 100, '花生 预计超过1000万元 (expected, apart)');
  assert.equal(value('beneficiaries'), '96', '近100名青少年');
  const list = (await api('/api/v1/projects?page_size=50', { cookie })).json.items;
  const byName = (n) => list.find((p) => p.name.includes(n));
  const yugong = byName('愚公岩');
  assert.equal(yugong.region.code, '431127103228', '愚公岩 in 甘溪村');
  assert.equal(yugong.latest.find((l) => l.indicator === 'area_mu').value, '196.00', '近200亩');
  assert.equal(byName('花生').latest.find((l) => l.indicator === 'area_mu').value, '1980.00', '近2000亩');
  assert.equal(byName('红星学园').region.code, '431127103210', '红星学园 in 上下村');
  assert.match(byName('面条').name, /楠市十三道面条/);
  // Level 4: 红星学园 is answered for by the 康美 member, the forest land by the herbal grower.
  for (const [project, firm] of [['红星学园', '康美'], ['林地', '朋佳中草药'], ['愚公岩', '愚公岩']]) {
    const p = byName(project);
    const pairs = (await api(`/api/v1/pairings?level=4&target_kind=project&target=${p.id}&date=2022-10-20`, { cookie })).json.items;
    assert.equal(pairs.length, 1, project);
    const owner = (await api(`/api/v1/enterprises?q=${encodeURIComponent(firm)}`, { cookie })).json.items[0];
    assert.equal(pairs[0].source.id, owner.legal_representative.id, `${project} answered for by the ${firm} member`);
    assert.ok(p.enterprises.some((e) => e.id === owner.id), `${project} owned by ${firm}`);
  }
});

test('朋佳村’s 450亩 of forest land: 5 years from September 2022, 4万元 a year to the collective, 30余 jobs', async () => {
  const cookie = await login('pengjia');
  const list = (await api('/api/v1/land-contracts?region=431127103224', { cookie })).json.items;
  assert.equal(list.length, 1);
  const c = list[0];
  assert.equal(c.area_mu, '450.00');
  assert.equal(c.land_type, 'forest');
  assert.equal(c.starts_on, '2022-09-01');
  assert.equal(c.ends_on, '2027-08-31');
  assert.equal(c.rent_fen_per_year, 4_000_000);
  assert.equal(c.jobs, 32);
  assert.match(c.transferee.enterprise.name, /朋佳中草药/);
  assert.match(c.transferor.organization.name, /朋佳村/);
  const payments = (await api(`/api/v1/land-contracts/${c.id}/payments`, { cookie })).json;
  assert.equal(payments.items.length, 5);
  assert.equal(payments.receipts[0].received_on.slice(0, 7), '2022-09', 'the first year’s rent came in September 2022');
  const income = (await api('/api/v1/stats/collective-income?region=431127103224&year=2022', { cookie })).json;
  assert.equal(income.total_fen, 4_000_000);
  assert.deepEqual(income.by_source, [{ source: 'rent', amount_fen: 4_000_000 }]);
  const land = (await api('/api/v1/stats/land?region=431127103224&year=2022', { cookie })).json;
  assert.equal(land.jobs, 32);
  assert.equal(land.rent_received_fen, 4_000_000);
});

test('楠市镇’s 2022 requests: 40 from its entrepreneurs, most resolved on time and rated, one reopened after 不满意, four open at the year’s end', async () => {
  const cookie = await login('nanshi');
  const s = (await api('/api/v1/stats/requests?region=431127103&from=2022-01-01&to=2022-12-31&date=2022-12-31', { cookie })).json;
  assert.equal(s.total, 40);
  assert.equal(s.resolved, 36);
  assert.equal(s.open, 4);
  assert.equal(s.overdue, 1, 'one still open is late on 31 December');
  assert.equal(s.on_time, 33, 'three were resolved late');
  assert.equal(s.on_time_rate, 0.9167);
  assert.equal(s.rated, 33, 'three still await their rating');
  assert.equal(s.satisfaction_rate, 1);
  assert.deepEqual(s.by_category.map((c) => [c.category, c.total]),
    [['finance', 8], ['land', 5], ['labour', 7], ['approval', 5], ['infrastructure', 4], ['policy', 5], ['dispute', 2], ['other', 4]]);
  const list = (await api('/api/v1/requests?region=431127103&from=2022-01-01&to=2022-12-31&page_size=100&date=2022-12-31', { cookie })).json.items;
  assert.equal(list.filter((r) => r.reopened === 1).length, 1);
  assert.ok(list.every((r) => r.requester.kind === 'enterprise'), 'each from an entrepreneur’s firm');
  assert.ok(list.some((r) => r.handlers.some((h) => h.name === '楠市镇自然资源所')), '用地 requests went to the land office');
  const county = (await api('/api/v1/stats/requests?region=431127&from=2022-01-01&to=2022-12-31&date=2022-12-31', { cookie: await login('lanshan') })).json;
  assert.equal(county.by_child.find((t) => t.region.name === '所城镇').total, 3);
});
