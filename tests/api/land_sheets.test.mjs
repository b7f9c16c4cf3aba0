// Land transfer in and out of Excel: 朋佳村's secretary imports contracts (the
// collective's or households' land, to an enterprise or a person; rent a year
// or a 亩, in yuan to the fen) and the rent received; rows with a bad area, an
// unknown land type or a receipt above what remains due are named by row and
// nothing is written; exports import back unchanged; and large files with a
// mistake past their first 1,000 rows leave the ledger as it was. Tests use
// years before the demo's (1990–2019) so that the figures they read are their own.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, jobEnd, login, uniqueName, BASE } from './helpers.mjs';

const PENGJIA = '431127103224';
const HERBS = '蓝山县朋佳中草药种植有限公司';
let pengjia, collective;

before(async () => {
  pengjia = await login('pengjia');
  const orgs = await api(`/api/v1/organizations?kind=collective&region=${PENGJIA}`, { cookie: pengjia });
  collective = orgs.json.items[0];
  assert.ok(collective, 'the village has its collective');
});

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

async function person(name) {
  const res = await api('/api/v1/people', { method: 'POST', cookie: pengjia, body: { name, region: PENGJIA } });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

/** The contracts whose purpose carries `mark` (a unique text), all pages. */
async function contractsMarked(mark) {
  const out = [];
  for (let page = 1; ; page += 1) {
    const res = await api(`/api/v1/land-contracts?q=${encodeURIComponent(mark)}&page_size=200&page=${page}`, { cookie: pengjia });
    assert.equal(res.status, 200, res.text);
    out.push(...res.json.items);
    if (out.length >= res.json.total || res.json.items.length === 0) return out;
  }
}

async function payments(id) {
  const res = await api(`/api/v1/land-contracts/${id}/payments`, { cookie: pengjia });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

async function contract(body) {
  const res = await api('/api/v1/land-contracts', {
    method: 'POST',
    cookie: pengjia,
    body: { region: PENGJIA, transferor: { organization_id: collective.id }, land_type: 'farmland', area_mu: '10', payment_frequency: 'yearly', ...body },
  });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

const CONTRACTS = '所属区划,流出方,流入方,土地类型,面积（亩）,用途,起始日期,年限,到期日期,年租金（元）,每亩年租金（元）,支付方式,递增比例（%）,递增间隔（年）,带动就业,备注';
const RECEIPTS = '合同编号,期次,收款日期,金额（元）,付款人,备注';

test('templates for contracts and receipts download as workbooks; only writers import', async () => {
  for (const kind of ['land_contracts', 'land_receipts']) {
    const file = await download(pengjia, `/api/v1/templates/${kind}.xlsx`);
    assert.equal(file.status, 200, kind);
    assert.equal(file.buf.subarray(0, 2).toString(), 'PK', kind);
    const county = await upload(await login('lanshan'), kind, `${kind === 'land_contracts' ? CONTRACTS : RECEIPTS}\n`);
    assert.equal(county.status, 403, kind);
  }
});

test('contracts import: the collective\'s land or households\', to an enterprise or a person, rent in yuan to the fen', async () => {
  const mark = uniqueName('林下种植');
  const a = await person(uniqueName('农户'));
  const b = await person(uniqueName('农户'));
  const grower = await person(uniqueName('种植大户'));
  const rows = [
    CONTRACTS,
    `朋佳村,${collective.name},${HERBS},林地,300.25,${mark}甲,2016/3/1,5,,12345.67,,按半年,5,2,12,镇里协调`,
    `${PENGJIA},${a.name}（${a.id}）、${b.name}（${b.id}）,${grower.name}（${grower.id}）,耕地,12.5,${mark}乙,2017-01-01,,2019-12-31,,650.5,按年,,,,`,
  ].join('\n');
  const dry = await upload(pengjia, 'land_contracts', rows);
  assert.equal(dry.status, 200, JSON.stringify(dry.json));
  assert.equal(dry.json.error_count, 0, JSON.stringify(dry.json.errors));
  assert.equal(dry.json.created, 2);
  assert.equal((await contractsMarked(mark)).length, 0, 'a dry run writes nothing');
  const saved = await upload(pengjia, 'land_contracts', rows, { dryRun: false });
  assert.equal(saved.json.saved, true, JSON.stringify(saved.json.errors));
  const got = await contractsMarked(mark);
  const first = got.find((c) => c.purpose === `${mark}甲`);
  assert.equal(first.transferor.organization.id, collective.id);
  assert.equal(first.transferee.enterprise.name, HERBS);
  assert.equal(first.land_type, 'forest');
  assert.equal(first.area_mu, '300.25');
  assert.equal(first.rent_fen_per_year, 1234567);
  assert.equal(first.rent_fen_per_mu_year, null);
  assert.deepEqual([first.starts_on, first.years, first.ends_on], ['2016-03-01', 5, '2021-02-28']);
  assert.deepEqual([first.payment_frequency, first.rent_increase_percent, first.rent_increase_every_years, first.jobs, first.note], ['half_yearly', 5, 2, 12, '镇里协调']);
  const second = got.find((c) => c.purpose === `${mark}乙`);
  assert.deepEqual(second.transferor.people.map((p) => p.id).sort(), [a.id, b.id].sort());
  assert.equal(second.transferee.person.id, grower.id);
  assert.equal(second.rent_fen_per_mu_year, 65050);
  assert.deepEqual([second.years, second.ends_on], [null, '2019-12-31']);
  // 12.5 亩 at 650.50 a 亩: 8131.25 a year, to the fen.
  assert.equal((await payments(second.id)).items[0].amount_fen, 813125);

  // A row with its 编号 changes that contract; the change is reported.
  const changed = [`编号,${CONTRACTS}`, `${second.id},${PENGJIA},${a.name}（${a.id}）,${grower.name}（${grower.id}）,耕地,12.5,${mark}乙,2017-01-01,,2019-12-31,,650.5,按年,,,3,`].join('\n');
  const res = await upload(pengjia, 'land_contracts', changed, { dryRun: false });
  assert.equal(res.json.updated, 1, JSON.stringify(res.json));
  const fields = Object.fromEntries(res.json.changes[0].fields.map((f) => [f.column, [f.before, f.after]]));
  assert.deepEqual(Object.keys(fields).sort(), ['带动就业', '流出方']);
  assert.deepEqual(fields['带动就业'], ['0', '3']);
  const now = (await api(`/api/v1/land-contracts/${second.id}`, { cookie: pengjia })).json;
  assert.deepEqual(now.transferor.people.map((p) => p.id), [a.id]);
  assert.equal(now.jobs, 3);
});

test('rent received imports; receipts on file are left as they are', async () => {
  const c = await contract({ transferee: { enterprise_id: (await api(`/api/v1/enterprises?q=${encodeURIComponent(HERBS)}`, { cookie: pengjia })).json.items[0].id }, purpose: uniqueName('收款'), starts_on: '2015-01-01', years: 3, rent_fen_per_year: 1000000 });
  const rows = [RECEIPTS, `${c.id},1,2015/1/10,6000.5,${HERBS},首付`, `${c.id},1,2015-02-01,3999.50,${HERBS},`, `${c.id},2,2016-01-05,10000,,`].join('\n');
  const dry = await upload(pengjia, 'land_receipts', rows);
  assert.equal(dry.json.error_count, 0, JSON.stringify(dry.json.errors));
  assert.equal(dry.json.created, 3);
  const saved = await upload(pengjia, 'land_receipts', rows, { dryRun: false });
  assert.equal(saved.json.saved, true, JSON.stringify(saved.json.errors));
  const p = await payments(c.id);
  assert.deepEqual(p.items.map((x) => [x.received_fen, x.status]), [[1000000, 'paid'], [1000000, 'paid'], [0, 'overdue']]);
  assert.deepEqual(p.receipts.map((r) => [r.n, r.received_on, r.amount_fen, r.payer, r.note]), [
    [1, '2015-01-10', 600050, HERBS, '首付'],
    [1, '2015-02-01', 399950, HERBS, ''],
    [2, '2016-01-05', 1000000, '', ''],
  ]);
  // The same rows again would be more than is due: refused, nothing written.
  const twice = await upload(pengjia, 'land_receipts', rows, { dryRun: false });
  assert.equal(twice.json.saved, false);
  assert.equal(twice.json.errors[0].column, '金额（元）');
  // With their 编号 (an export), receipts on file are unchanged.
  const ids = p.receipts.map((r) => r.id);
  const again = [`收款编号,${RECEIPTS}`, `${ids[0]},${c.id},1,2015-01-10,6000.50,${HERBS},首付`, `${ids[2]},${c.id},2,2016-01-05,99,,改了也不算`].join('\n');
  const unchanged = await upload(pengjia, 'land_receipts', again, { dryRun: false });
  assert.deepEqual([unchanged.json.error_count, unchanged.json.created, unchanged.json.updated, unchanged.json.unchanged], [0, 0, 0, 2]);
  assert.equal((await payments(c.id)).receipts.length, 3);
});

test('a bad area, an unknown land type or a receipt above what remains due is named by row and nothing is written', async () => {
  const mark = uniqueName('错误行');
  const rows = [
    CONTRACTS,
    `朋佳村,${collective.name},${HERBS},耕地,20,${mark}好,2018-01-01,2,,5000,,按年,,,,`,
    `朋佳村,${collective.name},${HERBS},耕地,1.234,${mark}面积,2018-01-01,2,,5000,,按年,,,,`,
    `朋佳村,${collective.name},${HERBS},沙漠,20,${mark}类型,2018-01-01,2,,5000,,按年,,,,`,
    `朋佳村,${collective.name},${HERBS},耕地,20,${mark}租金,2018-01-01,2,,50.001,,按年,,,,`,
    `朋佳村,${collective.name},查无此人,耕地,20,${mark}流入,2018-01-01,2,,5000,,按年,,,,`,
  ].join('\n');
  const res = await upload(pengjia, 'land_contracts', rows, { dryRun: false });
  assert.equal(res.status, 200);
  assert.equal(res.json.saved, false);
  assert.deepEqual(res.json.errors.map((e) => [e.row, e.column]), [[3, '面积（亩）'], [4, '土地类型'], [5, '年租金（元）'], [6, '流入方']]);
  assert.match(res.json.errors[0].message, /两位小数/);
  assert.equal((await contractsMarked(mark)).length, 0, 'the good row is not written either');

  const c = await contract({ transferee: { person_id: (await person(uniqueName('承包人'))).id }, purpose: uniqueName('超收'), starts_on: '2014-01-01', years: 2, rent_fen_per_year: 200000 });
  const receipts = [RECEIPTS, `${c.id},1,2014-01-05,2000,,`, `${c.id},2,2015-01-05,2000.01,,`, `${c.id},3,2015-01-05,1,,`, `999999999,1,2015-01-05,1,,`].join('\n');
  const refused = await upload(pengjia, 'land_receipts', receipts, { dryRun: false });
  assert.equal(refused.json.saved, false);
  assert.deepEqual(refused.json.errors.map((e) => [e.row, e.column]), [[3, '金额（元）'], [4, '期次'], [5, '合同编号']]);
  assert.match(refused.json.errors[0].message, /2000\.00/);
  assert.deepEqual((await payments(c.id)).receipts, [], 'nothing written');
});

test('the contracts and receipts exports import back unchanged', async () => {
  // Something of every shape on file: households to a person, rent a 亩, an increase.
  const a = await person(uniqueName('农户'));
  await contract({ transferor: { person_ids: [a.id] }, transferee: { person_id: a.id }, purpose: uniqueName('导出'), starts_on: '2013-05-31', rent_fen_per_mu_year: 33333, ends_on: '2016-02-29', payment_frequency: 'monthly', rent_increase_percent: 3, rent_increase_every_years: 1, note: '多行\n备注' });
  for (const [kind, query] of [['land_contracts', `region=${PENGJIA}`], ['land_receipts', `region=${PENGJIA}`], ['land_receipts', 'year=2015']]) {
    const file = await download(pengjia, `/api/v1/exports/${kind}.xlsx?${query}`);
    assert.equal(file.status, 200, kind);
    const back = await upload(pengjia, kind, file.buf, { filename: `${kind}.xlsx`, dryRun: false });
    assert.equal(back.status, 200, kind);
    assert.equal(back.json.error_count, 0, `${kind}: ${JSON.stringify(back.json.errors.slice(0, 3))}`);
    assert.equal(back.json.created + back.json.updated, 0, `${kind}: ${JSON.stringify(back.json.changes.slice(0, 3))}`);
    assert.ok(back.json.unchanged > 0, kind);
  }
});

test('a file of 1,200 contracts with a mistake in its last row leaves the ledger as it was', async () => {
  const mark = uniqueName('批量流转');
  const line = (i, jobs) => `朋佳村,${collective.name},${HERBS},耕地,1,${mark}-${i},2010-01-01,1,,100,,按年,,,${jobs},`;
  const first = await upload(pengjia, 'land_contracts', [CONTRACTS, ...Array.from({ length: 1199 }, (_, i) => line(i, 1))].join('\n'), { dryRun: false });
  assert.ok(first.job, 'more than 1,000 rows run as a job');
  assert.equal(first.json.saved, true, JSON.stringify(first.json.errors?.slice(0, 3)));
  const on = await contractsMarked(mark);
  assert.equal(on.length, 1199);
  // Changed: the jobs of each, a new contract early on, a bad land type last.
  const rows = on.map((c) => `${c.id},${line(0, 2).replace(`${mark}-0`, c.purpose)}`);
  // The first one's terms too: an end date for its years, rent a 亩, an increase.
  rows[0] = `${on[0].id},朋佳村,${collective.name},${HERBS},耕地,1,${on[0].purpose},2010-01-01,,2010-12-31,,100,按年,5,1,2,`;
  rows.splice(2, 0, `,${line('新', 1)}`);
  rows.push(`,${line('错', 1).replace('耕地', '沙漠')}`);
  const res = await upload(pengjia, 'land_contracts', [`编号,${CONTRACTS}`, ...rows].join('\n'), { dryRun: false });
  assert.ok(res.job, 'more than 1,000 rows run as a job');
  assert.equal(res.json.saved ?? false, false);
  assert.deepEqual(res.json.errors.map((e) => e.row), [rows.length + 1], 'the last row is the only mistake');
  assert.equal(res.json.undo_skipped, 0, 'the chunk saved was taken back, every step of it');
  const after = await contractsMarked(mark);
  assert.equal(after.length, 1199, 'the new contract is taken back');
  assert.ok(after.every((c) => c.jobs === 1), 'the changed contracts are back as they were');
  const back = after.find((c) => c.id === on[0].id);
  assert.deepEqual(
    [back.years, back.ends_on, back.rent_fen_per_year, back.rent_fen_per_mu_year, back.rent_increase_percent, back.rent_increase_every_years],
    [1, '2010-12-31', 10000, null, 0, null],
  );
  assert.equal((await payments(back.id)).items.length, 1);
});

test('a file of 1,200 receipts with a mistake in its last row takes back what it received', async () => {
  // Four contracts paid monthly for 30 years: 1,440 payments of 1,000 yuan.
  const firm = (await api(`/api/v1/enterprises?q=${encodeURIComponent(HERBS)}`, { cookie: pengjia })).json.items[0];
  const ids = [];
  for (let i = 0; i < 4; i += 1) {
    const c = await contract({ transferee: { enterprise_id: firm.id }, purpose: uniqueName('月付'), starts_on: `199${i}-01-01`, years: 30, rent_fen_per_year: 1200000, payment_frequency: 'monthly' });
    ids.push(c.id);
  }
  const rows = Array.from({ length: 1199 }, (_, i) => `${ids[Math.floor(i / 300)]},${(i % 300) + 1},${1990 + Math.floor(i / 300)}-06-01,1000,,`);
  rows.push(`${ids[3]},300,1995-06-01,1000.01,,`);
  const res = await upload(pengjia, 'land_receipts', [RECEIPTS, ...rows].join('\n'), { dryRun: false });
  assert.ok(res.job, 'more than 1,000 rows run as a job');
  assert.equal(res.json.saved ?? false, false);
  assert.deepEqual(res.json.errors.map((e) => e.row), [rows.length + 1], 'the last row is the only mistake');
  assert.equal(res.json.undo_skipped, 0, 'the chunk saved was taken back, every step of it');
  for (const id of ids) {
    const p = await payments(id);
    assert.deepEqual(p.receipts, [], 'no receipt left');
    assert.ok(p.items.every((x) => x.received_fen === 0), 'nothing counted as received');
  }
});
