// What the product keeps from those who should not have it: personal data
// shown only to people.sensitive, ID-card numbers that do not tell a writer
// what is on file outside their view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { api, login, uniqueName, BASE } from './helpers.mjs';
import { validIdCard } from './codes.mjs';

const PENGJIA = '431127103224'; // 朋佳村, 楠市镇
const SUOCHENG = '431127104'; // 所城镇, outside 楠市镇

// Who reads personal data in full (people.sensitive): the town office and the admin.
const SENSITIVE = { admin: true, lanshan: false, nanshi: true, pengjia: false, chamber: false, zhenzhang: false };

// The text of the first sheet's cells, read with Python's zipfile.
function sheetText(buf) {
  const script = [
    'import sys, zipfile, io, re',
    'z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))',
    "parts = [n for n in z.namelist() if n == 'xl/sharedStrings.xml' or n.startswith('xl/worksheets/sheet')]",
    "print('\\n'.join(t for n in parts for t in re.findall(r'<(?:t|v)[^>]*>([^<]*)</(?:t|v)>', z.read(n).decode())))",
  ].join('\n');
  return execFileSync('python3', ['-c', script], { input: buf }).toString('utf8');
}

test('without people.sensitive a person has an age but no birth date, a masked phone and a number that cannot be rebuilt', async () => {
  const card = validIdCard(4321); // born 1980-…, region 431127
  const nanshi = await login('nanshi');
  const name = uniqueName('隐私');
  const made = await api('/api/v1/people', {
    method: 'POST', cookie: nanshi, body: { name, region: PENGJIA, id_card: card, phone: '13912345678' },
  });
  assert.equal(made.status, 201, made.text);
  const birth = made.json.birth_date;
  assert.equal(birth, `${card.slice(6, 10)}-${card.slice(10, 12)}-${card.slice(12, 14)}`);
  // Edit it once so that the history has a before and an after.
  await api(`/api/v1/people/${made.json.id}`, { method: 'PATCH', cookie: nanshi, body: { notes: '改' } });
  const digits = card.slice(6, 14);
  for (const [role, full] of Object.entries(SENSITIVE)) {
    const cookie = await login(role);
    const one = await api(`/api/v1/people/${made.json.id}`, { cookie });
    assert.equal(one.status, 200, `${role}: ${one.text}`);
    const listed = (await api(`/api/v1/people?q=${encodeURIComponent(name)}`, { cookie })).json.items;
    assert.equal(listed.length, 1, role);
    for (const p of [one.json, listed[0]]) {
      assert.ok(p.age >= 40, `${role} sees the age`);
      assert.equal(p.id_card_masked, `${card.slice(0, 6)}********${card.slice(14)}`);
      assert.equal(p.birth_date, full ? birth : null, `${role}: birth date`);
      assert.equal(p.phone, full ? '13912345678' : '139****5678', `${role}: phone`);
      assert.equal('id_card_conflict' in p, full, `${role}: the clash flag is the town office's`);
      if (!full) assert.equal(JSON.stringify(p).includes(digits), false, `${role}: no birth digits`);
    }
    const exported = await fetch(`${BASE}/api/v1/exports/people.xlsx?q=${encodeURIComponent(name)}`, { headers: { cookie } });
    if (exported.status === 200) {
      const text = sheetText(Buffer.from(await exported.arrayBuffer()));
      assert.ok(text.includes(name), role);
      assert.equal(text.includes('13912345678'), full, `${role}: phone in the export`);
      if (!full) assert.equal(text.includes(birth) || text.includes(digits), false, `${role}: birth date in the export`);
    }
    const history = await api(`/api/v1/audit?entity=person&id=${made.json.id}`, { cookie });
    if (history.status === 200) {
      assert.equal(history.json.items.length, 2, role);
      for (const entry of history.json.items)
        if (entry.after) assert.equal(entry.after.birth_date, full ? birth : null, `${role}: birth date in the history`);
      if (!full) assert.equal(history.text.includes(digits) || history.text.includes(birth), false, role);
    }
  }
  // The secretary's form sends back what it was shown: the birth date and
  // phone stay as they were.
  const pengjia = await login('pengjia');
  const shown = (await api(`/api/v1/people/${made.json.id}`, { cookie: pengjia })).json;
  const saved = await api(`/api/v1/people/${made.json.id}`, {
    method: 'PATCH', cookie: pengjia, body: { name: shown.name, birth_date: shown.birth_date, phone: shown.phone, notes: '村里改', version: shown.version },
  });
  assert.equal(saved.status, 200, saved.text);
  const after = (await api(`/api/v1/people/${made.json.id}`, { cookie: nanshi })).json;
  assert.deepEqual([after.notes, after.birth_date, after.phone], ['村里改', birth, '13912345678']);
});

test('a card on file outside the writer’s view is answered as if unknown, and the town office sees the clash', async () => {
  const admin = await login('admin');
  const card = validIdCard(4433);
  const elsewhere = await api('/api/v1/people', { method: 'POST', cookie: admin, body: { name: uniqueName('所城'), region: SUOCHENG, id_card: card } });
  assert.equal(elsewhere.status, 201, elsewhere.text);

  // 朋佳村's secretary cannot see 所城镇: the number is "unknown" to him.
  const pengjia = await login('pengjia');
  const unknown = await api('/api/v1/people', { method: 'POST', cookie: pengjia, body: { name: uniqueName('未知'), region: PENGJIA, id_card: validIdCard(4434) } });
  const clash = await api('/api/v1/people', { method: 'POST', cookie: pengjia, body: { name: uniqueName('重号'), region: PENGJIA, id_card: card } });
  assert.equal(clash.status, unknown.status, clash.text);
  assert.equal(clash.status, 201);
  assert.deepEqual(Object.keys(clash.json).sort(), Object.keys(unknown.json).sort());
  assert.equal(clash.json.id_card_masked, `${card.slice(0, 6)}********${card.slice(14)}`);
  // Within his view the same number is refused as taken, as before.
  const again = await api('/api/v1/people', { method: 'POST', cookie: pengjia, headers: { 'accept-language': 'zh-CN' }, body: { name: uniqueName('再号'), region: PENGJIA, id_card: card } });
  assert.equal(again.status, 422);
  assert.equal(again.json.error.fields.id_card, '已有人员使用这个身份证号码');

  // The town office sees the clash, and finds it with a filter.
  const nanshi = await login('nanshi');
  const seen = await api(`/api/v1/people/${clash.json.id}`, { cookie: nanshi });
  assert.equal(seen.json.id_card_conflict, true);
  const clashes = await api('/api/v1/people?id_conflict=true&page_size=200', { cookie: nanshi });
  assert.equal(clashes.status, 200);
  assert.ok(clashes.json.items.some((p) => p.id === clash.json.id));
  assert.ok(clashes.json.items.every((p) => p.id_card_conflict));
  assert.equal((await api('/api/v1/people?id_conflict=true', { cookie: pengjia })).status, 403);
  // The record elsewhere is untouched, and still holds the number.
  const other = await api(`/api/v1/people/${elsewhere.json.id}`, { cookie: admin });
  assert.equal(other.json.version, elsewhere.json.version);
  assert.equal(other.json.id_card_conflict, false);
  // Correcting the number resolves the clash.
  const fixed = await api(`/api/v1/people/${clash.json.id}`, { method: 'PATCH', cookie: nanshi, body: { id_card: validIdCard(4435) } });
  assert.equal(fixed.status, 200, fixed.text);
  assert.equal(fixed.json.id_card_conflict, false);

  // An import of the number by the secretary does the same.
  const csv = ['姓名*,性别,出生日期,手机号码,身份证号码,所属区划*', `${uniqueName('导入重号')},,,,${card},朋佳村`].join('\n');
  const res = await fetch(`${BASE}/api/v1/imports?kind=people&dry_run=false&filename=x.csv`, {
    method: 'POST', headers: { cookie: pengjia, 'x-requested-with': 'shuanglun', 'content-type': 'text/csv' }, body: csv,
  });
  const report = await res.json();
  assert.equal(res.status, 200, JSON.stringify(report));
  assert.equal(report.created, 1, JSON.stringify(report));
});

// A sign-in attempt from a chosen loopback address (127.0.0.2 is another
// machine to the server), to the server at `base`.
function signIn(username, password, { from = '127.0.0.1', base = BASE } = {}) {
  const url = new URL('/api/v1/session', base);
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: from,
      headers: { 'content-type': 'application/json', 'x-requested-with': 'shuanglun', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, retryAfter: Number(res.headers['retry-after'] ?? 0), text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

// A second app server on the same database, as a province runs several.
async function secondServer(db = process.env.SL_DB_URL, extra = []) {
  const port = await new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
  const child = spawn(process.env.SL_BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, ...extra], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i += 1) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, stop: () => new Promise((r) => { child.on('exit', r); child.kill('SIGTERM'); }) };
}

test('wrong passwords slow down one address for one account; others sign in, an admin unlocks, every app server agrees', async () => {
  const admin = await login('admin');
  const username = uniqueName('lock');
  const password = 'trust-pass-2026';
  const made = await api('/api/v1/users', { method: 'POST', cookie: admin, body: { username, password, roles: ['town_office'], view_region: '431127103' } });
  assert.equal(made.status, 201, made.text);
  for (let i = 0; i < 5; i += 1) assert.equal((await signIn(username, 'wrong-password')).status, 401);
  // The sixth try from that address waits, even with the right password.
  const slowed = await signIn(username, password);
  assert.equal(slowed.status, 429, slowed.text);
  assert.ok(slowed.retryAfter > 0 && slowed.retryAfter <= 30, String(slowed.retryAfter));
  // The state is in the database: another app server on it says the same.
  const other = await secondServer();
  try {
    assert.equal((await signIn(username, password, { base: other.base })).status, 429);
  } finally {
    await other.stop();
  }
  // The user at another desk signs in.
  assert.equal((await signIn(username, password, { from: '127.0.0.2' })).status, 200);
  // The admin sees the failures and forgives them.
  const seen = await api(`/api/v1/users/${made.json.id}`, { cookie: admin });
  assert.equal(seen.json.failed_logins, 5);
  const unlocked = await api(`/api/v1/users/${made.json.id}/unlock`, { method: 'POST', cookie: admin });
  assert.equal(unlocked.status, 200, unlocked.text);
  assert.equal(unlocked.json.failed_logins, 0);
  assert.equal((await signIn(username, password)).status, 200);
  const history = await api(`/api/v1/audit?entity=user&id=${made.json.id}`, { cookie: admin });
  assert.equal(history.json.items[0].action, 'unlock');
  // Nobody else may unlock.
  assert.equal((await api(`/api/v1/users/${made.json.id}/unlock`, { method: 'POST', cookie: await login('nanshi') })).status, 403);
});

// A workbook built by Python's zipfile: `strings` is the shared-string table's
// XML body written as `count` copies of one <si>, `cell` the text of B2.
function workbook({ strings = 0, stringText = 'A', cell = '' } = {}) {
  const script = String.raw`
import sys, zipfile, io, json
a = json.loads(sys.argv[1])
out = io.BytesIO()
z = zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED, compresslevel=9)
z.writestr('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
z.writestr('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
z.writestr('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
with z.open('xl/sharedStrings.xml', 'w', force_zip64=True) as f:
    f.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
    si = ('<si><t>' + a['stringText'] + '</t></si>').encode()
    chunk = si * max(1, (1 << 20) // len(si))
    left = a['strings']
    while left > 0:
        n = min(left, (1 << 20) // len(si))
        f.write(chunk[: n * len(si)])
        left -= n
    f.write(b'<si><t>x</t></si></sst>')
head = ''.join('<c r="%s1" t="inlineStr"><is><t>%s</t></is></c>' % (c, t) for c, t in zip('ABC', ['姓名*', '所属区划*', '备注']))
row = '<c r="A2" t="inlineStr"><is><t>炸弹</t></is></c><c r="B2" t="inlineStr"><is><t>朋佳村</t></is></c><c r="C2" t="inlineStr"><is><t>%s</t></is></c>' % a['cell']
z.writestr('xl/worksheets/sheet1.xml', '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">%s</row><row r="2">%s</row></sheetData></worksheet>' % (head, row))
z.close()
sys.stdout.buffer.write(out.getvalue())
`;
  return execFileSync('python3', ['-c', script, JSON.stringify({ strings, stringText, cell })], { maxBuffer: 1 << 30 });
}

// The server's peak resident memory so far (kB), from /proc.
function peakKb() {
  const status = readFileSync(`/proc/${process.env.SL_SERVER_PID}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)[1]);
}

async function uploadXlsx(cookie, path, bytes) {
  const res = await fetch(`${BASE}${path}`, {
    method: 'POST', headers: { cookie, 'x-requested-with': 'shuanglun', 'content-type': 'application/octet-stream', 'accept-language': 'zh-CN' }, body: bytes,
  });
  const buf = Buffer.from(await res.arrayBuffer());
  let json;
  try { json = JSON.parse(buf.toString('utf8')); } catch { json = undefined; }
  return { status: res.status, json, buf };
}

test('a spreadsheet bomb is refused with a clear error, and costs the server well under 100 MB', async () => {
  const cookie = await login('nanshi');
  const before = peakKb();
  // 500 MB of shared strings in about half a megabyte.
  const bomb = workbook({ strings: 20_000_000, stringText: 'AAAAAAA' });
  assert.ok(bomb.length < 2_000_000, String(bomb.length));
  // Many short strings at an honest-looking ratio: the table's own caps.
  const many = workbook({ strings: 3_000_000, stringText: '楠' });
  for (const path of ['/api/v1/imports?kind=people&dry_run=true&filename=b.xlsx', '/api/v1/imports/annotated?kind=people&filename=b.xlsx']) {
    for (const file of [bomb, many]) {
      const res = await uploadXlsx(cookie, path, file);
      assert.equal(res.status, 413, `${path}: ${res.buf.toString('utf8').slice(0, 200)}`);
      assert.match(res.json.error.message, /Excel 文件中的 xl\/sharedStrings\.xml/);
    }
  }
  const grew = (peakKb() - before) / 1024;
  assert.ok(grew < 100, `the server's peak memory grew by ${grew.toFixed(0)} MB`);
});

test('a cell longer than Excel allows is that row’s error, in the report and in the annotated file', async () => {
  const cookie = await login('nanshi');
  const file = workbook({ cell: '长'.repeat(40000) });
  const dry = await uploadXlsx(cookie, '/api/v1/imports?kind=people&dry_run=true&filename=long.xlsx', file);
  assert.equal(dry.status, 200, dry.buf.toString('utf8').slice(0, 300));
  assert.deepEqual(dry.json.errors.map((e) => [e.row, e.column]), [[2, '备注']]);
  assert.match(dry.json.errors[0].message, /32767/);
  const annotated = await uploadXlsx(cookie, '/api/v1/imports/annotated?kind=people&filename=long.xlsx', file);
  assert.equal(annotated.status, 200, annotated.buf.toString('utf8').slice(0, 300));
  assert.equal(annotated.buf.subarray(0, 2).toString(), 'PK');
});

// Runs the command line without blocking the event loop (writers go on).
function cliAsync(args) {
  return new Promise((resolve) => {
    const child = spawn(process.env.SL_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { err += c; });
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

// A new, empty database of the suite's kind.
function freshDatabase(dir, label = 'restored') {
  if (process.env.SL_DB_KIND !== 'postgres') return `sqlite:${join(dir, `${label}.db`)}`;
  const name = `${label}_${Date.now()}_${process.pid}`;
  execFileSync('psql', [process.env.SL_TEST_PG_URL, '-qc', `CREATE DATABASE ${name}`]);
  return `postgresql:///${name}?host=${process.env.PG_DIR}&user=postgres`;
}

async function peopleTotal(base, cookie) {
  const res = await fetch(`${base}/api/v1/people?page_size=1`, { headers: { cookie } });
  return (await res.json()).total;
}

test('a backup taken under four writers restores to a consistent database where old sessions end', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-backup-'));
  try {
    const admin = await login('admin');
    const before = await peopleTotal(BASE, admin);
    let writing = true;
    let acknowledged = 0;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      const cookie = await login('nanshi');
      for (let i = 0; writing; i += 1) {
        const res = await api('/api/v1/people', { method: 'POST', cookie, body: { name: uniqueName(`备份${w}`), region: PENGJIA } });
        assert.equal(res.status, 201, res.text);
        acknowledged += 1;
      }
    });
    await new Promise((r) => setTimeout(r, 300));
    const file = join(dir, process.env.SL_DB_KIND === 'postgres' ? 'backup.dump' : 'backup.db');
    const backup = await cliAsync(['backup', '--db', process.env.SL_DB_URL, '--out', file]);
    await new Promise((r) => setTimeout(r, 200));
    writing = false;
    await Promise.all(writers);
    assert.equal(backup.code, 0, backup.err);
    assert.match(backup.out, /backup written/);
    assert.ok(acknowledged > 0);
    const after = await peopleTotal(BASE, admin);
    assert.equal(after, before + acknowledged);

    // Without the key file backed up beside it, its ID-card numbers cannot be
    // checked: the restore says so.
    const keyless = await cliAsync(['restore', '--db', freshDatabase(dir, 'keyless'), '--keys', join(dir, 'other.keys'), '--in', file, '--yes']);
    assert.equal(keyless.code, 1);
    assert.match(keyless.err, /does not go with this database/);

    const target = freshDatabase(dir);
    const refused = await cliAsync(['restore', '--db', target, '--in', file]);
    assert.equal(refused.code, 1, 'restore asks for --yes');
    const restored = await cliAsync(['restore', '--db', target, '--in', file, '--yes']);
    assert.equal(restored.code, 0, restored.err);
    assert.match(restored.out, /sessions ended/);
    assert.match(restored.out, /audit rows, chain intact/);
    if (process.env.SL_DB_KIND !== 'postgres')
      assert.equal(execFileSync('sqlite3', [target.slice('sqlite:'.length), 'PRAGMA integrity_check']).toString().trim(), 'ok');

    const server = await secondServer(target);
    try {
      // The sessions of before the restore are gone; signing in again works.
      const old = await fetch(`${server.base}/api/v1/session`, { headers: { cookie: admin } });
      assert.equal(old.status, 401);
      const signed = await signIn('admin', 'shuanglun', { base: server.base });
      assert.equal(signed.status, 200, signed.text);
      const res = await fetch(`${server.base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'shuanglun' }, body: JSON.stringify({ username: 'admin', password: 'shuanglun' }) });
      const cookie = res.headers.get('set-cookie').split(';')[0];
      // One moment's snapshot: between the counts before and after the writes.
      const total = await peopleTotal(server.base, cookie);
      assert.ok(total >= before && total <= after, `${before} <= ${total} <= ${after}`);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('text with control characters, lines with bidi overrides, loose dates and trailing bytes are refused, and nothing is written', async () => {
  const cookie = await login('nanshi');
  const before = (await api('/api/v1/people?page_size=1', { cookie })).json.total;
  const bad = [
    [{ name: 'a\u0000b', region: PENGJIA }, 'name', '不能包含控制字符（如空字符）'],
    [{ name: '张\u0007三', region: PENGJIA }, 'name', '不能包含控制字符（如空字符）'],
    [{ name: '张\u202E三', region: PENGJIA }, 'name', '不能包含换行、制表符或改变文字方向的字符'],
    [{ name: '张\n三', region: PENGJIA }, 'name', '不能包含换行、制表符或改变文字方向的字符'],
    [{ name: '张三', region: PENGJIA, notes: '第一行\n第二行\u0000' }, 'notes', '不能包含控制字符（如空字符）'],
    [{ name: '张三', region: PENGJIA, birth_date: '1980/5/2' }, 'birth_date', '日期格式应为 2022-10-20'],
    [{ name: '张三', region: PENGJIA, birth_date: '19800502' }, 'birth_date', '日期格式应为 2022-10-20'],
  ];
  for (const [body, field, message] of bad) {
    const res = await api('/api/v1/people', { method: 'POST', cookie, headers: { 'accept-language': 'zh-CN' }, body });
    assert.equal(res.status, 422, JSON.stringify(body));
    assert.equal(res.json.error.fields[field], message, JSON.stringify(body));
  }
  // Notes keep their lines and tabs.
  const fine = await api('/api/v1/people', { method: 'POST', cookie, body: { name: uniqueName('多行'), region: PENGJIA, notes: '第一行\n\t第二行' } });
  assert.equal(fine.status, 201, fine.text);
  assert.equal(fine.json.notes, '第一行\n\t第二行');
  for (const raw of ['{"name":"甲","region":"431127103224"}\u0000', '{"name":"甲","region":"431127103224"} x', '{"name":"甲","region":"431127103224"}{}']) {
    const res = await fetch(`${BASE}/api/v1/people`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-requested-with': 'shuanglun' }, body: raw });
    assert.equal(res.status, 400, JSON.stringify(raw));
    assert.equal((await res.json()).error.code, 'invalid_json');
  }
  assert.equal((await api('/api/v1/people?page_size=1', { cookie })).json.total, before + 1);
});

test('passwords: ten characters, not the username, not a common one; a user changes their own with the old one', async () => {
  const admin = await login('admin');
  const username = uniqueName('pw');
  const weak = [
    ['short-pw1', '密码至少 10 个字符'],
    [username, '密码不能与用户名相同'],
    ['1234567890', '这个密码太常见，容易被猜到，请换一个'],
    ['Shuanglun2026', '这个密码太常见，容易被猜到，请换一个'],
  ];
  for (const [password, message] of weak) {
    const res = await api('/api/v1/users', { method: 'POST', cookie: admin, headers: { 'accept-language': 'zh-CN' }, body: { username, password, roles: ['town_office'], view_region: '431127103' } });
    assert.equal(res.status, 422, password);
    assert.equal(res.json.error.fields.password, message, password);
  }
  const made = await api('/api/v1/users', { method: 'POST', cookie: admin, body: { username, password: 'first-long-pass', roles: ['town_office'], view_region: '431127103' } });
  assert.equal(made.status, 201, made.text);
  const mine = await login(username, 'first-long-pass');
  const elsewhere = await login(username, 'first-long-pass');
  const wrongOld = await api('/api/v1/session/password', { method: 'PUT', cookie: mine, headers: { 'accept-language': 'zh-CN' }, body: { old_password: 'not-it-at-all', password: 'second-long-pass' } });
  assert.equal(wrongOld.status, 422);
  assert.equal(wrongOld.json.error.fields.old_password, '原密码不正确');
  const changed = await api('/api/v1/session/password', { method: 'PUT', cookie: mine, body: { old_password: 'first-long-pass', password: 'second-long-pass' } });
  assert.equal(changed.status, 204, changed.text);
  // This session goes on; the account's other sessions end; the new password signs in.
  assert.equal((await api('/api/v1/session', { cookie: mine })).status, 200);
  assert.equal((await api('/api/v1/session', { cookie: elsewhere })).status, 401);
  assert.equal((await signIn(username, 'second-long-pass')).status, 200);
  assert.equal((await signIn(username, 'first-long-pass')).status, 401);
});

test('the admin reads the change log across records and the sign-in log, with filters', async () => {
  const admin = await login('admin');
  const username = uniqueName('log');
  await api('/api/v1/users', { method: 'POST', cookie: admin, body: { username, password: 'log-long-pass', roles: ['town_office'], view_region: '431127103' } });
  await signIn(username, 'wrong-password');
  await signIn(username, 'log-long-pass');
  const logins = await api(`/api/v1/logins?user=${username}`, { cookie: admin });
  assert.equal(logins.status, 200, logins.text);
  assert.deepEqual(logins.json.items.map((r) => r.ok), [true, false]);
  assert.equal(logins.json.items[0].address, '127.0.0.1');
  const failed = await api(`/api/v1/logins?user=${username}&ok=false`, { cookie: admin });
  assert.equal(failed.json.total, 1);
  assert.equal((await api('/api/v1/logins?ok=maybe', { cookie: admin })).status, 400);
  assert.equal((await api('/api/v1/logins', { cookie: await login('nanshi') })).status, 403);

  const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  const changes = await api(`/api/v1/audit?user=admin&entity=user&action=create&from=${today}&to=${today}`, { cookie: admin });
  assert.equal(changes.status, 200, changes.text);
  assert.ok(changes.json.items.some((r) => r.after?.username === username));
  assert.ok(changes.json.items.every((r) => r.user.username === 'admin' && r.entity === 'user' && r.action === 'create'));
  const none = await api('/api/v1/audit?entity=user&from=2001-01-01&to=2001-12-31', { cookie: admin });
  assert.equal(none.json.total, 0);
  // The county reads its scope's log; birth dates stay withheld across records too.
  const county = await api('/api/v1/audit?entity=person&page_size=50', { cookie: await login('lanshan') });
  assert.equal(county.status, 200);
  assert.ok(county.json.items.every((r) => (r.after?.birth_date ?? null) === null && (r.before?.birth_date ?? null) === null));
});

test('the chamber keeps its members and no one else; personal data stays hidden from it', async () => {
  const chamber = await login('chamber');
  const nanshi = await login('nanshi');
  // A villager, not in the chamber.
  const villager = (await api('/api/v1/people', { method: 'POST', cookie: nanshi, body: { name: uniqueName('村民'), region: PENGJIA, birth_date: '1970-01-02' } })).json;
  const refused = [
    ['PATCH', `/api/v1/people/${villager.id}`, { notes: '改' }],
    ['DELETE', `/api/v1/people/${villager.id}`],
    ['POST', `/api/v1/people/${villager.id}/party-stages`, { stage: 'left', since: '2022-06-01' }],
    ['POST', `/api/v1/people/${villager.id}/posts`, { kind: 'town_leader', region: '431127103', valid_from: '2022-01-01' }],
  ];
  for (const [method, path, body] of refused) {
    const res = await api(path, { method, cookie: chamber, body });
    assert.equal(res.status, 403, `${method} ${path}: ${res.text}`);
  }
  const seen = (await api(`/api/v1/people/${villager.id}`, { cookie: chamber })).json;
  assert.equal(seen.birth_date, null);
  assert.equal(seen.notes, '');
  // A new member: the chamber adds the person, makes them a member, then keeps their details.
  const person = await api('/api/v1/people', { method: 'POST', cookie: chamber, body: { name: uniqueName('新会员'), region: PENGJIA } });
  assert.equal(person.status, 201, person.text);
  const chambers = (await api('/api/v1/organizations?kind=chamber&region=431127103', { cookie: chamber })).json.items;
  const joined = await api('/api/v1/memberships', { method: 'POST', cookie: chamber, body: { chamber: chambers[0].id, person: person.json.id, post: 'member', joined_on: '2022-06-01', dues_status: 'paid' } });
  assert.equal(joined.status, 201, joined.text);
  const kept = await api(`/api/v1/people/${person.json.id}`, { method: 'PATCH', cookie: chamber, body: { notes: '种植大户' } });
  assert.equal(kept.status, 200, kept.text);
});

// Sets how many days a visit may be changed without a reason, in the database
// itself (a setting kept as data; no route changes it yet).
function setEditDays(days) {
  const url = process.env.SL_DB_URL;
  const sql = `UPDATE app_setting SET value = '${Number(days)}' WHERE name = 'contact_edit_days'`;
  if (url.startsWith('sqlite:')) execFileSync('sqlite3', [url.slice('sqlite:'.length), sql]);
  else execFileSync('psql', [url.replace(/^postgresql:/, 'postgresql:'), '-qc', sql]);
}

test('a visit is changed or deleted by whoever logged it or the town office, and after the set days only with a reason', async () => {
  const nanshi = await login('nanshi');
  const zhenzhang = await login('zhenzhang');
  const me = (await api('/api/v1/session', { cookie: zhenzhang })).json.user;
  const villager = (await api('/api/v1/people', { method: 'POST', cookie: nanshi, body: { name: uniqueName('走访对象'), region: PENGJIA } })).json;
  const cadres = (await api(`/api/v1/people?post=town_leader&region=431127103&page_size=50`, { cookie: nanshi })).json.items.filter((p) => p.id !== me.person_id);
  const visit = async (cookie, person) => (await api('/api/v1/contacts', {
    method: 'POST', cookie, body: { person, target_kind: 'person', target: String(villager.id), occurred_on: '2022-06-01', kind: 'visit' },
  })).json;
  // Another cadre's visit, logged by the town office: the mayor may not touch it.
  const theirs = await visit(nanshi, cadres[0].id);
  assert.equal((await api(`/api/v1/contacts/${theirs.id}`, { method: 'DELETE', cookie: zhenzhang })).status, 403);
  const patch = await api(`/api/v1/contacts/${theirs.id}`, { method: 'PATCH', cookie: zhenzhang, headers: { 'accept-language': 'zh-CN' }, body: { notes: '改' } });
  assert.equal(patch.status, 403);
  assert.match(patch.json.error.message, /只有记录人或镇党政办/);
  // His own he may change; the town office may change anyone's.
  const mine = await visit(zhenzhang, me.person_id);
  assert.equal((await api(`/api/v1/contacts/${mine.id}`, { method: 'PATCH', cookie: zhenzhang, body: { notes: '补记' } })).status, 200);
  assert.equal((await api(`/api/v1/contacts/${theirs.id}`, { method: 'PATCH', cookie: nanshi, body: { notes: '补记' } })).status, 200);
  // Past the set days, a reason is needed, and the history keeps it.
  setEditDays(0);
  try {
    await new Promise((r) => setTimeout(r, 1100));
    const late = await api(`/api/v1/contacts/${mine.id}`, { method: 'DELETE', cookie: zhenzhang, headers: { 'accept-language': 'zh-CN' } });
    assert.equal(late.status, 422);
    assert.match(late.json.error.fields.reason, /须说明理由/);
    const reasoned = await api(`/api/v1/contacts/${mine.id}?reason=${encodeURIComponent('重复录入')}`, { method: 'DELETE', cookie: zhenzhang });
    assert.equal(reasoned.status, 204, reasoned.text);
    const history = await api(`/api/v1/audit?entity=contact&id=${mine.id}`, { cookie: nanshi });
    assert.equal(history.json.items[0].action, 'delete');
    assert.equal(history.json.items[0].before.delete_reason, '重复录入');
  } finally {
    setEditDays(30);
  }
});

// The raw status line and body of a request written by hand.
function rawRequest(text, base = BASE) {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname, () => socket.end(text));
    let got = '';
    socket.on('data', (c) => { got += c; });
    socket.on('end', () => resolve(got));
    socket.on('error', reject);
  });
}

test('oversized addresses and headers are answered 414 and 431 with the JSON error; status lines carry their reason', async () => {
  const long = await fetch(`${BASE}/api/v1/people?q=${'a'.repeat(10_000)}`);
  assert.equal(long.status, 414);
  assert.equal((await long.json()).error.code, 'uri_too_long');
  const heavy = await fetch(`${BASE}/healthz`, { headers: { 'x-a': 'a'.repeat(20_000), 'x-b': 'b'.repeat(20_000) } });
  assert.equal(heavy.status, 431);
  assert.equal((await heavy.json()).error.code, 'headers_too_large');
  const answer = await rawRequest('GET /api/v1/nowhere-at-all HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.match(answer, /^HTTP\/1\.1 404 Not Found\r\n/);
  const ok = await rawRequest('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.match(ok, /^HTTP\/1\.1 200 OK\r\n/);
});

test('--metrics-listen serves /metrics on its own address, and the public one no longer does', async () => {
  const port = await new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
  const server = await secondServer(process.env.SL_DB_URL, ['--metrics-listen', `127.0.0.1:${port}`]);
  try {
    assert.equal((await fetch(`${server.base}/metrics`)).status, 404);
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /http_requests_total|# TYPE/);
    assert.equal((await fetch(`http://127.0.0.1:${port}/api/v1/session`)).status, 404);
  } finally {
    await server.stop();
  }
});
