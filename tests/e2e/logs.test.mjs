// 操作日志, 登录日志 and 我的账号's 修改密码: the administrator reads the change
// log by kind of record and finds a failed sign-in made here; a fresh user
// changes their password and signs in with the new one.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, logIn, openBrowser, step } from './browser.mjs'

const TEST_TIMEOUT = 180_000
const USERNAME = 'e2e-logs'
const FIRST_PASSWORD = 'lantern-river-42'
const NEW_PASSWORD = 'willow-harbour-77'

/** Creates the test's own user through the API, as the administrator. */
async function createUser() {
  const headers = { 'Content-Type': 'application/json', 'X-Requested-With': 'shuanglun' }
  const session = await fetch(`${BASE_URL}/api/v1/session`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ username: 'admin', password: 'shuanglun' }),
  })
  assert.equal(session.status, 200)
  const cookie = session.headers.get('set-cookie').split(';')[0]
  const created = await fetch(`${BASE_URL}/api/v1/users`, {
    method: 'POST',
    headers: { ...headers, Cookie: cookie },
    body: JSON.stringify({ username: USERNAME, password: FIRST_PASSWORD, roles: ['leader'] }),
  })
  assert.equal(created.status, 201, await created.text())
}

test('the administrator reads the change and sign-in logs; a user changes their password', { timeout: TEST_TIMEOUT }, async () => {
  await createUser()
  const { page, problems, close } = await openBrowser()
  try {
    await step(page, 'a failed sign-in', async () => {
      await page.goto(`${BASE_URL}/login`)
      await page.locator('input[name="username"]').fill(USERNAME)
      await page.locator('input[name="password"]').fill('not-the-password')
      await page.locator('[data-test="login-submit"]').click()
      await page.locator('[data-test="login-error"]').waitFor()
    })

    await step(page, '操作日志 filtered to 人员', async () => {
      await logIn(page, 'admin')
      await page.locator('[data-test="nav-audit"]').click()
      await page.waitForURL(`${BASE_URL}/audit`)
      await page.getByRole('heading', { name: '操作日志' }).waitFor()
      await page.locator('[data-test="audit-log-entity"]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: /^人员$/ }).click()
      await page.waitForURL(`${BASE_URL}/audit?entity=person`)
      const rows = page.locator('[data-test="audit-log-table"] .el-table__row')
      await rows.first().filter({ hasText: '人员' }).waitFor()
      // Every row is about a person, and links to the person's page.
      const kinds = await rows.locator('td:nth-child(4) .kind').allInnerTexts()
      assert.ok(kinds.length > 0)
      assert.deepEqual([...new Set(kinds)], ['人员'])
      await rows.first().locator('td:nth-child(4) a[href^="/people/"]').waitFor()
      // A row opens onto its changes.
      await rows.first().locator('.el-table__expand-icon').click()
      await page.locator('[data-test="audit-log-table"] .changes').first().waitFor()
    })

    await step(page, '登录日志 shows the failed sign-in', async () => {
      await page.locator('[data-test="nav-logins"]').click()
      await page.waitForURL(`${BASE_URL}/logins`)
      await page.locator('input[data-test="login-log-search"]').fill(USERNAME)
      await page.waitForURL(`${BASE_URL}/logins?user=${USERNAME}`)
      const row = page.locator('[data-test="login-log-table"] .el-table__row', { hasText: USERNAME })
      await row.filter({ hasText: '失败' }).first().waitFor()
      assert.equal(await page.locator('[data-test="login-log-table"] .el-table__row').count(), 1)
    })
    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
  }

  const user = await openBrowser()
  try {
    await step(user.page, '修改密码 in 我的账号', async () => {
      await logIn(user.page, USERNAME, FIRST_PASSWORD)
      await user.page.locator('[data-test="nav-account"]').click()
      await user.page.waitForURL(`${BASE_URL}/account`)
      const form = user.page.locator('[data-test="password-form"]')
      await form.locator('input[data-test="password-old"]').fill('wrong-old-password')
      await form.locator('input[data-test="password-new"]').fill(NEW_PASSWORD)
      await form.locator('input[data-test="password-repeat"]').fill(NEW_PASSWORD)
      await form.locator('[data-test="password-submit"]').click()
      // The server's objection stands beside the field.
      await form.locator('.el-form-item', { hasText: '当前密码' }).locator('.el-form-item__error').waitFor()

      await form.locator('input[data-test="password-old"]').fill(FIRST_PASSWORD)
      await form.locator('[data-test="password-submit"]').click()
      await user.page.locator('.el-message--success', { hasText: '其他设备和浏览器上的登录已全部退出' }).waitFor()
    })

    await step(user.page, 'sign in with the new password', async () => {
      await user.context.clearCookies()
      await logIn(user.page, USERNAME, NEW_PASSWORD)
      await user.page.goto(`${BASE_URL}/account`)
      await user.page.locator('[data-test="password-form"]').waitFor()
    })
    assert.deepEqual(user.problems, [], 'the browser reported errors')
  } finally {
    await user.close()
  }
})
