// Villager groups (村民小组) kept by the village: 朋佳村's secretary adds,
// renames and retires them; a new group is numbered after the last and can be
// paired at level 3 (村干部包组包片); a retired group keeps its history and is
// judged no more; official regions are never edited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, uniqueName } from './helpers.mjs';

const PENGJIA = '431127103224';
const TODAY = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10); // China's day

test('the village secretary adds, renames and retires a group; numbers are never reused', async () => {
  const pengjia = await login('pengjia');
  const before = (await api(`/api/v1/regions/${PENGJIA}/groups`, { cookie: pengjia })).json.items;
  assert.ok(before.length >= 4, 'the demo village has its groups');
  const last = Math.max(...before.map((g) => Number(g.code.split('-')[1])));
  const name = uniqueName('组');
  const made = await api(`/api/v1/regions/${PENGJIA}/groups`, { method: 'POST', cookie: pengjia, body: { name: ` ${name} ` } });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.code, `${PENGJIA}-${String(last + 1).padStart(2, '0')}`);
  assert.equal(made.json.name, name);
  assert.equal(made.json.level, 'group');
  assert.equal(made.json.retired_on, null);
  // The same name again: refused on the field.
  const twice = await api(`/api/v1/regions/${PENGJIA}/groups`, { method: 'POST', cookie: pengjia, body: { name } });
  assert.equal(twice.status, 422);
  assert.match(twice.json.error.fields.name, /同名/);
  for (const bad of ['', '   ', 'a\u0000b', '很长的名字'.repeat(5)]) {
    const res = await api(`/api/v1/regions/${PENGJIA}/groups`, { method: 'POST', cookie: pengjia, body: { name: bad } });
    assert.equal(res.status, 422, JSON.stringify(bad));
    assert.ok(res.json.error.fields.name);
  }
  assert.equal((await api(`/api/v1/regions/${PENGJIA}/groups`, { method: 'POST', cookie: pengjia, body: { name: 'x', colour: 1 } })).status, 422);
  // Renamed, found by its new name's initials, retired, brought back.
  const renamed = await api(`/api/v1/regions/${made.json.code}`, { method: 'PATCH', cookie: pengjia, body: { name: '新河组' } });
  assert.equal(renamed.status, 200, renamed.text);
  assert.equal(renamed.json.name, '新河组');
  const found = await api(`/api/v1/regions?q=xhz`, { cookie: pengjia });
  assert.ok(found.json.items.some((r) => r.code === made.json.code));
  const retired = await api(`/api/v1/regions/${made.json.code}`, { method: 'PATCH', cookie: pengjia, body: { retired: true } });
  assert.equal(retired.json.retired_on, TODAY);
  const listed = (await api(`/api/v1/regions/${PENGJIA}/groups`, { cookie: pengjia })).json.items;
  assert.equal(listed.find((g) => g.code === made.json.code).retired_on, TODAY, 'a retired group is still listed');
  // A new group takes the next number, not the retired one's.
  const next = await api(`/api/v1/regions/${PENGJIA}/groups`, { method: 'POST', cookie: pengjia, body: { name: '新河组' } });
  assert.equal(next.status, 201, 'a retired group\'s name is free again');
  assert.equal(next.json.code, `${PENGJIA}-${String(last + 2).padStart(2, '0')}`);
  const history = await api(`/api/v1/audit?entity=region&id=${made.json.id}`, { cookie: await login('nanshi') });
  assert.deepEqual(history.json.items.map((h) => h.action).sort(), ['create', 'update', 'update']);
  // Official regions are not edited; a town's groups are not the village's to add.
  assert.equal((await api(`/api/v1/regions/${PENGJIA}`, { method: 'PATCH', cookie: pengjia, body: { name: '朋佳' } })).status, 403);
  assert.equal((await api('/api/v1/regions/431127103/groups', { method: 'POST', cookie: await login('nanshi'), body: { name: '一组' } })).status, 404);
});

test('a new group is paired at level 3 and judged from the day it was added; a retired one no more', async () => {
  const nanshi = await login('nanshi');
  const made = (await api(`/api/v1/regions/${PENGJIA}/groups`, { method: 'POST', cookie: nanshi, body: { name: uniqueName('组') } })).json;
  const level3 = async (date) => {
    const res = await api(`/api/v1/compliance?region=${PENGJIA}&date=${date}&limit=500`, { cookie: nanshi });
    assert.equal(res.status, 200, res.text);
    return res.json.levels.find((l) => l.level === 3);
  };
  // Not judged on a day before it existed: the demo's 2022 stays as it was.
  assert.equal((await level3('2022-10-20')).uncovered.some((g) => g.target.id === made.id), false);
  // Judged today: uncovered until a cadre of the village answers for it.
  assert.ok((await level3(TODAY)).uncovered.some((g) => g.target.id === made.id));
  const cadre = (await api(`/api/v1/people?post=village_cadre&region=${PENGJIA}&page_size=1`, { cookie: nanshi })).json.items[0];
  const paired = await api('/api/v1/pairings', { method: 'POST', cookie: nanshi, body: { level: 3, source: cadre.id, target: made.code, valid_from: TODAY } });
  assert.equal(paired.status, 201, paired.text);
  assert.equal((await level3(TODAY)).uncovered.some((g) => g.target.id === made.id), false);
  // Retired: no longer a target, its pairing kept in the history.
  await api(`/api/v1/regions/${made.code}`, { method: 'PATCH', cookie: nanshi, body: { retired: true } });
  const after = await level3(TODAY);
  assert.equal(after.uncovered.some((g) => g.target.id === made.id), false);
  const kept = await api(`/api/v1/pairings?target_kind=region&target=${made.id}&all=true`, { cookie: nanshi });
  assert.equal(kept.json.total, 1);
});
