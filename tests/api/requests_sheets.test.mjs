// Requests (诉求) in and out of Excel: 楠市镇's office exports the town's 2022
// requests and imports the file back without changing anything; enters
// requests taken on paper (one still open, one resolved on a past day, one
// resolved and rated, one rated 不满意 and so reopened), which then read as
// they happened, timeline included;
// corrects a request's title, detail and category by its 编号 but never its
// status; gets rows with a bad date, an unknown category or an unknown
// requester named by row and column with nothing written; and a large file
// with a mistake past its first 1,000 rows leaves the ledger as it was.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, jobEnd, login, uniqueName, BASE } from './helpers.mjs';
import { validIdCard, validUscc } from './codes.mjs';

const NANSHI = '431127103';
const PENGJIA = '431127103224';
const YEAR_2022 = `region=${NANSHI}&from=2022-01-01&to=2022-12-31`;
const PAPER = '诉求人,所在地,类别,标题,详情,提出日期,来源,状态,办结日期,办理结果,评价,评价意见';

let nanshi, firm, villager;

before(async () => {
  nanshi = await login('nanshi');
  const n = 7_000_000 + (Date.now() % 1_000_000);
  const e = await api('/api/v1/enterprises', { method: 'POST', cookie: nanshi, body: { name: uniqueName('诉求导入公司'), uscc: validUscc(n), industry: 'agriculture', region: PENGJIA } });
  assert.equal(e.status, 201, e.text);
  firm = e.json;
  const idCard = validIdCard(100_000 + (Date.now() % 900_000));
  const p = await api('/api/v1/people', { method: 'POST', cookie: nanshi, body: { name: uniqueName('诉求村民'), region: PENGJIA, id_card: idCard } });
  assert.equal(p.status, 201, p.text);
  villager = { ...p.json, idCard };
});

async function upload(cookie, bytes, { dryRun = true, filename = 'requests.csv' } = {}) {
  const res = await fetch(`${BASE}/api/v1/imports?kind=requests&dry_run=${dryRun}&filename=${encodeURIComponent(filename)}`, {
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

/** The requests a list query finds, all pages. */
async function requests(query) {
  const out = [];
  for (let page = 1; ; page += 1) {
    const res = await api(`/api/v1/requests?${query}&page_size=200&page=${page}`, { cookie: nanshi });
    assert.equal(res.status, 200, res.text);
    out.push(...res.json.items);
    if (out.length >= res.json.total || res.json.items.length === 0) return out;
  }
}

async function request(id) {
  const res = await api(`/api/v1/requests/${id}`, { cookie: nanshi });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

const marked = (mark) => requests(`q=${encodeURIComponent(mark)}`);

/** The China day (UTC+8) of a timestamp. */
const chinaDay = (at) => new Date(Date.parse(at) + 8 * 3600 * 1000).toISOString().slice(0, 10);

test('the template downloads as a workbook; readers without requests.write may not import', async () => {
  const file = await download(nanshi, '/api/v1/templates/requests.xlsx');
  assert.equal(file.status, 200);
  assert.equal(file.buf.subarray(0, 2).toString(), 'PK');
  const county = await upload(await login('lanshan'), `${PAPER}\n`);
  assert.equal(county.status, 403);
});

test('楠市镇\'s 2022 requests export, and the file imports back changing nothing', async () => {
  const listed = await requests(YEAR_2022);
  assert.ok(listed.length >= 35, `the demo's town has about forty requests in 2022, not ${listed.length}`);
  const file = await download(nanshi, `/api/v1/exports/requests.xlsx?${YEAR_2022}`);
  assert.equal(file.status, 200);
  assert.equal(file.buf.subarray(0, 2).toString(), 'PK');
  const back = await upload(nanshi, file.buf, { filename: 'requests.xlsx', dryRun: false });
  assert.equal(back.status, 200, JSON.stringify(back.json));
  assert.equal(back.json.error_count, 0, JSON.stringify(back.json.errors.slice(0, 3)));
  assert.equal(back.json.rows, listed.length, 'a row for each request of the list');
  assert.equal(back.json.created + back.json.updated, 0, JSON.stringify(back.json.changes.slice(0, 3)));
  assert.equal(back.json.unchanged, listed.length);
  const again = await requests(YEAR_2022);
  assert.deepEqual(again.map((r) => [r.id, r.version]).sort(), listed.map((r) => [r.id, r.version]).sort(), 'no request was written');

  // The list's other filters narrow the export the same way.
  for (const query of [`${YEAR_2022}&status=open`, `${YEAR_2022}&category=finance`, `${YEAR_2022}&status=rated&q=${encodeURIComponent('贷款')}`, `region=${NANSHI}&overdue=true&date=2022-12-31`]) {
    const some = await requests(query);
    const part = await download(nanshi, `/api/v1/exports/requests.xlsx?${query}`);
    assert.equal(part.status, 200, query);
    const read = await upload(nanshi, part.buf, { filename: 'requests.xlsx' });
    if (some.length === 0) {
      assert.equal(read.json.rows, 0, query);
      continue;
    }
    assert.equal(read.json.rows, some.length, query);
    assert.equal(read.json.unchanged, some.length, query);
  }
  assert.equal((await download(nanshi, `/api/v1/exports/requests.xlsx?status=nonsense`)).status, 400);
});

test('requests taken on paper: open, resolved on a past day, rated — each reads as it happened', async () => {
  const mark = uniqueName('纸质诉求');
  const rows = [
    PAPER,
    `${firm.name},,用地,${mark}甲,晾晒棚用地报批,2022-05-09,走访,,,,,`,
    `${firm.uscc},朋佳村,finance,${mark}乙,,2022/5/10,,办结,2022-05-20,已协调放款,,`,
    `${villager.idCard},,政策咨询,${mark}丙,,2022-06-01,直接反映,已评价,2022-06-08,已当面答复,满意,答复及时`,
    `${firm.name}（${firm.id}）,,其他,${mark}丁,,2022-07-01,,已评价,2022-07-05,已回复,不满意,问题没解决`,
  ].join('\n');
  const dry = await upload(nanshi, rows);
  assert.equal(dry.status, 200, JSON.stringify(dry.json));
  assert.equal(dry.json.error_count, 0, JSON.stringify(dry.json.errors));
  assert.equal(dry.json.created, 4);
  assert.deepEqual(dry.json.changes.map((c) => [c.row, c.action, c.label]), [[2, 'create', `${mark}甲`], [3, 'create', `${mark}乙`], [4, 'create', `${mark}丙`], [5, 'create', `${mark}丁`]]);
  assert.equal((await marked(mark)).length, 0, 'a dry run writes nothing');
  const saved = await upload(nanshi, rows, { dryRun: false });
  assert.equal(saved.json.saved, true, JSON.stringify(saved.json.errors));
  assert.equal(saved.json.created, 4);

  const got = Object.fromEntries((await marked(mark)).map((r) => [r.title.slice(mark.length), r]));
  assert.deepEqual(Object.keys(got).sort(), ['丁', '丙', '乙', '甲']);
  const a = await request(got['甲'].id);
  assert.deepEqual([a.requester.kind, a.requester.id, a.region.code, a.category, a.detail, a.raised_on, a.source, a.status, a.resolved_on, a.rating], ['enterprise', firm.id, PENGJIA, 'land', '晾晒棚用地报批', '2022-05-09', 'visit', 'registered', null, null]);
  assert.ok(a.due_on > a.raised_on, 'due in the category\'s working days');
  assert.deepEqual(a.timeline.map((s) => s.action), ['create']);

  const b = await request(got['乙'].id);
  assert.deepEqual([b.requester.kind, b.requester.id, b.region.code, b.category, b.raised_on, b.source, b.status, b.status_type, b.resolved_on, b.resolution, b.rating], ['enterprise', firm.id, PENGJIA, 'finance', '2022-05-10', 'direct', 'resolved', 'closed', '2022-05-20', '已协调放款', null]);
  assert.deepEqual(b.timeline.map((s) => [s.action, s.to_status]), [['create', 'registered'], ['resolve', 'resolved']]);
  assert.equal(chinaDay(b.timeline[1].at), '2022-05-20', 'resolved on the day the paper says');
  assert.equal(b.timeline[1].note, '已协调放款');

  const c = await request(got['丙'].id);
  assert.deepEqual([c.requester.kind, c.requester.id, c.category, c.raised_on, c.status, c.resolved_on, c.resolution, c.rating, c.rating_comment, c.rated_on], ['person', villager.id, 'policy', '2022-06-01', 'rated', '2022-06-08', '已当面答复', 'satisfied', '答复及时', '2022-06-08']);
  assert.deepEqual(c.timeline.map((s) => [s.action, s.to_status]), [['create', 'registered'], ['resolve', 'resolved'], ['rate', 'rated']]);
  assert.deepEqual(c.timeline.slice(1).map((s) => chinaDay(s.at)), ['2022-06-08', '2022-06-08']);
  assert.equal(c.timeline[2].rating, 'satisfied');

  // Rated 不满意, the flow reopens it with a new due date.
  const d = await request(got['丁'].id);
  assert.deepEqual([d.status, d.status_type, d.rating, d.rating_comment, d.resolved_on, d.reopened], ['reopened', 'open', 'unsatisfied', '问题没解决', null, 1]);
  assert.deepEqual(d.timeline.map((s) => [s.action, s.to_status]), [['create', 'registered'], ['resolve', 'resolved'], ['rate', 'reopened']]);

  // Their export imports back unchanged.
  const file = await download(nanshi, `/api/v1/exports/requests.xlsx?q=${encodeURIComponent(mark)}`);
  const back = await upload(nanshi, file.buf, { filename: 'requests.xlsx', dryRun: false });
  assert.deepEqual([back.json.error_count, back.json.created, back.json.updated, back.json.unchanged], [0, 0, 0, 4], JSON.stringify(back.json));

  // By its 编号 a row corrects the title, detail and category, nothing else.
  const fix = ['编号,诉求人,类别,标题,详情,状态', `${a.id},${firm.name}（${firm.id}）,用工,${mark}甲改,招聘采摘工,登记`].join('\n');
  const fixed = await upload(nanshi, fix, { dryRun: false });
  assert.equal(fixed.json.saved, true, JSON.stringify(fixed.json.errors));
  assert.equal(fixed.json.updated, 1);
  assert.equal(fixed.json.changes[0].label, `${mark}甲改`);
  assert.deepEqual(Object.fromEntries(fixed.json.changes[0].fields.map((f) => [f.column, [f.before, f.after]])), {
    类别: ['用地', '用工'],
    标题: [`${mark}甲`, `${mark}甲改`],
    详情: ['晾晒棚用地报批', '招聘采摘工'],
  });
  const a2 = await request(a.id);
  assert.deepEqual([a2.category, a2.title, a2.detail, a2.status, a2.version], ['labour', `${mark}甲改`, '招聘采摘工', 'registered', a.version + 1]);

  // Its status (or requester) is the timeline's: a row that says otherwise is refused.
  const status = ['编号,诉求人,类别,标题,状态,办结日期,办理结果', `${a.id},${firm.name},用工,${mark}甲改,办结,2022-06-01,办好了`, `${b.id},${villager.name},finance,${mark}乙,办结,2022-05-20,已协调放款`].join('\n');
  const refused = await upload(nanshi, status, { dryRun: false });
  assert.equal(refused.json.saved, false);
  assert.deepEqual(refused.json.errors.map((e) => [e.row, e.column]), [[2, '状态'], [2, '办结日期'], [2, '办理结果'], [3, '诉求人']]);
  const a3 = await request(a.id);
  assert.deepEqual([a3.status, a3.version], ['registered', a2.version], 'nothing written');
});

test('a bad date, an unknown category or an unknown requester is named by row and column; nothing is written', async () => {
  const mark = uniqueName('错误诉求');
  const rows = [
    PAPER,
    `${firm.name},,用地,${mark}好,,2022-05-09,,,,,,`,
    `${firm.name},,用地,${mark}日期,,2022-13-45,,,,,,`,
    `${firm.name},,天气,${mark}类别,,2022-05-09,,,,,,`,
    `查无此企业${mark},,用地,${mark}诉求人,,2022-05-09,,,,,,`,
    `${firm.name},,用地,${mark}状态,,2022-05-09,,受理,,,,`,
    `${firm.name},,用地,${mark}办结,,2022-05-09,,办结,2022-05-01,,,`,
    `${firm.name},,用地,${mark}评价,,2022-05-09,,办结,2022-05-10,已办,满意,`,
  ].join('\n');
  const res = await upload(nanshi, rows, { dryRun: false });
  assert.equal(res.status, 200);
  assert.equal(res.json.saved, false);
  assert.deepEqual(res.json.errors.map((e) => [e.row, e.column]), [
    [3, '提出日期'],
    [4, '类别'],
    [5, '诉求人'],
    [6, '状态'],
    [7, '办结日期'],
    [7, '办理结果'],
    [8, '评价'],
  ]);
  assert.match(res.json.errors[0].message, /日期/);
  assert.match(res.json.errors[2].message, /查无此企业/);
  assert.match(res.json.errors[3].message, /登记、办结、已评价/);
  assert.equal((await marked(mark)).length, 0, 'the good row is not written either');
});

test('a file of 1,200 rows with a mistake in its last row leaves the ledger as it was', async () => {
  const mark = uniqueName('批量诉求');
  const before = await requests(YEAR_2022);
  // Corrections of requests on file (their titles), new requests, and a mistake last.
  const changed = before
    .filter((r) => r.requester)
    .slice(0, 20)
    .map((r) => `${r.id},${r.requester.name}（${r.requester.id}）,,${r.category},${r.title}（改）,,,,,,,,`);
  const fresh = Array.from({ length: 1199 - changed.length }, (_, i) => `,${firm.name},,其他,${mark}-${i},,2021-03-01,,,,,,`);
  const rows = [...changed.slice(0, 10), ...fresh, ...changed.slice(10)];
  rows.push(`,${firm.name},,天气,${mark}-错,,2021-03-01,,,,,,`);
  assert.equal(rows.length, 1200);
  const res = await upload(nanshi, [`编号,${PAPER}`, ...rows].join('\n'), { dryRun: false });
  assert.ok(res.job, 'more than 1,000 rows run as a job');
  assert.equal(res.json.saved ?? false, false);
  assert.deepEqual(res.json.errors.map((e) => [e.row, e.column]), [[1201, '类别']], 'the last row is the only mistake');
  assert.equal(res.json.undo_skipped, 0, 'the chunk saved was taken back, every step of it');
  assert.equal((await marked(mark)).length, 0, 'the new requests are taken back');
  const after = await requests(YEAR_2022);
  const titles = (list) => list.map((r) => [r.id, r.title, r.category]).sort((x, y) => x[0] - y[0]);
  assert.deepEqual(titles(after), titles(before), 'the corrected titles are back');
});
