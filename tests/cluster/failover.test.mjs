// A province's deployment (scripts/cluster-start): two app servers behind
// nginx, writes through pgbouncer to the primary, reports from the replica.
// One app server dies in the middle of a burst of writes: every write that
// was answered 201 is there afterwards, and the requests after it succeed.
// Run by tests/cluster/run, which starts and stops the cluster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import process from 'node:process';
import { api, login } from '../api/helpers.mjs';
const PENGJIA = '431127103224'; // 朋佳村

const apps = process.env.SL_APP_URLS.split(' ');
const pids = process.env.SL_APP_PIDS.split(' ').map(Number);
const YEAR = 2031;  // a year no other test writes income for

// Report reads each app server ran on each database (its /metrics).
async function reportReads() {
  const out = { replica: 0, primary: 0 };
  for (const url of apps) {
    let text;
    try {
      text = await (await fetch(`${url}/metrics`)).text();
    } catch {
      continue;  // a server that is gone
    }
    for (const db of ['replica', 'primary']) {
      const m = text.match(new RegExp(`sl_report_reads_total\\{db="${db}"\\} (\\d+)`));
      assert.ok(m, `${url} counts its report reads`);
      out[db] += Number(m[1]);
    }
  }
  return out;
}

async function incomeTotal(cookie) {
  const res = await api(`/api/v1/stats/collective-income?region=${PENGJIA}&year=${YEAR}`, { cookie });
  assert.equal(res.status, 200, res.text);
  return res.json.total_fen;
}

test('a report is read from the replica and shows the write just made', async () => {
  const pengjia = await login('pengjia');
  const collective = (await api(`/api/v1/organizations?kind=collective&region=${PENGJIA}`, { cookie: pengjia })).json.items[0];
  const before = await reportReads();
  const total = await incomeTotal(pengjia);
  const made = await api('/api/v1/collective-income', { method: 'POST', cookie: pengjia, body: { organization_id: collective.id, year: YEAR, source: 'service', amount_fen: 700, received_on: `${YEAR}-01-02`, note: 'replica' } });
  assert.equal(made.status, 201, made.text);
  // Commits wait until the replica has applied them (remote_apply): the
  // report right after the write has it.
  assert.equal(await incomeTotal(pengjia), total + 700);
  const after = await reportReads();
  assert.ok(after.replica >= before.replica + 2, `replica reads ${before.replica} -> ${after.replica}`);
  assert.equal(after.primary, before.primary, 'no report fell back to the primary');
});

test('an app server killed mid-burst loses no acknowledged write, and the next requests succeed', async (t) => {
  const pengjia = await login('pengjia');
  const collective = (await api(`/api/v1/organizations?kind=collective&region=${PENGJIA}`, { cookie: pengjia })).json.items[0];
  const acknowledged = [];
  let failed = 0;
  const write = async (n) => {
    try {
      const res = await api('/api/v1/collective-income', { method: 'POST', cookie: pengjia, body: { organization_id: collective.id, year: YEAR, source: 'service', amount_fen: 100 + n, received_on: `${YEAR}-03-01`, note: `burst ${n}` } });
      if (res.status === 201) acknowledged.push(res.json.id);
      else failed += 1;
    } catch {
      failed += 1;  // the connection broke: not acknowledged
    }
  };
  // 8 writers; the first app server is killed (SIGKILL) while they run.
  let next = 0;
  const writer = async () => {
    while (next < 400) await write(next++);
  };
  const writers = Array.from({ length: 8 }, writer);
  while (next < 120) await new Promise((r) => setTimeout(r, 5));
  const atKill = acknowledged.length;
  process.kill(pids[0], 'SIGKILL');
  await Promise.all(writers);
  t.diagnostic(`${atKill} acknowledged before the kill, ${acknowledged.length} in all, ${failed} failed`);
  assert.ok(acknowledged.length > atKill + 100, 'the writes went on after the kill');
  assert.ok(acknowledged.length >= 300, `${acknowledged.length} of 400 acknowledged, ${failed} failed`);

  // Every acknowledged write is there, read through the survivor.
  for (const id of acknowledged) {
    const res = await api(`/api/v1/collective-income/${id}`, { cookie: pengjia });
    assert.equal(res.status, 200, `income ${id}: ${res.text}`);
  }
  // Requests after the kill all succeed: writes and reads.
  for (let n = 0; n < 30; n += 1) {
    const res = await api('/api/v1/collective-income', { method: 'POST', cookie: pengjia, body: { organization_id: collective.id, year: YEAR, source: 'service', amount_fen: 1, received_on: `${YEAR}-04-01` } });
    assert.equal(res.status, 201, res.text);
    assert.equal((await api(`/api/v1/collective-income/${res.json.id}`, { cookie: pengjia })).status, 200);
  }
  // The dead server is gone; the other one held the sessions all along.
  assert.throws(() => execFileSync('kill', ['-0', String(pids[0])], { stdio: 'ignore' }));
  assert.equal((await api('/api/v1/session', { cookie: pengjia })).status, 200);
});

// Last: it stops the replica. Commits no longer wait for it (the primary
// goes asynchronous first, as an operator would), and reports read from the
// primary once the servers have noticed (they ask at most once a second).
test('with the replica stopped, reports read from the primary', async () => {
  const nanshi = await login('nanshi');
  const asPostgres = (cmd, args) => (process.getuid() === 0
    ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'ignore' })
    : execFileSync(cmd, args, { stdio: 'ignore' }));
  execFileSync('psql', [process.env.SL_PRIMARY_URL, '-qc', "ALTER SYSTEM SET synchronous_standby_names = ''"], { stdio: 'ignore' });
  execFileSync('psql', [process.env.SL_PRIMARY_URL, '-qc', 'SELECT pg_reload_conf()'], { stdio: 'ignore' });
  asPostgres('/usr/lib/postgresql/15/bin/pg_ctl', ['-D', `${process.env.SL_CLUSTER_DIR}/replica/data`, '-m', 'fast', '-w', 'stop']);
  await new Promise((r) => setTimeout(r, 1500));
  const before = await reportReads();
  for (let i = 0; i < 4; i += 1) {
    const res = await api('/api/v1/compliance?region=431127103', { cookie: nanshi });
    assert.equal(res.status, 200, res.text);
  }
  const after = await reportReads();
  assert.ok(after.primary >= before.primary + 4, `primary reads ${before.primary} -> ${after.primary}`);
  assert.equal(after.replica, before.replica);
});
