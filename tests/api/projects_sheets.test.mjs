// Projects and their indicator values in and out of Excel: the town office
// imports projects (stages, owners) and their figures per year or period,
// expected or actual; rows with an unknown indicator, a value with more
// decimals than its indicator keeps or an unknown owner are named by row and
// nothing is written; exports import back unchanged; and a large file of
// values with a mistake past its first 1,000 rows leaves the figures as they
// were. Tests use years before the demo's (1900–2019) and unique names so
// that the demo's figures stay its own.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, jobEnd, login, uniqueName, BASE } from './helpers.mjs';

const NANSHI = '431127103';
const PENGJIA = '431127103224';
const HERBS = '蓝山县朋佳中草药种植有限公司';

let nanshi;

before(async () => {
  nanshi = await login('nanshi');
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

async function projectNamed(name) {
  const res = await api(`/api/v1/projects?q=${encodeURIComponent(name)}&page_size=200`, { cookie: nanshi });
  assert.equal(res.status, 200, res.text);
  return res.json.items.find((p) => p.name === name);
}

async function valuesOf(id) {
  const res = await api(`/api/v1/projects/${id}/indicators`, { cookie: nanshi });
  assert.equal(res.status, 200, res.text);
  return res.json.items;
}

const PROJECTS = '项目类型,项目名称,所属区划,阶段,阶段日期,开始日期,业主企业,项目简介';
const VALUES = '项目名称,所属区划,指标,年度,起始日期,截止日期,数值,预计/实际,数据来源';

test('templates for projects and indicator values download as workbooks; only writers import', async () => {
  for (const kind of ['projects', 'indicators']) {
    const file = await download(nanshi, `/api/v1/templates/${kind}.xlsx`);
    assert.equal(file.status, 200, kind);
    assert.equal(file.buf.subarray(0, 2).toString(), 'PK', kind);
    // The county reads but may not import; nor may a village secretary (no projects.write).
    for (const user of ['lanshan', 'pengjia']) {
      const refused = await upload(await login(user), kind, `${kind === 'projects' ? PROJECTS : VALUES}\n`);
      assert.equal(refused.status, 403, `${kind} ${user}`);
    }
  }
});

test('projects and their figures import, again unchanged, and a changed row reports what it changes', async () => {
  const herbs = uniqueName('中药材基地');
  const road = uniqueName('通组公路');
  const projects = [
    PROJECTS,
    `产业项目,${herbs},朋佳村,签约,2018/5/1,2018-04-01,${HERBS},林下中药材种植`,
    `infrastructure,${road},${NANSHI},,,2017-10-01,,`,
  ].join('\n');
  const dry = await upload(nanshi, 'projects', projects);
  assert.equal(dry.status, 200, JSON.stringify(dry.json));
  assert.equal(dry.json.error_count, 0, JSON.stringify(dry.json.errors));
  assert.equal(dry.json.created, 2);
  assert.equal(await projectNamed(herbs), undefined, 'a dry run writes nothing');
  const saved = await upload(nanshi, 'projects', projects, { dryRun: false });
  assert.equal(saved.json.saved, true, JSON.stringify(saved.json.errors));
  const p = await projectNamed(herbs);
  assert.equal(p.kind, 'industry');
  assert.equal(p.region.code, PENGJIA);
  assert.deepEqual(p.stages, [{ stage: 'signed', on: '2018-05-01' }]);
  assert.equal(p.started_on, '2018-04-01');
  assert.deepEqual(p.enterprises.map((e) => e.name), [HERBS]);
  assert.equal(p.description, '林下中药材种植');
  const r = await projectNamed(road);
  assert.equal(r.kind, 'infrastructure');
  assert.equal(r.stage, null);

  // The same file again: the same projects (name and region), nothing new.
  const again = await upload(nanshi, 'projects', projects, { dryRun: false });
  assert.deepEqual([again.json.created, again.json.updated, again.json.unchanged], [0, 0, 2]);

  // Building from March 2019: a new stage, reported as a change.
  const moved = [PROJECTS, `产业项目,${herbs},朋佳村,在建,2019-03-01,2018-04-01,${HERBS},林下中药材种植`].join('\n');
  const change = await upload(nanshi, 'projects', moved, { dryRun: false });
  assert.equal(change.json.updated, 1, JSON.stringify(change.json));
  const fields = Object.fromEntries(change.json.changes[0].fields.map((f) => [f.column, [f.before, f.after]]));
  assert.deepEqual(fields['阶段'], ['签约', '在建']);
  assert.deepEqual(fields['阶段日期'], ['2018-05-01', '2019-03-01']);
  assert.deepEqual((await projectNamed(herbs)).stages, [{ stage: 'signed', on: '2018-05-01' }, { stage: 'building', on: '2019-03-01' }]);

  // Its figures: by name and region or by 项目编号; a year or a period; expected or actual.
  const values = [
    '项目编号,' + VALUES,
    `,${herbs},朋佳村,面积,2018,,,120.50,实际,流转合同`,
    `,${herbs},朋佳村,visitors,2018,,,1200,,村委会统计`,
    `${p.id},,,产值,,2018-07-01,2018-09-30,350000000,预计,合作社预计`,
    `${r.id},,,area_mu,2017,,,8,,`,
  ].join('\n');
  const put = await upload(nanshi, 'indicators', values, { dryRun: false });
  assert.equal(put.status, 200, JSON.stringify(put.json));
  assert.equal(put.json.error_count, 0, JSON.stringify(put.json.errors));
  assert.equal(put.json.created, 4);
  const got = await valuesOf(p.id);
  const byKey = Object.fromEntries(got.map((v) => [`${v.indicator}/${v.from}/${v.to}/${v.expected}`, [v.value, v.source]]));
  assert.deepEqual(byKey['area_mu/2018-01-01/2018-12-31/false'], ['120.50', '流转合同']);
  assert.deepEqual(byKey['visitors/2018-01-01/2018-12-31/false'], ['1200', '村委会统计']);
  assert.deepEqual(byKey['output_value_fen/2018-07-01/2018-09-30/true'], ['350000000', '合作社预计']);
  assert.equal((await valuesOf(r.id))[0].value, '8.00');
  const same = await upload(nanshi, 'indicators', values, { dryRun: false });
  assert.deepEqual([same.json.created, same.json.updated, same.json.unchanged], [0, 0, 4]);
  // A corrected figure replaces the value of its indicator, period and kind.
  const fixed = await upload(nanshi, 'indicators', [VALUES, `${herbs},朋佳村,游客,2018,,,1350,实际,售票统计`].join('\n'), { dryRun: false });
  assert.deepEqual([fixed.json.created, fixed.json.updated], [0, 1], JSON.stringify(fixed.json));
  const changed = Object.fromEntries(fixed.json.changes[0].fields.map((f) => [f.column, [f.before, f.after]]));
  assert.deepEqual(changed['数值'], ['1200', '1350']);
  assert.deepEqual(changed['数据来源'], ['村委会统计', '售票统计']);
  assert.equal((await valuesOf(p.id)).find((v) => v.indicator === 'visitors').value, '1350');
});

test('rows with an unknown indicator, too many decimals or an unknown owner are named and nothing is written', async () => {
  const name = uniqueName('示范基地');
  const other = uniqueName('示范基地');
  const bad = [
    PROJECTS,
    `产业项目,${name},${NANSHI},洽谈,2016-01-05,,,`,
    `产业项目,${other},${NANSHI},洽谈,2016-01-05,,查无此企业,`,
    `不存在的类型,${uniqueName('示范')},${NANSHI},,,,,`,
  ].join('\n');
  const refused = await upload(nanshi, 'projects', bad, { dryRun: false });
  assert.equal(refused.status, 200);
  assert.equal(refused.json.saved, false);
  assert.deepEqual(refused.json.errors.map((e) => [e.row, e.column]), [[3, '业主企业'], [4, '项目类型']]);
  assert.match(refused.json.errors[0].message, /查无此企业/);
  assert.equal(await projectNamed(name), undefined, 'the good row is not written either');

  const p = (await api('/api/v1/projects', { method: 'POST', cookie: nanshi, body: { kind: 'industry', name, region: NANSHI } })).json;
  const values = [
    VALUES,
    `${name},${NANSHI},面积,2016,,,100,,`,
    `${name},${NANSHI},面积,2017,,,1.234,,`,
    `${name},${NANSHI},没有这个指标,2016,,,5,,`,
    `${name},${NANSHI},游客,2016,,,5,可能,`,
    `查无此项目,${NANSHI},游客,2016,,,5,,`,
  ].join('\n');
  const res = await upload(nanshi, 'indicators', values, { dryRun: false });
  assert.equal(res.json.saved, false);
  assert.deepEqual(res.json.errors.map((e) => [e.row, e.column]), [[3, '数值'], [4, '指标'], [5, '预计/实际'], [6, '项目名称']]);
  assert.match(res.json.errors[0].message, /2/, 'area keeps 2 decimals');
  assert.deepEqual(await valuesOf(p.id), [], 'nothing written');
});

test('the projects and indicators exports import back unchanged', async () => {
  for (const [kind, query] of [['projects', `region=${NANSHI}`], ['indicators', `region=${NANSHI}`], ['indicators', 'year=2022&indicator=面积']]) {
    const file = await download(nanshi, `/api/v1/exports/${kind}.xlsx?${query}`);
    assert.equal(file.status, 200, kind);
    const back = await upload(nanshi, kind, file.buf, { filename: `${kind}.xlsx`, dryRun: false });
    assert.equal(back.status, 200, kind);
    assert.equal(back.json.error_count, 0, `${kind}: ${JSON.stringify(back.json.errors.slice(0, 3))}`);
    assert.equal(back.json.created + back.json.updated, 0, `${kind}: ${JSON.stringify(back.json.changes.slice(0, 3))}`);
    assert.ok(back.json.unchanged > 0, kind);
  }
});

test('a file of 1,200 values with a mistake in its last row leaves the figures as they were', async () => {
  // Six projects of 200 yearly values each (four indicators over 50 years).
  const projects = [];
  for (let i = 0; i < 6; i += 1) {
    projects.push((await api('/api/v1/projects', { method: 'POST', cookie: nanshi, body: { kind: 'industry', name: uniqueName('数据项目'), region: NANSHI } })).json);
  }
  const indicators = ['面积', '游客', '就业岗位', '作坊'];
  const row = (i, value) => {
    const j = Math.floor(i / 6);
    return `${projects[i % 6].id},${indicators[j % 4]},${1900 + Math.floor(j / 4)},${value}`;
  };
  const head = '项目编号,指标,年度,数值';
  const count = async () => (await Promise.all(projects.map((p) => valuesOf(p.id)))).reduce((n, values) => n + values.length, 0);
  // 1,199 values on file (a job of its own).
  const first = await upload(nanshi, 'indicators', [head, ...Array.from({ length: 1199 }, (_, i) => row(i, i + 1))].join('\n'), { dryRun: false });
  assert.ok(first.job, 'more than 1,000 rows run as a job');
  assert.equal(first.json.saved, true, JSON.stringify(first.json.errors?.slice(0, 3)));
  assert.equal(await count(), 1199);
  // Changed: the first value, a new one early on, and a mistake in the last row.
  const rows = Array.from({ length: 1199 }, (_, i) => row(i, i === 0 ? 999 : i + 1));
  rows.splice(2, 0, `${projects[0].id},受益人数,1901,7`);
  rows.push(`${projects[0].id},没有这个指标,1990,1`);
  const res = await upload(nanshi, 'indicators', [head, ...rows].join('\n'), { dryRun: false });
  assert.ok(res.job, 'more than 1,000 rows run as a job');
  assert.equal(res.json.saved ?? false, false);
  assert.deepEqual(res.json.errors.map((e) => e.row), [rows.length + 1], 'the last row is the only mistake');
  assert.equal(res.json.undo_skipped, 0, 'the chunk saved was taken back, every step of it');
  assert.equal(await count(), 1199, 'the new value is taken back');
  const after = await valuesOf(projects[0].id);
  assert.equal(after.find((v) => v.indicator === 'area_mu' && v.from === '1900-01-01').value, '1.00', 'the changed value is back as it was');
  assert.ok(!after.some((v) => v.indicator === 'beneficiaries'));
});

test('a file of 1,200 projects with a mistake in its last row leaves the ledger as it was', async () => {
  const prefix = uniqueName('批量项目');
  const names = Array.from({ length: 1199 }, (_, i) => `${prefix}-${i}`);
  const first = await upload(nanshi, 'projects', [PROJECTS, ...names.map((n) => `其他,${n},${NANSHI},洽谈,2015-01-01,,,`)].join('\n'), { dryRun: false });
  assert.ok(first.job, 'more than 1,000 rows run as a job');
  assert.equal(first.json.saved, true, JSON.stringify(first.json.errors?.slice(0, 3)));
  const count = async () => (await api(`/api/v1/projects?q=${encodeURIComponent(prefix)}&page_size=1`, { cookie: nanshi })).json.total;
  assert.equal(await count(), 1199);
  const rows = names.map((n, i) => `其他,${n},${NANSHI},${i === 0 ? '签约' : '洽谈'},${i === 0 ? '2016-06-01' : '2015-01-01'},,,${i === 1 ? '改过的简介' : ''}`);
  rows.splice(3, 0, `其他,${prefix}-新,${NANSHI},,,,,`);
  rows.push(`其他,${prefix}-错,查无此区划,,,,,`);
  const res = await upload(nanshi, 'projects', [PROJECTS, ...rows].join('\n'), { dryRun: false });
  assert.ok(res.job, 'more than 1,000 rows run as a job');
  assert.equal(res.json.saved ?? false, false);
  assert.deepEqual(res.json.errors.map((e) => e.row), [rows.length + 1], 'the last row is the only mistake');
  assert.equal(res.json.undo_skipped, 0, 'the chunk saved was taken back, every step of it');
  assert.equal(await count(), 1199, 'the new project is taken back');
  const p0 = await projectNamed(`${prefix}-0`);
  assert.deepEqual(p0.stages, [{ stage: 'negotiating', on: '2015-01-01' }], 'the changed stage is back as it was');
  assert.equal((await projectNamed(`${prefix}-1`)).description, '');
});
