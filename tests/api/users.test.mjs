// User administration and its audit trail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, login, uniqueName } from './helpers.mjs';

test('creating a user needs only username, password and roles, and is audited', async () => {
  const cookie = await login('admin');
  const username = uniqueName('clerk');
  const created = await api('/api/v1/users', {
    method: 'POST',
    cookie,
    body: { username, password: 'clerk-password-1', roles: ['town_office'] },
  });
  assert.equal(created.status, 201);
  assert.equal(created.json.username, username);
  assert.deepEqual(created.json.roles, ['town_office']);
  assert.equal(created.json.password, undefined);
  assert.equal(created.json.password_hash, undefined);

  const audit = await api(`/api/v1/audit?entity=user&id=${created.json.id}`, { cookie });
  assert.equal(audit.status, 200);
  assert.equal(audit.json.total, 1);
  const row = audit.json.items[0];
  assert.equal(row.action, 'create');
  assert.equal(row.user.username, 'admin');
  assert.equal(row.before, null);
  assert.equal(row.after.username, username);
  assert.equal(JSON.stringify(row.after).includes('argon2'), false);

  // The new user can log in with that password.
  const res = await api('/api/v1/session', {
    method: 'POST',
    body: { username, password: 'clerk-password-1' },
  });
  assert.equal(res.status, 200);
});

test('a taken username answers 409; bad fields 422 with a message beside each', async () => {
  const cookie = await login('admin');
  const taken = await api('/api/v1/users', {
    method: 'POST',
    cookie,
    body: { username: 'nanshi', password: 'long-enough-1', roles: ['town_office'] },
  });
  assert.equal(taken.status, 409);
  assert.equal(taken.json.error.code, 'username_taken');

  const bad = await api('/api/v1/users', {
    method: 'POST',
    cookie,
    body: { username: 'Bad Name!', password: 'short', roles: ['mayor'], view_region: '999999' },
  });
  assert.equal(bad.status, 422);
  assert.deepEqual(Object.keys(bad.json.error.fields).sort(),
    ['password', 'roles', 'username', 'view_region']);
  assert.equal(bad.json.error.fields.password, '密码至少 10 个字符');
  assert.equal(bad.json.error.fields.roles, '没有这个角色：mayor');
});

test('changing a user is audited with before and after; a stale version answers 409', async () => {
  const cookie = await login('admin');
  const username = uniqueName('edit');
  const created = await api('/api/v1/users', {
    method: 'POST',
    cookie,
    body: { username, password: 'edit-password-1', roles: ['village_secretary'], view_region: '431127103224' },
  });
  assert.equal(created.status, 201);
  assert.equal(created.json.view_region.name, '朋佳村');
  // Without a capture region of its own, the user changes nothing.
  const id = created.json.id;
  const changed = await api(`/api/v1/users/${id}`, {
    method: 'PATCH',
    cookie,
    body: { display_name: '朋佳村文书', capture_region: '431127103224', version: 1 },
  });
  assert.equal(changed.status, 200);
  assert.equal(changed.json.display_name, '朋佳村文书');
  assert.equal(changed.json.capture_region.code, '431127103224');
  assert.equal(changed.json.version, 2);
  const stale = await api(`/api/v1/users/${id}`, {
    method: 'PATCH',
    cookie,
    body: { display_name: 'x', version: 1 },
  });
  assert.equal(stale.status, 409);
  const audit = await api(`/api/v1/audit?entity=user&id=${id}`, { cookie });
  assert.equal(audit.json.total, 2);
  assert.equal(audit.json.items[0].action, 'update');
  assert.equal(audit.json.items[0].before.display_name, '');
  assert.equal(audit.json.items[0].after.display_name, '朋佳村文书');
});

test('disabling a user ends their sessions and refuses their login', async () => {
  const cookie = await login('admin');
  const username = uniqueName('gone');
  const created = await api('/api/v1/users', {
    method: 'POST',
    cookie,
    body: { username, password: 'gone-password-1', roles: ['town_office'], view_region: '431127103' },
  });
  const session = await login(username, 'gone-password-1');
  assert.equal((await api('/api/v1/session', { cookie: session })).status, 200);
  const off = await api(`/api/v1/users/${created.json.id}`, {
    method: 'PATCH',
    cookie,
    body: { disabled: true },
  });
  assert.equal(off.status, 200);
  assert.equal((await api('/api/v1/session', { cookie: session })).status, 401);
  const again = await api('/api/v1/session', {
    method: 'POST',
    body: { username, password: 'gone-password-1' },
  });
  assert.equal(again.status, 403);
  assert.equal(again.json.error.code, 'account_disabled');
});

test('users outside the admin role are refused user administration', async () => {
  for (const who of ['lanshan', 'nanshi', 'pengjia', 'chamber']) {
    const cookie = await login(who);
    const list = await api('/api/v1/users', { cookie });
    assert.equal(list.status, 403, who);
    assert.equal(list.json.error.code, 'forbidden');
    const create = await api('/api/v1/users', {
      method: 'POST',
      cookie,
      body: { username: uniqueName(), password: 'long-enough-1', roles: ['admin'] },
    });
    assert.equal(create.status, 403, who);
  }
});

test('the user list searches and pages', async () => {
  const cookie = await login('admin');
  const res = await api('/api/v1/users?q=nan&page_size=10', { cookie });
  assert.equal(res.status, 200);
  assert.ok(res.json.items.some((u) => u.username === 'nanshi'));
  const all = await api('/api/v1/users?page_size=2', { cookie });
  assert.equal(all.json.items.length, 2);
  assert.ok(all.json.total >= 5);
});

test('the audit log knows its entities and checks the id', async () => {
  const cookie = await login('admin');
  assert.equal((await api('/api/v1/audit?entity=spaceship&id=1', { cookie })).status, 400);
  assert.equal((await api('/api/v1/audit?entity=user&id=abc', { cookie })).status, 400);
  assert.equal((await api('/api/v1/audit?id=5', { cookie })).status, 400, 'an id names a record of an entity');
  const none = await api('/api/v1/audit?entity=user&id=999999', { cookie });
  assert.equal(none.status, 200);
  assert.equal(none.json.total, 0);
});

test('the audit trail of a user is visible only inside the reader scope', async () => {
  const admin = await login('admin');
  const username = uniqueName('scoped');
  const created = await api('/api/v1/users', {
    method: 'POST',
    cookie: admin,
    body: { username, password: 'scoped-password', roles: ['town_office'], view_region: '431127102' },
  });
  assert.equal(created.status, 201);
  const county = await api(`/api/v1/audit?entity=user&id=${created.json.id}`, { cookie: await login('lanshan') });
  assert.equal(county.json.total, 1);
  const town = await api(`/api/v1/audit?entity=user&id=${created.json.id}`, { cookie: await login('nanshi') });
  assert.equal(town.json.total, 0);
});
