// Imports as background jobs: a large file answers 202 with a job that other
// writers do not wait for; the import stays all or nothing as users see it,
// when the file has a mistake past the first chunks and when the server is
// killed half-way (kill -9, then a restart takes back what it wrote).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import { api, jobEnd, login, uniqueName, BASE } from './helpers.mjs';

const PENGJIA = '431127103224'; // 朋佳村, 楠市镇
const HEADER = '编号,姓名,性别,手机号码,所属区划,备注';

// A people CSV: `rows` are arrays in HEADER's order.
function csv(rows) {
  return [HEADER, ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

function newPeople(prefix, n) {
  return Array.from({ length: n }, (_, i) => ['', `${prefix}${i}`, '', '', PENGJIA, '']);
}

async function upload(cookie, body, base = BASE, dryRun = false) {
  const res = await fetch(`${base}/api/v1/imports?kind=people&dry_run=${dryRun}&filename=people.csv`, {
    method: 'POST', body, headers: { cookie, 'x-requested-with': 'shuanglun', 'content-type': 'text/csv' },
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, location: res.headers.get('location') };
}

async function peopleTotal(cookie) {
  return (await api('/api/v1/people?page_size=1&all=true', { cookie })).json.total;
}

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

// An app server of its own on the suite's database, to kill.
async function ownServer() {
  const port = await freePort();
  const child = spawn(process.env.SL_BIN, ['serve', '--db', process.env.SL_DB_URL, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i += 1) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  const exited = new Promise((r) => child.on('exit', r));
  return {
    base,
    kill: () => { child.kill('SIGKILL'); return exited; },
    stop: () => { child.kill('SIGTERM'); return exited; },
  };
}

test('a file of more than 1,000 rows is a job: 202, its progress, its report, its rows saved', async () => {
  const admin = await login('admin');
  const before = await peopleTotal(admin);
  const prefix = uniqueName('作业');
  const res = await upload(admin, csv(newPeople(prefix, 1500)));
  assert.equal(res.status, 202, JSON.stringify(res.json));
  assert.equal(res.location, `/api/v1/jobs/${res.json.job.id}`);
  assert.equal(res.json.job.subject, 'people');
  const job = await jobEnd(admin, res.json.job.id);
  assert.equal(job.state, 'done', JSON.stringify(job));
  assert.equal(job.rows_total, 1500);
  assert.equal(job.rows_done, 1500);
  assert.equal(job.result.created, 1500);
  assert.equal(job.result.saved, true);
  assert.equal(await peopleTotal(admin), before + 1500);
  // Listed among the user's jobs; nobody else sees it.
  const mine = await api('/api/v1/jobs?kind=import&subject=people', { cookie: admin });
  assert.ok(mine.json.items.some((j) => j.id === job.id && j.result === undefined));
  assert.equal((await api(`/api/v1/jobs/${job.id}`, { cookie: await login('nanshi') })).status, 404);
  assert.equal((await api('/api/v1/jobs?active=maybe', { cookie: admin })).status, 400);
  // A small file still answers at once.
  const small = await upload(admin, csv(newPeople(uniqueName('小'), 3)), BASE, true);
  assert.equal(small.status, 200);
  assert.equal(small.json.created, 3);
});

test('a mistake in the last row of a large file saves nothing: created rows go, changed rows come back as they were', async () => {
  const admin = await login('admin');
  const listed = await api(`/api/v1/people?region=${PENGJIA}&page_size=3`, { cookie: admin });
  const people = listed.json.items;
  assert.equal(people.length, 3);
  const read = async () => Promise.all(people.map(async (p) => {
    const { json } = await api(`/api/v1/people/${p.id}`, { cookie: admin });
    return { name: json.name, gender: json.gender, phone: json.phone, notes: json.notes, region: json.region.code, tags: json.tags };
  }));
  const was = await read();
  const total = await peopleTotal(admin);
  const changed = people.map((p, i) => [p.id, `${p.name}改`, i % 2 ? '男' : '女', `1391234000${i}`, PENGJIA, '导入改动']);
  // More rows than one chunk before the mistake, so that chunks were saved.
  const rows = [...changed, ...newPeople(uniqueName('撤销'), 2500), ['', '', '', '', PENGJIA, '没有姓名']];
  const res = await upload(admin, csv(rows));
  assert.equal(res.status, 202);
  const job = await jobEnd(admin, res.json.job.id);
  assert.equal(job.state, 'done', JSON.stringify(job));
  assert.equal(job.result.saved, false);
  assert.equal(job.result.error_count, 1);
  assert.equal(job.result.errors[0].row, rows.length + 1);
  assert.equal(job.result.undo_skipped, 0);
  assert.equal(await peopleTotal(admin), total);
  assert.deepEqual(await read(), was);
});

test('kill -9 during an import job, 20 times: after a restart the job says failed or done, and its rows are all there or none', async () => {
  const admin = await login('admin');
  const rows = 3000; // three chunks
  // How long one job takes here, to kill at random moments within it.
  let server = await ownServer();
  const started = Date.now();
  const first = await upload(admin, csv(newPeople(uniqueName('计时'), rows)), server.base);
  assert.equal((await jobEnd(admin, first.json.job.id)).state, 'done');
  const span = Date.now() - started;
  const outcomes = { done: 0, failed: 0, unsent: 0 };
  for (let trial = 0; trial < 20; trial += 1) {
    const before = await peopleTotal(admin);
    const sent = upload(admin, csv(newPeople(uniqueName(`杀${trial}-`), rows)), server.base).catch(() => null);
    await new Promise((r) => setTimeout(r, Math.random() * span));
    await server.kill();
    const answer = await sent;
    server = await ownServer(); // the restart finds what the killed one left
    const id = answer?.json?.job?.id;
    const after = async () => peopleTotal(admin);
    if (!id) {
      outcomes.unsent += 1;
      // No job answered: a job row may still exist (killed before answering).
      const left = (await api('/api/v1/jobs?kind=import&subject=people', { cookie: admin })).json.items[0];
      if (left && left.state !== 'done') await jobEnd(admin, left.id);
      const n = await after();
      assert.ok(n === before || n === before + rows, `trial ${trial}: ${n - before} rows`);
      continue;
    }
    const job = await jobEnd(admin, id);
    outcomes[job.state] += 1;
    assert.equal(await after(), job.state === 'done' ? before + rows : before, `trial ${trial} ${job.state}`);
    if (job.state === 'failed') assert.equal(job.failure.code, 'job_interrupted');
  }
  await server.stop();
  const verify = execFileSync(process.env.SL_BIN, ['audit', 'verify', '--db', process.env.SL_DB_URL]).toString();
  assert.match(verify, /ok|intact|verified/i, verify);
  console.log(`kill -9 trials: ${JSON.stringify(outcomes)}, one job ${span} ms`);
});
