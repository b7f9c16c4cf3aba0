// 村民小组 as the village secretary of 朋佳村 (pengjia) keeps them on a 390 px
// phone: from the menu to 区划, his village (the root of his view) shows its
// groups; he adds one under a new name, renames it, retires it (停用), and the
// list, read again, shows it greyed as 已停用 with the day. Nothing is wider
// than the screen and the buttons are big enough for a finger.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, logIn, openBrowser, step } from './browser.mjs'

const TEST_TIMEOUT = 120_000
const VILLAGE = '431127103224'
// Unique on every run (the demo database keeps what earlier runs added); at most 20 characters.
const RUN = Date.now().toString(36).slice(-6)
const NAME = `试${RUN}组`
const RENAMED = `改${RUN}组`

async function noOverflow(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 0, `${what} is ${overflow}px wider than the screen`)
}

async function tallEnough(locator, what) {
  const box = await locator.boundingBox()
  assert.ok(box && box.height >= 40, `${what} is ${box?.height}px tall`)
}

test('the village secretary adds, renames and retires a villagers’ group on a phone', { timeout: TEST_TIMEOUT }, async () => {
  const { page, problems, close } = await openBrowser({ width: 390, height: 844 })
  const section = page.locator('[data-test="region-groups"]')
  let row
  let code
  try {
    await step(page, 'open 朋佳村 in 区划', async () => {
      await logIn(page, 'pengjia')
      await page.locator('[data-test="menu-toggle"]').click()
      await page.locator('.el-drawer [data-test="nav-regions"]').click()
      await page.waitForURL(/\/regions/)
      await page.locator('.el-drawer').waitFor({ state: 'hidden' })
      await page.locator(`[data-test="region-tree"] .tree-node[data-code="${VILLAGE}"]`).click()
      const detail = page.locator('[data-test="region-detail"]')
      await detail.locator('[data-test="region-detail-code"]', { hasText: VILLAGE }).waitFor()
      assert.equal(await detail.locator('[data-test="region-detail-name"]').innerText(), '朋佳村')
      await section.locator('.sl-section-title', { hasText: '村民小组' }).waitFor()
      await section.locator('[data-test^="group-row-"]').first().waitFor()
      await tallEnough(section.locator('[data-test="group-add"]'), '新增小组')
      await noOverflow(page, 'the region page')
    })

    await step(page, 'add a group', async () => {
      await section.locator('[data-test="group-add"]').click()
      const dialog = page.locator('[data-test="group-dialog"]')
      await dialog.getByText('新增小组').first().waitFor()
      await dialog.locator('input[data-test="group-name"]').fill(NAME)
      await dialog.locator('[data-test="group-save"]').click()
      await dialog.waitFor({ state: 'hidden' })
      row = section.locator('[data-test^="group-row-"]', { hasText: NAME })
      await row.waitFor()
      code = (await row.getAttribute('data-test')).slice('group-row-'.length)
      assert.match(code, new RegExp(`^${VILLAGE}-\\d+$`))
      // The tree, opened at the village, lists the new group too.
      await page.locator(`[data-test="region-tree"] .tree-node[data-code="${code}"]`, { hasText: NAME }).waitFor()
      await noOverflow(page, 'the list with the new group')
    })

    await step(page, 'rename it', async () => {
      const rename = page.locator(`[data-test="group-rename-${code}"]`)
      await tallEnough(rename, '改名')
      await rename.click()
      const input = page.locator('[data-test="group-dialog"] input[data-test="group-name"]')
      await input.waitFor()
      assert.equal(await input.inputValue(), NAME)
      await input.fill(RENAMED)
      await page.locator('[data-test="group-dialog"] [data-test="group-save"]').click()
      await page.locator('[data-test="group-dialog"]').waitFor({ state: 'hidden' })
      row = page.locator(`[data-test="group-row-${code}"]`)
      await row.locator('.group-name', { hasText: RENAMED }).waitFor()
    })

    await step(page, 'retire it', async () => {
      const retire = page.locator(`[data-test="group-retire-${code}"]`)
      await tallEnough(retire, '停用')
      await retire.click()
      await page.locator(`[data-test="group-restore-${code}"]`).waitFor()
      assert.match(await row.locator('[data-test="group-retired"]').innerText(), /已停用\s*\d{4}-\d{2}-\d{2}/)
      await noOverflow(page, 'the list with a retired group')
    })

    await step(page, 'the list read again shows it retired', async () => {
      await page.reload()
      row = page.locator(`[data-test="group-row-${code}"]`)
      await row.waitFor()
      assert.match(await row.innerText(), new RegExp(RENAMED))
      assert.match(await row.locator('[data-test="group-retired"]').innerText(), /已停用\s*\d{4}-\d{2}-\d{2}/)
      assert.equal(await row.evaluate((el) => el.closest('li').classList.contains('sl-ended')), true, 'the row is greyed')
    })

    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
  }
})
