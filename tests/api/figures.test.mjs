// The figures of a region and period (GET /api/v1/stats/summary), their
// per-town aggregates kept up to date by the writes, and the work brief
// written from them (GET /api/v1/briefs), as officials would check them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, login, random, uniqueName } from './helpers.mjs';

const NANSHI = '431127103';
const LANSHAN = '431127';
const YEAR_2022 = 'from=2022-01-01&to=2022-12-31';

async function summary(cookie, query, headers = {}) {
  const res = await api(`/api/v1/stats/summary?${query}`, { cookie, headers });
  assert.equal(res.status, 200, res.text);
  return res.json;
}
const byCode = (figures) => Object.fromEntries(figures.map((f) => [f.code, f]));

// The paragraphs of a .docx's body, each its runs' text joined (python's
// zipfile and its XML parser: the file must unzip and every part parse).
function docxParagraphs(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'sl-brief-'));
  const file = join(dir, 'brief.docx');
  writeFileSync(file, bytes);
  const script = `
import sys, zipfile, json, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
for name in z.namelist():
    if name.endswith('.xml') or name.endswith('.rels'):
        xml.dom.minidom.parseString(z.read(name))
doc = xml.dom.minidom.parseString(z.read('word/document.xml'))
out = []
for p in doc.getElementsByTagName('w:p'):
    out.append(''.join(t.firstChild.data for t in p.getElementsByTagName('w:t') if t.firstChild))
print(json.dumps({'parts': z.namelist(), 'paragraphs': out}))
`;
  const res = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  return JSON.parse(res.stdout);
}

async function brief(cookie, query) {
  const res = await fetch(`${process.env.SL_BASE_URL}/api/v1/briefs?${query}`, { headers: { cookie } });
  assert.equal(res.status, 200, await res.clone().text());
  return { headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

// The seed's words for 楠市镇's 2022 (../shared/docs/PRODUCT.md).
const SEED_PHRASES = [
  '会员31人', '党员13人', '注册企业31家', '注册资本近千万元', '会议14次', '引回项目3个',
  '意向投资200万元', '培训班4次', '培养种养殖能人15余人', '8次', '培训人次200余人', '450亩', '5年',
  '4万元/年', '30余人', '近2000亩', '超过1000万元', '30余家', '600万公斤', '3000万元', '近200亩',
  '500万元', '近3万人', '近100名',
];

test('the demo: 楠市镇 2022 in figures, each computed from the records', async () => {
  const f = byCode((await summary(await login('nanshi'), `region=${NANSHI}&${YEAR_2022}`)).figures);
  const value = (code) => f[code]?.value;
  assert.equal(value('chamber.members'), 31);
  assert.equal(value('chamber.party_members'), 13);
  assert.equal(value('chamber.enterprises'), 31);
  assert.ok(value('chamber.registered_capital') < 10_000_000 && value('chamber.registered_capital') > 9_500_000);
  assert.equal(f['chamber.registered_capital'].phrase, '近千万元');
  assert.equal(f['chamber.registered_capital'].unit, '元');
  assert.equal(value('events.group.meeting.count'), 14);
  assert.equal(value('events.kind.farmer_training.count'), 4);
  assert.equal(f['events.kind.farmer_training.people'].phrase, '15余人');
  assert.equal(value('events.kind.party_training.count'), 8);
  assert.equal(f['events.kind.party_training.attendances'].phrase, '200余人次');
  assert.equal(value('events.kind.study_trip.count'), 1);
  assert.equal(value('projects.kind.investment.new'), 3);
  assert.equal(f['projects.indicator.investment_intended_fen'].phrase, '200万元');
  assert.equal(value('land.new_area'), 450);
  assert.equal(f['land.new_rent'].phrase, '4万元');
  assert.equal(f['land.new_jobs'].phrase, '30余人');
  assert.equal(value('pairing.level1.covered'), 31);
  assert.equal(value('pairing.level1.coverage'), 100);
  assert.equal(value('requests.total'), 40);
  assert.equal(value('requests.resolved'), 36);
  assert.equal(value('requests.on_time_rate'), 91.7);
  assert.equal(value('requests.satisfaction_rate'), 100);
  // A ledger without records in the period says nothing: no zero is made up.
  assert.equal(f['events.kind.welfare_course.count']?.value, 6);
  const none = byCode((await summary(await login('nanshi'), `region=${NANSHI}&from=2019-01-01&to=2019-12-31`)).figures);
  assert.equal(none['events.count'], undefined);
  assert.equal(none['requests.total'], undefined);
});

test('a county adds up its towns; each town is a row of its own', async () => {
  const s = await summary(await login('lanshan'), `region=${LANSHAN}&${YEAR_2022}&by=child`);
  assert.equal(s.region.code, LANSHAN);
  assert.ok(s.children.length >= 18);
  const whole = byCode(s.figures);
  for (const code of ['events.count', 'chamber.members', 'requests.total', 'land.area']) {
    const sum = s.children.reduce((n, c) => n + (byCode(c.figures)[code]?.value ?? 0), 0);
    assert.equal(sum, whole[code].value, code);
  }
  const nanshi = s.children.find((c) => c.region.code === NANSHI);
  assert.equal(byCode(nanshi.figures)['chamber.members'].value, 31);
  // A town's villages, from the ledgers: 朋佳村 holds the land contract.
  const town = await summary(await login('nanshi'), `region=${NANSHI}&${YEAR_2022}&by=child`);
  const pengjia = town.children.find((c) => c.region.code === '431127103224');
  assert.equal(byCode(pengjia.figures)['land.area'].value, 450);
});

test('each role sees the figures of the ledgers it may read, in its language', async () => {
  const chamber = byCode((await summary(await login('chamber'), `region=${NANSHI}&${YEAR_2022}`)).figures);
  assert.equal(chamber['chamber.members'].value, 31);
  assert.equal(chamber['requests.total'], undefined, 'the chamber reads its members’ requests only');
  const pengjia = byCode((await summary(await login('pengjia'), `region=431127103224&${YEAR_2022}`)).figures);
  assert.ok(pengjia['people.total'].value > 0);
  assert.equal(pengjia['chamber.members'], undefined);
  const en = await summary(await login('nanshi'), `region=${NANSHI}&${YEAR_2022}`, { 'accept-language': 'en' });
  assert.equal(byCode(en.figures)['chamber.members'].name, 'Chamber members');
  const tw = await summary(await login('nanshi'), `region=${NANSHI}&${YEAR_2022}`, { 'accept-language': 'zh-TW' });
  assert.equal(byCode(tw.figures)['chamber.members'].name, '商會會員');
});

test('readers arriving together at cold figures all get the same answer', async () => {
  const cookie = await login('lanshan');
  const query = `region=${LANSHAN}&from=2030-01-01&to=2030-06-30&by=child`;
  const answers = await Promise.all(Array.from({ length: 8 }, () => api(`/api/v1/stats/summary?${query}`, { cookie })));
  for (const a of answers) assert.equal(a.status, 200, a.text);
  const strip = (j) => JSON.stringify({ figures: j.figures, children: j.children });
  for (const a of answers) assert.equal(strip(a.json), strip(answers[0].json));
  const again = await summary(cookie, query);
  assert.equal(again.aggregates.computed, 0);
  assert.equal(strip(again), strip(answers[0].json));
});

test('bad queries get a clear error', async () => {
  const cookie = await login('nanshi');
  const ask = (q) => api(`/api/v1/stats/summary?${q}`, { cookie, headers: { 'accept-language': 'zh-CN' } });
  assert.equal((await ask(`${YEAR_2022}`)).status, 400);
  assert.equal((await ask(`region=${NANSHI}&by=parent`)).status, 400);
  assert.equal((await ask(`region=${NANSHI}&from=2022-12-31&to=2022-01-01`)).status, 400);
  assert.equal((await ask(`region=${NANSHI}&from=2022-02-30`)).status, 400);
  assert.equal((await ask('region=999999999')).status, 404);
  const format = await api(`/api/v1/briefs?region=${NANSHI}&format=pdf`, { cookie });
  assert.equal(format.status, 400);
});

test('the brief states every figure of the seed in the seed’s words, as docx, html and xlsx', async () => {
  const cookie = await login('nanshi');
  const docx = await brief(cookie, `region=${NANSHI}&${YEAR_2022}&format=docx`);
  assert.match(docx.headers.get('content-type'), /wordprocessingml/);
  assert.match(docx.headers.get('content-disposition'), /filename\*=UTF-8''/);
  const { parts, paragraphs } = docxParagraphs(docx.bytes);
  for (const part of ['word/document.xml', 'word/styles.xml', 'word/footer1.xml', '[Content_Types].xml']) assert.ok(parts.includes(part), part);
  const text = paragraphs.join('\n');
  assert.match(paragraphs[0], /楠市镇2022年“党建\+商会”工作简报/);
  for (const phrase of SEED_PHRASES) assert.ok(text.includes(phrase), `the brief says ${phrase}`);
  assert.ok(text.includes('中共楠市镇委员会'));

  const html = await brief(cookie, `region=${NANSHI}&${YEAR_2022}&format=html`);
  assert.match(html.headers.get('content-type'), /text\/html/);
  const page = html.bytes.toString('utf8');
  assert.match(page, /<html lang="zh-CN"/);
  assert.match(page, /@page/);
  for (const phrase of ['会员31人', '近千万元', '近3万人']) assert.ok(page.includes(phrase), phrase);

  const xlsx = await brief(cookie, `region=${NANSHI}&${YEAR_2022}&format=xlsx`);
  assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK');
  const dir = mkdtempSync(join(tmpdir(), 'sl-brief-'));
  writeFileSync(join(dir, 'b.xlsx'), xlsx.bytes);
  const listed = spawnSync('python3', ['-c', `
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(z.read('xl/workbook.xml').decode())
print(''.join(z.read(n).decode() for n in z.namelist() if n.startswith('xl/worksheets/') or n == 'xl/sharedStrings.xml'))
`, join(dir, 'b.xlsx')], { encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  assert.match(listed.stdout, /简报数据/);
  assert.match(listed.stdout, /chamber\.members/);
  assert.match(listed.stdout, /registered capital/);
});

test('three more party trainings make the brief say 11次, not 8次', async () => {
  const cookie = await login('nanshi');
  const training = (paragraphs) => paragraphs.find((p) => p.includes('发展党员培训会'));
  const before = training(docxParagraphs((await brief(cookie, `region=${NANSHI}&${YEAR_2022}&format=docx`)).bytes).paragraphs);
  assert.match(before, /”8次/);
  const ids = [];
  for (const day of ['2022-11-08', '2022-11-15', '2022-11-22']) {
    const res = await api('/api/v1/events', { method: 'POST', cookie, body: { kind: 'party_training', title: uniqueName('发展党员培训会'), region: '431127103224', starts_at: `${day}T09:00` } });
    assert.equal(res.status, 201, res.text);
    ids.push(res.json.id);
  }
  const after = training(docxParagraphs((await brief(cookie, `region=${NANSHI}&${YEAR_2022}&format=docx`)).bytes).paragraphs);
  assert.match(after, /”11次/);
  assert.doesNotMatch(after, /”8次/);
  for (const id of ids) assert.equal((await api(`/api/v1/events/${id}`, { method: 'DELETE', cookie })).status, 204);
  const again = training(docxParagraphs((await brief(cookie, `region=${NANSHI}&${YEAR_2022}&format=docx`)).bytes).paragraphs);
  assert.match(again, /”8次/);
});

test('the county’s brief compares its towns', async () => {
  const { bytes } = await brief(await login('lanshan'), `region=${LANSHAN}&${YEAR_2022}&format=html`);
  const page = bytes.toString('utf8');
  assert.match(page, /蓝山县2022年“党建\+商会”工作简报/);
  assert.match(page, /各地主要指标对比/);
  assert.match(page, /<table/);
  assert.match(page, /楠市镇/);
});

test('a county’s brief names its ten largest land transfers, largest first; a town’s names every one', async () => {
  const pengjia = await login('pengjia');
  const village = '431127103224';
  const collective = (await api(`/api/v1/organizations?kind=collective&region=${village}`, { cookie: pengjia })).json.items[0];
  const grower = (await api(`/api/v1/enterprises?q=${encodeURIComponent('朋佳中草药')}`, { cookie: pengjia })).json.items[0];
  assert.ok(collective && grower);
  const ids = [];
  for (let mu = 101; mu <= 112; mu++) {
    const res = await api('/api/v1/land-contracts', {
      method: 'POST',
      cookie: pengjia,
      body: {
        region: village, transferor: { organization_id: collective.id }, transferee: { enterprise_id: grower.id },
        land_type: 'forest', area_mu: `${mu}.00`, purpose: '林下种植', starts_on: `2033-0${(mu % 9) + 1}-01`,
        years: 5, rent_fen_per_year: 100000, payment_frequency: 'yearly', jobs: 2,
      },
    });
    assert.equal(res.status, 201, res.text);
    ids.push(res.json.id);
  }
  const named = (page) => [...page.matchAll(/将(1\d\d)亩/g)].map((m) => Number(m[1]));
  const county = (await brief(await login('lanshan'), `region=${LANSHAN}&from=2033-01-01&to=2033-12-31&format=html`)).bytes.toString('utf8');
  assert.deepEqual(named(county), [112, 111, 110, 109, 108, 107, 106, 105, 104, 103]);
  const town = (await brief(await login('nanshi'), `region=${NANSHI}&from=2033-01-01&to=2033-12-31&format=html`)).bytes.toString('utf8');
  assert.deepEqual(named(town).sort(), [101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112]);
  for (const id of ids) assert.equal((await api(`/api/v1/land-contracts/${id}`, { method: 'DELETE', cookie: pengjia })).status, 204);
});

test('an admin edits a section’s text; the figures are still the records’', async () => {
  const admin = await login('admin');
  const list = await api('/api/v1/brief-templates', { cookie: admin });
  const chamber = list.json.items.find((t) => t.section === 'chamber');
  const bad = await api('/api/v1/brief-templates/chamber', { method: 'PUT', cookie: admin, headers: { 'accept-language': 'zh-CN' }, body: { body: '会员{chamber.members' } });
  assert.equal(bad.status, 422);
  assert.match(bad.json.error.fields.body, /花括号/);
  assert.equal((await api('/api/v1/brief-templates/none', { method: 'PUT', cookie: admin, body: { heading: 'x' } })).status, 404);
  const edited = await api('/api/v1/brief-templates/chamber', { method: 'PUT', cookie: admin, body: { heading: '党建引领商会', body: '本镇商会有会员{chamber.members}[，其中党员{chamber.party_members|名}]。', version: chamber.version } });
  assert.equal(edited.status, 200, edited.text);
  const stale = await api('/api/v1/brief-templates/chamber', { method: 'PUT', cookie: admin, body: { heading: 'x', version: chamber.version } });
  assert.equal(stale.status, 409);
  const page = (await brief(admin, `region=${NANSHI}&${YEAR_2022}&format=html`)).bytes.toString('utf8');
  assert.ok(page.includes('党建引领商会'));
  assert.ok(page.includes('本镇商会有会员31人，其中党员13名。'));
  const restored = await api('/api/v1/brief-templates/chamber', { method: 'PUT', cookie: admin, body: { heading: chamber.heading, body: chamber.body } });
  assert.equal(restored.status, 200);
});

test('aggregates kept by the writes equal aggregates rebuilt from scratch', async () => {
  const admin = await login('admin');
  const period = 'from=2031-01-01&to=2031-12-31';
  const county = `region=${LANSHAN}&${period}&by=child`;
  const strip = (s) => ({ figures: s.figures, children: s.children });
  await summary(admin, county); // every town's aggregates stored
  const start = byCode((await summary(admin, county)).figures)['events.count']?.value ?? 0;
  const villages = (await api('/api/v1/regions?parent=431127104&page_size=100', { cookie: admin })).json.items.map((r) => r.code);
  const others = (await api('/api/v1/regions?parent=431127105&page_size=100', { cookie: admin })).json.items.map((r) => r.code);
  assert.ok(villages.length > 2 && others.length > 2);
  const rnd = random(20221020);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const events = [];
  const people = [];
  for (let i = 0; i < 30; i += 1) {
    const op = rnd();
    if (op < 0.4) {
      const day = `2031-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-1${Math.floor(rnd() * 9)}`;
      const res = await api('/api/v1/events', { method: 'POST', cookie: admin, body: { kind: pick(['party_committee', 'farmer_training', 'party_training', 'welfare_course']), title: uniqueName('随机活动'), region: pick([...villages, ...others]), starts_at: `${day}T09:00` } });
      assert.equal(res.status, 201, res.text);
      events.push(res.json.id);
    } else if (op < 0.55 && events.length) {
      const id = events.splice(Math.floor(rnd() * events.length), 1)[0];
      assert.equal((await api(`/api/v1/events/${id}`, { method: 'DELETE', cookie: admin })).status, 204);
    } else if (op < 0.85) {
      const res = await api('/api/v1/people', { method: 'POST', cookie: admin, body: { name: uniqueName('随机'), region: pick(villages), tags: rnd() < 0.5 ? ['wealth_creator'] : [] } });
      assert.equal(res.status, 201, res.text);
      people.push(res.json);
    } else if (people.length) {
      // Moved to another town: both towns' figures change.
      const p = people[Math.floor(rnd() * people.length)];
      const res = await api(`/api/v1/people/${p.id}`, { method: 'PATCH', cookie: admin, body: { region: pick(others), version: p.version } });
      assert.equal(res.status, 200, res.text);
      Object.assign(p, res.json);
    }
  }
  const maintained = await summary(admin, county);
  assert.equal(byCode(maintained.figures)['events.count']?.value ?? 0, start + events.length, 'the writes show');
  assert.ok(maintained.aggregates.computed > 0 && maintained.aggregates.computed < maintained.children.length + 2);
  const rebuilt = spawnSync(process.env.SL_BIN, ['figures', 'rebuild', '--db', process.env.SL_DB_URL], { encoding: 'utf8' });
  assert.equal(rebuilt.status, 0, rebuilt.stderr);
  assert.match(rebuilt.stdout, /aggregates rebuilt/);
  const fresh = await summary(admin, county);
  assert.equal(fresh.aggregates.computed, 0, 'the rebuild stored every town');
  assert.deepEqual(strip(maintained), strip(fresh));
  for (const id of events) await api(`/api/v1/events/${id}`, { method: 'DELETE', cookie: admin });
  for (const p of people) await api(`/api/v1/people/${p.id}`, { method: 'DELETE', cookie: admin });
});
