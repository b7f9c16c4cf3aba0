// 诉求 from a visit to its rating, as its users meet it:
// - the mayor (zhenzhang) on a 390 px phone logs a visit to 朋佳中草药 with the
//   用地 request "晾晒棚用地审批" (the visit dated back, so the request is
//   already late), sees it on the visit, the bell's count grow and the request
//   in 待办事项;
// - the town office (nanshi) on a desktop opens it from 诉求, forwards it to
//   the village collective with a note, posts progress, resolves it and
//   records the requester's rating 基本满意; the town's figures on the
//   requests page count one more resolved.
// Nothing is wider than the phone's screen.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, logIn, openBrowser, step } from './browser.mjs'

const TEST_TIMEOUT = 240_000
const FIRM = '朋佳中草药'
const TITLE = '晾晒棚用地审批'
const COLLECTIVE = '朋佳村股份经济合作社'
/** How far back the visit is dated: past the 20 working days a 用地 request has. */
const DAYS_BACK = 40

/** A day in China, `days` before today, as the product counts days. */
function chinaDay(daysBefore = 0) {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
  return format.format(new Date(Date.now() - daysBefore * 86_400_000))
}

async function noOverflow(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 0, `${what} is ${overflow}px wider than the screen`)
}

/** The bell's count as the server gave it: the next answer of /todo/count after `action`. */
async function bellCount(page, action) {
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/todo/count')), action()])
  assert.equal(response.status(), 200, `/api/v1/todo/count answered ${response.status()}`)
  return response.json()
}

/** Picks a record in a searching select: types `text` and chooses the first option showing it. */
async function pick(page, select, text) {
  await select.click()
  await page.keyboard.type(text)
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
}

/** Opens an action's dialog on the request's page, fills it and saves; waits for the server's answer. */
async function act(page, action, fill) {
  await page.locator(`[data-test="request-action-${action}"]`).click()
  const dialog = page.locator(`[data-test="request-action-dialog-${action}"]`)
  await dialog.waitFor()
  await fill(dialog)
  const [response] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/requests\/\d+\/actions$/.test(r.url()) && r.request().method() === 'POST'),
    dialog.locator('[data-test="request-action-save"]').click(),
  ])
  assert.equal(response.status(), 200, `${action}: ${await response.text()}`)
  await dialog.waitFor({ state: 'hidden' })
  await page.locator(`[data-test="request-timeline-${action}"]`).first().waitFor()
}

/** The 已办结 figure of the town's panel on the requests page, for the year the visit is in. */
async function resolvedFigure(page, year) {
  const panel = page.locator('[data-test="request-stats"]')
  await panel.locator('[data-test="request-stats-scope"]', { hasText: '楠市镇' }).waitFor()
  const picker = panel.locator('.el-date-editor input').first()
  if ((await picker.inputValue()) !== year) {
    await picker.fill(year)
    await picker.press('Enter')
    await panel.locator('[data-test="request-stats-scope"]', { hasText: `${year}-01-01` }).waitFor()
  }
  const value = panel.locator('[data-test="request-stats-resolved"] [data-test="value"]')
  await value.waitFor()
  return Number((await value.innerText()).trim())
}

test('a request raised on a visit is handled to its rating', { timeout: TEST_TIMEOUT }, async () => {
  const visitDay = chinaDay(DAYS_BACK)
  let requestId = ''

  // ---- The mayor, on his phone ----
  const phone = await openBrowser({ width: 390, height: 844 })
  try {
    const { page } = phone
    let before
    let after
    await step(page, 'the mayor opens the visit form; the bell gives his count', async () => {
      before = await bellCount(page, () => logIn(page, 'zhenzhang'))
      await page.locator('[data-test="todo-bell"]').waitFor()
      await page.locator('[data-test="menu-toggle"]').click()
      await page.locator('.el-drawer [data-test="nav-contacts"]').click()
      await page.waitForURL(/\/contacts/)
      await page.locator('.el-drawer').waitFor({ state: 'hidden' })
      await page.locator('[data-test="contact-create"]').click()
      await page.getByRole('heading', { name: '记录走访', exact: true }).waitFor()
      await noOverflow(page, 'the visit form')
    })

    await step(page, 'log the visit to 朋佳中草药 with its 用地 request', async () => {
      await page.locator('[data-test="contact-target-kind"]').getByText('企业', { exact: true }).click()
      await pick(page, page.locator('[data-test="contact-target"] .el-select'), FIRM)
      const day = page.locator('[data-test="contact-date"] input').first()
      await day.fill(visitDay)
      await day.press('Enter')
      await page.locator('[data-test="contact-kind"]').getByText('走访', { exact: true }).click()
      await page.locator('textarea[data-test="contact-notes"]').fill('了解中草药扩种计划，企业需新建晾晒棚')
      await page.locator('[data-test="contact-request-toggle"]').click()
      const category = page.locator('[data-test="contact-request-category"]')
      await category.click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: /^用地$/ }).click()
      await page.locator('input[data-test="contact-request-title"]').fill(TITLE)
      await page.locator('textarea[data-test="contact-request-detail"]').fill('需在林地旁新建晾晒棚约 300 平方米，请协调办理设施农用地手续')
      await noOverflow(page, 'the visit form with its request')
      // The bell asks again once the visit is saved and the list shows.
      let posted = false
      const saved = page.waitForResponse((r) => {
        const hit = r.url().endsWith('/api/v1/contacts') && r.request().method() === 'POST'
        if (hit) posted = true
        return hit
      })
      const counted = page.waitForResponse((r) => posted && r.url().endsWith('/api/v1/todo/count'))
      const [response, count] = await Promise.all([saved, counted, page.locator('[data-test="contact-save"]').click()])
      assert.equal(response.status(), 201, await response.text())
      after = await count.json()
      const sent = JSON.parse(response.request().postData() ?? '{}')
      assert.deepEqual(sent.request, {
        category: 'land',
        title: TITLE,
        detail: '需在林地旁新建晾晒棚约 300 平方米，请协调办理设施农用地手续',
      })
      assert.equal(sent.occurred_on, visitDay)
      const contact = await response.json()
      assert.equal(contact.requests?.length, 1, `the visit answers its request: ${JSON.stringify(contact.requests)}`)
      requestId = String(contact.requests[0].id)
    })

    await step(page, 'the visit shows its request, and the bell counts it', async () => {
      await page.waitForURL(`${BASE_URL}/contacts`)
      const ref = page.locator(`[data-test="request-ref-${requestId}"]`).first()
      await ref.waitFor()
      assert.match(await ref.innerText(), new RegExp(TITLE))
      assert.equal(await ref.locator('a').getAttribute('href'), `/requests/${requestId}`)
      await noOverflow(page, 'the visit list')
      assert.ok(after.count > before.count, `the bell's count grows (${before.count} → ${after.count})`)
      assert.ok(after.late > before.late, `one more is late (${before.late} → ${after.late})`)
      const badge = page.locator('[data-test="todo-badge"] .el-badge__content')
      await badge.filter({ hasText: String(Math.min(after.count, 99)) }).waitFor()
      assert.match((await badge.getAttribute('class')) ?? '', /danger/, 'red while some are late')
    })

    await step(page, '待办事项 lists the request among the late ones', async () => {
      await page.locator('[data-test="todo-bell"]').click()
      await page.waitForURL(/\/todo/)
      const late = page.locator('[data-test="todo-late"]')
      const item = late.locator('[data-test="todo-item-request"]', { hasText: TITLE })
      await item.waitFor()
      assert.equal(await item.locator('a').getAttribute('href'), `/requests/${requestId}`)
      await noOverflow(page, 'the to-do page')
    })
    assert.deepEqual(phone.problems, [], 'the browser reported errors')
  } finally {
    await phone.close()
  }

  // ---- The town office, on a desktop ----
  const desktop = await openBrowser({ width: 1280, height: 900 })
  try {
    const { page } = desktop
    const year = visitDay.slice(0, 4)
    let resolvedBefore

    await step(page, 'the town office finds the request on 诉求, the town’s figures above', async () => {
      await logIn(page, 'nanshi')
      await page.locator('[data-test="nav-requests"]').click()
      await page.waitForURL(/\/requests/)
      resolvedBefore = await resolvedFigure(page, year)
      await page.locator('input[data-test="requests-search"]').fill(TITLE)
      const link = page.locator(`[data-test="request-link-${requestId}"]`).first()
      await link.waitFor()
      const row = page.locator('[data-test="requests-table"] .el-table__row', { has: link })
      assert.match(await row.innerText(), /超期/, 'the request is late')
      await link.click()
      await page.waitForURL(new RegExp(`/requests/${requestId}$`))
      await page.locator('[data-test="request-title"]', { hasText: TITLE }).waitFor()
      assert.match(await page.locator('[data-test="request-requester"]').innerText(), new RegExp(FIRM))
      assert.match(await page.locator('[data-test="request-source"]').innerText(), /走访/)
      await page.locator('[data-test="request-due"] [data-test="request-overdue"]').waitFor()
    })

    await step(page, 'forward it to the village collective with a note', async () => {
      await act(page, 'forward', async (dialog) => {
        await pick(page, dialog.locator('[data-test="request-handler-organization-select"]'), COLLECTIVE)
        await dialog.locator('textarea[data-test="request-action-note"]').fill('请村集体核实林地用途，配合办理设施农用地备案')
      })
      await page.locator('[data-test="request-handlers"]', { hasText: COLLECTIVE }).waitFor()
    })

    await step(page, 'post progress, then resolve it', async () => {
      await act(page, 'progress', async (dialog) => {
        await dialog.locator('textarea[data-test="request-action-note"]').fill('村集体已核实为一般林地，已报自然资源所')
      })
      await act(page, 'resolve', async (dialog) => {
        await dialog.locator('textarea[data-test="request-action-note"]').fill('已办理设施农用地备案，企业可以开工建设')
      })
      await page.locator('[data-test="request-resolution"]', { hasText: '已办理设施农用地备案' }).waitFor()
    })

    await step(page, 'record the requester’s rating 基本满意', async () => {
      await act(page, 'rate', async (dialog) => {
        await dialog.locator('[data-test="request-rating-basic"]').click()
        await dialog.locator('textarea[data-test="request-action-note"]').fill('办得还算及时')
      })
      await page.locator('[data-test="request-rating"]', { hasText: '基本满意' }).waitFor()
      const timeline = await page.locator('[data-test="request-timeline"]').innerText()
      for (const action of ['登记', '转办', '进展', '办结', '评价']) assert.match(timeline, new RegExp(action))
    })

    await step(page, 'the town’s figures count one more resolved', async () => {
      await page.locator('[data-test="nav-requests"]').click()
      await page.waitForURL(/\/requests(\?|$)/)
      const after = await resolvedFigure(page, year)
      assert.equal(after, resolvedBefore + 1, `已办结 ${resolvedBefore} → ${after}`)
    })
    assert.deepEqual(desktop.problems, [], 'the browser reported errors')
  } finally {
    await desktop.close()
  }
})
