// 村民小组 in and out of Excel: 朋佳村's secretary imports his groups — a new
// one added (numbered after the last), one renamed by its 编号, one retired —
// a file with a bad row writes nothing, and the export imports back
// unchanged. Official regions cannot be named as a group's village.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, BASE } from './helpers.mjs';

const PENGJIA = '431127103224';
const HEAD = '编号,小组编码,所属村,小组名称,状态';
// Unique on every run; at most 20 characters.
const RUN = Date.now().toString(36).slice(-5);

async function upload(cookie, bytes, { dryRun = true, filename = 'groups.csv' } = {}) {
  const res = await fetch(`${BASE}/api/v1/imports?kind=groups&dry_run=${dryRun}&filename=${encodeURIComponent(filename)}`, {
    method: 'POST',
    headers: { cookie, 'x-requested-with': 'shuanglun', 'content-type': filename.endsWith('.csv') ? 'text/csv' : 'application/octet-stream' },
    body: bytes,
  });
  return { status: res.status, json: await res.json() };
}

async function download(cookie, path) {
  const res = await fetch(BASE + path, { headers: { cookie } });
  return { status: res.status, buf: Buffer.from(await res.arrayBuffer()) };
}

const groups = async (cookie) => (await api(`/api/v1/regions/${PENGJIA}/groups`, { cookie })).json.items;

test('the village secretary adds, renames and retires groups from a sheet; a bad row writes nothing', async () => {
  const cookie = await login('pengjia');
  const template = await download(cookie, '/api/v1/templates/groups.xlsx');
  assert.equal(template.status, 200);
  assert.equal(template.buf.subarray(0, 2).toString(), 'PK');
  const before = await groups(cookie);
  const first = before.find((g) => !g.retired_on);
  const added = `新${RUN}组`, renamed = `改${RUN}组`, retired = `停${RUN}组`;
  // A group to retire, added through the form.
  const spare = await api(`/api/v1/regions/${PENGJIA}/groups`, { method: 'POST', cookie, body: { name: retired } });
  assert.equal(spare.status, 201);
  const rows = [
    HEAD,
    `,,朋佳村,${added},在用`,
    `${first.id},${first.code},朋佳村,${renamed},`,
    `${spare.json.id},${spare.json.code},${PENGJIA},${retired},停用`,
  ];
  // With a bad row (an official region as the village, a state that is no state): nothing is written.
  const bad = await upload(cookie, [...rows, `,,楠市镇,坏组${RUN},在用`, `,,朋佳村,坏${RUN}组,作废`].join('\n'), { dryRun: false });
  assert.equal(bad.status, 200, JSON.stringify(bad.json));
  assert.equal(bad.json.error_count, 2, JSON.stringify(bad.json.errors));
  assert.deepEqual(bad.json.errors.map((e) => e.row), [5, 6]); // the header is row 1
  assert.equal((await groups(cookie)).length, before.length + 1, 'nothing written');

  const dry = await upload(cookie, rows.join('\n'));
  assert.equal(dry.json.error_count, 0, JSON.stringify(dry.json.errors));
  assert.deepEqual([dry.json.created, dry.json.updated], [1, 2]);
  const saved = await upload(cookie, rows.join('\n'), { dryRun: false });
  assert.equal(saved.json.saved, true, JSON.stringify(saved.json));
  const after = await groups(cookie);
  const made = after.find((g) => g.name === added);
  assert.ok(made, 'the new group is there');
  const last = Math.max(...after.filter((g) => g !== made).map((g) => Number(g.code.split('-')[1])));
  assert.equal(Number(made.code.split('-')[1]), last + 1, 'numbered after the last');
  assert.equal(after.find((g) => g.id === first.id).name, renamed);
  assert.ok(after.find((g) => g.id === spare.json.id).retired_on, 'retired');
  // The same file again changes nothing.
  const again = await upload(cookie, rows.map((r, i) => (i === 1 ? `${made.id},${made.code},朋佳村,${added},在用` : r)).join('\n'));
  assert.deepEqual([again.json.created, again.json.updated], [0, 0], JSON.stringify(again.json));
  // Put the demo's name back.
  await api(`/api/v1/regions/${first.code}`, { method: 'PATCH', cookie, body: { name: first.name } });
});

test('the groups export imports back unchanged; the county may not import', async () => {
  const cookie = await login('pengjia');
  const file = await download(cookie, `/api/v1/exports/groups.xlsx?region=${PENGJIA}`);
  assert.equal(file.status, 200);
  const back = await upload(cookie, file.buf, { filename: 'groups.xlsx' });
  assert.equal(back.status, 200, JSON.stringify(back.json));
  assert.equal(back.json.error_count, 0, JSON.stringify(back.json.errors));
  assert.ok(back.json.rows >= 4);
  assert.equal(back.json.unchanged, back.json.rows);
  const county = await upload(await login('lanshan'), `${HEAD}\n,,朋佳村,县组${RUN},在用`);
  assert.equal(county.status, 403);
});
