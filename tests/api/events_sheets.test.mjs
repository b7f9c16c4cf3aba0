// Events in and out of Excel: last year's events and sign-in sheets (签到表)
// imported, a sign-in sheet with unknown names refused row by row with nothing
// written, exports that import back unchanged, and a large sign-in file with a
// mistake past its first 1,000 rows that leaves the roll as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, jobEnd, login, uniqueName, BASE } from './helpers.mjs';

const PENGJIA = '431127103224';

async function upload(cookie, kind, bytes, { dryRun = true, filename = 'ledger.csv' } = {}) {
  const res = await fetch(`${BASE}/api/v1/imports?kind=${kind}&dry_run=${dryRun}&filename=${encodeURIComponent(filename)}`, {
    method: 'POST',
    headers: { cookie, 'x-requested-with': 'shuanglun', 'content-type': filename.endsWith('.csv') ? 'text/csv' : 'application/octet-stream' },
    body: bytes,
  });
  const json = await res.json();
  if (res.status === 202) {
    const job = await jobEnd(cookie, json.job.id);
    return { status: job.state === 'done' ? 200 : 500, json: job.result ?? job, job };
  }
  return { status: res.status, json };
}

async function download(cookie, path) {
  const res = await fetch(BASE + path, { headers: { cookie } });
  return { status: res.status, buf: Buffer.from(await res.arrayBuffer()) };
}

const EVENTS = '活动类型,活动名称,所属区划,开始时间,结束时间,地点,主办单位,协办单位,议题,决议,未登记人数';
const SIGN_IN = '活动名称,活动日期,姓名,角色,出席情况';

test('templates for events and sign-in sheets download as workbooks', async () => {
  const cookie = await login('nanshi');
  for (const kind of ['events', 'attendance']) {
    const file = await download(cookie, `/api/v1/templates/${kind}.xlsx`);
    assert.equal(file.status, 200, kind);
    assert.equal(file.buf.subarray(0, 2).toString(), 'PK', kind);
  }
  // The county reads but may not import.
  const county = await upload(await login('lanshan'), 'events', `${EVENTS}\n`, { dryRun: true });
  assert.equal(county.status, 403);
});

test('last year\'s events and their sign-in sheets import; unknown names are named by row and nothing is written until fixed', async () => {
  const cookie = await login('nanshi');
  const title = uniqueName('村民代表会');
  const course = uniqueName('高素质农民培育');
  const events = [
    EVENTS,
    `村民代表会,${title},朋佳村,2021/11/5 14:30,,朋佳村部,朋佳村党支部,,审议集体经济项目,通过,0`,
    `高素质农民培育,${course},楠市镇,2021-06-18,2021-06-19,镇农技站,中共楠市镇委员会,湖南农业大学,花生栽培,,2`,
  ].join('\n');
  const dry = await upload(cookie, 'events', events);
  assert.equal(dry.status, 200, JSON.stringify(dry.json));
  assert.equal(dry.json.error_count, 0, JSON.stringify(dry.json.errors));
  assert.equal(dry.json.created, 2);
  const saved = await upload(cookie, 'events', events, { dryRun: false });
  assert.equal(saved.json.saved, true);
  const listed = await api(`/api/v1/events?from=2021-11-05&to=2021-11-05&q=${encodeURIComponent(title)}`, { cookie });
  assert.equal(listed.json.total, 1);
  assert.equal(listed.json.items[0].starts_at, '2021-11-05T14:30');
  assert.equal(listed.json.items[0].organizers[0].name, '朋佳村党支部');
  const training = (await api(`/api/v1/events?q=${encodeURIComponent(course)}&from=2021-01-01`, { cookie })).json.items[0];
  assert.equal(training.partners[0].name, '湖南农业大学');
  assert.equal(training.unregistered_count, 2);
  // The same file again: the same events, nothing new.
  const again = await upload(cookie, 'events', events, { dryRun: false });
  assert.deepEqual([again.json.created, again.json.updated, again.json.unchanged], [0, 0, 2]);

  // The sign-in sheet: two people on file, one name nobody has.
  const a = (await api('/api/v1/people', { method: 'POST', cookie, body: { name: uniqueName('签到'), region: PENGJIA } })).json;
  const b = (await api('/api/v1/people', { method: 'POST', cookie, body: { name: uniqueName('签到'), region: PENGJIA } })).json;
  const sheet = (third) => [SIGN_IN, `${title},2021-11-05,${a.name},主持,出席`, `${title},2021-11-05,${b.name},,请假`, `${title},2021-11-05,${third},,`].join('\n');
  const bad = await upload(cookie, 'attendance', sheet('查无此人'), { dryRun: false });
  assert.equal(bad.status, 200);
  assert.equal(bad.json.saved, false);
  assert.equal(bad.json.error_count, 1);
  assert.equal(bad.json.errors[0].row, 4);
  assert.equal(bad.json.errors[0].column, '姓名');
  assert.match(bad.json.errors[0].message, /查无此人/);
  assert.equal((await api(`/api/v1/events/${listed.json.items[0].id}/attendance`, { cookie })).json.total, 0, 'nothing imported');
  // Fixed: the third is a person on file.
  const fixed = await upload(cookie, 'attendance', sheet(a.name), { dryRun: false });
  assert.equal(fixed.json.saved, true, JSON.stringify(fixed.json.errors));
  assert.equal(fixed.json.created, 2, 'a person twice is one row');
  const roll = (await api(`/api/v1/events/${listed.json.items[0].id}/attendance`, { cookie })).json.items;
  const rowOf = (p) => roll.find((r) => r.person.id === p.id);
  assert.deepEqual([rowOf(a).role, rowOf(a).status, rowOf(a).source], ['host', 'present', 'import']);
  assert.equal(rowOf(b).status, 'excused');
});

test('the events and attendance exports import back unchanged', async () => {
  const cookie = await login('nanshi');
  for (const [kind, query] of [['events', 'from=2022-01-01&to=2022-12-31'], ['attendance', 'from=2022-03-01&to=2022-03-31']]) {
    const file = await download(cookie, `/api/v1/exports/${kind}.xlsx?${query}`);
    assert.equal(file.status, 200, kind);
    const back = await upload(cookie, kind, file.buf, { filename: `${kind}.xlsx`, dryRun: false });
    assert.equal(back.status, 200, kind);
    assert.equal(back.json.error_count, 0, `${kind}: ${JSON.stringify(back.json.errors.slice(0, 3))}`);
    assert.equal(back.json.created + back.json.updated, 0, kind);
    assert.ok(back.json.unchanged > 0, kind);
  }
});

test('a sign-in file of 1,200 rows with a mistake in its last row leaves the roll as it was', async () => {
  const cookie = await login('nanshi');
  const title = uniqueName('大会');
  const e = (await api('/api/v1/events', { method: 'POST', cookie, body: { kind: 'party_training', title, region: '431127103', starts_at: '2033-01-10' } })).json;
  // 1,199 people on file (through an import of people), one of them already present.
  const prefix = uniqueName('名册');
  const people = ['姓名,所属区划', ...Array.from({ length: 1199 }, (_, i) => `${prefix}${i},431127103224`)].join('\n');
  assert.equal((await upload(cookie, 'people', people, { dryRun: false })).json.saved, true);
  const first = (await api(`/api/v1/people?q=${encodeURIComponent(`${prefix}0`)}&region=431127103224`, { cookie })).json.items.find((p) => p.name === `${prefix}0`);
  await api(`/api/v1/events/${e.id}/attendance`, { method: 'POST', cookie, body: { person_id: first.id, status: 'present' } });
  const rows = Array.from({ length: 1199 }, (_, i) => `${title},2033-01-10,${prefix}${i},,${i === 0 ? '缺席' : '出席'}`);
  rows.push(`${title},2033-01-10,${prefix}无此人,,`);
  const res = await upload(cookie, 'attendance', [SIGN_IN, ...rows].join('\n'), { dryRun: false });
  assert.ok(res.job, 'more than 1,000 rows run as a job');
  assert.equal(res.json.saved ?? false, false);
  const roll = (await api(`/api/v1/events/${e.id}/attendance`, { cookie })).json;
  assert.equal(roll.total, 1);
  assert.equal(roll.items[0].status, 'present', 'the changed row is back as it was');
});
