// 活动 as the town office (nanshi) meets it: March 2022 in the calendar with
// the 党委会 of 10 March, opened; then on a 390 px phone the roll call of a
// 高素质农民培育 course: a person found by pinyin initials is ticked present,
// the count goes up, the course's page lists them present, and the year's
// figures count one more attendance for 高素质农民培育.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, logIn, openBrowser, step } from './browser.mjs'

const TEST_TIMEOUT = 180_000

// Someone no demo person is named like (initials qyr), living in 朋佳村 of 楠市镇.
const NEWCOMER = { name: '祁雨柔', initials: 'qyr', region: '431127103224' }
const COURSE = '高素质农民培育：小籽花生高产栽培技术'

/** Adds a person through the API with the page's session (the office may write people). */
async function addPerson(page, person) {
  return page.evaluate(async ({ name, region }) => {
    const answer = await fetch('/api/v1/people', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'shuanglun' },
      body: JSON.stringify({ name, region }),
    })
    if (!answer.ok) throw new Error(`POST /api/v1/people answered ${answer.status}: ${await answer.text()}`)
    return answer.json()
  }, person)
}

/** 人次 of 高素质农民培育 in the figures of 2022, as the events page's panel shows them. */
async function farmerTrainingAttendances(page) {
  await page.goto(`${BASE_URL}/events?month=2022-03`)
  const panel = page.locator('[data-test="event-stats"]')
  await panel.locator('[data-test="event-stats-toggle"]').click()
  await panel.locator('[data-test="event-stats-scope"]', { hasText: '2022-01-01' }).waitFor()
  const cell = panel.locator('[data-test="event-stats-farmer_training"] [data-test="attendances"]')
  await cell.waitFor()
  return Number((await cell.innerText()).trim())
}

/** The number in the roll call's "已到 N". */
async function presentCount(page) {
  const text = await page.locator('[data-test="roll-count"]').innerText()
  const match = /已到\s*(\d+)/.exec(text)
  assert.ok(match, `the count reads "${text}"`)
  return Number(match[1])
}

test('the town office finds the March 党委会 in the calendar, then takes a roll call on a phone', { timeout: TEST_TIMEOUT }, async () => {
  const desk = await openBrowser()
  let person
  let before
  try {
    await step(desk.page, 'open 活动', async () => {
      await logIn(desk.page, 'nanshi')
      await desk.page.locator('[data-test="nav-events"]').click()
      await desk.page.waitForURL(`${BASE_URL}/events`)
      await desk.page.getByRole('heading', { name: '活动', exact: true }).waitFor()
      await desk.page.locator('[data-test="events-calendar"]').waitFor()
    })

    await step(desk.page, 'March 2022 in the calendar', async () => {
      // The month is in the address, as a link to it would carry it.
      await desk.page.goto(`${BASE_URL}/events?month=2022-03`)
      assert.equal((await desk.page.locator('[data-test="events-month"]').innerText()).trim(), '2022年3月')
      const tenth = desk.page.locator('[data-test="events-day-2022-03-10"]')
      const committee = tenth.locator('a[data-test^="event-chip-"]', { hasText: '党委会' })
      await committee.waitFor()
      assert.match(await committee.innerText(), /09:00\s*镇党委会/)
      await committee.click()
      await desk.page.waitForURL(/\/events\/\d+$/)
      assert.equal((await desk.page.locator('[data-test="event-title"]').innerText()).trim(), '镇党委会')
      assert.match(await desk.page.locator('[data-test="event-when"]').innerText(), /2022-03-10 09:00/)
      assert.match(await desk.page.locator('[data-test="event-organizers"]').innerText(), /中共楠市镇委员会/)
      await desk.page.locator('[data-test="event-attendance-table"] .el-table__row').first().waitFor()
    })

    await step(desk.page, 'the figures before', async () => {
      person = await addPerson(desk.page, NEWCOMER)
      before = await farmerTrainingAttendances(desk.page)
      assert.ok(before > 0, `the demo's farmer trainings have attendances (${before})`)
    })
    assert.deepEqual(desk.problems, [], 'the browser reported errors')
  } finally {
    await desk.close()
  }

  const phone = await openBrowser({ width: 390, height: 844 })
  const { page } = phone
  try {
    await step(page, 'open a farmer training on the phone', async () => {
      await logIn(page, 'nanshi')
      await page.goto(`${BASE_URL}/events?view=list&kind=farmer_training`)
      const card = page.locator('[data-test="events-cards"] li', { hasText: COURSE })
      await card.waitFor()
      await card.getByRole('link', { name: COURSE }).click()
      await page.waitForURL(/\/events\/\d+$/)
      assert.equal((await page.locator('[data-test="event-title"]').innerText()).trim(), COURSE)
      assert.match(await page.locator('[data-test="event-partners"]').innerText(), /湖南农业大学/)
    })

    await step(page, 'tick a person found by initials', async () => {
      await page.locator('[data-test="event-roll-call"]').click()
      await page.waitForURL(/\/events\/\d+\/roll-call$/)
      await page.locator('[data-test="roll-count"]').waitFor()
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(overflow <= 0, `the roll call is ${overflow}px wider than the screen`)
      const count = await presentCount(page)

      await page.locator('input[data-test="roll-search"]').fill(NEWCOMER.initials)
      const target = page.locator(`[data-test="roll-person-${person.id}"]`)
      await target.waitFor()
      assert.match(await target.innerText(), new RegExp(NEWCOMER.name))
      assert.equal(await target.getAttribute('aria-pressed'), 'false')
      const box = await target.boundingBox()
      assert.ok(box && box.height >= 48, `the tick target is ${box?.height}px tall`)

      await target.click()
      await page.locator(`[data-test="roll-person-${person.id}"][aria-pressed="true"]`).waitFor()
      await page.locator('[data-test="roll-count"]', { hasText: `已到 ${count + 1}` }).waitFor()
      // Saved, not only shown: the page read again says the same.
      await page.waitForLoadState('networkidle')
      await page.reload()
      await page.locator('[data-test="roll-count"]', { hasText: `已到 ${count + 1}` }).waitFor()
      await page.locator(`[data-test="roll-person-${person.id}"].present`).waitFor()
    })

    await step(page, 'the course lists them present', async () => {
      await page.getByRole('link', { name: '返回活动' }).click()
      await page.waitForURL(/\/events\/\d+$/)
      const row = page.locator('[data-test="event-attendance-table"] .el-table__row', { hasText: NEWCOMER.name })
      await row.waitFor()
      assert.match(await row.innerText(), /出席/)
      assert.match(await page.locator('[data-test="event-attendance-counts"]').innerText(), /出席 \d+ 人/)
    })

    await step(page, 'the figures count one more', async () => {
      const after = await farmerTrainingAttendances(page)
      assert.equal(after, before + 1, `高素质农民培育 has ${after} attendances, was ${before}`)
    })

    assert.deepEqual(phone.problems, [], 'the browser reported errors')
  } finally {
    await phone.close()
  }
})
