// Campaigns beyond the four levels, as their users meet them:
// - the county organization department (lanshan) starts 百名干部联百企 (level 6,
//   county cadres for enterprises): a coverage rule made on the rules tab, the
//   level-6 board of 蓝山县, 自动分配 covering every enterprise with even loads
//   among the six county cadres, applied, and the board and the compliance page
//   showing the level fully covered;
// - the town office (nanshi) gives every activist of 楠市镇 a mentor (level 5,
//   培养联系人) the same way.
// Each runs on a day far ahead (2032, 2033) that no other browser test reads,
// and its rule ends a year later.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, logIn, openBrowser, step } from './browser.mjs'

const TEST_TIMEOUT = 240_000
const COUNTY = '431127' // 蓝山县
const TOWN = '431127103' // 楠市镇

/** Picks an option of an Element Plus select by its visible text. */
async function choose(page, select, text) {
  await select.click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
}

/** Sets a date picker's text and confirms it with Enter. */
async function typeDate(input, day) {
  await input.fill(day)
  await input.press('Enter')
}

/**
 * Adds a coverage rule for the region on the compliance page's rules tab:
 * level (by its label), min and max people per target, first day, notes.
 */
async function addCoverageRule(page, { region, day, level, min, max, notes }) {
  await page.goto(`${BASE_URL}/compliance?region=${region}&date=${day}&tab=rules`)
  const panel = page.locator('[data-test="rules-panel"]')
  await panel.locator('[data-test="coverage-rule-create"]').click()
  const dialog = page.locator('[data-test="coverage-rule-dialog"]')
  await dialog.getByText('新增覆盖规则').waitFor()
  await choose(page, dialog.locator('[data-test="coverage-level"]'), level)
  const numbers = dialog.locator('.el-input-number input')
  await numbers.nth(0).fill(String(min))
  await numbers.nth(0).press('Tab')
  await numbers.nth(1).fill(String(max))
  await numbers.nth(1).press('Tab')
  const dates = dialog.locator('.el-date-editor input')
  assert.equal(await dates.nth(0).inputValue(), day, 'the rule starts on the page’s day')
  const end = `${Number(day.slice(0, 4)) + 1}${day.slice(4)}`
  await typeDate(dates.nth(1), end)
  await dialog.locator('textarea').fill(notes)
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/rules/coverage') && r.request().method() === 'POST'),
    dialog.locator('[data-test="coverage-rule-save"]').click(),
  ])
  assert.equal(response.status(), 201, await response.text())
  const sent = JSON.parse(response.request().postData() ?? '{}')
  assert.deepEqual(
    [sent.region, sent.min_sources, sent.max_sources, sent.valid_from, sent.valid_to],
    [region, min, max, day, end],
  )
  await dialog.waitFor({ state: 'hidden' })
  const row = panel.locator('[data-test="coverage-rules"] tr', { hasText: notes })
  await row.first().waitFor()
  return { level: sent.level, row: await row.first().innerText() }
}

/** The loads on the board, one per column. */
async function boardLoads(page) {
  return page
    .locator('[data-test="board-columns"] [data-test="column-load"]')
    .evaluateAll((nodes) => nodes.map((n) => Number((n.textContent ?? '').match(/\d+/)?.[0] ?? NaN)))
}

async function count(dialog, kind) {
  return Number((await dialog.locator(`[data-test="assign-count-${kind}"] .count-value`).innerText()).trim())
}

/** Generates a plan in the open 自动分配 dialog; answers the request sent and the plan. */
async function generate(page, dialog) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/assignment-plans') && r.request().method() === 'POST'),
    dialog.locator('[data-test="assign-generate"]').click(),
  ])
  assert.equal(response.status(), 201, await response.text())
  await dialog.locator('[data-test="assign-status"]').getByText('最优方案').waitFor()
  return { sent: JSON.parse(response.request().postData() ?? '{}'), plan: await response.json() }
}

/** Applies the plan in the dialog after confirming; answers the counts the server applied. */
async function apply(page, dialog, day, added) {
  await dialog.locator('[data-test="assign-apply"]').click()
  const box = page.locator('.el-message-box')
  await box.getByText(`自 ${day} 起，调整 0 个、新增 ${added} 个、结束 0 个包保`).waitFor()
  const [response] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/assignment-plans\/\d+\/apply$/.test(r.url())),
    box.getByRole('button', { name: '应用方案' }).click(),
  ])
  assert.equal(response.status(), 200, await response.text())
  await page.getByText(`方案已应用：调整 0 个、新增 ${added} 个、结束 0 个包保。`).waitFor()
  await dialog.waitFor({ state: 'hidden' })
  return (await response.json()).applied
}

test('the county organization department starts 百名干部联百企 and covers every enterprise', { timeout: TEST_TIMEOUT }, async () => {
  const { page, problems, close } = await openBrowser()
  const day = '2032-01-01'
  let enterprises = 0
  try {
    await step(page, 'the county adds a level-6 coverage rule on the rules tab', async () => {
      await logIn(page, 'lanshan')
      const rule = await addCoverageRule(page, {
        region: COUNTY,
        day,
        level: '干部联企 县直干部联系企业',
        min: 1,
        max: 1,
        notes: '百名干部联百企',
      })
      assert.equal(rule.level, 6)
      assert.match(rule.row, /干部联企/)
      assert.match(rule.row, /恰好 1 人/)
      assert.match(rule.row, /蓝山县/)
    })

    await step(page, 'the level-6 board of the county: every enterprise a gap, six county cadres', async () => {
      await page.goto(`${BASE_URL}/pairing?level=6&region=${COUNTY}&date=${day}`)
      const summary = page.locator('[data-test="board-summary"]')
      await summary.getByText('干部联企 县直干部联系企业').waitFor()
      await summary.getByText(/\d+ 个企业，已落实包保 0 个/).waitFor()
      enterprises = Number((await summary.innerText()).match(/(\d+) 个企业，已落实包保/)[1])
      assert.ok(enterprises >= 31, `the county has the demo’s enterprises (${enterprises})`)
      await page.locator('[data-test="board-gaps"]').getByText(`待落实包保的企业（${enterprises}）`).waitFor()
      await summary.getByText('6 名县直干部').waitFor()
      assert.deepEqual(await boardLoads(page), [0, 0, 0, 0, 0, 0])
    })

    const dialog = page.locator('[data-test="assign-dialog"]')
    await step(page, '自动分配 covers every enterprise, the loads even among the cadres', async () => {
      await page.locator('[data-test="board-assign"]').click()
      await dialog.getByText('自动分配：县直干部联系企业').waitFor()
      // The sector weight is offered at level 6; its default only chooses among equally even plans.
      const industry = dialog.locator('[data-test="assign-industry"]')
      assert.equal((await industry.locator('.is-selected').innerText()).trim(), '适中')
      const { sent, plan } = await generate(page, dialog)
      assert.deepEqual([sent.level, sent.region, sent.date, sent.industry_weight], [6, COUNTY, day, 5])
      assert.equal(plan.options.industry_weight, 5)

      assert.equal(await count(dialog, 'new'), enterprises, 'every enterprise gets a cadre')
      assert.equal(await count(dialog, 'moved'), 0)
      assert.equal(await count(dialog, 'ended'), 0)
      assert.equal(await count(dialog, 'kept'), 0)
      await dialog.getByText(`${enterprises} 个企业，6 名县直干部`).waitFor()

      await dialog.getByRole('tab', { name: '每人负担' }).click()
      const after = await dialog
        .locator('[data-test="assign-loads"] [data-test="load-numbers"] strong')
        .evaluateAll((nodes) => nodes.map((n) => Number(n.textContent)))
      assert.equal(after.length, 6, 'six county cadres share the campaign')
      assert.equal(after.reduce((s, n) => s + n, 0), enterprises)
      assert.ok(Math.max(...after) - Math.min(...after) <= 1, `loads are even: ${after}`)

      await dialog.getByRole('tab', { name: '分配明细' }).click()
      const table = dialog.locator('[data-test="assign-assignments"]')
      await table.locator('tbody tr').first().waitFor()
      const reasons = await table.locator('tbody tr').allInnerTexts()
      assert.equal(reasons.length, enterprises)
      assert.ok(
        reasons.every((r) => /行业对口|行业不同/.test(r)),
        'every pair says whether the cadre’s sector is the enterprise’s',
      )
      assert.ok(reasons.some((r) => /行业对口/.test(r)), 'some cadres serve their enterprise’s sector')
      await dialog.getByRole('tab', { name: '变更' }).click()
    })

    await step(page, 'apply: the board shows every enterprise covered and the loads even', async () => {
      const applied = await apply(page, dialog, day, enterprises)
      assert.deepEqual(applied, { ended: 0, moved: 0, new: enterprises })
      const summary = page.locator('[data-test="board-summary"]')
      await summary.getByText(`${enterprises} 个企业，已落实包保 ${enterprises} 个`).waitFor()
      await page.getByText('每个企业都已落实包保，没有空缺。').waitFor()
      const loads = await boardLoads(page)
      assert.equal(loads.length, 6)
      assert.ok(Math.max(...loads) - Math.min(...loads) <= 1, `loads are even: ${loads}`)
      // A card names an enterprise and opens it.
      const card = page.locator('[data-test="board-columns"] [data-test^="board-card-"]').first()
      assert.ok(await card.locator('a.card-link').count(), 'an enterprise card links to the enterprise')
    })

    await step(page, 'the compliance page shows the campaign fully covered', async () => {
      await page.locator('[data-test="board-compliance"]').click()
      await page.waitForURL(/\/compliance\?/)
      const gauge = page.locator('[data-test="gauge-level-6"]')
      await gauge.getByText(`${enterprises} / ${enterprises}`).waitFor()
      assert.match(await gauge.innerText(), /干部联企/)
      // Nothing is judged at level 5 in the county: no gauge for it.
      assert.equal(await page.locator('[data-test="gauge-level-5"]').count(), 0)
      const towns = page.locator('[data-test="compliance-towns"]')
      await towns.getByText('干部联企').first().waitFor()
      const cells = await towns.locator('[data-test="town-level-6"]').allInnerTexts()
      assert.ok(cells.length >= 1, 'the towns with enterprises show the campaign')
      for (const cell of cells) {
        const [covered, targets] = cell.split('/').map((n) => Number(n.trim()))
        assert.equal(covered, targets, `a town is fully covered (${cell})`)
      }
      assert.equal(
        await page.locator('[data-test="compliance-uncovered"] tr', { hasText: '干部联企' }).count(),
        0,
        'no enterprise is left uncovered',
      )
    })

    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
  }
})

test('the town office gives every activist a mentor (培养联系人) with 自动分配', { timeout: TEST_TIMEOUT }, async () => {
  const { page, problems, close } = await openBrowser()
  const day = '2033-01-01'
  let activists = 0
  try {
    await step(page, 'the town adds a level-5 coverage rule: one or two mentors each', async () => {
      await logIn(page, 'nanshi')
      const rule = await addCoverageRule(page, {
        region: TOWN,
        day,
        level: '培养联系 党员培养联系入党积极分子',
        min: 1,
        max: 2,
        notes: '每名积极分子确定1至2名培养联系人',
      })
      assert.equal(rule.level, 5)
      assert.match(rule.row, /1–2 人/)
    })

    await step(page, 'the level-5 board: every activist a gap, full party members to mentor', async () => {
      await page.goto(`${BASE_URL}/pairing?level=5&region=${TOWN}&date=${day}`)
      const summary = page.locator('[data-test="board-summary"]')
      await summary.getByText(/\d+ 个入党积极分子，已落实包保 0 个/).waitFor()
      activists = Number((await summary.innerText()).match(/(\d+) 个入党积极分子/)[1])
      assert.ok(activists >= 18, `the town has its activists (${activists})`)
      // Every full party member of the town may mentor: too many to list while they answer for nobody.
      const idle = page.locator('[data-test="board-idle"]')
      await idle.getByText(/另有 \d+ 名培养联系人暂无包保对象/).waitFor()
      const mentors = Number((await idle.innerText()).match(/另有 (\d+) 名/)[1])
      assert.ok(mentors >= activists, `enough full members to mentor (${mentors})`)
      assert.equal(await page.locator('[data-test="board-columns"] article').count(), 0)
      await idle.locator('[data-test="board-show-idle"]').click()
      assert.equal(await page.locator('[data-test="board-columns"] article').count(), mentors)
    })

    await step(page, '自动分配 gives each activist a mentor, and applying it covers them all', async () => {
      await page.locator('[data-test="board-assign"]').click()
      const dialog = page.locator('[data-test="assign-dialog"]')
      await dialog.getByText('自动分配：党员培养联系入党积极分子').waitFor()
      assert.equal(await dialog.locator('[data-test="assign-industry"]').count(), 0, 'no industries between members and activists')
      const { sent, plan } = await generate(page, dialog)
      assert.deepEqual([sent.level, sent.region, sent.date], [5, TOWN, day])
      assert.ok(!('industry_weight' in sent))
      assert.equal(plan.assignments.length, activists)
      assert.equal(await count(dialog, 'new'), activists)

      const applied = await apply(page, dialog, day, activists)
      assert.deepEqual(applied, { ended: 0, moved: 0, new: activists })
      await page.locator('[data-test="board-summary"]').getByText(`${activists} 个入党积极分子，已落实包保 ${activists} 个`).waitFor()
      await page.getByText('每个入党积极分子都已落实包保，没有空缺。').waitFor()
      // The summary counts the mentors only, not every member who could mentor.
      const summary = page.locator('[data-test="board-summary"]')
      await summary.getByText(/\d+ 名培养联系人，每人包保/).waitFor()
      const mentors = Number((await summary.innerText()).match(/(\d+) 名培养联系人/)[1])
      const loads = await boardLoads(page)
      assert.equal(loads.filter((n) => n > 0).length, mentors)
      assert.equal(loads.reduce((s, n) => s + n, 0), activists)
    })

    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
  }
})
