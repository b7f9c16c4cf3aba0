// The pairing ledger and the compliance report in Excel, as the town office
// uses them: the pairings exported and imported back unchanged, a re-pairing
// made by changing the 责任人 cell, new rows checked like the form (the reason
// beside the column), nothing written on any error, and the compliance
// report as a workbook with every gap listed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { api, login, BASE } from './helpers.mjs';

const TOWN = '431127103'; // 楠市镇
const SUOCHENG = '431127104'; // 所城镇 (the demo's town with gaps)
const COUNTY = '431127'; // 蓝山县
const DAY = '2022-10-20';
const HEADER = '编号,层级*,责任人*,包保对象*,开始日期,结束日期';

async function upload(cookie, csv, dryRun) {
  const res = await fetch(`${BASE}/api/v1/imports?kind=pairings&dry_run=${dryRun}&filename=pairings.csv`, {
    method: 'POST',
    headers: { cookie, 'x-requested-with': 'shuanglun', 'content-type': 'text/csv' },
    body: csv,
  });
  const json = await res.json();
  assert.equal(res.status, 200, JSON.stringify(json));
  return json;
}

async function download(cookie, path) {
  const res = await fetch(BASE + path, { headers: { cookie } });
  return { status: res.status, buf: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

// The text of every cell of a workbook, sheet by sheet (shared strings and
// inline strings), read with Python's zipfile: what a user sees in Excel.
function workbookText(buf) {
  const script = [
    'import sys, zipfile, io, re',
    'z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))',
    'names = z.namelist()',
    "parts = [n for n in names if n == 'xl/sharedStrings.xml' or n.startswith('xl/worksheets/sheet')]",
    "print('\\n'.join(t for n in parts for t in re.findall(r'<t[^>]*>([^<]*)</t>', z.read(n).decode())))",
    "print(z.read('xl/workbook.xml').decode())",
  ].join('\n');
  return execFileSync('python3', ['-c', script], { input: buf }).toString('utf8');
}

const ref = (name, id) => `${name}（${id}）`;

// Every page of a pairing list.
async function pairings(cookie, query) {
  const items = [];
  for (let page = 1; ; page += 1) {
    const res = await api(`/api/v1/pairings?${query}&page_size=200&page=${page}`, { cookie });
    assert.equal(res.status, 200, res.text);
    items.push(...res.json.items);
    if (items.length >= res.json.total || res.json.items.length === 0) return items;
  }
}

test('the pairing ledger exports and imports back unchanged, with or without its 编号', async () => {
  const cookie = await login('nanshi');
  const template = await download(cookie, '/api/v1/templates/pairings.xlsx');
  assert.equal(template.status, 200);
  assert.match(workbookText(template.buf), /包保对象/);

  const file = await download(cookie, `/api/v1/exports/pairings.xlsx?region=${TOWN}&date=${DAY}`);
  assert.equal(file.status, 200);
  assert.match(file.headers.get('content-disposition'), /filename\*=UTF-8''/);
  const text = workbookText(file.buf);
  assert.match(text, /镇领导包保企业家/);
  assert.match(text, /村干部包保组/);
  const res = await fetch(`${BASE}/api/v1/imports?kind=pairings&dry_run=false&filename=p.xlsx`, {
    method: 'POST',
    headers: { cookie, 'x-requested-with': 'shuanglun' },
    body: file.buf,
  });
  const back = await res.json();
  assert.equal(back.error_count, 0, JSON.stringify(back.errors.slice(0, 3)));
  assert.equal(back.rows, 165); // 31 + 18 + 108 + 8
  assert.equal(back.unchanged, 165);

  // Without the 编号 column the same source, target and start is the same row.
  const [p] = await pairings(cookie, `region=${TOWN}&level=2&date=${DAY}`);
  const csv = [HEADER.replace('编号,', ''), ['2', ref(p.source.name, p.source.id), ref(p.target.name, p.target.region.code), p.valid_from, ''].join(',')].join('\n');
  const again = await upload(cookie, csv, false);
  assert.deepEqual([again.rows, again.unchanged, again.error_count], [1, 1, 0]);
});

test('changing the 责任人 cell re-pairs: the old row ends where the new one starts', async () => {
  const cookie = await login('nanshi');
  const level1 = await pairings(cookie, `region=${TOWN}&level=1&date=${DAY}`);
  const old = level1[level1.length - 1];
  const next = level1.find((p) => p.source.id !== old.source.id).source;
  const row = [old.id, '镇领导包保企业家', ref(next.name, next.id), ref(old.target.name, old.target.id), '2098-06-01', ''].join(',');
  const dry = await upload(cookie, [HEADER, row].join('\n'), true);
  assert.deepEqual([dry.updated, dry.error_count, dry.saved], [1, 0, false]);
  assert.equal((await pairings(cookie, `target_kind=person&target=${old.target.id}&all=true`)).length, 1);

  const saved = await upload(cookie, [HEADER, row].join('\n'), false);
  assert.deepEqual([saved.updated, saved.saved], [1, true]);
  const history = await pairings(cookie, `target_kind=person&target=${old.target.id}&all=true`);
  history.sort((a, b) => a.valid_from.localeCompare(b.valid_from));
  assert.deepEqual(
    history.map((p) => [p.source.id, p.valid_from, p.valid_to, p.origin]),
    [[old.source.id, old.valid_from, '2098-06-01', old.origin], [next.id, '2098-06-01', null, 'import']],
  );
  // The demo day is untouched.
  assert.equal((await api(`/api/v1/compliance?region=${TOWN}&date=${DAY}`, { cookie })).json.ok, true);
  // The same file again: nothing left to change.
  const newRow = history[1];
  const again = await upload(cookie, [HEADER, [newRow.id, '1', ref(next.name, next.id), ref(old.target.name, old.target.id), '2098-06-01', ''].join(',')].join('\n'), false);
  assert.deepEqual([again.unchanged, again.error_count], [1, 0]);
});

test('bad rows are named by row and column with the reason, and nothing is written', async () => {
  const cookie = await login('nanshi');
  const level3 = await pairings(cookie, `region=${TOWN}&level=3&date=${DAY}`);
  // A cadre of one village for a group of another village.
  const a = level3[0];
  const b = level3.find((p) => p.target.region.code.slice(0, 12) !== a.target.region.code.slice(0, 12));
  const c = level3.find((p) => p.target.region.code.slice(0, 12) === b.target.region.code.slice(0, 12) && p.source.id !== b.source.id);
  assert.ok(c, 'a village with two cadres');
  const before = (await pairings(cookie, `region=${TOWN}&all=true`)).length;
  const rows = [
    HEADER,
    ['', '三级', ref(a.source.name, a.source.id), ref(b.target.name, b.target.region.code), '2099-01-01', ''].join(','),
    ['', '五级', ref(a.source.name, a.source.id), ref(b.target.name, b.target.region.code), '', ''].join(','),
    ['', '3', '没有这个人', ref(b.target.name, b.target.region.code), '', ''].join(','),
    ['', '2', ref(a.source.name, a.source.id), '', '2099-01-01', '2098-01-01'].join(','),
    [a.id, '3', ref(a.source.name, a.source.id), ref(b.target.name, b.target.region.code), '', ''].join(','),
    // A good row (another cadre of b's village for b's group): applied only if every row is good.
    ['', '3', ref(c.source.name, c.source.id), ref(b.target.name, b.target.region.code), '2099-02-01', ''].join(','),
  ].join('\n');
  const report = await upload(cookie, rows, false);
  assert.equal(report.saved, false);
  const byRow = report.errors.map((e) => [e.row, e.column]);
  assert.deepEqual(byRow, [[2, '责任人'], [3, '层级'], [4, '责任人'], [5, '包保对象'], [6, '包保对象']]);
  assert.match(report.errors[0].message, /本村|村干部/);
  assert.match(report.errors[1].message, /镇领导包保企业家/);
  assert.match(report.errors[2].message, /没有这个人/);
  assert.equal((await pairings(cookie, `region=${TOWN}&all=true`)).length, before);
  // Without the bad rows the good one is saved.
  const good = await upload(cookie, [HEADER, rows.split('\n')[6]].join('\n'), false);
  assert.deepEqual([good.created, good.saved], [1, true]);
  const now = await pairings(cookie, `target_kind=region&target=${b.target.id}&date=2099-02-01`);
  assert.deepEqual(now.map((p) => p.source.id).sort(), [b.source.id, c.source.id].sort());
  // English users read English.
  const en = await fetch(`${BASE}/api/v1/imports?kind=pairings&dry_run=true&filename=p.csv`, {
    method: 'POST',
    headers: { cookie, 'x-requested-with': 'shuanglun', 'content-type': 'text/csv', 'accept-language': 'en' },
    body: rows,
  });
  assert.match((await en.json()).errors[1].message, /Must be one of/);
});

test('a village secretary reads his village\'s pairings in Excel and cannot import', async () => {
  const cookie = await login('pengjia');
  const file = await download(cookie, '/api/v1/exports/pairings.xlsx?all=true');
  assert.equal(file.status, 200);
  const text = workbookText(file.buf);
  assert.match(text, /村干部包保组/);
  // Level 1 pairings belong to the town's chamber, outside his village.
  assert.doesNotMatch(text, /镇领导包保企业家/);
  const res = await fetch(`${BASE}/api/v1/imports?kind=pairings&dry_run=true&filename=p.csv`, {
    method: 'POST',
    headers: { cookie, 'x-requested-with': 'shuanglun', 'content-type': 'text/csv' },
    body: `${HEADER}\n`,
  });
  assert.equal(res.status, 403);
});

test('the compliance report downloads as a workbook with every list in full', async () => {
  const cookie = await login('nanshi');
  const town = await download(cookie, `/api/v1/compliance/export?region=${TOWN}&date=${DAY}`);
  assert.equal(town.status, 200);
  assert.match(town.headers.get('content-type'), /spreadsheetml/);
  const text = workbookText(town.buf);
  for (const sheet of ['概况', '覆盖缺口', '联系任务', '逾期诉求']) assert.match(text, new RegExp(`name="${sheet}"`));
  assert.match(text, /31 \/ 31/);
  assert.match(text, /达标/);

  // The county: every town, the one with gaps first, and its gaps named.
  const report = (await api(`/api/v1/compliance?region=${COUNTY}&date=${DAY}&limit=10000`, { cookie: await login('admin') })).json;
  const county = await download(await login('admin'), `/api/v1/compliance/export?region=${COUNTY}&date=${DAY}`);
  assert.equal(county.status, 200);
  const countyText = workbookText(county.buf);
  assert.match(countyText, /name="各乡镇"/);
  assert.match(countyText, /未达标/);
  assert.ok(report.towns[0].region.code === SUOCHENG);
  const gap = report.levels.flatMap((l) => l.uncovered)[0];
  assert.ok(gap, 'the county has a gap');
  assert.ok(countyText.includes(gap.target.name), gap.target.name);
  // Traditional Chinese headers for a Traditional Chinese user.
  const tw = await fetch(`${BASE}/api/v1/compliance/export?region=${TOWN}&date=${DAY}`, { headers: { cookie, 'accept-language': 'zh-TW' } });
  assert.match(workbookText(Buffer.from(await tw.arrayBuffer())), /name="概況"/);
  // The town office cannot read the county; a bad date is a 400.
  assert.equal((await download(cookie, `/api/v1/compliance/export?region=${COUNTY}&date=${DAY}`)).status, 404);
  assert.equal((await download(cookie, `/api/v1/compliance/export?region=${TOWN}&date=20221020`)).status, 400);
});
