// Personal data and login throttling as users meet them: a village secretary
// (without people.sensitive) sees ages and masked phones, never an empty birth
// date, and an edit of theirs leaves the withheld data alone; the town office
// sees it all; an administrator forgives a user's failed logins.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, logIn, openBrowser, screenshot, step } from './browser.mjs'

const TEST_TIMEOUT = 180_000
const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/

/** 陈民 of 朋佳村 in the demo data: born 1985-02-18, a phone on file. */
async function findPerson(page, name) {
  await page.goto(`${BASE_URL}/people?q=${encodeURIComponent(name)}`)
  const link = page.locator('a.sl-link', { hasText: name }).first()
  await link.waitFor()
  await link.click()
  await page.waitForURL(/\/people\/\d+$/)
  await page.locator('[data-test="person-phone"]').waitFor()
  return page.url()
}

test('a village secretary sees an age and a masked phone, and an edit keeps what was withheld', { timeout: TEST_TIMEOUT }, async () => {
  const { page, problems, close } = await openBrowser({ width: 390, height: 844 })
  try {
    let personUrl = ''
    await step(page, 'people list on a phone', async () => {
      await logIn(page, 'pengjia')
      await page.goto(`${BASE_URL}/people`)
      const card = page.locator('[data-test="people-cards"] .sl-card', { hasText: '陈民' })
      await card.waitFor()
      const text = await card.innerText()
      assert.match(text, /\d+ 岁/)
      assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/, 'no birth date on the card')
      assert.match(text, /1\d{2}\*{4}\d{4}/)
      // No ID-card clash filter without people.sensitive.
      assert.equal(await page.locator('[data-test="people-id-conflict"]').count(), 0)
      await screenshot(page, 'pengjia-people-390')
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(overflow <= 0, `the people list is ${overflow}px wider than the screen`)
    })

    await step(page, 'person page', async () => {
      personUrl = await findPerson(page, '陈民')
      assert.match(await page.locator('[data-test="person-age"]').innerText(), /^\d+ 岁$/)
      assert.equal(await page.locator('[data-test="person-birth-date"]').count(), 0)
      assert.match((await page.locator('[data-test="person-phone"]').innerText()).trim(), MASKED_PHONE)
      assert.equal(await page.locator('[data-test="person-id-conflict"]').count(), 0)
    })

    await step(page, 'edit keeps the withheld birth date and phone', async () => {
      await page.locator('[data-test="person-edit"]').click()
      const dialog = page.locator('[data-test="person-dialog"]')
      await dialog.waitFor()
      const birth = dialog.locator('.el-form-item:has(.el-form-item__label:text-is("出生日期")) input')
      assert.equal(await birth.inputValue(), '')
      assert.equal(await birth.getAttribute('placeholder'), '仅镇党政办可见')
      const phone = dialog.locator('input[data-test="person-phone"]')
      assert.equal(await phone.inputValue(), '')
      assert.match((await phone.getAttribute('placeholder')) ?? '', /^已登记：1\d{2}\*{4}\d{4}$/)
      await dialog.locator('textarea').fill('e2e：村支书修改的备注')
      await page.locator('[data-test="person-save"]').click()
      await page.getByText('已保存').first().waitFor()
      await dialog.waitFor({ state: 'hidden' })
      await page.locator('.notes', { hasText: 'e2e：村支书修改的备注' }).waitFor()
      assert.match((await page.locator('[data-test="person-phone"]').innerText()).trim(), MASKED_PHONE)
    })

    await step(page, 'the town office sees the birth date and the whole phone', async () => {
      await page.locator('[data-test="user-menu"]').click()
      await page.locator('[data-test="logout"]').click()
      await page.waitForURL(/\/login/)
      await logIn(page, 'nanshi')
      await page.goto(personUrl)
      await page.locator('[data-test="person-birth-date"]').waitFor()
      assert.equal(await page.locator('[data-test="person-birth-date"]').innerText(), '1985-02-18')
      assert.equal(await page.locator('[data-test="person-age"]').count(), 0)
      assert.match((await page.locator('[data-test="person-phone"]').innerText()).trim(), /^1\d{10}$/)
      await page.locator('.notes', { hasText: 'e2e：村支书修改的备注' }).waitFor()
      await page.goto(`${BASE_URL}/people`)
      await page.locator('[data-test="people-id-conflict"]').waitFor()
    })

    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
  }
})

test('an administrator sees a user’s failed logins and unlocks the account', { timeout: TEST_TIMEOUT }, async () => {
  // Two wrong passwords for the chamber secretary, sent as the login page sends them.
  for (let i = 0; i < 2; i++) {
    const answer = await fetch(`${BASE_URL}/api/v1/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'shuanglun' },
      body: JSON.stringify({ username: 'chamber', password: 'not-the-password' }),
    })
    assert.equal(answer.status, 401)
  }

  const { page, problems, close } = await openBrowser()
  try {
    await step(page, 'failed logins shown', async () => {
      await logIn(page, 'admin')
      await page.goto(`${BASE_URL}/users`)
      await page.locator('[data-test="user-edit-chamber"]').click()
      const failures = page.locator('[data-test="user-failed-logins"]')
      await failures.waitFor()
      assert.match(await failures.innerText(), /近24小时登录失败 \d+ 次/)
    })

    await step(page, 'unlock', async () => {
      await page.locator('[data-test="user-unlock"]').click()
      await page.getByText('已解除锁定').waitFor()
      await page.locator('[data-test="user-failed-logins"]').waitFor({ state: 'detached' })
      await page.keyboard.press('Escape')
      await page.locator('[data-test="user-dialog"]').waitFor({ state: 'hidden' })
    })

    await step(page, 'unlock in the history', async () => {
      await page.locator('[data-test="user-history-chamber"]').click()
      const drawer = page.locator('[data-test="user-history"]')
      const newest = drawer.locator('.el-timeline-item').first()
      await newest.waitFor()
      assert.match(await newest.innerText(), /解除登录锁定[\s\S]*操作人: admin[\s\S]*解除的失败次数/)
    })

    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
  }
})
