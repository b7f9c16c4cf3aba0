// Requests (诉求) from raising to rating: the mayor records 朋佳中草药's
// request for drying-shed land and owns it as the entrepreneur's level-1
// leader; it is forwarded, resolved and rated; late ones move up to the town
// and the county as dates pass; 不满意 reopens; the town's figures count
// on-time and satisfied requests; every user's 待办 lists what they owe.
// Requests a test builds for its figures are raised in 2019, before the
// demo's (2022), so the figures it reads are its own.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, uniqueName } from './helpers.mjs';

const TOWN = '431127103';
const PENGJIA = '431127103224';
let zhenzhang, nanshi, lanshan, pengjia, chamber, admin, grower, mayor, landOffice;

before(async () => {
  [zhenzhang, nanshi, lanshan, pengjia, chamber, admin] = await Promise.all(
    ['zhenzhang', 'nanshi', 'lanshan', 'pengjia', 'chamber', 'admin'].map((u) => login(u)));
  const firms = await api(`/api/v1/enterprises?q=${encodeURIComponent('朋佳中草药')}`, { cookie: nanshi });
  grower = firms.json.items[0];
  assert.ok(grower, 'the herbal grower is on file');
  const me = await api('/api/v1/session', { cookie: zhenzhang });
  mayor = { id: me.json.user.person_id };
  const offices = await api(`/api/v1/organizations?q=${encodeURIComponent('自然资源所')}`, { cookie: nanshi });
  landOffice = offices.json.items[0];
  assert.ok(landOffice, 'the town has its land office');
});

async function raise(cookie, body) {
  const res = await api('/api/v1/requests', { method: 'POST', cookie, body });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

function act(cookie, id, body) {
  return api(`/api/v1/requests/${id}/actions`, { method: 'POST', cookie, body });
}

async function get(cookie, id, date) {
  const res = await api(`/api/v1/requests/${id}${date ? `?date=${date}` : ''}`, { cookie });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

const herbal = (over = {}) => ({
  requester: { enterprise_id: grower.id }, category: 'land', title: '晾晒棚用地审批',
  detail: '中草药晾晒棚需要设施农用地备案', ...over,
});

test('the mayor records the grower\'s 用地 request on a visit: it is his, due in 20 working days', async () => {
  const visit = await api('/api/v1/contacts', {
    method: 'POST', cookie: zhenzhang,
    body: { target_kind: 'enterprise', target: String(grower.id), occurred_on: '2022-07-01', kind: 'visit',
      request: { category: 'land', title: '晾晒棚用地审批', detail: '需要建设晾晒棚' } },
  });
  assert.equal(visit.status, 201, visit.text);
  assert.equal(visit.json.requests.length, 1);
  const r = await get(zhenzhang, visit.json.requests[0].id);
  assert.equal(r.owner.kind, 'person');
  assert.equal(r.owner.name, '廖英杰', 'the mayor answers for the grower\'s entrepreneur');
  assert.equal(r.source, 'visit');
  assert.equal(r.contact_id, visit.json.id);
  assert.equal(r.raised_on, '2022-07-01');
  // 20 working days from Friday 2022-07-01, no holiday in between.
  assert.equal(r.due_on, '2022-07-29');
  assert.deepEqual(r.timeline.map((s) => s.action), ['create']);
  assert.ok(r.actions.includes('forward'));
  const listed = await api(`/api/v1/requests?contact=${visit.json.id}`, { cookie: nanshi });
  assert.deepEqual(listed.json.items.map((x) => x.id), [r.id]);
});

test('a visit\'s request is checked with the visit: nothing is written when either is wrong', async () => {
  const before = await api('/api/v1/contacts?page_size=1', { cookie: nanshi });
  const bad = await api('/api/v1/contacts', {
    method: 'POST', cookie: zhenzhang,
    body: { target_kind: 'enterprise', target: String(grower.id), occurred_on: '2022-03-04', kind: 'visit',
      request: { category: 'nope', title: '' } },
  });
  assert.equal(bad.status, 422);
  assert.ok(bad.json.error.fields['request.category'] || bad.json.error.fields['request.title']);
  const after = await api('/api/v1/contacts?page_size=1', { cookie: nanshi });
  assert.equal(after.json.total, before.json.total, 'no visit was logged');
});

test('forwarded to the land office, resolved, rated 基本满意: the timeline tells it', async () => {
  const r = await raise(zhenzhang, herbal({ raised_on: '2022-07-06' }));
  let res = await act(zhenzhang, r.id, { action: 'forward', handler: { organization_id: landOffice.id }, note: '请核实用地性质' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.status, 'in_progress');
  assert.equal(res.json.handlers[0].name, landOffice.name);
  res = await act(nanshi, r.id, { action: 'progress', note: '已现场踏勘' });
  assert.equal(res.json.status, 'in_progress');
  res = await act(nanshi, r.id, { action: 'resolve', note: '已办理设施农用地备案' });
  assert.equal(res.json.status, 'resolved');
  assert.equal(res.json.resolution, '已办理设施农用地备案');
  assert.equal(res.json.status_type, 'closed');
  res = await act(zhenzhang, r.id, { action: 'rate', rating: 'basic', note: '手续快了，希望再快些' });
  assert.equal(res.json.status, 'rated');
  assert.equal(res.json.rating, 'basic');
  assert.deepEqual(res.json.timeline.map((s) => s.action), ['create', 'forward', 'progress', 'resolve', 'rate']);
  const forward = res.json.timeline[1];
  assert.equal(forward.handler.name, landOffice.name);
  assert.equal(forward.note, '请核实用地性质');
  assert.equal(forward.actor.name, '楠市镇镇长');
});

// What each status allows; everything else is 409 and writes nothing.
const ACTIONS = ['accept', 'forward', 'progress', 'resolve', 'rate', 'reopen', 'escalate', 'withdraw'];
const ALLOWED = {
  registered: ['accept', 'forward', 'resolve', 'escalate', 'withdraw'],
  accepted: ['forward', 'progress', 'resolve', 'escalate', 'withdraw'],
  in_progress: ['forward', 'progress', 'resolve', 'escalate', 'withdraw'],
  reopened: ['accept', 'forward', 'progress', 'resolve', 'escalate', 'withdraw'],
  resolved: ['rate', 'reopen'],
  rated: ['reopen'],
  withdrawn: [],
};
const BODY = {
  forward: { handler: { organization_id: 0 }, note: '转办' }, progress: { note: '进展' },
  resolve: { note: '办结' }, rate: { rating: 'satisfied', note: '好' }, reopen: { note: '没解决' },
};
const NEXT = { accept: 'accepted', forward: 'in_progress', progress: 'in_progress', resolve: 'resolved',
  rate: 'rated', reopen: 'reopened', withdraw: 'withdrawn' };
// How to bring a new request to a status.
const PATH = {
  registered: [], accepted: ['accept'], in_progress: ['accept', 'progress'],
  resolved: ['resolve'], rated: ['resolve', 'rate'], reopened: ['resolve', 'reopen'], withdrawn: ['withdraw'],
};

async function at(status) {
  // Raised today: not late, so escalate fits every open status.
  const r = await raise(nanshi, herbal({ title: `状态 ${status}` }));
  for (const a of PATH[status]) {
    const res = await act(nanshi, r.id, { action: a, ...body(a) });
    assert.equal(res.status, 200, `${a}: ${res.text}`);
  }
  return get(nanshi, r.id);
}

function body(a) {
  const b = structuredClone(BODY[a] ?? {});
  if (a === 'forward') b.handler.organization_id = landOffice.id;
  return b;
}

test('every allowed transition goes where the flow says', async () => {
  for (const [status, allowed] of Object.entries(ALLOWED)) {
    for (const a of allowed) {
      const r = await at(status);
      assert.deepEqual([...r.actions].sort(), [...allowed].sort(), `the buttons of ${status}`);
      const res = await act(nanshi, r.id, { action: a, ...body(a) });
      assert.equal(res.status, 200, `${status} → ${a}: ${res.text}`);
      assert.equal(res.json.status, a === 'escalate' ? status : NEXT[a], `${status} → ${a}`);
      if (a === 'escalate') assert.equal(res.json.escalation, 'town');
    }
  }
});

test('every disallowed transition is 409 invalid_transition and changes nothing', async () => {
  for (const [status, allowed] of Object.entries(ALLOWED)) {
    const r = await at(status);
    for (const a of ACTIONS.filter((x) => !allowed.includes(x))) {
      const res = await act(nanshi, r.id, { action: a, ...body(a) });
      assert.equal(res.status, 409, `${status} → ${a}: ${res.text}`);
      assert.equal(res.json.error.code, 'invalid_transition');
      const now = await get(nanshi, r.id);
      assert.equal(now.status, status);
      assert.equal(now.version, r.version, `${status} → ${a} wrote nothing`);
      assert.equal(now.timeline.length, r.timeline.length);
    }
  }
});

test('an action with missing or wrong fields is 422 on the field', async () => {
  const r = await raise(nanshi, herbal({ raised_on: '2022-06-02' }));
  await act(nanshi, r.id, { action: 'accept' });
  for (const [b, field] of [
    [{ action: 'progress' }, 'note'],
    [{ action: 'resolve', note: '' }, 'note'],
    [{ action: 'forward' }, 'handler'],
    [{ action: 'forward', handler: { organization_id: 99999999 } }, 'handler.organization_id'],
    [{ action: 'fly' }, 'action'],
    [{ action: 'progress', note: '好', rating: 'satisfied' }, 'rating'],
    [{ action: 'progress', note: '好', extra: 1 }, 'extra'],
  ]) {
    const res = await act(nanshi, r.id, b);
    assert.equal(res.status, 422, `${JSON.stringify(b)}: ${res.text}`);
    assert.ok(res.json.error.fields[field], `${JSON.stringify(b)} names ${field}: ${res.text}`);
  }
  const resolved = await act(nanshi, r.id, { action: 'resolve', note: '好了' });
  const rate = await act(nanshi, r.id, { action: 'rate', rating: 'great' });
  assert.equal(rate.status, 422);
  assert.ok(rate.json.error.fields.rating);
  assert.equal((await get(nanshi, r.id)).version, resolved.json.version);
});

test('不满意 reopens the request with a new due date', async () => {
  const r = await raise(nanshi, herbal({ category: 'policy', raised_on: '2022-06-06' }));
  await act(nanshi, r.id, { action: 'resolve', note: '已答复' });
  const res = await act(nanshi, r.id, { action: 'rate', rating: 'unsatisfied', note: '答复不清楚' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.status, 'reopened');
  assert.equal(res.json.status_type, 'open');
  assert.equal(res.json.rating, 'unsatisfied');
  assert.equal(res.json.reopened, 1);
  assert.equal(res.json.resolved_on, null);
  assert.ok(res.json.due_on > r.due_on, 'a new due date, counted from today');
  assert.equal(res.json.timeline.at(-1).due_on, res.json.due_on);
});

test('the due date skips weekends and holidays, and follows the holiday table', async () => {
  // policy: 5 working days. Friday 2022-03-04 → Friday 2022-03-11.
  let r = await raise(nanshi, herbal({ category: 'policy', raised_on: '2022-03-04' }));
  assert.equal(r.due_on, '2022-03-11');
  // Friday 2022-09-30: 国庆 10-01..07 off, Saturday 10-08 and Sunday 10-09 worked.
  r = await raise(nanshi, herbal({ category: 'policy', raised_on: '2022-09-30' }));
  assert.equal(r.due_on, '2022-10-12');
  // The admin adds a day off: due dates counted after it skip it.
  const put = await api('/api/v1/holidays/2019-03-07', { method: 'PUT', cookie: admin, body: { kind: 'holiday', name: '测试' } });
  assert.equal(put.status, 200, put.text);
  r = await raise(nanshi, herbal({ category: 'policy', raised_on: '2019-03-01' }));
  assert.equal(r.due_on, '2019-03-11');
  const year = await api('/api/v1/holidays?year=2019', { cookie: nanshi });
  assert.ok(year.json.items.some((d) => d.date === '2019-03-07' && d.kind === 'holiday'));
  assert.equal((await api('/api/v1/holidays/2019-03-07', { method: 'DELETE', cookie: admin })).status, 204);
  r = await raise(nanshi, herbal({ category: 'policy', raised_on: '2019-03-01' }));
  assert.equal(r.due_on, '2019-03-08');
  // Only the admin edits the calendar.
  const no = await api('/api/v1/holidays/2019-03-07', { method: 'PUT', cookie: nanshi, body: { kind: 'holiday' } });
  assert.equal(no.status, 403);
  const bad = await api('/api/v1/holidays/2019-03-07', { method: 'PUT', cookie: admin, body: { kind: 'party' } });
  assert.equal(bad.status, 422);
  assert.ok(bad.json.error.fields.kind);
});

test('late requests move up to the town, then past the second limit to the county, as dates pass', async () => {
  // policy: due Friday 2022-03-11; the county after 5 working days late.
  const r = await raise(nanshi, herbal({ category: 'policy', title: '升级测试', raised_on: '2022-03-04' }));
  const on = async (date) => get(nanshi, r.id, date);
  let x = await on('2022-03-11');
  assert.equal(x.overdue, false);
  assert.equal(x.escalation, 'none');
  x = await on('2022-03-14');
  assert.equal(x.overdue, true);
  assert.equal(x.days_overdue, 3);
  assert.equal(x.escalation, 'town');
  x = await on('2022-03-17');
  assert.equal(x.escalation, 'town', 'four working days late');
  x = await on('2022-03-18');
  assert.equal(x.escalation, 'county', 'five working days late');
  const county = await api(`/api/v1/requests?escalation=county&date=2022-03-18&q=${encodeURIComponent('升级测试')}`, { cookie: lanshan });
  assert.deepEqual(county.json.items.map((i) => i.id), [r.id]);
  const notYet = await api(`/api/v1/requests?escalation=county&date=2022-03-17&q=${encodeURIComponent('升级测试')}`, { cookie: lanshan });
  assert.equal(notYet.json.total, 0);
  // Escalated by hand before it is late; resolving closes it.
  const early = await raise(nanshi, herbal({ category: 'policy' }));
  const up = await act(nanshi, early.id, { action: 'escalate', note: '企业反映强烈' });
  assert.equal(up.json.escalation, 'town');
  const done = await act(nanshi, early.id, { action: 'resolve', note: '已办' });
  assert.equal(done.json.escalation, 'none');
});

test('the default owner: the entrepreneur\'s leader, the village\'s resident cadre, else the town office', async () => {
  // An entrepreneur as a person: their level-1 leader.
  const rep = grower.legal_representative;
  // (The grower's entrepreneur joined the chamber, and was paired, on 2022-06-04.)
  const asPerson = await raise(nanshi, { requester: { person_id: rep.id }, category: 'finance', title: '贷款', raised_on: '2022-07-01' });
  assert.equal(asPerson.owner.name, '廖英杰');
  // A villager of 朋佳村: its resident cadre (level 2).
  const cadres = await api(`/api/v1/pairings?level=2&region=${PENGJIA}&date=2022-07-01`, { cookie: nanshi });
  const resident = cadres.json.items[0]?.source;
  assert.ok(resident, '朋佳村 has a resident cadre');
  const name = uniqueName('村民');
  const villager = await api('/api/v1/people', { method: 'POST', cookie: nanshi, body: { name, region: PENGJIA } });
  assert.equal(villager.status, 201, villager.text);
  const v = await raise(nanshi, { requester: { person_id: villager.json.id }, category: 'dispute', title: '宅基地纠纷', raised_on: '2022-07-01' });
  assert.equal(v.owner.kind, 'person');
  assert.equal(v.owner.id, resident.id);
  assert.equal(v.region.code, PENGJIA);
  // Someone of the town itself: the town office.
  const townsman = await api('/api/v1/people', { method: 'POST', cookie: nanshi, body: { name: uniqueName('镇民'), region: TOWN } });
  const t = await raise(nanshi, { requester: { person_id: townsman.json.id }, category: 'other', title: '咨询', raised_on: '2022-06-01' });
  assert.deepEqual(t.owner, { kind: 'office', region: { code: TOWN, name: '楠市镇' } });
});

test('creating checks every field: 422 on each, nothing written', async () => {
  const count = async () => (await api('/api/v1/requests?page_size=1', { cookie: nanshi })).json.total;
  const n = await count();
  for (const [b, field] of [
    [{ category: 'land', title: 'x' }, 'requester'],
    [{ requester: { enterprise_id: grower.id, person_id: 1 }, category: 'land', title: 'x' }, 'requester'],
    [{ requester: { enterprise_id: 99999999 }, category: 'land', title: 'x' }, 'requester.enterprise_id'],
    [{ requester: { enterprise_id: grower.id }, category: 'mars', title: 'x' }, 'category'],
    [{ requester: { enterprise_id: grower.id }, category: 'land' }, 'title'],
    [{ requester: { enterprise_id: grower.id }, category: 'land', title: 'x', raised_on: '2999-01-01' }, 'raised_on'],
    [{ requester: { enterprise_id: grower.id }, category: 'land', title: 'x', raised_on: '2022-13-01' }, 'raised_on'],
    [{ requester: { enterprise_id: grower.id }, category: 'land', title: 'x', source: 'pigeon' }, 'source'],
    [{ requester: { enterprise_id: grower.id }, category: 'land', title: 'x', colour: 'red' }, 'colour'],
  ]) {
    const res = await api('/api/v1/requests', { method: 'POST', cookie: nanshi, body: b });
    assert.equal(res.status, 422, `${JSON.stringify(b)}: ${res.text}`);
    assert.ok(res.json.error.fields[field], `${JSON.stringify(b)} names ${field}: ${res.text}`);
  }
  assert.equal(await count(), n);
});

test('the town\'s figures on a hand-built set: on-time rate, satisfaction rate, median days', async () => {
  const from = '2019-05-01', to = '2019-05-31';
  const mk = (title, raised_on) => raise(nanshi, herbal({ category: 'other', title, raised_on }));
  const a = await mk('统计A', '2019-05-06');
  const b = await mk('统计B', '2019-05-07');
  const c = await mk('统计C', '2019-05-08');
  const d = await mk('统计D', '2019-05-09');
  // A is resolved before its (extended) due date; B after its due date.
  await api(`/api/v1/requests/${a.id}`, { method: 'PATCH', cookie: nanshi, body: { due_on: '2099-12-31' } });
  await act(nanshi, a.id, { action: 'resolve', note: '办结' });
  await act(nanshi, a.id, { action: 'rate', rating: 'satisfied' });
  await act(nanshi, b.id, { action: 'resolve', note: '办结' });
  await act(nanshi, b.id, { action: 'rate', rating: 'basic' });
  // C: 不满意 reopens it (open again, not late); D: still open and late.
  await act(nanshi, c.id, { action: 'resolve', note: '办结' });
  await act(nanshi, c.id, { action: 'rate', rating: 'unsatisfied' });
  const res = await api(`/api/v1/stats/requests?region=${PENGJIA}&from=${from}&to=${to}`, { cookie: nanshi });
  assert.equal(res.status, 200, res.text);
  const s = res.json;
  assert.equal(s.total, 4);
  assert.equal(s.open, 2);
  assert.equal(s.overdue, 1, 'D is late');
  assert.equal(s.resolved, 2);
  assert.equal(s.on_time, 1);
  assert.equal(s.on_time_rate, 0.5);
  assert.equal(s.rated, 3);
  assert.equal(s.satisfied, 2);
  assert.equal(s.satisfaction_rate, 0.6667);
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const days = (x) => Math.round((Date.parse(today) - Date.parse(x)) / 86400e3);
  assert.equal(s.median_days_to_resolve, (days('2019-05-06') + days('2019-05-07')) / 2);
  assert.deepEqual(s.by_category.map((x) => [x.category, x.total]), [['other', 4]]);
  void d;
  // The town's figures have one row per village.
  const town = await api(`/api/v1/stats/requests?region=${TOWN}&from=${from}&to=${to}`, { cookie: nanshi });
  const row = town.json.by_child.find((x) => x.region.code === PENGJIA);
  assert.equal(row.total, 4);
  assert.equal(row.on_time_rate, 0.5);
  assert.ok(town.json.by_child.every((x) => x.region.level === 'village'));
  // The county's: one per town.
  const county = await api(`/api/v1/stats/requests?region=431127&from=${from}&to=${to}`, { cookie: lanshan });
  assert.equal(county.json.by_child.find((x) => x.region.code === TOWN).total, 4);
  // A village secretary does not see the town's.
  assert.equal((await api(`/api/v1/stats/requests?region=${TOWN}`, { cookie: pengjia })).status, 404);
});

test('the demo\'s 2022 figures for 楠市镇 come out of its records', async () => {
  const res = await api(`/api/v1/stats/requests?region=${TOWN}&from=2022-01-01&to=2022-12-31&date=2022-12-31`, { cookie: nanshi });
  const s = res.json;
  // Tests above add requests raised in 2022 too: read the demo's by their dates.
  assert.ok(s.total >= 40);
  const list = await api(`/api/v1/requests?region=${TOWN}&from=2022-01-01&to=2022-12-31&status=open&date=2022-12-31&page_size=200`, { cookie: nanshi });
  assert.ok(list.json.items.some((r) => r.overdue), 'a few are late at the year\'s end');
  const reopenedOnce = await api(`/api/v1/requests?region=${TOWN}&from=2022-01-01&to=2022-12-31&status=rated&page_size=200`, { cookie: nanshi });
  assert.ok(reopenedOnce.json.items.some((r) => r.reopened === 1), 'one was reopened after 不满意');
});

test('who sees and who acts: a village secretary, a leader, the chamber, the county', async () => {
  // Another village's request: 404 for 朋佳村's secretary.
  const other = await api('/api/v1/people?region=431127103213&page_size=1', { cookie: nanshi });
  const r = await raise(nanshi, { requester: { person_id: other.json.items[0].id }, category: 'other', title: '别村的事', raised_on: '2022-06-01' });
  assert.equal((await api(`/api/v1/requests/${r.id}`, { cookie: pengjia })).status, 404);
  // A leader acting on a request that is not his: 403, nothing written.
  assert.notEqual(r.owner.id, mayor.id, 'another village\'s request is not the mayor\'s');
  const res = await act(zhenzhang, r.id, { action: 'accept' });
  assert.equal(res.status, 403, res.text);
  assert.equal(res.json.error.code, 'request_not_yours');
  assert.equal((await get(nanshi, r.id)).status, 'registered');
  // The county reads and does not act.
  assert.equal((await api(`/api/v1/requests/${r.id}`, { cookie: lanshan })).status, 200);
  assert.equal((await act(lanshan, r.id, { action: 'accept' })).status, 403);
  // The chamber sees its members' requests, not a villager's.
  assert.equal((await api(`/api/v1/requests/${r.id}`, { cookie: chamber })).status, 404);
  const mine = await raise(nanshi, herbal({ title: '商会会员的诉求', raised_on: '2022-06-01' }));
  assert.equal((await api(`/api/v1/requests/${mine.id}`, { cookie: chamber })).status, 200);
  // A handler acts: forwarded to a person, that person's user may act.
  const fwd = await act(nanshi, r.id, { action: 'forward', handler: { person_id: mayor.id }, note: '请镇长协调' });
  assert.equal(fwd.status, 200, fwd.text);
  const byHandler = await act(zhenzhang, r.id, { action: 'progress', note: '已协调' });
  assert.equal(byHandler.status, 200, byHandler.text);
  // Nobody deletes a request.
  assert.equal((await api(`/api/v1/requests/${r.id}`, { method: 'DELETE', cookie: admin })).status, 405);
});

test('待办 for each persona on a known date', async () => {
  // The mayor on the first day of 2022: every quota still to meet.
  const z = await api('/api/v1/todo?date=2022-01-04', { cookie: zhenzhang });
  assert.equal(z.status, 200);
  assert.ok(z.json.items.some((i) => i.kind === 'quota' && i.title === '还差 3 户致富能手'), JSON.stringify(z.json.items));
  // A request he owns, late: first in his list, and in his count.
  const mine = await raise(zhenzhang, herbal({ title: '待办测试', raised_on: '2022-11-01' }));
  const zl = await api('/api/v1/todo?date=2022-12-20', { cookie: zhenzhang });
  const item = zl.json.items.find((i) => i.link === `/requests/${mine.id}`);
  assert.ok(item, JSON.stringify(zl.json.items));
  assert.equal(item.kind, 'request');
  assert.equal(item.severity, 'late');
  assert.equal(item.title, '待办测试（用地）');
  assert.equal(zl.json.items[0].severity, 'late');
  const count = await api('/api/v1/todo/count?date=2022-12-20', { cookie: zhenzhang });
  assert.equal(count.json.count, zl.json.items.length);
  assert.ok(count.json.late >= 1);
  // In English for an English browser.
  const en = await api('/api/v1/todo?date=2022-01-04', { cookie: zhenzhang, headers: { 'Accept-Language': 'en' } });
  assert.ok(en.json.items.some((i) => i.title === '3 more wealth-creators to contact'), JSON.stringify(en.json.items));
  // The town office: ratings to ask for, and what came up to the town.
  const n = await api('/api/v1/todo?date=2022-12-20', { cookie: nanshi });
  assert.ok(n.json.items.some((i) => i.kind === 'request' && i.title.startsWith('已升级：')), JSON.stringify(n.json.items.slice(0, 5)));
  // The county: what came up to the county.
  const l = await api('/api/v1/todo?date=2023-02-01', { cookie: lanshan });
  assert.ok(l.json.items.some((i) => i.kind === 'request' && i.severity === 'late'));
  // 朋佳村's secretary: rent 30 days late (the demo's latest payment is unpaid).
  const p = await api('/api/v1/todo?date=2026-12-07', { cookie: pengjia });
  assert.ok(p.json.items.some((i) => i.kind === 'rent_overdue' && i.link.startsWith('/land/')), JSON.stringify(p.json.items));
  const ending = await api('/api/v1/todo?date=2027-06-15', { cookie: pengjia });
  assert.ok(ending.json.items.some((i) => i.kind === 'contract_ending'), JSON.stringify(ending.json.items));
  // The chamber: a new member no leader answers for.
  const person = await api('/api/v1/people', { method: 'POST', cookie: chamber, body: { name: uniqueName('新会员'), region: TOWN, tags: ['entrepreneur'] } });
  assert.equal(person.status, 201, person.text);
  const chambers = await api(`/api/v1/organizations?kind=chamber&region=${TOWN}`, { cookie: chamber });
  const joined = await api('/api/v1/memberships', { method: 'POST', cookie: chamber, body: { chamber: chambers.json.items[0].id, person: person.json.id, post: 'member', joined_on: '2022-11-01', dues_status: 'paid' } });
  assert.equal(joined.status, 201, joined.text);
  const c = await api('/api/v1/todo', { cookie: chamber });
  assert.ok(c.json.items.some((i) => i.kind === 'uncovered' && i.title.includes(person.json.name)), JSON.stringify(c.json.items));
});

test('categories are data: the admin adds one and changes a time limit; others may not', async () => {
  const list = await api('/api/v1/request-categories', { cookie: nanshi });
  assert.deepEqual(list.json.items.filter((c) => c.builtin).map((c) => c.code),
    ['finance', 'land', 'labour', 'approval', 'infrastructure', 'policy', 'dispute', 'other']);
  assert.equal(list.json.items[1].names['zh-CN'], '用地');
  const code = `c${Date.now() % 1e6}`;
  const made = await api('/api/v1/request-categories', { method: 'POST', cookie: admin, body: { code, name_zh_cn: '电商', name_zh_tw: '電商', name_en: 'E-commerce', time_limit_days: 3, county_after_days: 2 } });
  assert.equal(made.status, 201, made.text);
  const r = await raise(nanshi, herbal({ category: code, raised_on: '2022-03-04' }));
  assert.equal(r.due_on, '2022-03-09');
  const changed = await api(`/api/v1/request-categories/${code}`, { method: 'PATCH', cookie: admin, body: { time_limit_days: 10, version: made.json.version } });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.json.time_limit_days, 10);
  const bad = await api(`/api/v1/request-categories/${code}`, { method: 'PATCH', cookie: admin, body: { county_after_days: 400 } });
  assert.equal(bad.status, 422);
  assert.equal((await api('/api/v1/request-categories', { method: 'POST', cookie: nanshi, body: { code: 'x1' } })).status, 403);
  const statuses = await api('/api/v1/request-statuses', { cookie: nanshi });
  assert.deepEqual(statuses.json.items.filter((s) => s.type === 'closed').map((s) => s.code), ['resolved', 'rated', 'withdrawn']);
});

test('the list filters: status, category, owner=me, overdue, q in Traditional Chinese and pinyin initials', async () => {
  const r = await raise(zhenzhang, herbal({ title: '烘干机补贴申请', category: 'finance', raised_on: '2022-07-01' }));
  const find = async (query, cookie = zhenzhang) => (await api(`/api/v1/requests?${query}&page_size=200`, { cookie })).json.items.map((x) => x.id);
  assert.ok((await find('owner=me')).includes(r.id));
  assert.ok((await find('status=registered&category=finance')).includes(r.id));
  assert.ok(!(await find('status=closed')).includes(r.id));
  assert.ok((await find('overdue=true')).includes(r.id));
  assert.ok((await find(`q=${encodeURIComponent('補貼申請')}`)).includes(r.id), 'Traditional characters find it');
  assert.ok((await find('q=hgj')).includes(r.id), 'pinyin initials find it');
  assert.ok((await find(`q=${encodeURIComponent('朋佳中草药')}`)).includes(r.id), 'the requester\'s name finds it');
  assert.equal((await api('/api/v1/requests?status=nope', { cookie: nanshi })).status, 400);
  assert.equal((await api('/api/v1/requests?escalation=moon', { cookie: nanshi })).status, 400);
  assert.equal((await api('/api/v1/requests?from=2022-02-30', { cookie: nanshi })).status, 400);
});
