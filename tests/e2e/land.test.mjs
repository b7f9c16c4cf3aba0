// 土地流转 as the village secretary of 朋佳村 (pengjia) keeps it on a 390 px
// phone: from the menu he opens the 450亩 forest-land contract with the
// herbal grower, sees this year's rent overdue (the demo leaves the latest
// payment to collect), records it with the receipt dialog, sees the payment
// paid, and on 集体经济 the collective's income of this year has grown by
// the rent. Nothing is wider than the screen.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { logIn, openBrowser, step } from './browser.mjs'

const TEST_TIMEOUT = 150_000

async function noOverflow(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 0, `${what} is ${overflow}px wider than the screen`)
}

// "4.5万元" or "40,000元" as a number of yuan.
function yuan(text) {
  const clean = text.replace(/[,\s]/g, '')
  const wan = clean.match(/([\d.]+)万/)
  if (wan) return Math.round(Number(wan[1]) * 10000)
  const plain = clean.match(/([\d.]+)/)
  return plain ? Number(plain[1]) : NaN
}

async function incomeTotal(page) {
  await page.locator('[data-test="menu-toggle"]').click()
  await page.locator('.el-drawer [data-test="nav-income"]').click()
  await page.waitForURL(/\/income/)
  await page.locator('.el-drawer').waitFor({ state: 'hidden' })
  const total = page.locator('[data-test="income-total"]')
  await total.waitFor()
  await page.locator('[data-test="income-scope"]', { hasText: '朋佳村' }).waitFor()
  return yuan(await total.innerText())
}

test('the village secretary records a rent receipt on a phone and the income grows', { timeout: TEST_TIMEOUT }, async () => {
  const { page, problems, close } = await openBrowser({ width: 390, height: 844 })
  try {
    let before
    await step(page, 'read this year’s collective income', async () => {
      await logIn(page, 'pengjia')
      before = await incomeTotal(page)
      assert.ok(Number.isFinite(before), 'the total is a figure')
      await noOverflow(page, 'the income page')
    })

    await step(page, 'open the forest-land contract from 土地流转', async () => {
      await page.locator('[data-test="menu-toggle"]').click()
      await page.locator('.el-drawer [data-test="nav-land"]').click()
      await page.waitForURL(/\/land/)
      await page.locator('.el-drawer').waitFor({ state: 'hidden' })
      const card = page.locator('[data-test^="land-card-"]', { hasText: '朋佳中草药' }).first()
      await card.waitFor()
      assert.match(await card.innerText(), /逾期/, 'the latest rent is shown overdue')
      await noOverflow(page, 'the contract list')
      await card.locator('[data-test^="land-link-"]').first().click()
      await page.waitForURL(/\/land\/\d+/)
      await page.locator('[data-test="land-area"]', { hasText: '450' }).waitFor()
      await page.locator('[data-test="land-payments-cards"]').waitFor()
      await noOverflow(page, 'the contract page')
    })

    await step(page, 'record the overdue rent with the receipt dialog', async () => {
      const button = page.locator('[data-test="receipt-button"]').first()
      const n = await button.getAttribute('data-payment')
      const status = page.locator(`[data-test="payment-status-${n}"]`)
      assert.match(await status.innerText(), /逾期/)
      await button.click()
      const dialog = page.locator('[data-test="receipt-dialog"]')
      await dialog.waitFor()
      const amount = dialog.locator('input[data-test="receipt-amount"], [data-test="receipt-amount"] input').first()
      assert.equal(yuan(await amount.inputValue()), 40000, 'pre-filled with what remains due')
      await dialog.locator('input[data-test="receipt-payer"], [data-test="receipt-payer"] input').first().fill('朋佳中草药')
      const save = dialog.locator('[data-test="receipt-save"]')
      const box = await save.boundingBox()
      assert.ok(box && box.height >= 40, `保存 is ${box?.height}px tall`)
      await save.click()
      await dialog.waitFor({ state: 'hidden' })
      await page.locator(`[data-test="payment-status-${n}"]`, { hasText: '已收清' }).waitFor()
      await page.locator('[data-test="land-receipts"]', { hasText: '朋佳中草药' }).waitFor()
      await noOverflow(page, 'the contract page after the receipt')
    })

    await step(page, 'the collective income of this year shows the rent', async () => {
      const after = await incomeTotal(page)
      assert.equal(after - before, 40000)
      const rent = page.locator('[data-test="income-source-rent"] [data-test="amount"]')
      assert.ok(yuan(await rent.innerText()) >= 40000)
    })
    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
  }
})
