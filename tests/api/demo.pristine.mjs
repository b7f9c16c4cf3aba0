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
