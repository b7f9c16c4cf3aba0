// The region tree and its search, as the demo users browse it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login } from './helpers.mjs';

const q = (s) => encodeURIComponent(s);

test('楠市镇 has its 18 villages, 朋佳村 among them, in pinyin order', async () => {
  const cookie = await login('nanshi');
  const res = await api('/api/v1/regions?parent=431127103', { cookie });
  assert.equal(res.status, 200);
  assert.equal(res.json.total, 18);
  assert.equal(res.json.items.length, 18);
  const pengjia = res.json.items.find((r) => r.code === '431127103224');
  assert.ok(pengjia);
  assert.equal(pengjia.name, '朋佳村');
  assert.equal(pengjia.official_name, '朋佳村委会');
  assert.equal(pengjia.level, 'village');
  assert.equal(pengjia.parent, '431127103');
  assert.equal(pengjia.has_children, true); // its village groups
  for (const code of ['431127103210', '431127103228', '431127103003']) {
    assert.ok(res.json.items.some((r) => r.code === code), code);
  }
  // Pinyin order: 大元井村 (da) before 甘溪村 (gan) before 朋佳村 (peng) before 镇西村 (zhen).
  const names = res.json.items.map((r) => r.name);
  assert.ok(names.indexOf('大元井村') < names.indexOf('甘溪村'));
  assert.ok(names.indexOf('甘溪村') < names.indexOf('朋佳村'));
  assert.ok(names.indexOf('朋佳村') < names.indexOf('镇西村'));
});

test('the county user browses 蓝山县 from its root down', async () => {
  const cookie = await login('lanshan');
  const roots = await api('/api/v1/regions', { cookie });
  assert.equal(roots.status, 200);
  assert.deepEqual(roots.json.items.map((r) => r.code), ['431127']);
  assert.deepEqual(roots.json.items[0].ancestors.map((a) => a.name), ['湖南省', '永州市']);
  const towns = await api('/api/v1/regions?parent=431127', { cookie });
  assert.equal(towns.status, 200);
  assert.ok(towns.json.items.some((r) => r.code === '431127103' && r.name === '楠市镇' && r.has_children));
});

test('the administrator starts from the provinces', async () => {
  const cookie = await login('admin');
  const roots = await api('/api/v1/regions', { cookie });
  assert.deepEqual(roots.json.items.map((r) => [r.code, r.name]), [['43', '湖南省']]);
});

for (const text of ['楠市镇', '楠市鎮', 'nanshizhen', 'nsz', 'NSZ']) {
  test(`searching "${text}" finds 楠市镇 first`, async () => {
    const cookie = await login('lanshan');
    const res = await api(`/api/v1/regions?q=${q(text)}`, { cookie });
    assert.equal(res.status, 200);
    assert.ok(res.json.total >= 1);
    const first = res.json.items[0];
    assert.equal(first.code, '431127103');
    assert.deepEqual(first.ancestors.map((a) => a.name), ['湖南省', '永州市', '蓝山县']);
  });
}

test('searching by pinyin initials finds 朋佳村', async () => {
  const cookie = await login('nanshi');
  const res = await api(`/api/v1/regions?q=pjc`, { cookie });
  assert.equal(res.status, 200);
  assert.equal(res.json.items[0].code, '431127103224');
});

test('one region answers with its ancestors', async () => {
  const cookie = await login('nanshi');
  const res = await api('/api/v1/regions/431127103224', { cookie });
  assert.equal(res.status, 200);
  assert.equal(res.json.name, '朋佳村');
  assert.deepEqual(res.json.ancestors.map((a) => a.code), ['43', '4311', '431127', '431127103']);
});

test('a village secretary sees their village and nothing of the others', async () => {
  const cookie = await login('pengjia');
  const own = await api('/api/v1/regions/431127103224', { cookie });
  assert.equal(own.status, 200);
  const other = await api('/api/v1/regions/431127103228', { cookie });
  assert.equal(other.status, 404);
  const siblings = await api('/api/v1/regions?parent=431127103', { cookie });
  assert.deepEqual(siblings.json.items.map((r) => r.code), ['431127103224']);
  const search = await api(`/api/v1/regions?q=${q('甘溪')}`, { cookie });
  assert.equal(search.json.total, 0);
  const roots = await api('/api/v1/regions', { cookie });
  assert.deepEqual(roots.json.items.map((r) => r.code), ['431127103224']);
});

test('search pages and counts', async () => {
  const cookie = await login('lanshan');
  const all = await api(`/api/v1/regions?q=${q('村')}&page_size=5`, { cookie });
  assert.equal(all.status, 200);
  assert.equal(all.json.items.length, 5);
  assert.ok(all.json.total > 100);
  const page2 = await api(`/api/v1/regions?q=${q('村')}&page_size=5&page=2`, { cookie });
  assert.notDeepEqual(page2.json.items.map((r) => r.code), all.json.items.map((r) => r.code));
  const wild = await api(`/api/v1/regions?q=${q('%')}`, { cookie });
  assert.equal(wild.json.total, 0);
});
