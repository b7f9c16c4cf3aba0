// Automatic pairing (自动分配) as the town office meets it: a plan for a level,
// stable when nothing changed, moving only what a departed leader answered
// for, explained pair by pair, applied in one go and refused when the data
// changed meanwhile; and, when the rules cannot be met, which targets fall
// short, who could cover them and a change that makes it work.
//
// Plans here are dated 2030 and later, after every day the other tests judge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login } from './helpers.mjs';

const TOWN = '431127103'; // 楠市镇
const SUOCHENG = '431127104';

async function plan(cookie, body) {
  const res = await api('/api/v1/assignment-plans', { method: 'POST', cookie, body });
  assert.equal(res.status, 201, res.text);
  return res.json;
}

test('re-planning an unchanged town changes nothing', async () => {
  const cookie = await login('nanshi');
  for (const level of [1, 2, 3, 4]) {
    const p = await plan(cookie, { level, region: TOWN, date: '2030-01-01' });
    assert.equal(p.status, 'optimal', `level ${level}`);
    assert.deepEqual([p.changes.moved.length, p.changes.new.length, p.changes.ended.length], [0, 0, 0], `level ${level}`);
    assert.equal(p.changes.kept.length, p.assignments.length, `level ${level}`);
    assert.ok(p.assignments.every((a) => a.kept));
  }
  const level1 = await plan(cookie, { level: 1, region: TOWN, date: '2030-01-01' });
  assert.equal(level1.assignments.length, 31);
  // Loads are even: 31 entrepreneurs over 9 leaders is 3 or 4 each.
  const loads = level1.sources.map((s) => s.load).sort();
  assert.deepEqual([loads[0], loads[loads.length - 1]], [3, 4]);
});

test('without one leader only his entrepreneurs move; applying it makes the town compliant', async () => {
  // 所城镇, the demo's town with gaps: one entrepreneur has no leader yet.
  const cookie = await login('admin');
  const date = '2031-01-01';
  const listed = async (d) => (await api(`/api/v1/pairings?region=${SUOCHENG}&level=1&date=${d}&page_size=100`, { cookie })).json.items;
  const before = await listed(date);
  const leaving = before[0].source;
  const his = before.filter((p) => p.source.id === leaving.id).map((p) => p.target.id).sort();
  const p = await plan(cookie, { level: 1, region: SUOCHENG, date, exclude: [leaving.id] });
  assert.equal(p.status, 'optimal');
  assert.deepEqual(p.changes.moved.map((m) => m.target.id).sort(), his);
  assert.ok(p.changes.moved.every((m) => m.from.id === leaving.id && m.to.id !== leaving.id));
  assert.equal(p.changes.kept.length, before.length - his.length);
  // The unpaired entrepreneurs get a leader; nobody else is touched.
  const unpaired = p.assignments.length - before.length;
  assert.ok(unpaired >= 1);
  assert.deepEqual([p.changes.new.length, p.changes.ended.length], [unpaired, 0]);
  // Every pair is explained: how near, whether kept, the load, the next best.
  assert.equal(p.explanations.length, p.assignments.length);
  const moved = p.explanations.find((e) => e.target === his[0]);
  assert.equal(moved.kept, false);
  assert.ok(['village', 'town', 'county', 'farther'].includes(moved.distance));
  assert.ok(moved.alternative === null || moved.alternative.extra >= 0);
  // The sum of the pairs' costs and the loads' convex costs is the plan's cost.
  const w = p.options;
  const pairs = p.explanations.reduce((sum, e) => sum + e.cost, 0);
  const loads = p.sources.reduce((sum, s) => sum + (w.load_weight * s.load * (s.load - 1)) / 2, 0);
  assert.equal(p.cost, pairs + loads);

  const applied = await api(`/api/v1/assignment-plans/${p.id}/apply`, { method: 'POST', cookie });
  assert.equal(applied.status, 200, applied.text);
  assert.deepEqual(applied.json.applied, { ended: 0, moved: his.length, new: unpaired });
  const after = await listed(date);
  assert.equal(after.length, p.assignments.length);
  assert.ok(after.every((a) => a.source.id !== leaving.id));
  assert.ok(after.filter((a) => his.includes(a.target.id)).every((a) => a.origin === 'auto'));
  const compliance = (await api(`/api/v1/compliance?region=${SUOCHENG}&date=${date}`, { cookie })).json;
  assert.equal(compliance.levels[0].covered, compliance.levels[0].targets);
  assert.equal(compliance.levels[0].over_total, 0);
  // The day before, he still answered for them: history is kept.
  const eve = (await api(`/api/v1/pairings?source=${leaving.id}&level=1&date=2030-12-31&page_size=100`, { cookie })).json.items;
  assert.deepEqual(eve.map((e) => e.target.id).sort(), his);
  // A plan applies once.
  const again = await api(`/api/v1/assignment-plans/${p.id}/apply`, { method: 'POST', cookie });
  assert.equal(again.status, 409);
  assert.equal(again.json.error.code, 'plan_applied');
  // The stored plan reads back with when it was applied; the town office of
  // another town does not see it.
  const stored = await api(`/api/v1/assignment-plans/${p.id}`, { cookie });
  assert.equal(stored.status, 200);
  assert.ok(stored.json.applied_at);
  assert.equal((await api(`/api/v1/assignment-plans/${p.id}`, { cookie: await login('nanshi') })).status, 404);
});

test('a plan made before a change is refused with 409', async () => {
  const cookie = await login('admin');
  const date = '2032-01-01';
  const p = await plan(cookie, { level: 2, region: SUOCHENG, date });
  const one = (await api(`/api/v1/pairings?region=${SUOCHENG}&level=2&date=${date}&page_size=1`, { cookie })).json.items[0];
  const ended = await api(`/api/v1/pairings/${one.id}`, { method: 'PATCH', cookie, body: { valid_to: '2031-06-01' } });
  assert.equal(ended.status, 200, ended.text);
  const res = await api(`/api/v1/assignment-plans/${p.id}/apply`, { method: 'POST', cookie });
  assert.equal(res.status, 409);
  assert.equal(res.json.error.code, 'plan_stale');
  assert.match(res.json.error.message, /重新生成/);
  // Nothing was written: that village is still without its cadre then.
  const village = (await api(`/api/v1/pairings?target_kind=region&target=${one.target.id}&date=${date}`, { cookie })).json.items;
  assert.equal(village.length, 0);
  // A new plan covers it again and applies.
  const fresh = await plan(cookie, { level: 2, region: SUOCHENG, date });
  assert.ok(fresh.changes.new.some((n) => n.target.id === one.target.id));
  assert.equal((await api(`/api/v1/assignment-plans/${fresh.id}/apply`, { method: 'POST', cookie })).status, 200);
  const compliance = (await api(`/api/v1/compliance?region=${SUOCHENG}&date=${date}`, { cookie })).json;
  assert.equal(compliance.levels[1].covered, compliance.levels[1].targets);
});

test('when the capacities cannot cover every group, the short villages, their cadres and a fix', async () => {
  const cookie = await login('nanshi');
  const date = '2033-01-01';
  const p = await plan(cookie, { level: 3, region: TOWN, date, max_load: 1 });
  assert.equal(p.status, 'infeasible');
  const d = p.diagnosis;
  assert.ok(d.shortages.length > 0);
  for (const sh of d.shortages) {
    // Each shortage is one village: its groups and its cadres, who can give
    // one each.
    const villages = new Set(sh.targets.map((t) => t.target.region.code.slice(0, 12)));
    assert.equal(villages.size, 1);
    assert.equal(sh.available, sh.sources.length);
    assert.equal(sh.needed, sh.targets.length);
    assert.equal(sh.shortfall, sh.needed - sh.available);
  }
  // The best partial plan still covers as many as the capacities allow.
  assert.equal(d.uncovered, d.shortages.reduce((sum, sh) => sum + sh.shortfall, 0));
  assert.ok(d.fixes.every((f) => f.kind === 'raise_max'));
  const refused = await api(`/api/v1/assignment-plans/${p.id}/apply`, { method: 'POST', cookie });
  assert.equal(refused.status, 422);
  // The fixes as capacities: now it is feasible.
  const capacities = Object.fromEntries(d.fixes.map((f) => [String(f.person.id), { min: 0, max: f.max }]));
  const fixed = await plan(cookie, { level: 3, region: TOWN, date, max_load: 1, capacities });
  assert.equal(fixed.status, 'optimal', JSON.stringify(fixed.diagnosis));
});

test('bad options get field messages; others\' towns and read-only roles are refused', async () => {
  const cookie = await login('nanshi');
  const bad = await api('/api/v1/assignment-plans', { method: 'POST', cookie, body: { level: 7, region: TOWN, date: '2030-02-30', load_weight: -1, capacities: { x: 1 }, exclude: ['a'], colour: 'red' } });
  assert.equal(bad.status, 422);
  for (const field of ['level', 'load_weight', 'capacities', 'exclude', 'colour']) assert.ok(bad.json.error.fields[field], field);
  const date = await api('/api/v1/assignment-plans', { method: 'POST', cookie, body: { level: 1, region: TOWN, date: '2030-02-30' } });
  assert.equal(date.status, 422);
  assert.ok(date.json.error.fields.date);
  assert.equal((await api('/api/v1/assignment-plans', { method: 'POST', cookie, body: { level: 1 } })).status, 422);
  assert.equal((await api('/api/v1/assignment-plans', { method: 'POST', cookie, raw: '{"level": 1,' })).status, 400);
  assert.equal((await api('/api/v1/assignment-plans', { method: 'POST', cookie, body: { level: 1, region: SUOCHENG } })).status, 404);
  assert.equal((await api('/api/v1/assignment-plans', { method: 'POST', cookie: await login('pengjia'), body: { level: 1, region: TOWN } })).status, 403);
  assert.equal((await api('/api/v1/assignment-plans/999999', { cookie })).status, 404);
});
