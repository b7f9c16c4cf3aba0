// The registry as the town office and a village secretary use it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, uniqueName } from './helpers.mjs';
import { validIdCard, validUscc } from './codes.mjs';

const PENGJIA = '431127103224';
const GANXI = '431127103228';
let n = 100;

// A valid number with its check character changed: wrong by exactly one character.
function brokenIdCard() {
  const good = validIdCard(77);
  return good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
}

test('a person is created, changed, deleted, and every step is in the history', async () => {
  const cookie = await login('nanshi');
  n += 1;
  const idCard = validIdCard(n);
  const created = await api('/api/v1/people', {
    method: 'POST',
    cookie,
    body: { name: '曾进龙', region: PENGJIA, id_card: idCard, phone: '138-0000-1234', tags: ['致富能手'] },
  });
  assert.equal(created.status, 201, created.text);
  const p = created.json;
  assert.equal(p.id_card_masked, `${idCard.slice(0, 6)}********${idCard.slice(14)}`);
  assert.equal(JSON.stringify(p).includes(idCard), false, 'the full ID-card number is never returned');
  assert.equal(p.birth_date.slice(0, 4), '1980');
  assert.equal(p.phone, '13800001234');
  assert.deepEqual(p.tags, ['wealth_creator']);

  const changed = await api(`/api/v1/people/${p.id}`, {
    method: 'PATCH', cookie, body: { notes: '种植能手', tags: ['wealth_creator', 'entrepreneur'], version: p.version },
  });
  assert.equal(changed.status, 200, changed.text);
  assert.deepEqual(changed.json.tags, ['entrepreneur', 'wealth_creator']);
  const stale = await api(`/api/v1/people/${p.id}`, { method: 'PATCH', cookie, body: { notes: 'x', version: p.version } });
  assert.equal(stale.status, 409);

  const gone = await api(`/api/v1/people/${p.id}`, { method: 'DELETE', cookie });
  assert.equal(gone.status, 204);
  assert.equal((await api(`/api/v1/people/${p.id}`, { cookie })).status, 404);

  const history = await api(`/api/v1/audit?entity=person&id=${p.id}`, { cookie });
  assert.deepEqual(history.json.items.map((r) => r.action), ['delete', 'update', 'create']);
  assert.equal(history.json.items[1].after.notes, '种植能手');
  assert.equal(JSON.stringify(history.json).includes(idCard), false);
});

test('mistakes answer 422 with a message beside each field, and nothing is written', async () => {
  const cookie = await login('nanshi');
  const before = (await api('/api/v1/people?page_size=1', { cookie })).json.total;
  const bad = await api('/api/v1/people', {
    method: 'POST',
    cookie,
    headers: { 'accept-language': 'zh-CN' },
    body: { name: '', region: '431127102', id_card: brokenIdCard(), phone: '12345', gender: '男', tags: ['能人'] },
  });
  assert.equal(bad.status, 422);
  const f = bad.json.error.fields;
  assert.equal(f.name, '必填');
  assert.equal(f.region, '超出您的管辖范围');
  assert.match(f.id_card, /校验|最后一位/);
  assert.ok(f.phone);
  assert.match(f.tags, /致富能手/);
  // A date that is no calendar day is refused as the body is read.
  const day = await api('/api/v1/people', { method: 'POST', cookie, headers: { 'accept-language': 'zh-CN' }, body: { name: '张三', region: '431127103224', birth_date: '2022-02-30' } });
  assert.equal(day.status, 422);
  assert.equal(day.json.error.fields.birth_date, '日期格式应为 2022-10-20');
  const after = (await api('/api/v1/people?page_size=1', { cookie })).json.total;
  assert.equal(after, before);
});

test('an ID card fixes gender and birth date, and a second person cannot reuse it', async () => {
  const cookie = await login('nanshi');
  n += 1;
  const idCard = validIdCard(n);
  const mismatch = await api('/api/v1/people', {
    method: 'POST', cookie, body: { name: '李四', region: PENGJIA, id_card: idCard, birth_date: '1990-01-01' },
  });
  assert.equal(mismatch.status, 422);
  assert.match(mismatch.json.error.fields.birth_date, /1980-/);
  const ok = await api('/api/v1/people', { method: 'POST', cookie, body: { name: '李四', region: PENGJIA, id_card: idCard } });
  assert.equal(ok.status, 201);
  const twice = await api('/api/v1/people', { method: 'POST', cookie, body: { name: '李四四', region: PENGJIA, id_card: idCard.toLowerCase() } });
  assert.equal(twice.status, 422);
  assert.equal(twice.json.error.fields.id_card, '已有人员使用这个身份证号码');
});

test('party stages move one step at a time, with their history', async () => {
  const cookie = await login('nanshi');
  const created = await api('/api/v1/people', {
    method: 'POST', cookie, body: { name: uniqueName('王'), region: PENGJIA, party_stage: { stage: 'activist', since: '2021-03-01' } },
  });
  assert.equal(created.status, 201, created.text);
  const id = created.json.id;
  const skip = await api(`/api/v1/people/${id}/party-stages`, { method: 'POST', cookie, body: { stage: 'full', since: '2022-03-01' } });
  assert.equal(skip.status, 422);
  assert.equal(skip.json.error.fields.stage, '从“入党积极分子”不能直接到“正式党员”，下一步应为“发展对象”');
  for (const [stage, since] of [['candidate', '2021-09-01'], ['probationary', '2022-03-01'], ['full', '2023-03-01']]) {
    const res = await api(`/api/v1/people/${id}/party-stages`, { method: 'POST', cookie, body: { stage, since } });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.party_stage.stage, stage);
  }
  const back = await api(`/api/v1/people/${id}/party-stages`, { method: 'POST', cookie, body: { stage: 'candidate', since: '2023-06-01' } });
  assert.equal(back.status, 422);
  const detail = await api(`/api/v1/people/${id}`, { cookie });
  assert.deepEqual(detail.json.party_stages.map((s) => [s.stage, s.valid_from, s.valid_to]), [
    ['activist', '2021-03-01', '2021-09-01'],
    ['candidate', '2021-09-01', '2022-03-01'],
    ['probationary', '2022-03-01', '2023-03-01'],
    ['full', '2023-03-01', null],
  ]);
  const members = await api('/api/v1/people?party_stage=full&page_size=200', { cookie });
  assert.ok(members.json.items.some((p) => p.id === id));
});

test('posts are given and ended, and list filters follow them', async () => {
  const cookie = await login('nanshi');
  const p = (await api('/api/v1/people', { method: 'POST', cookie, body: { name: uniqueName('赵'), region: PENGJIA } })).json;
  const given = await api(`/api/v1/people/${p.id}/posts`, {
    method: 'POST', cookie, body: { kind: 'resident_cadre', region: PENGJIA, title: '驻村第一书记', valid_from: '2021-01-01' },
  });
  assert.equal(given.status, 201, given.text);
  let list = await api('/api/v1/people?post=resident_cadre&page_size=200', { cookie });
  assert.ok(list.json.items.some((x) => x.id === p.id));
  const ended = await api(`/api/v1/posts/${given.json.id}`, { method: 'PATCH', cookie, body: { valid_to: '2022-06-30' } });
  assert.equal(ended.status, 200);
  list = await api('/api/v1/people?post=resident_cadre&page_size=200', { cookie });
  assert.equal(list.json.items.some((x) => x.id === p.id), false);
  const detail = await api(`/api/v1/people/${p.id}`, { cookie });
  assert.equal(detail.json.post_history[0].valid_to, '2022-06-30');
});

test('people are found by characters, Traditional characters, pinyin and initials, in pinyin order', async () => {
  const cookie = await login('nanshi');
  const name = '欧阳曾长';
  await api('/api/v1/people', { method: 'POST', cookie, body: { name, region: PENGJIA } });
  for (const q of ['欧阳曾长', '歐陽曾長', 'ouyang', 'oyzc', 'OYZZ']) {
    const res = await api(`/api/v1/people?q=${encodeURIComponent(q)}`, { cookie });
    assert.ok(res.json.items.some((p) => p.name === name), q);
  }
  for (const nm of ['阿强', '白兰', '蔡文']) await api('/api/v1/people', { method: 'POST', cookie, body: { name: nm, region: PENGJIA } });
  const sorted = await api('/api/v1/people?page_size=200&region=' + PENGJIA, { cookie });
  const names = sorted.json.items.map((p) => p.name);
  assert.ok(names.indexOf('阿强') < names.indexOf('白兰') && names.indexOf('白兰') < names.indexOf('蔡文'));
});

test('a village secretary sees and edits only the people of the village', async () => {
  const town = await login('nanshi');
  const other = (await api('/api/v1/people', { method: 'POST', cookie: town, body: { name: uniqueName('甘溪'), region: GANXI } })).json;
  const own = (await api('/api/v1/people', { method: 'POST', cookie: town, body: { name: uniqueName('朋佳'), region: PENGJIA } })).json;
  const cookie = await login('pengjia');
  assert.equal((await api(`/api/v1/people/${other.id}`, { cookie })).status, 404);
  assert.equal((await api(`/api/v1/people/${other.id}`, { method: 'PATCH', cookie, body: { notes: 'x' } })).status, 404);
  // Searched by name: the village holds thousands once the import tests ran.
  const named = async (p) => (await api(`/api/v1/people?page_size=200&q=${encodeURIComponent(p.name)}`, { cookie })).json.items;
  assert.equal((await named(other)).some((p) => p.id === other.id), false);
  assert.ok((await named(own)).some((p) => p.id === own.id));
  const list = await api('/api/v1/people?page_size=200', { cookie });
  assert.ok(list.json.items.every((p) => p.region.code === PENGJIA));
  const move = await api(`/api/v1/people/${own.id}`, { method: 'PATCH', cookie, body: { region: GANXI } });
  assert.equal(move.status, 422);
  assert.equal(move.json.error.fields.region, '超出您的管辖范围');
});

test('the county sees phones masked and cannot write', async () => {
  const town = await login('nanshi');
  const p = (await api('/api/v1/people', { method: 'POST', cookie: town, body: { name: uniqueName('钱'), region: PENGJIA, phone: '13912345678' } })).json;
  const cookie = await login('lanshan');
  const seen = await api(`/api/v1/people/${p.id}`, { cookie });
  assert.equal(seen.json.phone, '139****5678');
  assert.equal((await api('/api/v1/people', { method: 'POST', cookie, body: { name: 'x', region: PENGJIA } })).status, 403);
});

test('enterprises validate their credit code and name their legal representative', async () => {
  const cookie = await login('chamber');
  const rep = (await api('/api/v1/people', { method: 'POST', cookie, body: { name: uniqueName('孙'), region: PENGJIA } })).json;
  const uscc = validUscc(4242);
  const bad = await api('/api/v1/enterprises', {
    method: 'POST', cookie, body: { name: '坏代码公司', uscc: uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0'), industry: 'manufacturing', region: PENGJIA },
  });
  assert.equal(bad.status, 422);
  assert.match(bad.json.error.fields.uscc, /应为/);
  const made = await api('/api/v1/enterprises', {
    method: 'POST', cookie,
    body: { name: '楠市面条加工厂', uscc: uscc.toLowerCase(), industry: '制造业', region: '431127103003', legal_representative: rep.id, registered_capital_fen: 50000000, founded_on: '2016-04-12' },
  });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.uscc, uscc);
  assert.equal(made.json.industry, 'manufacturing');
  assert.equal(made.json.founded_on, '2016-04-12');
  assert.equal(made.json.legal_representative.name, rep.name);
  const dup = await api('/api/v1/enterprises', { method: 'POST', cookie, body: { name: '另一家', uscc, industry: 'other', region: PENGJIA } });
  assert.equal(dup.status, 422);
  const found = await api(`/api/v1/enterprises?q=${encodeURIComponent('面条')}`, { cookie });
  assert.ok(found.json.items.some((e) => e.id === made.json.id));
  const byCode = await api(`/api/v1/enterprises?q=${uscc.slice(0, 12)}`, { cookie });
  assert.ok(byCode.json.items.some((e) => e.id === made.json.id));
  const rep2 = await api(`/api/v1/people/${rep.id}`, { cookie });
  assert.equal(rep2.json.enterprises[0].uscc, uscc);
});

test('organizations keep members with posts and dates', async () => {
  const cookie = await login('nanshi');
  const branch = await api('/api/v1/organizations', { method: 'POST', cookie, body: { kind: '党支部', name: uniqueName('朋佳村党支部'), region: PENGJIA } });
  assert.equal(branch.status, 201, branch.text);
  const p = (await api('/api/v1/people', { method: 'POST', cookie, body: { name: uniqueName('周'), region: PENGJIA } })).json;
  const member = await api(`/api/v1/organizations/${branch.json.id}/members`, { method: 'POST', cookie, body: { person: p.id, post: 'secretary', valid_from: '2021-01-01' } });
  assert.equal(member.status, 201, member.text);
  const again = await api(`/api/v1/organizations/${branch.json.id}/members`, { method: 'POST', cookie, body: { person: p.id, post: 'member', valid_from: '2021-01-01' } });
  assert.equal(again.status, 422);
  const detail = await api(`/api/v1/organizations/${branch.json.id}`, { cookie });
  assert.equal(detail.json.members, 1);
  assert.equal(detail.json.member_list[0].person.id, p.id);
  const dupe = await api('/api/v1/organizations', { method: 'POST', cookie, body: { kind: 'party_branch', name: branch.json.name, region: PENGJIA } });
  assert.equal(dupe.status, 422);
});

test('chamber figures count members, party members, enterprises and capital on a date', async () => {
  const cookie = await login('nanshi');
  const chamber = (await api('/api/v1/organizations', { method: 'POST', cookie, body: { kind: 'chamber', name: uniqueName('测试商会'), region: '431127103003' } })).json;
  const region = '431127103003';
  const before = (await api(`/api/v1/stats/chamber?region=${region}&date=2022-10-20`, { cookie })).json;
  const a = (await api('/api/v1/people', { method: 'POST', cookie, body: { name: uniqueName('甲'), region, party_stage: { stage: 'full', since: '2010-01-01' } } })).json;
  const b = (await api('/api/v1/people', { method: 'POST', cookie, body: { name: uniqueName('乙'), region } })).json;
  const e = (await api('/api/v1/enterprises', { method: 'POST', cookie, body: { name: uniqueName('甲公司'), uscc: validUscc(8801), industry: 'agriculture', region, registered_capital_fen: 12345600 } })).json;
  for (const [p, ent, joined] of [[a, e, '2022-03-01'], [b, null, '2022-11-01']]) {
    const res = await api('/api/v1/memberships', { method: 'POST', cookie, body: { chamber: chamber.id, person: p.id, enterprise: ent?.id, post: 'member', joined_on: joined, dues_status: 'paid' } });
    assert.equal(res.status, 201, res.text);
  }
  const after = (await api(`/api/v1/stats/chamber?region=${region}&date=2022-10-20`, { cookie })).json;
  assert.equal(after.members - before.members, 1); // b joined after that day
  assert.equal(after.party_members - before.party_members, 1);
  assert.equal(after.enterprises - before.enterprises, 1);
  assert.equal(after.registered_capital_fen - before.registered_capital_fen, 12345600);
  const later = (await api(`/api/v1/stats/chamber?region=${region}&date=2022-12-01`, { cookie })).json;
  assert.equal(later.members - before.members, 2);
  assert.equal((await api(`/api/v1/stats/chamber?region=${region}&date=2022-13-01`, { cookie })).status, 400);
});

