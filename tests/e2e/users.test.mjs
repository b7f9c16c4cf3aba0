// User administration as an administrator meets it: create a user (with the
// server's own checks shown beside the fields), disable them, read the history;
// and an expired session sends the administrator back to the login page.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, openBrowser, step } from './browser.mjs'

const TEST_TIMEOUT = 180_000

function formItem(page, label) {
  return page.locator(`.el-dialog .el-form-item:has(.el-form-item__label:text-is("${label}"))`)
}

test('an administrator creates, disables and audits a user', { timeout: TEST_TIMEOUT }, async () => {
  const { page, context, problems, close } = await openBrowser()
  try {
    await step(page, 'admin login', async () => {
      await page.goto(`${BASE_URL}/login`)
      await page.locator('input[name="username"]').fill('admin')
      await page.locator('input[name="password"]').fill('shuanglun')
      await page.locator('[data-test="login-submit"]').click()
      // Logging in opens 首页.
      await page.waitForURL(`${BASE_URL}/`)
      await page.locator('[data-test="nav-users"]').click()
      await page.waitForURL(`${BASE_URL}/users`)
      await page.locator('[data-test="user-edit-nanshi"]').waitFor()
    })

    await step(page, 'create dialog checks', async () => {
      await page.locator('[data-test="user-create"]').click()
      await page.locator('input[data-test="user-username"]').fill('nanshi')
      await page.locator('input[data-test="user-password"]').fill('short')
      await page.locator('[data-test="user-save"]').click()
      await formItem(page, '密码').locator('.el-form-item__error', { hasText: '密码至少 10 个字符' }).waitFor()
      await formItem(page, '角色').locator('.el-form-item__error', { hasText: '请至少选择一个角色' }).waitFor()

      await page.locator('input[data-test="user-password"]').fill('clerk-password')
      await page.locator('.el-dialog .el-checkbox', { hasText: '镇党政办' }).click()
      await page.locator('[data-test="user-save"]').click()
      // The server refuses a taken name; its message appears beside the field.
      await formItem(page, '用户名').locator('.el-form-item__error', { hasText: '用户名已被使用' }).waitFor()
    })

    await step(page, 'create user', async () => {
      await page.locator('input[data-test="user-username"]').fill('e2e.clerk')
      await page.locator('input[data-test="user-display-name"]').fill('楠市镇党政办干事')
      await formItem(page, '查看范围').locator('input').fill('nsz')
      await page.locator('.el-select-dropdown__item:visible', { hasText: '楠市镇' }).click()
      await page.locator('[data-test="user-save"]').click()
      await page.getByText('已创建用户 e2e.clerk').waitFor()
      const row = page.locator('.el-table__row', { hasText: 'e2e.clerk' })
      await row.waitFor()
      assert.match(await row.innerText(), /楠市镇党政办干事[\s\S]*镇党政办[\s\S]*楠市镇[\s\S]*正常/)
    })

    await step(page, 'disable user', async () => {
      await page.locator('[data-test="user-edit-e2e.clerk"]').click()
      await formItem(page, '停用账号').locator('.el-switch').click()
      await page.locator('[data-test="user-save"]').click()
      await page.getByText('已保存').waitFor()
      await page.locator('.el-table__row', { hasText: 'e2e.clerk' }).getByText('已停用').waitFor()
    })

    await step(page, 'user history', async () => {
      await page.locator('[data-test="user-history-e2e.clerk"]').click()
      const drawer = page.locator('.el-drawer', { hasText: '变更记录：楠市镇党政办干事' })
      await drawer.waitFor()
      const entries = drawer.locator('.el-timeline-item')
      await entries.nth(1).waitFor()
      assert.equal(await entries.count(), 2)
      const newest = await entries.nth(0).innerText()
      assert.match(newest, /修改[\s\S]*操作人: admin/)
      assert.match(newest, /停用账号\s+否\s+是/)
      assert.match(await entries.nth(1).innerText(), /创建[\s\S]*用户名\s+—\s+e2e\.clerk/)
      await page.keyboard.press('Escape')
      await drawer.waitFor({ state: 'hidden' })
    })

    await step(page, 'expired session', async () => {
      await context.clearCookies()
      await page.locator('[data-test="nav-regions"]').click()
      await page.waitForURL(/\/login\?redirect=%2Fregions&expired=1|\/login\?redirect=\/regions&expired=1/)
      await page.getByText('登录已失效，请重新登录').waitFor()
    })

    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
  }
})
