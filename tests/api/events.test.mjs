// Events as the town keeps them: the seed's 2022 figures counted from the
// demo's records; an event recorded, listed and filtered; the roll taken and
// a sign-in list put; check-in with the QR code's signed code (good, expired,
// forged, another event's); a quota on attendance; bad input refused with
// nothing written. Runs on SQLite and PostgreSQL alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { api, login, uniqueName } from './helpers.mjs';

const TOWN = '431127103'; // 楠市镇
const PENGJIA = '431127103224'; // 朋佳村
const SUOCHENG_VILLAGE_PARENT = '431127104'; // 所城镇

async function create(cookie, body) {
  const res = await api('/api/v1/events', { method: 'POST', cookie, body });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

async function newPerson(cookie, region, extra = {}) {
  const res = await api('/api/v1/people', { method: 'POST', cookie, body: { name: uniqueName('参会'), region, ...extra } });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

async function stats(cookie, region, from, to) {
  const res = await api(`/api/v1/stats/events?region=${region}&from=${from}&to=${to}`, { cookie });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

const byKey = (list, key, value) => list.find((x) => x[key] === value);

test('the demo counts the seed: 14 meetings, 15余 farmer trainees, 200余 party-training person-times, 近100 children', async () => {
  const nanshi = await login('nanshi');
  const s = await stats(nanshi, TOWN, '2022-01-01', '2022-12-31');
  assert.equal(s.region.name, '楠市镇');
  assert.equal(byKey(s.groups, 'group', 'meeting').events, 14);
  const farmer = byKey(s.kinds, 'kind', 'farmer_training');
  assert.equal(farmer.events, 4);
  assert.ok(farmer.people >= 16 && farmer.people <= 19, `farmer trainees: ${farmer.people}`);
  const party = byKey(s.kinds, 'kind', 'party_training');
  assert.equal(party.events, 8);
  assert.ok(party.attendances >= 200 && party.attendances <= 299, `party trainings: ${party.attendances}`);
  assert.ok(s.totals.unregistered >= 90 && s.totals.unregistered <= 99, `unregistered: ${s.totals.unregistered}`);
  assert.equal(byKey(s.kinds, 'kind', 'study_trip').events, 1);
  // The county sees the same town among its towns.
  const county = await stats(await login('lanshan'), '431127', '2022-01-01', '2022-12-31');
  const town = byKey(county.towns, 'code', TOWN);
  assert.equal(town.name, '楠市镇');
  assert.equal(town.events, s.totals.events);
  assert.equal(town.attendances, s.totals.attendances);
  assert.equal(byKey(county.towns, 'code', SUOCHENG_VILLAGE_PARENT).events, 0);

  // The 10 March party committee meeting: agenda, decisions, host and attendees.
  const list = await api(`/api/v1/events?region=${TOWN}&kind=party_committee&from=2022-03-10&to=2022-03-10`, { cookie: nanshi });
  assert.equal(list.json.total, 1);
  const meeting = list.json.items[0];
  assert.match(meeting.agenda, /商会/);
  assert.ok(meeting.decisions.length > 0);
  assert.equal(meeting.organizers[0].name, '中共楠市镇委员会');
  assert.equal(meeting.attendance.present, 9);
  const roll = await api(`/api/v1/events/${meeting.id}/attendance`, { cookie: nanshi });
  assert.equal(roll.json.items.filter((a) => a.role === 'host').length, 1);
  // The study trip carries the three projects it brought back.
  const trip = (await api(`/api/v1/events?group=trip&from=2022-07-01&to=2022-07-31&region=${TOWN}`, { cookie: nanshi })).json.items[0];
  assert.equal(trip.projects.length, 3);
  assert.ok(trip.projects.every((p) => p.name.startsWith('佛山考察招商')));
});

test('an event is recorded, listed by kind, group, date, village, title initials and person, and changed with its version', async () => {
  const nanshi = await login('nanshi');
  const title = `${uniqueName('村民代表会')}`;
  const e = await create(nanshi, { kind: 'villager_representatives', title, region: PENGJIA, starts_at: '2030-04-02T14:30', ends_at: '2030-04-02T16:00', place: '朋佳村部', agenda: '审议林地流转', unregistered_count: 3 });
  assert.equal(e.group, 'meeting');
  assert.equal(e.region.code, PENGJIA);
  assert.equal(e.starts_at, '2030-04-02T14:30');
  const found = async (q) => (await api(`/api/v1/events?${q}`, { cookie: nanshi })).json.items.map((x) => x.id);
  assert.ok((await found(`region=${PENGJIA}&from=2030-04-01&to=2030-04-30`)).includes(e.id));
  assert.ok((await found('group=meeting&from=2030-04-02&to=2030-04-02')).includes(e.id));
  assert.ok(!(await found('group=training&from=2030-04-02&to=2030-04-02')).includes(e.id));
  assert.ok((await found(`kind=villager_representatives&q=${encodeURIComponent('cmdbh')}&from=2030-01-01`)).includes(e.id), 'pinyin initials of 村民代表会');
  assert.ok(!(await found('from=2030-04-03')).includes(e.id));
  assert.equal((await api('/api/v1/events?group=party', { cookie: nanshi })).status, 400);
  const p = await newPerson(nanshi, PENGJIA);
  await api(`/api/v1/events/${e.id}/attendance`, { method: 'POST', cookie: nanshi, body: { person_id: p.id } });
  assert.deepEqual(await found(`person=${p.id}`), [e.id]);
  // Versioned writes.
  const changed = await api(`/api/v1/events/${e.id}`, { method: 'PATCH', cookie: nanshi, body: { decisions: '同意流转', version: e.version } });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.json.decisions, '同意流转');
  const stale = await api(`/api/v1/events/${e.id}`, { method: 'PATCH', cookie: nanshi, body: { decisions: '另议', version: e.version } });
  assert.equal(stale.status, 409);
  // The history has its creation and its change.
  const history = await api(`/api/v1/audit?entity=event&id=${e.id}`, { cookie: nanshi });
  assert.deepEqual(history.json.items.map((h) => h.action).sort(), ['attendance', 'create', 'update']);
  // Deleted: gone from lists and figures.
  assert.equal((await api(`/api/v1/events/${e.id}`, { method: 'DELETE', cookie: nanshi })).status, 204);
  assert.ok(!(await found(`region=${PENGJIA}&from=2030-04-01&to=2030-04-30`)).includes(e.id));
  assert.equal((await stats(nanshi, PENGJIA, '2030-04-01', '2030-04-30')).totals.attendances, 0);
});

test('bad input: end before start, unknown kind, bad time, a person beyond the event\'s town, the chamber\'s own events only — 422, nothing written', async () => {
  const nanshi = await login('nanshi');
  const before = (await api('/api/v1/events?from=2030-06-01&to=2030-06-30', { cookie: nanshi })).json.total;
  const bad = await api('/api/v1/events', { method: 'POST', cookie: nanshi, body: { kind: 'dinner', title: '聚餐', region: PENGJIA, starts_at: '2030-06-02T10:00', ends_at: '2030-06-01' } });
  assert.equal(bad.status, 422);
  assert.deepEqual(Object.keys(bad.json.error.fields).sort(), ['ends_at', 'kind']);
  assert.match(bad.json.error.fields.ends_at, /结束时间早于开始时间/);
  const time = await api('/api/v1/events', { method: 'POST', cookie: nanshi, body: { kind: 'party_committee', title: '会', region: PENGJIA, starts_at: '2030-06-02T25:00' } });
  assert.equal(time.status, 422);
  assert.ok(time.json.error.fields.starts_at);
  const english = await api('/api/v1/events', { method: 'POST', cookie: nanshi, headers: { 'accept-language': 'en' }, body: { title: '', region: PENGJIA } });
  assert.equal(english.status, 422);
  assert.deepEqual(Object.keys(english.json.error.fields).sort(), ['kind', 'starts_at', 'title']);
  const unknown = await api('/api/v1/events', { method: 'POST', cookie: nanshi, body: { kind: 'party_committee', title: '会', region: PENGJIA, starts_at: '2030-06-02', colour: 'red' } });
  assert.equal(unknown.status, 422);
  assert.equal((await api('/api/v1/events?from=2030-06-01&to=2030-06-30', { cookie: nanshi })).json.total, before);

  // A person of another town cannot be on a 楠市镇 event's roll.
  const admin = await login('admin');
  const e = await create(nanshi, { kind: 'party_training', title: uniqueName('培训'), region: TOWN, starts_at: '2030-06-10' });
  const stranger = await newPerson(admin, '431127104001');
  const out = await api(`/api/v1/events/${e.id}/attendance`, { method: 'POST', cookie: admin, body: { person_id: stranger.id } });
  assert.equal(out.status, 422);
  assert.match(out.json.error.fields.person_id, /不在该活动所在乡镇/);
  const local = await newPerson(nanshi, PENGJIA);
  const put = await api(`/api/v1/events/${e.id}/attendance`, { method: 'PUT', cookie: admin, body: { items: [{ person_id: local.id }, { person_id: stranger.id }, { person_id: local.id, status: 'maybe' }] } });
  assert.equal(put.status, 422);
  assert.deepEqual(Object.keys(put.json.error.fields).sort(), ['items.1.person_id', 'items.2.status']);
  assert.equal((await api(`/api/v1/events/${e.id}/attendance`, { cookie: nanshi })).json.total, 0, 'nothing written');

  // The chamber writes only what the chamber organizes.
  const chamber = await login('chamber');
  assert.equal((await api(`/api/v1/events/${e.id}`, { method: 'PATCH', cookie: chamber, body: { place: '商会' } })).status, 403);
  const own = await api('/api/v1/events', { method: 'POST', cookie: chamber, body: { kind: 'chamber_symposium', title: '座谈', region: TOWN, starts_at: '2030-06-11' } });
  assert.equal(own.status, 422);
  assert.ok(own.json.error.fields.organizers);
});

test('attendance: the roll merges a person entered twice, one person at two events is 2 person-times and 1 person, out-of-scope people by name only', async () => {
  const nanshi = await login('nanshi');
  const a = await create(nanshi, { kind: 'farmer_training', title: uniqueName('培育'), region: PENGJIA, starts_at: '2031-03-01' });
  const b = await create(nanshi, { kind: 'farmer_training', title: uniqueName('培育'), region: PENGJIA, starts_at: '2031-04-01' });
  const p = await newPerson(nanshi, PENGJIA);
  const q = await newPerson(nanshi, PENGJIA);
  // PUT: p twice (merged, the last row wins), q excused.
  const put = await api(`/api/v1/events/${a.id}/attendance`, { method: 'PUT', cookie: nanshi, body: { items: [{ person_id: p.id, status: 'absent' }, { person_id: q.id, status: 'excused' }, { person_id: p.id, status: 'present', role: 'speaker' }] } });
  assert.equal(put.status, 200, put.text);
  assert.equal(put.json.total, 2);
  assert.equal(byKey(put.json.items.map((x) => ({ ...x, id: x.person.id })), 'id', p.id).role, 'speaker');
  // POST: the same person again changes the row, never doubles it.
  for (let i = 0; i < 2; i += 1) {
    const res = await api(`/api/v1/events/${b.id}/attendance`, { method: 'POST', cookie: nanshi, body: { person_id: p.id } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.status, 'present');
  }
  const event = (await api(`/api/v1/events/${a.id}`, { cookie: nanshi })).json;
  assert.deepEqual(event.attendance, { present: 1, absent: 0, excused: 1 });
  const s = await stats(nanshi, PENGJIA, '2031-01-01', '2031-12-31');
  const farmer = byKey(s.kinds, 'kind', 'farmer_training');
  assert.deepEqual([farmer.events, farmer.attendances, farmer.people], [2, 2, 1]);
  assert.deepEqual([s.totals.attendances, s.totals.people], [2, 1]);
  // Removing a row takes it out of the figures.
  assert.equal((await api(`/api/v1/events/${b.id}/attendance/${p.id}`, { method: 'DELETE', cookie: nanshi })).status, 204);
  assert.equal((await api(`/api/v1/events/${b.id}/attendance/${p.id}`, { method: 'DELETE', cookie: nanshi })).status, 404);
  assert.equal((await stats(nanshi, PENGJIA, '2031-01-01', '2031-12-31')).totals.attendances, 1);

  // 朋佳村's secretary sees his village's event; a neighbour village's attendee by name only.
  const neighbour = await newPerson(nanshi, '431127103210');
  await api(`/api/v1/events/${a.id}/attendance`, { method: 'POST', cookie: nanshi, body: { person_id: neighbour.id } });
  const seen = await api(`/api/v1/events/${a.id}/attendance`, { cookie: await login('pengjia') });
  assert.equal(seen.status, 200);
  const row = seen.json.items.find((x) => x.person.id === neighbour.id);
  assert.equal(row.person.name, neighbour.name);
  assert.equal(row.person.in_scope, false);
  assert.equal(row.person.region, undefined);
  assert.equal(JSON.stringify(row).includes('phone'), false);
});

/** The key file's check-in key, as the server derives it. */
function checkInKey() {
  const file = readFileSync(process.env.SHUANGLUN_KEYS, 'utf8');
  const idCardKey = file.split('\n').find((l) => l.startsWith('id_card_key=')).slice('id_card_key='.length).trim();
  return createHmac('sha256', idCardKey).update('shuanglun derived key: check-in').digest('hex');
}
function sign(event, expires) {
  const body = `${event}.${expires}`;
  return `${body}.${createHmac('sha256', checkInKey()).update(`check-in:${body}`).digest('hex').slice(0, 32)}`;
}

test('check-in with the QR code: the leader marks himself present; expired, forged and other events\' codes are refused and write nothing', async () => {
  const nanshi = await login('nanshi');
  const leader = await login('zhenzhang');
  const e = await create(nanshi, { kind: 'party_training', title: uniqueName('签到'), region: TOWN, starts_at: '2031-05-01' });
  const other = await create(nanshi, { kind: 'party_training', title: uniqueName('签到'), region: TOWN, starts_at: '2031-05-02' });
  const code = (await api(`/api/v1/events/${e.id}/check-in-code`, { cookie: nanshi })).json;
  assert.match(code.code, new RegExp(`^${e.id}\\.\\d+\\.[0-9a-f]{32}$`));
  assert.equal(code.path, `/check-in?code=${code.code}`);
  assert.ok(Date.parse(code.expires_at) > Date.now());

  const checkIn = (id, c, cookie = leader) => api(`/api/v1/events/${id}/check-in`, { method: 'POST', cookie, body: { code: c } });
  const forged = code.code.slice(0, -1) + (code.code.endsWith('0') ? '1' : '0');
  assert.equal((await checkIn(e.id, forged)).status, 403);
  assert.equal((await checkIn(other.id, code.code)).json.error.code, 'check_in_invalid');
  const expired = await checkIn(e.id, sign(e.id, Math.floor(Date.now() / 1000) - 60));
  assert.equal(expired.status, 410, expired.text);
  assert.match(expired.json.error.message, /已过期/);
  const later = sign(e.id, Math.floor(Date.now() / 1000) + 9999999);
  assert.equal((await checkIn(e.id, 'x.y.z')).status, 403);
  // A user with no person on file cannot check in.
  assert.equal((await checkIn(e.id, code.code, nanshi)).json.error.code, 'check_in_no_person');
  assert.equal((await api(`/api/v1/events/${e.id}/attendance`, { cookie: nanshi })).json.total, 0, 'nothing written');

  const ok = await checkIn(e.id, code.code);
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.json.event.id, e.id);
  assert.equal(ok.json.status, 'present');
  assert.equal((await checkIn(e.id, later)).status, 200, 'a second check-in changes nothing');
  const rows = (await api(`/api/v1/events/${e.id}/attendance`, { cookie: nanshi })).json.items;
  assert.equal(rows.length, 1);
  assert.equal(rows[0].source, 'check_in');
  const me = (await api('/api/v1/session', { cookie: leader })).json.user;
  assert.equal(rows[0].person.id, me.person_id);
});

test('a quota on attendance: 每名正式党员每年参加党务培训不少于 2 次 shows who is short', async () => {
  const nanshi = await login('nanshi');
  const since = { party_stage: { stage: 'full', since: '2010-07-01' } };
  const keen = await newPerson(nanshi, PENGJIA, since);
  const short = await newPerson(nanshi, PENGJIA, since);
  const rule = await api('/api/v1/rules/quota', { method: 'POST', cookie: nanshi, body: { region: PENGJIA, source_filter: 'full_party_member', target_filter: 'event_party_training', min_contacts: 2, period: 'year', valid_from: '2032-01-01', notes: '每名正式党员每年参加党务培训不少于2次' } });
  assert.equal(rule.status, 201, rule.text);
  for (const day of ['2032-03-01', '2032-06-01']) {
    const e = await create(nanshi, { kind: 'party_training', title: uniqueName('党务培训'), region: PENGJIA, starts_at: day });
    const items = [{ person_id: keen.id }];
    if (day === '2032-03-01') items.push({ person_id: short.id });
    assert.equal((await api(`/api/v1/events/${e.id}/attendance`, { method: 'PUT', cookie: nanshi, body: { items } })).status, 200);
  }
  // A meeting does not count toward a training quota.
  const meeting = await create(nanshi, { kind: 'party_committee', title: uniqueName('会'), region: PENGJIA, starts_at: '2032-07-01' });
  await api(`/api/v1/events/${meeting.id}/attendance`, { method: 'POST', cookie: nanshi, body: { person_id: short.id } });
  const report = await api(`/api/v1/compliance?region=${PENGJIA}&date=2032-12-01&limit=500`, { cookie: nanshi });
  assert.equal(report.status, 200, report.text);
  const line = (p) => report.json.quotas.find((q) => q.person.id === p.id && q.target_filter === 'event_party_training');
  assert.deepEqual([line(keen).actual, line(keen).missing], [2, 0]);
  assert.deepEqual([line(short).actual, line(short).missing], [1, 1]);
  // The rule asks nothing of people who are not full party members.
  const plain = await newPerson(nanshi, PENGJIA);
  const again = await api(`/api/v1/compliance?region=${PENGJIA}&date=2032-12-01&limit=500`, { cookie: nanshi });
  assert.equal(again.json.quotas.some((q) => q.person.id === plain.id), false);
});
