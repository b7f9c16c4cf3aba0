// Excel in and out, as the town office uses it: templates, dry runs that name
// every bad cell, all-or-nothing imports, idempotent re-imports, exports that
// import back unchanged, GB18030 CSV from older Excel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { api, jobEnd, login, BASE } from './helpers.mjs';
import { validIdCard, validUscc } from './codes.mjs';

async function upload(cookie, kind, bytes, { dryRun = true, filename = 'ledger.csv', annotated = false } = {}) {
  const path = annotated ? '/api/v1/imports/annotated' : '/api/v1/imports';
  const res = await fetch(`${BASE}${path}?kind=${kind}&dry_run=${dryRun}&filename=${encodeURIComponent(filename)}`, {
    method: 'POST',
    headers: { cookie, 'x-requested-with': 'shuanglun', 'content-type': filename.endsWith('.csv') ? 'text/csv' : 'application/octet-stream' },
    body: bytes,
  });
  const buf = Buffer.from(await res.arrayBuffer());
  let json;
  try { json = JSON.parse(buf.toString('utf8')); } catch { json = undefined; }
  // A file of more than 1,000 rows is a background job: its report when it ends.
  if (res.status === 202) {
    const job = await jobEnd(cookie, json.job.id);
    return { status: job.state === 'done' ? 200 : 500, json: job.result ?? job, buf, headers: res.headers, job };
  }
  return { status: res.status, json, buf, headers: res.headers };
}

async function download(cookie, path) {
  const res = await fetch(BASE + path, { headers: { cookie } });
  return { status: res.status, buf: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

async function total(cookie, path) {
  return (await api(path, { cookie })).json.total;
}

const HEADER = '姓名*,性别,出生日期,手机号码,身份证号码,所属区划*,标签,政治面貌,政治面貌起始日期,备注';
let seq = 500;
function personRow(name, { idCard = '', region = '朋佳村', tags = '致富能手', stage = '', since = '' } = {}) {
  return [name, '', '', '', idCard, region, tags, stage, since, ''].join(',');
}

test('each kind has a template with Chinese headers, readable by the importer', async () => {
  const cookie = await login('nanshi');
  for (const kind of ['people', 'organizations', 'enterprises', 'memberships']) {
    const res = await download(cookie, `/api/v1/templates/${kind}.xlsx`);
    assert.equal(res.status, 200, kind);
    assert.match(res.headers.get('content-type'), /spreadsheetml/);
    assert.match(res.headers.get('content-disposition'), /filename\*=UTF-8''/);
    assert.equal(res.buf.subarray(0, 2).toString(), 'PK');
    // An untouched template has only the example row: nothing to import.
    const back = await upload(cookie, kind, res.buf, { filename: `${kind}.xlsx` });
    assert.equal(back.status, 200);
    assert.equal(back.json.rows, 0);
    assert.equal(back.json.error_count, 1);
  }
  const pengjia = await login('pengjia');
  assert.equal((await download(pengjia, '/api/v1/templates/memberships.xlsx')).status, 403);
  assert.equal((await download(cookie, '/api/v1/templates/spaceships.xlsx')).status, 404);
});

test('every kind\'s workbook and download carry the ledger\'s name, in the user\'s language', async () => {
  const cookie = await login('admin');
  const kinds = ['people', 'organizations', 'enterprises', 'memberships', 'groups', 'pairings', 'events', 'attendance', 'projects', 'indicators', 'land_contracts', 'land_receipts'];
  for (const kind of kinds) {
    const res = await fetch(`${BASE}/api/v1/templates/${kind}.xlsx`, { headers: { cookie } });
    assert.equal(res.status, 200, kind);
    const name = decodeURIComponent(res.headers.get('content-disposition').split("UTF-8''")[1]);
    assert.doesNotMatch(name, /sheet_name/, `${kind}: ${name}`);
    assert.match(name, /[\u4e00-\u9fff]/, `${kind} is named in Chinese: ${name}`);
  }
});

test('a dry run names the bad row and column and writes nothing; a failing import writes nothing', async () => {
  const cookie = await login('nanshi');
  const before = await total(cookie, '/api/v1/people?page_size=1');
  seq += 1;
  const good = validIdCard(seq);
  const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
  const csv = [HEADER, personRow('导入甲'), personRow('导入乙', { idCard: bad }), personRow('导入丙', { region: '没有这个村' }), personRow('导入丁', { region: '没有这个村' })].join('\n');
  const dry = await upload(cookie, 'people', csv);
  assert.equal(dry.status, 200);
  assert.equal(dry.json.rows, 4);
  assert.equal(dry.json.error_count, 3);
  assert.deepEqual(dry.json.errors.map((e) => [e.row, e.column]), [[3, '身份证号码'], [4, '所属区划'], [5, '所属区划']]);
  assert.match(dry.json.errors[0].message, /最后一位应为/);
  // The same bad cell says why on every row, not only the first.
  assert.equal(dry.json.errors[2].message, dry.json.errors[1].message);
  assert.match(dry.json.errors[2].message, /没有这个村/);
  assert.equal(await total(cookie, '/api/v1/people?page_size=1'), before);

  const real = await upload(cookie, 'people', csv, { dryRun: false });
  assert.equal(real.json.saved, false);
  assert.equal(await total(cookie, '/api/v1/people?page_size=1'), before);

  const annotated = await upload(cookie, 'people', csv, { annotated: true });
  assert.equal(annotated.status, 200);
  assert.equal(annotated.buf.subarray(0, 2).toString(), 'PK');
  // The annotated file, imported again, reports the same rows (its 错误 column is ignored).
  const again = await upload(cookie, 'people', annotated.buf, { filename: 'checked.xlsx' });
  assert.deepEqual(again.json.errors.map((e) => e.row), [3, 4, 5]);
});

test('a good file imports, and the same file again changes nothing', async () => {
  const cookie = await login('nanshi');
  seq += 1;
  const idCard = validIdCard(seq);
  const csv = [HEADER, personRow('幂等甲', { idCard, stage: '入党积极分子', since: '2022-05-01' }), personRow('幂等乙', { tags: '致富能手、种养殖能人' })].join('\r\n');
  const first = await upload(cookie, 'people', csv, { dryRun: false });
  assert.equal(first.status, 200, JSON.stringify(first.json));
  assert.deepEqual([first.json.created, first.json.updated, first.json.unchanged, first.json.saved], [2, 0, 0, true]);
  const found = await api(`/api/v1/people?q=${encodeURIComponent('幂等甲')}`, { cookie });
  const person = found.json.items[0];
  assert.equal(person.party_stage.stage, 'activist');
  const history = (await api(`/api/v1/audit?entity=person&id=${person.id}`, { cookie })).json.total;
  const second = await upload(cookie, 'people', csv, { dryRun: false });
  assert.deepEqual([second.json.created, second.json.updated, second.json.unchanged], [0, 0, 2]);
  assert.equal((await api(`/api/v1/audit?entity=person&id=${person.id}`, { cookie })).json.total, history);
  // A changed cell updates only that record.
  const changed = csv.replace('幂等乙,,,,,朋佳村,致富能手、种养殖能人', '幂等乙,,,,,朋佳村,致富能手');
  // The preview names the row that will change and what changes in it.
  const preview = await upload(cookie, 'people', changed);
  assert.deepEqual(preview.json.changes, [
    { row: 3, action: 'update', label: '幂等乙', fields: [{ column: '标签', before: '种养殖能人、致富能手', after: '致富能手' }] },
  ]);
  const third = await upload(cookie, 'people', changed, { dryRun: false });
  assert.deepEqual([third.json.created, third.json.updated, third.json.unchanged], [0, 1, 1]);
  // Only the party stage moves on: the person's other cells are as on file.
  const promoted = changed.replace('入党积极分子,2022-05-01', '发展对象,2023-05-01');
  const fourth = await upload(cookie, 'people', promoted, { dryRun: false });
  assert.deepEqual([fourth.json.created, fourth.json.updated, fourth.json.unchanged], [0, 1, 1]);
  assert.equal((await api(`/api/v1/people/${person.id}`, { cookie })).json.party_stage.stage, 'candidate');
});

test('a preview lists the rows a file creates and changes, in file order', async () => {
  const cookie = await login('nanshi');
  const csv = [HEADER, personRow('预览甲'), personRow('预览乙', { tags: '' })].join('\r\n');
  const res = await upload(cookie, 'people', csv);
  assert.equal(res.status, 200, JSON.stringify(res.json));
  assert.deepEqual(
    res.json.changes.map((c) => [c.row, c.action, c.label, c.fields.length]),
    [[2, 'create', '预览甲', 0], [3, 'create', '预览乙', 0]],
  );
  // Enterprises matched by credit code: the capital column's change, in 万元.
  const exported = await download(cookie, '/api/v1/exports/enterprises?q=' + encodeURIComponent('大元井'));
  assert.equal(exported.status, 200);
  const again = await upload(cookie, 'enterprises', exported.buf, { filename: 'enterprises.xlsx' });
  assert.deepEqual([again.json.updated, again.json.changes], [0, []]);
});

test('a large file is read in batches with the same outcome as row by row', async () => {
  // 2,500 rows cross the importer's batches of 1,000. Within the file a card
  // and a name come back on later rows (those rows update the record the
  // earlier row made, wherever the batch ends); one card repeats a card on
  // file; a bad row in the middle stops the whole file.
  const cookie = await login('nanshi');
  seq += 10;
  const card = validIdCard(seq);
  const onFile = validIdCard(seq + 1);
  const stamp = Date.now().toString(36);
  const name = (i) => `批量${stamp}${i}`;
  const existing = await api('/api/v1/people', { method: 'POST', cookie, body: { name: `已有${stamp}`, region: '431127103224', id_card: onFile } });
  assert.equal(existing.status, 201, JSON.stringify(existing.json));
  const rows = [HEADER];
  for (let i = 0; i < 2500; i++) {
    if (i === 10) rows.push(personRow(name(i), { idCard: card }));
    else if (i === 1200) rows.push(personRow(name(10), { idCard: card, tags: '返乡创业' })); // the card of row 10, next batch
    else if (i === 1500) rows.push(personRow(name(1499), { tags: '企业家' })); // the name of the row before, same batch
    else if (i === 2000) rows.push(personRow(`已有${stamp}`, { idCard: onFile, tags: '种养殖能人' }));
    else rows.push(personRow(name(i), { stage: i % 100 === 0 ? '入党积极分子' : '', since: i % 100 === 0 ? '2023-03-01' : '' }));
  }
  const good = rows.join('\n');
  const bad = good.replace(`${name(1800)},`, `${name(1800)},男,2099-01-01,`);
  const refused = await upload(cookie, 'people', bad, { dryRun: false });
  assert.equal(refused.json.saved, false);
  assert.deepEqual(refused.json.errors.map((e) => e.row), [1802]);
  assert.equal(await total(cookie, `/api/v1/people?q=${encodeURIComponent(name(1))}`), 0);

  const res = await upload(cookie, 'people', good, { dryRun: false });
  assert.equal(res.status, 200, JSON.stringify(res.json.errors));
  assert.deepEqual([res.json.rows, res.json.created, res.json.updated, res.json.unchanged], [2500, 2497, 3, 0]);
  const named = async (n) =>
    (await api(`/api/v1/people?page_size=200&q=${encodeURIComponent(n)}`, { cookie })).json.items.filter((p) => p.name === n);
  const tenth = await named(name(10));
  assert.equal(tenth.length, 1);
  assert.deepEqual(tenth[0].tags, ['returnee']);
  const last = await named(name(1499));
  assert.equal(last.length, 1);
  assert.deepEqual(last[0].tags, ['entrepreneur']);
  const [activist] = await named(name(2400));
  assert.equal(activist.party_stage.stage, 'activist');
  // Again: nothing new; the two people the file describes twice flip back and
  // forth (2 rows each), as they would row by row.
  const again = await upload(cookie, 'people', good, { dryRun: false });
  assert.deepEqual([again.json.created, again.json.updated, again.json.unchanged], [0, 4, 2496]);
  const chain = await api('/api/v1/audit?entity=person&id=' + activist.id, { cookie });
  assert.equal(chain.json.items[0].action, 'create');
});

test('a large enterprise file is read in batches with the same outcome as row by row', async () => {
  // 2,500 rows cross the batches of 1,000. A credit code comes back on later
  // rows (next batch, same batch); a row changes a record on file; a row by
  // 编号 gives a record a new code, after which its old code is free for a
  // new enterprise and its new code finds it; a bad code stops the file.
  const cookie = await login('nanshi');
  const stamp = Date.now().toString(36);
  const base = 10000000 + (Date.now() % 8000) * 10000;
  const code = (i) => validUscc(base + i);
  const name = (i) => `批企${stamp}${i}`;
  const created = async (n, uscc) => {
    const res = await api('/api/v1/enterprises', { method: 'POST', cookie, body: { name: n, uscc, industry: 'agriculture', region: '431127103224' } });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    return res.json;
  };
  const onFile = await created(`已有企业${stamp}`, code(9001));
  const moved = await created(`改码企业${stamp}`, code(9002));
  const row = ({ id = '', n, uscc, industry = '农、林、牧、渔业', capital = '' }) =>
    [id, n, uscc, '', industry, capital, '朋佳村', ''].join(',');
  const rows = ['编号,企业名称*,统一社会信用代码*,法定代表人,行业*,注册资本（万元）,所属区划*,成立日期'];
  for (let i = 0; i < 2500; i++) {
    if (i === 10) rows.push(row({ n: name(10), uscc: code(10), capital: '50' }));
    else if (i === 1200) rows.push(row({ n: name(10), uscc: code(10), capital: '80' })); // next batch
    else if (i === 1500) rows.push(row({ n: `${name(1499)}改`, uscc: code(1499) })); // same batch
    else if (i === 2000) rows.push(row({ n: onFile.name, uscc: onFile.uscc, industry: '制造业' }));
    else if (i === 300) rows.push(row({ id: moved.id, n: moved.name, uscc: code(9003) }));
    else if (i === 301) rows.push(row({ n: `${name(301)}接码`, uscc: moved.uscc }));
    else if (i === 302) rows.push(row({ n: moved.name, uscc: code(9003) }));
    else rows.push(row({ n: name(i), uscc: code(i) }));
  }
  const good = rows.join('\n');
  // A wrong check digit (the code varies with the clock: '0' may be the right one).
  const wrong = code(1800).slice(0, 17) + (code(1800).endsWith('0') ? '1' : '0');
  const bad = good.replace(`${name(1800)},${code(1800)}`, `${name(1800)},${wrong}`);
  const refused = await upload(cookie, 'enterprises', bad, { dryRun: false });
  assert.equal(refused.json.saved, false);
  assert.deepEqual(refused.json.errors.map((e) => [e.row, e.column]), [[1802, '统一社会信用代码']]);
  assert.equal(await total(cookie, `/api/v1/enterprises?q=${encodeURIComponent(name(1))}`), 0);
  // Taken back whole, though its first 1,000 rows were saved: the moved code
  // is back on its record and the one reused is free again.
  assert.equal(refused.json.undo_skipped, 0);
  const byCode = async (uscc) => (await api(`/api/v1/enterprises?q=${uscc}`, { cookie })).json.items.map((e) => e.id);
  assert.deepEqual(await byCode(moved.uscc), [moved.id]);
  assert.deepEqual(await byCode(code(9003)), []);

  const res = await upload(cookie, 'enterprises', good, { dryRun: false });
  assert.equal(res.status, 200, JSON.stringify(res.json.errors));
  const one = async (q) => {
    const found = await api(`/api/v1/enterprises?q=${encodeURIComponent(q)}`, { cookie });
    assert.equal(found.json.total, 1, q);
    return found.json.items[0];
  };
  assert.equal((await one(code(10))).registered_capital_fen, 80000000);
  assert.equal((await one(code(1499))).name, `${name(1499)}改`);
  assert.equal((await one(onFile.uscc)).industry, 'manufacturing');
  assert.equal((await one(code(9003))).id, moved.id);
  assert.equal((await one(moved.uscc)).name, `${name(301)}接码`);
  assert.deepEqual([res.json.rows, res.json.created, res.json.updated, res.json.unchanged], [2500, 2495, 4, 1]);
  // Indexed as one by one: found by the tail of its code; audited once.
  const plain = await one(code(2400).slice(8));
  assert.equal(plain.name, name(2400));
  assert.equal(plain.region.code, '431127103224');
  const chain = await api('/api/v1/audit?entity=enterprise&id=' + plain.id, { cookie });
  assert.deepEqual(chain.json.items.map((a) => a.action), ['create']);
  // Again: nothing new; the code the file names twice flips back and forth.
  const again = await upload(cookie, 'enterprises', good, { dryRun: false });
  assert.deepEqual([again.json.created, again.json.updated, again.json.unchanged], [0, 4, 2496]);
});

test('every export imports back unchanged', async () => {
  const cookie = await login('nanshi');
  for (const kind of ['people', 'organizations', 'enterprises', 'memberships']) {
    const file = await download(cookie, `/api/v1/exports/${kind}.xlsx`);
    assert.equal(file.status, 200, kind);
    assert.equal(file.buf.subarray(0, 2).toString(), 'PK');
    const back = await upload(cookie, kind, file.buf, { filename: `${kind}.xlsx`, dryRun: false });
    assert.equal(back.status, 200, kind);
    assert.equal(back.json.error_count, 0, `${kind}: ${JSON.stringify(back.json.errors.slice(0, 3))}`);
    assert.equal(back.json.created + back.json.updated, 0, kind);
    assert.ok(back.json.unchanged > 0, kind);
  }
  // Filters apply: an export of one village only has that village's people.
  const one = await download(cookie, '/api/v1/exports/people.xlsx?region=431127103224');
  const all = await download(cookie, '/api/v1/exports/people.xlsx');
  assert.ok(one.buf.length < all.buf.length);
});

test('a GB18030 CSV from older Excel imports with its Chinese intact', async () => {
  const cookie = await login('nanshi');
  const csv = [HEADER, personRow('国标甲'), personRow('國標乙')].join('\r\n') + '\r\n';
  const gb = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: csv });
  assert.notDeepEqual(gb, Buffer.from(csv));
  const res = await upload(cookie, 'people', gb, { dryRun: false, filename: '台账.csv' });
  assert.equal(res.status, 200, JSON.stringify(res.json));
  assert.equal(res.json.created, 2);
  const found = await api(`/api/v1/people?q=${encodeURIComponent('国标甲')}`, { cookie });
  assert.equal(found.json.items[0].name, '国标甲');
});

test('a village secretary cannot import people into another village', async () => {
  const cookie = await login('pengjia');
  const csv = [HEADER, personRow('越界甲', { region: '甘溪村（431127103228）' })].join('\n');
  const res = await upload(cookie, 'people', csv, { dryRun: false });
  assert.equal(res.json.error_count, 1);
  assert.equal(res.json.errors[0].column, '所属区划');
  const denied = await upload(cookie, 'enterprises', 'x', { dryRun: true });
  assert.equal(denied.status, 403);
});

test('broken files get a clear answer, never a 500', async () => {
  const cookie = await login('nanshi');
  const cases = [
    ['empty.csv', Buffer.alloc(0)],
    ['noise.csv', Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x22, 0x0a, 0x22])],
    ['broken.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)])],
    ['missing.csv', Buffer.from('姓名,备注\n张三,x\n')],
    ['quote.csv', Buffer.from(`${HEADER}\n"未闭合,朋佳村\n`)],
  ];
  for (const [name, bytes] of cases) {
    const res = await upload(cookie, 'people', bytes, { filename: name });
    assert.ok([200, 400, 413, 422].includes(res.status), `${name}: ${res.status}`);
    if (res.status === 200) assert.ok(res.json.error_count > 0, name);
    else assert.ok(res.json.error.code, name);
  }
  const missing = await upload(cookie, 'people', Buffer.from('姓名,备注\n张三,x\n'));
  assert.equal(missing.json.errors[0].message, '缺少“所属区划”列');
  const kind = await upload(cookie, 'rockets', 'x');
  assert.equal(kind.status, 404);
  const dry = await api('/api/v1/imports?kind=people&dry_run=maybe', { method: 'POST', cookie, raw: 'x' });
  assert.equal(dry.status, 400);
});
