// Land transfer (土地流转) and the collectives' income: 朋佳村's secretary
// registers a contract, the product makes its schedule (yearly, half-yearly,
// quarterly, monthly; a start on the 31st and on a leap day), he records rent
// as it arrives (partly, then the rest), overdue and ending contracts are
// listed on a date, and the collective's income counts the rent when it is
// received beside the income entered by hand. Tests use years before the
// demo's (2015–2019) so that the figures they read are their own.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { api, login } from './helpers.mjs';

const PENGJIA = '431127103224';
let pengjia, nanshi, collective, grower, household;

before(async () => {
  pengjia = await login('pengjia');
  nanshi = await login('nanshi');
  const orgs = await api(`/api/v1/organizations?kind=collective&region=${PENGJIA}`, { cookie: pengjia });
  collective = orgs.json.items[0];
  assert.ok(collective, 'the village has its collective');
  const firms = await api(`/api/v1/enterprises?q=${encodeURIComponent('朋佳中草药')}`, { cookie: pengjia });
  grower = firms.json.items[0];
  assert.ok(grower, 'the herbal grower is on file');
  const people = await api(`/api/v1/people?region=${PENGJIA}&page_size=1`, { cookie: pengjia });
  household = people.json.items[0];
});

function contract(over = {}) {
  return {
    region: PENGJIA,
    transferor: { organization_id: collective.id },
    transferee: { enterprise_id: grower.id },
    land_type: 'forest',
    area_mu: '450.00',
    purpose: '中草药种植',
    starts_on: '2015-09-01',
    years: 5,
    rent_fen_per_year: 4000000,
    payment_frequency: 'yearly',
    jobs: 30,
    ...over,
  };
}

async function create(body, cookie = pengjia) {
  const res = await api('/api/v1/land-contracts', { method: 'POST', cookie, body });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

async function payments(id, date) {
  const res = await api(`/api/v1/land-contracts/${id}/payments${date ? `?date=${date}` : ''}`, { cookie: pengjia });
  assert.equal(res.status, 200, res.text);
  return res.json;
}

const dues = (p) => p.items.map((x) => x.due_on);
const amounts = (p) => p.items.map((x) => x.amount_fen);

test('a yearly contract of 5 years pays its rent on each anniversary', async () => {
  const c = await create(contract());
  assert.equal(c.ends_on, '2020-08-31');
  assert.equal(c.area_mu, '450.00');
  assert.equal(c.transferor.organization.id, collective.id);
  assert.equal(c.transferee.enterprise.id, grower.id);
  assert.equal(c.rent_fen_total, 20000000);
  const p = await payments(c.id, '2015-08-01');
  assert.deepEqual(dues(p), ['2015-09-01', '2016-09-01', '2017-09-01', '2018-09-01', '2019-09-01']);
  assert.deepEqual(amounts(p), [4000000, 4000000, 4000000, 4000000, 4000000]);
  assert.ok(p.items.every((x) => x.status === 'due'));
  await api(`/api/v1/land-contracts/${c.id}`, { method: 'DELETE', cookie: pengjia });
});

test('quarterly from the 31st falls on month ends; the year adds up to the fen', async () => {
  const c = await create(contract({ starts_on: '2015-01-31', years: 1, rent_fen_per_year: 1000001, payment_frequency: 'quarterly' }));
  const p = await payments(c.id);
  assert.deepEqual(dues(p), ['2015-01-31', '2015-04-30', '2015-07-31', '2015-10-31']);
  assert.deepEqual(amounts(p), [250000, 250000, 250000, 250001]);
  assert.equal(amounts(p).reduce((a, b) => a + b), 1000001);
  await api(`/api/v1/land-contracts/${c.id}`, { method: 'DELETE', cookie: pengjia });
});

test('a leap-day start: monthly on the 29th, yearly on 28 February in other years', async () => {
  const monthly = await create(contract({ starts_on: '2016-02-29', years: 1, rent_fen_per_year: 120000, payment_frequency: 'monthly' }));
  const m = await payments(monthly.id);
  assert.equal(m.items.length, 12);
  assert.deepEqual(dues(m).slice(0, 3), ['2016-02-29', '2016-03-29', '2016-04-29']);
  assert.equal(dues(m)[11], '2017-01-29');
  assert.ok(amounts(m).every((a) => a === 10000));
  const yearly = await create(contract({ starts_on: '2016-02-29', years: 3, rent_fen_per_year: 100000 }));
  const y = await payments(yearly.id);
  assert.deepEqual(dues(y), ['2016-02-29', '2017-02-28', '2018-02-28']);
  assert.equal(yearly.ends_on, '2019-02-27');
  const half = await create(contract({ starts_on: '2016-08-31', years: 1, rent_fen_per_year: 100001, payment_frequency: 'half_yearly' }));
  const h = await payments(half.id);
  assert.deepEqual(dues(h), ['2016-08-31', '2017-02-28']);
  assert.deepEqual(amounts(h), [50000, 50001]);
  for (const c of [monthly, yearly, half]) await api(`/api/v1/land-contracts/${c.id}`, { method: 'DELETE', cookie: pengjia });
});

test('an end date short of a whole period pays that share by days; rent per 亩 with an increase', async () => {
  const short = await create(contract({ starts_on: '2015-01-01', years: undefined, ends_on: '2015-06-30', rent_fen_per_year: 365000 }));
  assert.equal(short.years, null);
  const s = await payments(short.id);
  assert.deepEqual(amounts(s), [181000]); // 181 of 365 days
  const per_mu = await create(contract({
    area_mu: '10.50', rent_fen_per_year: undefined, rent_fen_per_mu_year: 50000, years: 4,
    rent_increase_percent: 10, rent_increase_every_years: 2,
  }));
  assert.equal(per_mu.rent_fen_per_mu_year, 50000);
  const p = await payments(per_mu.id);
  // 10.5 亩 × 500 元 = 5,250 元; +10 % from the third year.
  assert.deepEqual(amounts(p), [525000, 525000, 577500, 577500]);
  for (const c of [short, per_mu]) await api(`/api/v1/land-contracts/${c.id}`, { method: 'DELETE', cookie: pengjia });
});

test('a receipt in part, then the rest; overdue and ending lists on a date', async () => {
  const c = await create(contract({ starts_on: '2017-03-01', years: 2, rent_fen_per_year: 3000000 }));
  const overdueOn = async (date, extra = '') =>
    (await api(`/api/v1/land-contracts?region=${PENGJIA}&overdue=true&date=${date}${extra}&page_size=200`, { cookie: pengjia })).json.items.map((x) => x.id);
  assert.ok(!(await overdueOn('2017-03-01')).includes(c.id), 'not overdue on its due day');
  assert.ok((await overdueOn('2017-04-15')).includes(c.id));
  assert.ok((await overdueOn('2017-04-15', '&overdue_days=30')).includes(c.id));
  assert.ok(!(await overdueOn('2017-04-15', '&overdue_days=60')).includes(c.id));
  let p = await payments(c.id, '2017-04-15');
  assert.equal(p.items[0].status, 'overdue');
  assert.equal(p.items[0].days_overdue, 45);

  // More than is due: refused on the field, nothing written.
  const tooMuch = await api(`/api/v1/land-contracts/${c.id}/payments/1/receipts`, { method: 'POST', cookie: pengjia, body: { received_on: '2017-04-20', amount_fen: 3000001 } });
  assert.equal(tooMuch.status, 422);
  assert.ok(tooMuch.json.error.fields.amount_fen);
  for (const bad of [{ amount_fen: 0 }, { amount_fen: -5 }, { amount_fen: 100, received_on: '2999-01-01' }, { amount_fen: 1.5 }, { amount_fen: 100, colour: 'red' }]) {
    const res = await api(`/api/v1/land-contracts/${c.id}/payments/1/receipts`, { method: 'POST', cookie: pengjia, body: bad });
    assert.equal(res.status, 422, JSON.stringify(bad));
  }
  assert.equal((await api(`/api/v1/land-contracts/${c.id}/payments/9/receipts`, { method: 'POST', cookie: pengjia, body: { amount_fen: 1 } })).status, 404);

  const part = await api(`/api/v1/land-contracts/${c.id}/payments/1/receipts`, { method: 'POST', cookie: pengjia, body: { received_on: '2017-04-20', amount_fen: 1000000, payer: '朋佳中草药', note: '首笔' } });
  assert.equal(part.status, 201, part.text);
  assert.equal(part.json.received_fen, 1000000);
  p = await payments(c.id, '2017-02-01');
  assert.equal(p.items[0].status, 'partial');
  assert.equal(p.receipts.length, 1);
  assert.equal(p.receipts[0].payer, '朋佳中草药');
  assert.ok((await overdueOn('2017-04-25')).includes(c.id), 'still overdue until paid in full');

  const rest = await api(`/api/v1/land-contracts/${c.id}/payments/1/receipts`, { method: 'POST', cookie: pengjia, body: { received_on: '2017-05-02', amount_fen: 2000000 } });
  assert.equal(rest.status, 201, rest.text);
  assert.equal(rest.json.status, 'paid');
  assert.ok(!(await overdueOn('2017-05-10')).includes(c.id));
  const got = (await api(`/api/v1/land-contracts/${c.id}?date=2017-05-10`, { cookie: pengjia })).json;
  assert.equal(got.received_fen, 3000000);
  assert.equal(got.has_receipts, true);
  assert.equal(got.next_due.n, 2);
  assert.equal(got.next_due.due_on, '2018-03-01');

  // Ending within 90 days of a date.
  const ending = async (date) =>
    (await api(`/api/v1/land-contracts?region=${PENGJIA}&ending_within=90&date=${date}`, { cookie: pengjia })).json.items.map((x) => x.id);
  assert.ok((await ending('2018-12-15')).includes(c.id));
  assert.ok(!(await ending('2018-10-01')).includes(c.id));

  // With receipts: the terms stand and the contract stays.
  const locked = await api(`/api/v1/land-contracts/${c.id}`, { method: 'PATCH', cookie: pengjia, body: { rent_fen_per_year: 1 } });
  assert.equal(locked.status, 422);
  assert.equal(locked.json.error.code, 'land_terms_locked');
  const note = await api(`/api/v1/land-contracts/${c.id}`, { method: 'PATCH', cookie: pengjia, body: { note: '续签意向', jobs: 31, version: got.version } });
  assert.equal(note.status, 200, note.text);
  assert.equal(note.json.jobs, 31);
  const del = await api(`/api/v1/land-contracts/${c.id}`, { method: 'DELETE', cookie: pengjia });
  assert.equal(del.status, 409);
  assert.equal(del.json.error.code, 'land_has_receipts');
  assert.match(del.json.error.message, /收款/);
});

test('changing the terms before any receipt makes the schedule again', async () => {
  const c = await create(contract({ starts_on: '2018-01-01', years: 2 }));
  const changed = await api(`/api/v1/land-contracts/${c.id}`, { method: 'PATCH', cookie: pengjia, body: { payment_frequency: 'half_yearly', rent_fen_per_year: 2000000 } });
  assert.equal(changed.status, 200, changed.text);
  const p = await payments(c.id);
  assert.deepEqual(dues(p), ['2018-01-01', '2018-07-01', '2019-01-01', '2019-07-01']);
  assert.ok(amounts(p).every((a) => a === 1000000));
  assert.equal((await api(`/api/v1/land-contracts/${c.id}`, { method: 'DELETE', cookie: pengjia })).status, 204);
  assert.equal((await api(`/api/v1/land-contracts/${c.id}`, { cookie: pengjia })).status, 404);
});

test('bad contracts are refused field by field and nothing is written', async () => {
  const count = async () => (await api(`/api/v1/land-contracts?region=${PENGJIA}`, { cookie: pengjia })).json.total;
  const had = await count();
  const cases = [
    [{ area_mu: '-5' }, 'area_mu'],
    [{ area_mu: '1.234' }, 'area_mu'],
    [{ area_mu: '0' }, 'area_mu'],
    [{ area_mu: 450.5 }, 'area_mu'],
    [{ area_mu: '99999999' }, 'area_mu'],
    [{ rent_fen_per_year: -1 }, 'rent_fen_per_year'],
    [{ rent_fen_per_year: 1e15 }, 'rent_fen_per_year'],
    [{ years: 31 }, 'years'],
    [{ years: 0 }, 'years'],
    [{ years: undefined, ends_on: '2015-01-01' }, 'ends_on'],
    [{ years: undefined, ends_on: '2046-09-01' }, 'ends_on'],
    [{ years: undefined }, 'years'],
    [{ land_type: 'moon' }, 'land_type'],
    [{ payment_frequency: 'weekly' }, 'payment_frequency'],
    [{ transferor: undefined }, 'transferor'],
    [{ transferor: { organization_id: collective.id, person_ids: [household.id] } }, 'transferor'],
    [{ transferor: { organization_id: 999999999 } }, 'transferor.organization_id'],
    [{ transferee: { enterprise_id: 999999999 } }, 'transferee.enterprise_id'],
    [{ region: '431127103' }, 'region'],
    [{ rent_increase_percent: 10 }, 'rent_increase_every_years'],
    [{ starts_on: '2015-02-30' }, 'starts_on'],
  ];
  for (const [over, field] of cases) {
    const res = await api('/api/v1/land-contracts', { method: 'POST', cookie: pengjia, body: contract(over) });
    assert.equal(res.status, 422, `${JSON.stringify(over)}: ${res.text}`);
    assert.ok(res.json.error.fields[field], `${JSON.stringify(over)} names ${field}: ${res.text}`);
  }
  const english = await api('/api/v1/land-contracts', { method: 'POST', cookie: pengjia, body: contract({ years: 40 }), headers: { 'Accept-Language': 'en' } });
  assert.match(english.json.error.fields.years, /30 years/);
  assert.equal((await api('/api/v1/land-contracts', { method: 'POST', cookie: pengjia, body: { ...contract(), colour: 1 } })).status, 422);
  assert.equal((await api('/api/v1/land-contracts?overdue_days=abc', { cookie: pengjia })).status, 400);
  assert.equal(await count(), had);
  // Households may be the transferor; a person the transferee.
  const households = await create(contract({ transferor: { person_ids: [household.id] }, transferee: { person_id: household.id } }));
  assert.equal(households.transferor.kind, 'people');
  assert.equal(households.transferor.people[0].id, household.id);
  assert.equal(households.transferee.person.id, household.id);
  await api(`/api/v1/land-contracts/${households.id}`, { method: 'DELETE', cookie: pengjia });
});

test("the collective's income for a year: rent when received, plus entries by hand", async () => {
  const stats = async (year, region = PENGJIA, cookie = pengjia) =>
    (await api(`/api/v1/stats/collective-income?region=${region}&year=${year}`, { cookie })).json;
  const before = await stats(2019);
  const c = await create(contract({ starts_on: '2019-01-01', years: 1, rent_fen_per_year: 4000000 }));
  // A receipt of 2019 counts in 2019; manual entries by source.
  assert.equal((await api(`/api/v1/land-contracts/${c.id}/payments/1/receipts`, { method: 'POST', cookie: pengjia, body: { received_on: '2019-03-10', amount_fen: 4000000 } })).status, 201);
  const dividend = await api('/api/v1/collective-income', { method: 'POST', cookie: pengjia, body: { organization_id: collective.id, year: 2019, source: 'dividend', amount_fen: 1500000, received_on: '2019-12-20', note: '光伏入股分红' } });
  assert.equal(dividend.status, 201, dividend.text);
  const rentByHand = await api('/api/v1/collective-income', { method: 'POST', cookie: pengjia, body: { organization_id: collective.id, year: 2019, source: 'rent', amount_fen: 100 } });
  assert.equal(rentByHand.status, 422);
  assert.ok(rentByHand.json.error.fields.source);
  for (const [bad, field] of [[{ amount_fen: 0 }, 'amount_fen'], [{ year: 1800 }, 'year'], [{ received_on: '2018-01-01' }, 'received_on'], [{ source: 'lottery' }, 'source']]) {
    const res = await api('/api/v1/collective-income', { method: 'POST', cookie: pengjia, body: { organization_id: collective.id, year: 2019, source: 'service', amount_fen: 100, ...bad } });
    assert.equal(res.status, 422, JSON.stringify(bad));
    assert.ok(res.json.error.fields[field], res.text);
  }
  const after = await stats(2019);
  assert.equal(after.total_fen - before.total_fen, 5500000);
  const by = Object.fromEntries(after.by_source.map((s) => [s.source, s.amount_fen]));
  const was = Object.fromEntries(before.by_source.map((s) => [s.source, s.amount_fen]));
  assert.equal((by.rent ?? 0) - (was.rent ?? 0), 4000000);
  assert.equal((by.dividend ?? 0) - (was.dividend ?? 0), 1500000);
  assert.ok(after.collectives.some((x) => x.organization.id === collective.id));
  // The town sees the same money under its village row.
  const town = (await api(`/api/v1/stats/collective-income?region=431127103&year=2019&by=child`, { cookie: nanshi })).json;
  const row = town.children.find((x) => x.region.code === PENGJIA);
  assert.equal(row.total_fen, after.total_fen);
  // The entry is listed, changed and removed.
  const list = await api(`/api/v1/collective-income?organization=${collective.id}&year=2019`, { cookie: pengjia });
  assert.ok(list.json.items.some((x) => x.id === dividend.json.id));
  const changed = await api(`/api/v1/collective-income/${dividend.json.id}`, { method: 'PATCH', cookie: pengjia, body: { amount_fen: 1600000, version: dividend.json.version } });
  assert.equal(changed.status, 200, changed.text);
  assert.equal((await stats(2019)).total_fen - before.total_fen, 5600000);
  assert.equal((await api(`/api/v1/collective-income/${dividend.json.id}`, { method: 'DELETE', cookie: pengjia })).status, 204);
  // A receipt removed takes its rent back out.
  const p = await payments(c.id);
  assert.equal((await api(`/api/v1/land-contracts/${c.id}/receipts/${p.receipts[0].id}`, { method: 'DELETE', cookie: pengjia })).status, 204);
  assert.equal((await stats(2019)).total_fen, before.total_fen);
  assert.equal((await api(`/api/v1/land-contracts/${c.id}`, { method: 'DELETE', cookie: pengjia })).status, 204);
});

test('the land figures of a year, and the county comparing its towns', async () => {
  const c = await create(contract({ starts_on: '2016-05-01', years: 2, rent_fen_per_year: 1000000, area_mu: '12.34', jobs: 3 }));
  await api(`/api/v1/land-contracts/${c.id}/payments/1/receipts`, { method: 'POST', cookie: pengjia, body: { received_on: '2016-05-03', amount_fen: 400000 } });
  const village = (await api(`/api/v1/stats/land?region=${PENGJIA}&year=2016`, { cookie: pengjia })).json;
  assert.equal(village.contracts, 1);
  assert.equal(village.area_mu, '12.34');
  assert.equal(village.jobs, 3);
  assert.equal(village.rent_due_fen, 1000000);
  assert.equal(village.rent_received_fen, 400000);
  assert.equal(village.overdue_fen, 600000);
  assert.deepEqual(village.by_type, [{ land_type: 'forest', contracts: 1, area_mu: '12.34' }]);
  const lanshan = await login('lanshan');
  const county = (await api('/api/v1/stats/land?region=431127&year=2016&by=child', { cookie: lanshan })).json;
  assert.equal(county.region.level, 'county');
  const town = county.children.find((x) => x.region.code === '431127103');
  assert.equal(town.area_mu, '12.34');
  assert.ok(county.children.length > 1, 'every town of the county has its row');
  // A village secretary does not get the town's figures (it is outside his view).
  assert.equal((await api('/api/v1/stats/land?region=431127103&year=2016', { cookie: pengjia })).status, 404);
  assert.equal((await api('/api/v1/stats/land?year=2016', { cookie: pengjia })).status, 400);
  assert.equal((await api(`/api/v1/stats/land?region=${PENGJIA}&by=parent`, { cookie: pengjia })).status, 400);
  const p = await payments(c.id);
  await api(`/api/v1/land-contracts/${c.id}/receipts/${p.receipts[0].id}`, { method: 'DELETE', cookie: pengjia });
  await api(`/api/v1/land-contracts/${c.id}`, { method: 'DELETE', cookie: pengjia });
});
