// The web shell as a town-office user meets it: log in, browse and search the
// region tree, change the interface language, log out; and the phone layout.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, openBrowser, step } from './browser.mjs'

const USER = 'nanshi'
const PASSWORD = 'shuanglun'
const TEST_TIMEOUT = 180_000

async function logIn(page, username = USER, password = PASSWORD) {
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill(password)
  await page.locator('[data-test="login-submit"]').click()
}

async function chooseLanguage(page, code) {
  await page.locator('header [data-test="language-switch"], .login-top [data-test="language-switch"]').first().click()
  await page.locator(`.el-dropdown-menu [data-test="locale-${code}"]:visible`).click()
}

function treeNode(page, code) {
  return page.locator(`[data-test="region-tree"] .tree-node[data-code="${code}"]`)
}

async function detailShows(page, { code, name }) {
  const detail = page.locator('[data-test="region-detail"]')
  await detail.locator('[data-test="region-detail-code"]', { hasText: new RegExp(`^${code}$`) }).waitFor()
  assert.equal(await detail.locator('[data-test="region-detail-name"]').innerText(), name)
}

test('a town office user logs in, finds 朋佳村, switches language and logs out', { timeout: TEST_TIMEOUT }, async () => {
  const { page, problems, close } = await openBrowser()
  try {
    await step(page, 'login page', async () => {
      await page.goto(`${BASE_URL}/regions`)
      await page.waitForURL(/\/login\?redirect=%2Fregions|\/login\?redirect=\/regions/)
      await page.getByRole('heading', { name: '双轮 · 党建+商会' }).waitFor()
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN')
    })

    await step(page, 'wrong password', async () => {
      await logIn(page, USER, 'not-the-password')
      const error = page.locator('[data-test="login-error"]')
      await error.waitFor()
      assert.match(await error.innerText(), /用户名或密码错误/)
    })

    await step(page, 'log in', async () => {
      await logIn(page)
      await page.waitForURL(`${BASE_URL}/regions`)
      await page.getByRole('heading', { name: '区划', exact: true }).waitFor()
      await page.locator('[data-test="nav-regions"]').waitFor()
      assert.equal(await page.locator('[data-test="nav-users"]').count(), 0, 'no user administration for a town office')
    })

    await step(page, 'expand 楠市镇 to 朋佳村', async () => {
      await treeNode(page, '431127103').click()
      await detailShows(page, { code: '431127103', name: '楠市镇' })
      await treeNode(page, '431127103224').click()
      await detailShows(page, { code: '431127103224', name: '朋佳村' })
      const detail = page.locator('[data-test="region-detail"]')
      assert.equal(await detail.locator('[data-test="region-detail-official"]').innerText(), '朋佳村委会')
      assert.equal(await detail.locator('[data-test="region-detail-level"]').innerText(), '村级')
      assert.match(await detail.locator('.el-breadcrumb').innerText(), /湖南省\s*›\s*永州市\s*›\s*蓝山县\s*›\s*楠市镇\s*›\s*朋佳村/)
      assert.match(page.url(), /code=431127103224/)
    })

    await step(page, 'search pjc', async () => {
      await page.locator('input[data-test="region-search"]').fill('pjc')
      const results = page.locator('[data-test="region-results"]')
      const hit = results.locator('.result[data-code="431127103224"]')
      await hit.waitFor()
      assert.match(await hit.innerText(), /朋佳村[\s\S]*湖南省 › 永州市 › 蓝山县 › 楠市镇/)
      await page.locator('[data-test="back-to-tree"]').click()
      await treeNode(page, '431127103').waitFor()
      await page.locator('input[data-test="region-search"]').fill('pjc')
      await hit.click()
      await detailShows(page, { code: '431127103224', name: '朋佳村' })
    })

    await step(page, 'search 楠市鎮 nanshizhen nsz', async () => {
      for (const text of ['楠市鎮', 'nanshizhen', 'nsz']) {
        await page.locator('input[data-test="region-search"]').fill(text)
        const hit = page.locator('[data-test="region-results"] .result[data-code="431127103"]')
        await hit.waitFor()
        assert.match(await hit.innerText(), /楠市镇[\s\S]*湖南省 › 永州市 › 蓝山县/, `search "${text}"`)
      }
      await hitAndShow(page, '431127103', '楠市镇')
    })

    await step(page, 'switch to English', async () => {
      await chooseLanguage(page, 'en')
      await page.getByRole('heading', { name: 'Regions', exact: true }).waitFor()
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')
      assert.equal(await page.locator('[data-test="nav-regions"]').innerText(), 'Regions')
      const detail = page.locator('[data-test="region-detail"]')
      await detail.getByText('Statistical region code').waitFor()
      assert.equal(await detail.locator('[data-test="region-detail-level"]').innerText(), 'Town')
    })

    await step(page, 'English survives a reload', async () => {
      await page.reload()
      await page.getByRole('heading', { name: 'Regions', exact: true }).waitFor()
    })

    await step(page, 'switch back to 简体中文', async () => {
      await chooseLanguage(page, 'zh-CN')
      await page.getByRole('heading', { name: '区划', exact: true }).waitFor()
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN')
      assert.equal(await page.locator('[data-test="nav-regions"]').innerText(), '区划')
    })

    await step(page, 'log out', async () => {
      await page.locator('[data-test="user-menu"]').click()
      await page.locator('.el-dropdown-menu [data-test="logout"]:visible').click()
      await page.waitForURL(/\/login/)
      await page.locator('[data-test="login-submit"]').waitFor()
      await page.goto(`${BASE_URL}/regions`)
      await page.waitForURL(/\/login\?redirect=/)
    })

    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
  }
})

async function hitAndShow(page, code, name) {
  await page.locator(`[data-test="region-results"] .result[data-code="${code}"]`).click()
  await detailShows(page, { code, name })
}

test('at 375 px wide the menu is reachable and nothing overflows', { timeout: TEST_TIMEOUT }, async () => {
  const { page, problems, close } = await openBrowser({ width: 375, height: 812 })
  try {
    await step(page, 'phone login', async () => {
      await page.goto(`${BASE_URL}/login`)
      await logIn(page)
      // Logging in opens 首页; the region tree is a page of its own.
      await page.waitForURL(`${BASE_URL}/`)
      await page.goto(`${BASE_URL}/regions`)
      await treeNode(page, '431127103').waitFor()
    })

    await step(page, 'phone region page', async () => {
      assert.equal(await page.locator('aside [data-test="side-menu"]').count(), 0, 'the side menu is folded away')
      await treeNode(page, '431127103').click()
      await detailShows(page, { code: '431127103', name: '楠市镇' })
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`)
    })

    await step(page, 'phone menu', async () => {
      await page.locator('[data-test="menu-toggle"]').click()
      const item = page.locator('.el-drawer [data-test="nav-account"]')
      await item.waitFor()
      await page.locator('.el-drawer [data-test="nav-regions"]').waitFor()
      await item.click()
      await page.waitForURL(`${BASE_URL}/account`)
      await page.locator('.el-drawer').waitFor({ state: 'hidden' })
      await page.getByRole('heading', { name: '我的账号' }).waitFor()
      await page.locator('[data-test="menu-toggle"]').click()
      await page.locator('.el-drawer [data-test="nav-regions"]').click()
      await page.waitForURL(/\/regions/)
    })

    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
  }
})

test('unknown addresses and pages without permission explain themselves', { timeout: TEST_TIMEOUT }, async () => {
  const { page, close } = await openBrowser()
  try {
    await step(page, 'not found', async () => {
      await page.goto(`${BASE_URL}/no/such/page`)
      await page.getByRole('heading', { name: '页面不存在' }).waitFor()
    })

    await step(page, 'forbidden', async () => {
      await page.goto(`${BASE_URL}/login`)
      await logIn(page)
      await page.waitForURL(`${BASE_URL}/`)
      await page.goto(`${BASE_URL}/users`)
      await page.getByRole('heading', { name: '没有访问权限' }).waitFor()
      await page.locator('[data-test="back-home"]').click()
      await page.waitForURL(`${BASE_URL}/`)
      await page.locator('[data-test="home-title"]').waitFor()
    })
  } finally {
    await close()
  }
})
