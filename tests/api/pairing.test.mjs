// The four-level pairing system as the town office and a leader meet it: the
// demo's compliance, gaps appearing and closing, eligibility, re-pairing with
// history, pairing access, contacts from a phone, the county view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { api, login, random, uniqueName } from './helpers.mjs';

const TOWN = '431127103'; // 楠市镇
const PENGJIA = '431127103224'; // 朋佳村
const GANXI = '431127103228'; // 甘溪村
const COUNTY = '431127'; // 蓝山县
const DAY = '2022-10-20';

async function compliance(cookie, region = TOWN, date = DAY) {
  const res = await api(`/api/v1/compliance?region=${region}&date=${date}`, { cookie });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

async function created(res) {
  assert.equal(res.status, 201, res.text);
  return res.json;
}

async function leaders(cookie) {
  return (await api(`/api/v1/people?post=town_leader&region=${TOWN}&page_size=50`, { cookie })).json.items;
}

test('the demo town is compliant on 2022-10-20: all four levels covered, every quota met', async () => {
  const c = await compliance(await login('nanshi'));
  assert.equal(c.ok, true, JSON.stringify({ levels: c.levels.map((l) => [l.targets, l.covered]), failing: c.quotas_failing }));
  const [l1, l2, l3, l4] = c.levels;
  assert.deepEqual([l1.level, l1.targets, l1.covered], [1, 31, 31]);
  assert.deepEqual([l2.targets, l2.covered], [18, 18]);
  assert.ok(l3.targets >= 18 * 4 && l3.covered === l3.targets);
  assert.deepEqual([l4.targets, l4.covered], [8, 8]); // the seed's 8 projects, each answered for
  // Nine leaders × two quotas, plus the party-member resident cadres.
  assert.ok(c.quotas_total > 18, String(c.quotas_total));
  assert.equal(c.quotas_failing, 0);
  assert.ok(c.quotas.every((q) => q.missing === 0 && q.actual >= q.required));
  assert.equal(c.overdue_total, 0);
  // Before the chamber existed there was nobody to pair at level 1.
  const march = await compliance(await login('nanshi'), TOWN, '2022-03-01');
  assert.equal(march.levels[0].targets, 0);
});

test('a new chamber member nobody answers for shows as 31 of 32, named, until paired', async () => {
  const cookie = await login('nanshi');
  const chamber = (await api(`/api/v1/organizations?kind=chamber&region=${TOWN}&q=${encodeURIComponent('楠市镇商会')}`, { cookie })).json.items.find((o) => o.name === '楠市镇商会');
  const person = await created(await api('/api/v1/people', { method: 'POST', cookie, body: { name: uniqueName('新会员'), region: PENGJIA } }));
  const member = await created(await api('/api/v1/memberships', {
    method: 'POST', cookie, body: { chamber: chamber.id, person: person.id, post: 'member', joined_on: '2022-10-10', dues_status: 'paid' },
  }));
  let c = await compliance(cookie);
  assert.equal(c.ok, false);
  assert.deepEqual([c.levels[0].targets, c.levels[0].covered], [32, 31]);
  assert.deepEqual(c.levels[0].uncovered.map((g) => [g.target.id, g.target.name, g.sources, g.min]), [[person.id, person.name, 0, 1]]);
  // A leader takes the new member on: covered again.
  const [leader] = await leaders(cookie);
  const pairing = await created(await api('/api/v1/pairings', { method: 'POST', cookie, body: { level: 1, source: leader.id, target: person.id, valid_from: '2022-10-10' } }));
  assert.equal(pairing.target.name, person.name);
  c = await compliance(cookie);
  assert.equal(c.ok, true);
  assert.deepEqual([c.levels[0].targets, c.levels[0].covered], [32, 32]);
  // A second leader for the same entrepreneur is one too many ("exactly one").
  const second = (await leaders(cookie)).find((l) => l.id !== leader.id);
  const extra = await created(await api('/api/v1/pairings', { method: 'POST', cookie, body: { level: 1, source: second.id, target: person.id, valid_from: '2022-10-11' } }));
  c = await compliance(cookie);
  assert.equal(c.ok, false);
  assert.equal(c.levels[0].over_total, 1);
  assert.equal(c.levels[0].over[0].sources, 2);
  // Put things back: the mistaken pairing goes; the member leaves before joining.
  assert.equal((await api(`/api/v1/pairings/${extra.id}`, { method: 'DELETE', cookie })).status, 204);
  assert.equal((await api(`/api/v1/pairings/${pairing.id}`, { method: 'DELETE', cookie })).status, 204);
  assert.equal((await api(`/api/v1/memberships/${member.id}`, { method: 'DELETE', cookie })).status, 204);
  assert.equal((await compliance(cookie)).ok, true);
});

test('a leader whose contacts are gone fails the quota with what is missing', async () => {
  const cookie = await login('nanshi');
  const contacts = (await api(`/api/v1/contacts?region=${TOWN}&from=2022-01-01&to=2022-12-31&page_size=200`, { cookie })).json.items;
  const visit = contacts.find((k) => k.kind === 'visit' && k.target.kind === 'person' && k.notes.includes('致富能手'));
  assert.ok(visit, 'a leader visited a wealth-creator household');
  assert.equal((await api(`/api/v1/contacts/${visit.id}`, { method: 'DELETE', cookie })).status, 204);
  let c = await compliance(cookie);
  assert.equal(c.ok, false);
  const short = c.quotas.filter((q) => q.missing > 0);
  assert.equal(short.length, 1);
  assert.deepEqual([short[0].person.id, short[0].target_filter, short[0].required, short[0].actual, short[0].missing], [visit.person.id, 'wealth_creator', 3, 2, 1]);
  assert.equal(c.quotas[0].person.id, visit.person.id, 'the worst first');
  // The visit logged again (after the date: it does not count yet).
  const again = { person: visit.person.id, target_kind: 'person', target: visit.target.id, kind: 'visit', notes: visit.notes };
  await created(await api('/api/v1/contacts', { method: 'POST', cookie, body: { ...again, occurred_on: '2022-10-21' } }));
  assert.equal((await compliance(cookie)).ok, false);
  assert.equal((await compliance(cookie, TOWN, '2022-10-21')).ok, true);
  await created(await api('/api/v1/contacts', { method: 'POST', cookie, body: { ...again, occurred_on: visit.occurred_on } }));
  c = await compliance(cookie);
  assert.equal(c.ok, true);
});

test('eligibility: who may answer for what is checked, with the reason beside the field', async () => {
  const cookie = await login('nanshi');
  const [leader] = await leaders(cookie);
  const cadres = (await api(`/api/v1/people?post=village_cadre&region=${PENGJIA}`, { cookie })).json.items;
  const entrepreneurs = (await api(`/api/v1/memberships?region=${TOWN}&date=${DAY}&page_size=1`, { cookie })).json.items;
  const target = entrepreneurs[0].person.id;
  const cases = [
    [{ level: 1, source: cadres[0].id, target, valid_from: DAY }, 'source', '只有本镇领导班子成员可以包保企业家'],
    [{ level: 1, source: leader.id, target: cadres[0].id, valid_from: DAY }, 'target', '此人当天不是商会会员（企业家）'],
    [{ level: 2, source: leader.id, target: PENGJIA, valid_from: DAY }, 'source', '只有驻该村或本镇的驻村干部可以包保村'],
    [{ level: 2, source: leader.id, target: `${PENGJIA}-01`, valid_from: DAY }, 'target', '第二级包保的对象应为村（社区）'],
    [{ level: 3, source: cadres[0].id, target: `${GANXI}-01`, valid_from: DAY }, 'source', '村干部只能包保本村的村民小组'],
    [{ level: 7, source: leader.id, target: PENGJIA }, 'level', '包保层级应为 1 至 6'],
    [{ level: 1, source: leader.id, target: '99999999', valid_from: DAY }, 'target', '找不到包保对象'],
    [{ level: 1, source: leader.id, target, valid_from: '2022-13-01' }, 'valid_from', undefined],
  ];
  for (const [body, field, message] of cases) {
    const res = await api('/api/v1/pairings', { method: 'POST', cookie, body });
    assert.equal(res.status, 422, JSON.stringify(body) + res.text);
    assert.ok(res.json.error.fields[field], `${JSON.stringify(body)}: ${res.text}`);
    if (message) assert.equal(res.json.error.fields[field], message);
  }
  // The same leader twice for the same entrepreneur on overlapping days.
  const pairs = (await api(`/api/v1/pairings?region=${TOWN}&level=1&date=${DAY}&source=${leader.id}`, { cookie })).json.items;
  const dup = await api('/api/v1/pairings', { method: 'POST', cookie, body: { level: 1, source: leader.id, target: pairs[0].target.id, valid_from: DAY } });
  assert.equal(dup.status, 422);
  assert.equal(dup.json.error.fields.source, '此人在这段时间已经包保该对象');
  // English for an English-speaking caller.
  const en = await api('/api/v1/pairings', { method: 'POST', cookie, headers: { 'accept-language': 'en' }, body: cases[0][0] });
  assert.equal(en.json.error.fields.source, "Only a member of the town's leadership team can answer for an entrepreneur");
  // Broken bodies: wrong types, unknown fields.
  for (const body of [{ level: 'one' }, { level: 1, source: 'x' }, { level: 1, extra: true }, { level: 1.5 }]) {
    const res = await api('/api/v1/pairings', { method: 'POST', cookie, body });
    assert.equal(res.status, 422, JSON.stringify(body));
  }
});

test('re-pairing ends the old row where the new one starts, and history keeps both', async () => {
  const cookie = await login('nanshi');
  const all = await leaders(cookie);
  const pairs = (await api(`/api/v1/pairings?region=${TOWN}&level=1&date=${DAY}&page_size=100`, { cookie })).json.items;
  assert.equal(pairs.length, 31);
  const old = pairs[0];
  const next = all.find((l) => l.id !== old.source.id);
  const moved = await api(`/api/v1/pairings/${old.id}`, { method: 'PATCH', cookie, body: { source: next.id, valid_from: '2022-11-01' } });
  assert.equal(moved.status, 200, moved.text);
  assert.equal(moved.json.source.id, next.id);
  assert.equal(moved.json.valid_from, '2022-11-01');
  assert.notEqual(moved.json.id, old.id);
  const history = (await api(`/api/v1/pairings?region=${TOWN}&level=1&all=true&page_size=200`, { cookie })).json.items.filter((p) => p.target.id === old.target.id);
  history.sort((a, b) => a.valid_from.localeCompare(b.valid_from));
  assert.deepEqual(history.map((p) => [p.source.id, p.valid_from, p.valid_to]), [[old.source.id, old.valid_from, '2022-11-01'], [next.id, '2022-11-01', null]]);
  // Either side of the change, exactly one leader.
  for (const date of [DAY, '2022-10-31', '2022-11-01', '2022-12-01']) assert.equal((await compliance(cookie, TOWN, date)).levels[0].over_total, 0, date);
  // The start of a pairing is history: not editable.
  const fixed = await api(`/api/v1/pairings/${moved.json.id}`, { method: 'PATCH', cookie, body: { valid_from: '2022-11-02' } });
  assert.equal(fixed.status, 422);
  // The audit log has the ending and the new row.
  const audit = (await api(`/api/v1/audit?entity=pairing&id=${old.id}`, { cookie })).json.items;
  assert.equal(audit[0].action, 'update');
  assert.equal(audit[0].after.valid_to, '2022-11-01');
});

test('a leader reads what is paired to him, whatever his region, and logs a visit', async () => {
  const admin = await login('admin');
  const nanshi = await login('nanshi');
  const [leader] = await leaders(nanshi);
  const mine = (await api(`/api/v1/pairings?source=${leader.id}&level=1&date=${DAY}`, { cookie: nanshi })).json.items;
  assert.ok(mine.length >= 3);
  // A user for him whose region is only 朋佳村: the town's pairings lie outside it.
  const username = uniqueName('leader');
  await created(await api('/api/v1/users', { method: 'POST', cookie: admin, body: { username, password: 'leader-pass-1', roles: ['leader'], view_region: PENGJIA, capture_region: PENGJIA, person: leader.id } }));
  const cookie = await login(username, 'leader-pass-1');
  const seen = (await api(`/api/v1/pairings?level=1&date=${DAY}&page_size=100`, { cookie })).json;
  assert.deepEqual(seen.items.map((p) => p.id).sort(), mine.map((p) => p.id).sort());
  assert.equal((await api(`/api/v1/pairings/${mine[0].id}`, { cookie })).status, 200);
  const others = (await api(`/api/v1/pairings?region=${TOWN}&level=1&date=${DAY}&page_size=100`, { cookie: nanshi })).json.items.filter((p) => p.source.id !== leader.id);
  assert.equal((await api(`/api/v1/pairings/${others[0].id}`, { cookie })).status, 404);
  // Pairing access reaches the registry: his entrepreneurs (paired today)
  // and their enterprises, outside 朋佳村; nobody else's.
  const today = (await api('/api/v1/pairings?level=1&page_size=100', { cookie })).json.items;
  const away = today.find((p) => p.target.region.code !== PENGJIA);
  assert.ok(away, 'one of his entrepreneurs lives outside 朋佳村');
  const entrepreneur = await api(`/api/v1/people/${away.target.id}`, { cookie });
  assert.equal(entrepreneur.status, 200, entrepreneur.text);
  const stranger = others.find((p) => p.target.region.code !== PENGJIA);
  assert.equal((await api(`/api/v1/people/${stranger.target.id}`, { cookie })).status, 404);
  const firms = (await api(`/api/v1/memberships?region=${TOWN}&page_size=100`, { cookie: nanshi })).json.items;
  const firm = firms.find((m) => m.person.id === away.target.id && m.enterprise);
  if (firm) assert.equal((await api(`/api/v1/enterprises/${firm.enterprise.id}`, { cookie })).status, 200);
  const listed = (await api(`/api/v1/people?q=${encodeURIComponent(away.target.name)}`, { cookie })).json.items;
  assert.ok(listed.some((p) => p.id === away.target.id));
  // A visit to one of his entrepreneurs (still his in 2023): no person given,
  // it is his own.
  const current = (await api(`/api/v1/pairings?level=1&date=2023-03-01&page_size=100`, { cookie })).json.items;
  const lateBefore = (await compliance(nanshi, TOWN, '2023-03-20')).overdue_total;
  const visit = await api('/api/v1/contacts', { method: 'POST', cookie, body: { target_kind: 'person', target: String(current[0].target.id), occurred_on: '2023-03-01', kind: 'visit', place: '企业车间', notes: '了解用工需求', request: { category: 'labour', title: '协调招工' } } });
  assert.equal(visit.status, 201, visit.text);
  assert.equal(visit.json.person.id, leader.id);
  assert.equal(visit.json.target.name, current[0].target.name);
  // ... but not to someone else's entrepreneur outside his region.
  const refused = await api('/api/v1/contacts', { method: 'POST', cookie, body: { target_kind: 'person', target: String(others[0].target.id), occurred_on: '2023-03-01', kind: 'visit' } });
  assert.equal(refused.status, 422);
  assert.ok(refused.json.error.fields.target);
  // The request raised on the visit (用工: 10 working days, due 2023-03-15)
  // is overdue after its day, until resolved.
  assert.equal(visit.json.requests.length, 1);
  const later = await compliance(nanshi, TOWN, '2023-03-20');
  assert.equal(later.overdue_total, lateBefore + 1);
  const late = later.overdue.find((o) => o.id === visit.json.requests[0].id);
  assert.equal(late.title, '协调招工');
  assert.equal(late.due_on, '2023-03-15');
  assert.equal(late.requester.name, current[0].target.name);
  assert.deepEqual(late.owner, { kind: 'person', id: leader.id, name: leader.name });
  // Who answers for that entrepreneur: him.
  const whose = (await api(`/api/v1/pairings?target_kind=person&target=${current[0].target.id}&date=2023-03-01`, { cookie: nanshi })).json.items;
  assert.deepEqual(whose.map((p) => p.source.id), [leader.id]);
  assert.equal((await api('/api/v1/pairings?target_kind=person', { cookie: nanshi })).status, 400);
  const done = await api(`/api/v1/requests/${late.id}/actions`, { method: 'POST', cookie, body: { action: 'resolve', note: '已招到工人' } });
  assert.equal(done.status, 200, done.text);
  assert.equal((await compliance(nanshi, TOWN, '2023-03-20')).overdue_total, lateBefore);
});

test('the county sees every town, the worst first', async () => {
  const c = await compliance(await login('lanshan'), COUNTY);
  assert.equal(c.ok, false);
  assert.ok(c.towns.length >= 19, String(c.towns.length));
  const [worst] = c.towns;
  assert.equal(worst.region.name, '所城镇');
  assert.ok(worst.gaps >= 3, JSON.stringify(worst));
  assert.equal(worst.levels[0].targets - worst.levels[0].covered, 1);
  const nanshi = c.towns.find((t) => t.region.code === TOWN);
  assert.equal(nanshi.ok, true);
  assert.deepEqual([nanshi.levels[0].targets, nanshi.levels[0].covered], [31, 31]);
  for (let i = 1; i < c.towns.length; i++) assert.ok(c.towns[i - 1].gaps >= c.towns[i].gaps);
  // Each quota line names the person's town.
  assert.ok(c.quotas.length > 0);
  for (const q of c.quotas) assert.ok(q.town && q.town.name.endsWith('镇'), JSON.stringify(q));
  assert.ok(c.quotas.some((q) => q.town.code === TOWN));
});

test('a village sees which rule governs it at each level, and where that rule is written', async () => {
  const c = await compliance(await login('pengjia'), PENGJIA);
  const [one, two, three] = c.levels;
  // Level 1's targets (entrepreneurs) are counted at their chamber's town: none in the
  // village, but the county's rule still applies to it.
  assert.deepEqual([one.targets, one.rule.region.code, one.rule.min, one.rule.max], [0, COUNTY, 1, 1]);
  assert.equal(two.rule.region.code, TOWN); // the town's own rule for villages
  assert.ok(three.targets > 0 && three.rule.region.name === '蓝山县');
  assert.equal(c.levels[4].rule, null); // no mentoring rule anywhere above the village
});

test('rules are data: the town can override the county, from a date', async () => {
  const cookie = await login('nanshi');
  const rules = (await api(`/api/v1/rules?region=${PENGJIA}&date=${DAY}`, { cookie })).json;
  assert.ok(rules.coverage.some((r) => r.region.code === COUNTY && r.level === 1 && r.max_sources === 1));
  assert.equal(rules.quota.length, 3);
  // From 2022-10-15 楠市镇 asks two leaders per entrepreneur: level 1 falls short.
  const override = await created(await api('/api/v1/rules/coverage', { method: 'POST', cookie, body: { region: TOWN, level: 1, min_sources: 2, valid_from: '2022-10-15', notes: '重点企业双包保' } }));
  let c = await compliance(cookie);
  assert.equal(c.levels[0].covered, 0);
  assert.equal(c.levels[0].uncovered_total, 31);
  assert.equal((await compliance(cookie, TOWN, '2022-10-14')).levels[0].covered, 31);
  // Ended, the county's rule governs again.
  const ended = await api(`/api/v1/rules/coverage/${override.id}`, { method: 'PATCH', cookie, body: { valid_to: '2022-10-16' } });
  assert.equal(ended.status, 200, ended.text);
  c = await compliance(cookie);
  assert.equal(c.ok, true);
  // Bad rules are refused field by field.
  const bad = await api('/api/v1/rules/coverage', { method: 'POST', cookie, body: { region: TOWN, level: 1, min_sources: 3, max_sources: 1, valid_from: '2022-01-01' } });
  assert.equal(bad.status, 422);
  assert.ok(bad.json.error.fields.max_sources);
  const filter = await api('/api/v1/rules/quota', { method: 'POST', cookie, body: { region: TOWN, source_filter: 'leadership_team OR 1=1', target_filter: 'activist', min_contacts: 1, period: 'year', valid_from: '2022-01-01' } });
  assert.equal(filter.status, 422);
  assert.ok(filter.json.error.fields.source_filter);
});

test('compliance kept by the writes equals compliance rebuilt from scratch, and computed whole', async () => {
  const admin = await login('admin');
  const nanshi = await login('nanshi');
  const strip = (c) => ({ ...c, aggregates: undefined });
  const first = await compliance(admin, COUNTY);
  const again = await compliance(admin, COUNTY);
  assert.equal(again.aggregates.computed, 0, 'every unit stored by the first answer');
  assert.ok(again.aggregates.read >= 2);
  assert.deepEqual(strip(again), strip(first));
  const chamber = (await api(`/api/v1/organizations?kind=chamber&region=${TOWN}&q=${encodeURIComponent('楠市镇商会')}`, { cookie: admin })).json.items.find((o) => o.name === '楠市镇商会');
  const [leader] = await leaders(admin);
  const other = '431127104';
  const villages = (await api(`/api/v1/regions?parent=${TOWN}&page_size=100`, { cookie: admin })).json.items.map((r) => r.code);
  const rnd = random(20221020);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const elsewhere = (await api(`/api/v1/regions?parent=${other}&page_size=100`, { cookie: admin })).json.items.map((r) => r.code);
  const made = { people: [], memberships: [], pairings: [], contacts: [], rules: [] };
  const members = [];
  const locals = []; // people of 楠市镇, whom its office may log visits to
  let paired = 0;
  const joined = [];
  let visited = 0;
  // After each write the stored answer is the one computed whole (a limit
  // past what stored parts keep): no part is left stale.
  const whole = async () => (await api(`/api/v1/compliance?region=${COUNTY}&date=${DAY}&limit=2001`, { cookie: admin })).json;
  const current = async (step) => {
    const kept = await compliance(admin, COUNTY);
    assert.deepEqual(strip(kept), strip(await whole()), `after write ${step}`);
  };
  for (let i = 0; i < 30; i += 1) {
    if (i > 0) await current(i);
    const op = rnd();
    if (op < 0.25) {
      // A new entrepreneur nobody answers for yet: a level-1 gap.
      const person = await created(await api('/api/v1/people', { method: 'POST', cookie: admin, body: { name: uniqueName('随机会员'), region: pick(villages) } }));
      made.people.push(person.id);
      made.memberships.push((await created(await api('/api/v1/memberships', { method: 'POST', cookie: admin, body: { chamber: chamber.id, person: person.id, post: 'member', joined_on: '2022-10-01', dues_status: 'paid' } }))).id);
      members.push(person.id);
      locals.push(person.id);
    } else if (op < 0.42 && members.length) {
      const target = members.splice(Math.floor(rnd() * members.length), 1)[0];
      made.pairings.push((await created(await api('/api/v1/pairings', { method: 'POST', cookie: admin, body: { level: 1, source: leader.id, target, valid_from: '2022-10-05' } }))).id);
      paired += 1;
    } else if (op < 0.6) {
      const target = pick(locals);
      if (!target) continue;
      made.contacts.push((await created(await api('/api/v1/contacts', { method: 'POST', cookie: nanshi, body: { person: leader.id, target_kind: 'person', target: String(target), occurred_on: `2022-10-1${Math.floor(rnd() * 9)}`, kind: 'visit' } }))).id);
    } else if (op < 0.72 && made.rules.length < 2) {
      // Another town asks each village for a resident cadre: its villages show as gaps.
      made.rules.push((await created(await api('/api/v1/rules/coverage', { method: 'POST', cookie: admin, body: { region: other, level: 2, min_sources: 1, valid_from: `2022-0${1 + made.rules.length}-01` } }))).id);
    } else if (op < 0.84) {
      // Someone living in another town joins 楠市镇's leadership team: judged
      // by 楠市镇's quotas from then on, though their home is elsewhere.
      const person = await created(await api('/api/v1/people', { method: 'POST', cookie: admin, body: { name: uniqueName('随机干部'), region: pick(elsewhere) } }));
      made.people.push(person.id);
      await created(await api(`/api/v1/people/${person.id}/posts`, { method: 'POST', cookie: admin, body: { kind: 'town_leader', region: TOWN, leadership_team: true, title: '挂职副镇长', valid_from: '2022-09-01' } }));
      joined.push(person.id);
    } else if (op < 0.92 && joined.length) {
      // One of them visits a wealth creator at home in the other town: the
      // visit is placed there, and counts towards a quota judged in 楠市镇.
      const host = await created(await api('/api/v1/people', { method: 'POST', cookie: admin, body: { name: uniqueName('随机能手'), region: pick(elsewhere), tags: ['wealth_creator'], tags_since: '2020-01-01' } }));
      made.people.push(host.id);
      made.contacts.push((await created(await api('/api/v1/contacts', { method: 'POST', cookie: admin, body: { person: pick(joined), target_kind: 'person', target: String(host.id), occurred_on: '2022-10-12', kind: 'visit' } }))).id);
      visited += 1;
    } else if (made.contacts.length) {
      const id = made.contacts.splice(Math.floor(rnd() * made.contacts.length), 1)[0];
      assert.equal((await api(`/api/v1/contacts/${id}`, { method: 'DELETE', cookie: admin })).status, 204);
    }
  }
  assert.ok(joined.length && visited && paired && made.rules.length, JSON.stringify({ joined, visited, paired, rules: made.rules.length }));
  const maintained = await compliance(admin, COUNTY);
  assert.ok(maintained.aggregates.computed > 0 && maintained.aggregates.computed < maintained.aggregates.read + maintained.aggregates.computed, JSON.stringify(maintained.aggregates));
  assert.equal(maintained.levels[0].targets, first.levels[0].targets + made.memberships.length, 'the writes show');
  assert.equal(maintained.levels[0].uncovered_total, first.levels[0].uncovered_total + made.memberships.length - paired);
  // Each new leader owes the town's two leadership quotas, short of visits.
  assert.equal(maintained.quotas_total, first.quotas_total + 2 * joined.length);
  assert.equal(maintained.quotas_failing, first.quotas_failing + 2 * joined.length);
  const computed = await whole();
  assert.equal(computed.aggregates.read, 0);
  assert.deepEqual(strip(maintained), strip(computed));
  const town = await compliance(admin, TOWN);
  const rebuilt = spawnSync(process.env.SL_BIN, ['figures', 'rebuild', '--db', process.env.SL_DB_URL], { encoding: 'utf8' });
  assert.equal(rebuilt.status, 0, rebuilt.stderr);
  const fresh = await compliance(admin, COUNTY);
  assert.equal(fresh.aggregates.computed, 0, 'the rebuild stored every unit');
  assert.deepEqual(strip(maintained), strip(fresh));
  assert.deepEqual(strip(town), strip(await compliance(admin, TOWN)));
  // Put things back.
  for (const id of made.contacts) assert.equal((await api(`/api/v1/contacts/${id}`, { method: 'DELETE', cookie: admin })).status, 204);
  for (const id of made.pairings) assert.equal((await api(`/api/v1/pairings/${id}`, { method: 'DELETE', cookie: admin })).status, 204);
  for (const id of made.memberships) assert.equal((await api(`/api/v1/memberships/${id}`, { method: 'DELETE', cookie: admin })).status, 204);
  for (const id of made.people) assert.equal((await api(`/api/v1/people/${id}`, { method: 'DELETE', cookie: admin })).status, 204);
  for (const id of made.rules) assert.equal((await api(`/api/v1/rules/coverage/${id}`, { method: 'DELETE', cookie: admin })).status, 204);
  assert.deepEqual(strip(await compliance(admin, COUNTY)), strip(first));
});
