// The command line against the same database the server uses: users added or
// changed there can log in over HTTP at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, login, uniqueName } from './helpers.mjs';

const BIN = process.env.SL_BIN;
const DB = process.env.SL_DB_URL;

function cli(args, input = '') {
  const res = spawnSync(BIN, [...args, '--db', DB], { input, encoding: 'utf8' });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

test('user add reads the password from standard input; the user can log in', async () => {
  const name = uniqueName('cli');
  const added = cli(['user', 'add', name, '--role', 'town_office', '--region', '431127103', '--name', '楠市镇文书'], 'cli-password-1\n');
  assert.equal(added.code, 0, added.err);
  assert.match(added.out, new RegExp(`user ${name} added`));
  const cookie = await login(name, 'cli-password-1');
  const me = await api('/api/v1/session', { cookie });
  assert.equal(me.json.user.display_name, '楠市镇文书');
  assert.equal(me.json.user.view_region.code, '431127103');
  assert.equal(me.json.user.capture_region.code, '431127103');
});

test('user add refuses bad input with a message per field and changes nothing', () => {
  const res = cli(['user', 'add', 'Bad Name', '--role', 'mayor', '--region', '999'], 'short\n');
  assert.equal(res.code, 1);
  assert.match(res.err, /username: 3 to 32 lowercase letters/);
  assert.match(res.err, /password: The password needs at least 10 characters/);
  assert.match(res.err, /roles: No such role: mayor/);
  assert.match(res.err, /view_region: No such region code/);
});

test('user passwd changes the password, ends the sessions and clears the demo flag', async () => {
  const name = uniqueName('pw');
  assert.equal(cli(['user', 'add', name, '--role', 'county_org', '--region', '431127'], 'first-password\n').code, 0);
  const old = await login(name, 'first-password');
  const changed = cli(['user', 'passwd', name], 'second-password\n');
  assert.equal(changed.code, 0, changed.err);
  assert.equal((await api('/api/v1/session', { cookie: old })).status, 401);
  const bad = await api('/api/v1/session', { method: 'POST', body: { username: name, password: 'first-password' } });
  assert.equal(bad.status, 401);
  await login(name, 'second-password');
  assert.equal(cli(['user', 'passwd', 'nobody-at-all'], 'whatever-password\n').code, 1);
});

test('regions import adds a folder of code-list CSVs, and again changes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-regions-'));
  try {
    writeFileSync(join(dir, 'villages.csv'),
      'code,name,streetCode,provinceCode,cityCode,areaCode\n431127404901,"测试新村委会",431127404,43,4311,431127\n');
    const first = cli(['regions', 'import', dir]);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /1 rows: 1 new, 0 already there/);
    const again = cli(['regions', 'import', dir]);
    assert.match(again.out, /1 rows: 0 new, 1 already there/);
    // Under 蓝山黄毛岭茶场, where no other test counts villages.
    const cookie = await login('lanshan');
    const found = await api('/api/v1/regions/431127404901', { cookie });
    assert.equal(found.status, 200);
    assert.equal(found.json.name, '测试新村');
    writeFileSync(join(dir, 'villages.csv'), 'code,name\n12345,"坏"\n');
    const broken = cli(['regions', 'import', dir]);
    assert.equal(broken.code, 1);
    assert.match(broken.err, /12345 is not a region code/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the audit chain verifies', () => {
  const res = cli(['audit', 'verify']);
  assert.equal(res.code, 0, res.err);
  assert.match(res.out, /audit rows, chain intact/);
});

test('an anchor, signed with the key file, proves the log up to it unchanged; a forged one is refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-anchor-'));
  try {
    const keys = [];  // the run's key file (SHUANGLUN_KEYS)
    const printed = cli(['audit', 'anchor', ...keys]);
    assert.equal(printed.code, 0, printed.err);
    const anchor = JSON.parse(printed.out);
    assert.ok(anchor.id > 0 && /^[0-9a-f]{64}$/.test(anchor.hash) && /^[0-9a-f]{128}$/.test(anchor.signature));
    assert.equal(statSync(process.env.SHUANGLUN_KEYS).mode & 0o777, 0o600, 'the key file is private');
    // Writes after the anchor keep it true.
    await api('/api/v1/people', { method: 'POST', cookie: await login('nanshi'), body: { name: uniqueName('锚'), region: '431127103224' } });
    const file = join(dir, 'anchor.json');
    writeFileSync(file, printed.out);
    const ok = cli(['audit', 'verify', '--anchor', file, ...keys]);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, new RegExp(`unchanged up to the anchor \\(row ${anchor.id}\\)`));
    // An anchor someone edited (another hash), or signed with another key, proves nothing.
    writeFileSync(file, JSON.stringify({ ...anchor, hash: '0'.repeat(64) }));
    const forged = cli(['audit', 'verify', '--anchor', file, ...keys]);
    assert.equal(forged.code, 1);
    assert.match(forged.err, /signature does not match/);
    writeFileSync(file, printed.out);
    const otherKeys = cli(['audit', 'verify', '--anchor', file, '--keys', join(dir, 'other.keys')]);
    assert.equal(otherKeys.code, 1);
    assert.match(otherKeys.err, /does not go with this database/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('assign prints the plan it stored: the same counts and changes the API reads back', async () => {
  const res = cli(['assign', '--level', '1', '--region', '431127103', '--date', '2022-10-20']);
  assert.equal(res.code, 0, res.err);
  const head = res.out.match(/^plan (\d+): optimal, cost (\d+), (\d+) targets, (\d+) sources/);
  assert.ok(head, res.out);
  const stored = await api(`/api/v1/assignment-plans/${head[1]}`, { cookie: await login('admin') });
  assert.equal(stored.status, 200, stored.text);
  const p = stored.json;
  assert.deepEqual([Number(head[2]), Number(head[3]), Number(head[4])], [p.cost, p.stats.targets, p.stats.sources]);
  const { kept, moved, new: added, ended } = p.counts;
  assert.match(res.out, new RegExp(`kept ${kept}, moved ${moved}, new ${added}, ended ${ended}\\n`));
  assert.equal(kept, 31, 'the demo town keeps every entrepreneur with their leader');
  assert.equal(res.out.split('\n').filter((l) => l.startsWith('  move ')).length, moved);
});
