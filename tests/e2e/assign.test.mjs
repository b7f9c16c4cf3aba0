// Automatic pairing as the town office meets it: on the level-1 board of 楠市镇
// one leader is about to leave; 自动分配 with him left out proposes moving his
// entrepreneurs and nothing else, and once applied the board shows them under
// their new leaders and him with none. The plan is made for a day far ahead so
// that today's pairings, which the other browser tests read, stay as they are.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, logIn, openBrowser, step } from './browser.mjs'

const TEST_TIMEOUT = 240_000
const DAY = '2031-03-01'
const BOARD = `${BASE_URL}/pairing?level=1&region=431127103&date=${DAY}`

/** The entrepreneurs on a leader's column of the board. */
async function cardsOf(page, leader) {
  const cards = page.locator(`article[data-person="${leader}"] [data-test^="board-card-"]`)
  return cards.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-target')))
}

/** A change section's rows: target, from, to. */
async function changeRows(dialog, section) {
  return dialog
    .locator(`[data-test="${section}"] li`)
    .evaluateAll((nodes) => nodes.map((n) => ({ target: n.dataset.target, from: n.dataset.from ?? null, to: n.dataset.to ?? null })))
}

async function count(dialog, kind) {
  return Number((await dialog.locator(`[data-test="assign-count-${kind}"] .count-value`).innerText()).trim())
}

test('the town office leaves a departing leader out of 自动分配 and applies the plan', { timeout: TEST_TIMEOUT }, async () => {
  const { page, problems, close } = await openBrowser()
  let leader = ''
  let entrepreneurs = []
  let others = []
  let moved = []
  try {
    await step(page, 'open the level-1 board on a day ahead', async () => {
      await logIn(page, 'nanshi')
      await page.goto(BOARD)
      await page.getByRole('heading', { name: '包保关系', exact: true }).waitFor()
      const summary = page.locator('[data-test="board-summary"]')
      await summary.getByText(DAY).waitFor()
      const columns = page.locator('[data-test="board-columns"] article')
      await columns.first().locator('[data-test^="board-card-"]').first().waitFor()
      const people = await columns.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-person')))
      assert.ok(people.length >= 3, `the town has several leaders (${people})`)
      // The last leader leaves (the re-pairing test moves a card between the first two).
      leader = people.at(-1)
      others = people.slice(0, -1)
      entrepreneurs = await cardsOf(page, leader)
      assert.ok(entrepreneurs.length >= 1, `${leader} answers for entrepreneurs`)
    })

    const dialog = page.locator('[data-test="assign-dialog"]')
    await step(page, 'open 自动分配 and leave the leader out', async () => {
      await page.locator('[data-test="board-assign"]').click()
      await dialog.getByText('自动分配：镇领导包保企业家').waitFor()
      const scope = await dialog.locator('[data-test="assign-scope"]').innerText()
      assert.match(scope, /楠市镇/)
      assert.match(scope, new RegExp(`自 ${DAY} 起`), 'the plan is for the board’s day')
      await dialog.locator('[data-test="assign-exclude"]').click()
      await page.keyboard.type(leader)
      await page.locator('.el-select-dropdown__item:visible', { hasText: leader }).first().click()
      await dialog.locator('[data-test="assign-exclude"] .el-tag', { hasText: leader }).waitFor()
      // Close the list before going on.
      await dialog.locator('[data-test="assign-scope"]').click()
      await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' })
    })

    await step(page, 'generate: only the leader’s entrepreneurs move', async () => {
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/assignment-plans') && r.request().method() === 'POST'),
        dialog.locator('[data-test="assign-generate"]').click(),
      ])
      assert.equal(response.status(), 201)
      const sent = JSON.parse(response.request().postData() ?? '{}')
      assert.equal(sent.level, 1)
      assert.equal(sent.region, '431127103')
      assert.equal(sent.date, DAY)
      assert.equal(sent.exclude.length, 1, 'one person left out')

      await dialog.locator('[data-test="assign-status"]').getByText('最优方案').waitFor()
      moved = await changeRows(dialog, 'assign-moved')
      assert.deepEqual(moved.map((m) => m.target).sort(), [...entrepreneurs].sort(), 'exactly the leader’s entrepreneurs move')
      for (const m of moved) {
        assert.equal(m.from, leader, `${m.target} moves away from ${leader}`)
        assert.ok(others.includes(m.to), `${m.target} goes to another leader of the town, not ${m.to}`)
      }
      assert.equal(await count(dialog, 'moved'), entrepreneurs.length)
      assert.equal(await count(dialog, 'new'), 0, 'nothing new')
      assert.equal(await count(dialog, 'ended'), 0, 'nothing ends')
      assert.equal(await dialog.locator('[data-test="assign-new"], [data-test="assign-ended"]').count(), 0)
      const kept = await count(dialog, 'kept')
      assert.ok(kept >= 31 - entrepreneurs.length, `the other pairs are kept (${kept})`)
      assert.match(await dialog.locator('[data-test="assign-kept"]').innerText(), new RegExp(`保持不变（${kept}）`))
      // What applying does, in one sentence; why each moved entrepreneur's new leader, beside it.
      assert.equal(
        await dialog.locator('[data-test="assign-what"]').innerText(),
        `应用后，每个企业家都按规则有人包保：新增 0 对包保，${entrepreneurs.length} 对换人，0 对结束，${kept} 对保持不变。`,
      )
      const why = await dialog.locator('[data-test="assign-moved"] [data-test="assign-why"]').allInnerTexts()
      assert.equal(why.length, moved.length, 'each moved entrepreneur says why its new leader')
      for (const reason of why) assert.match(reason, /^(同村|同镇|同县|更远)，负担 \d+ 个$/)
    })

    await step(page, 'read why each moved entrepreneur went where it did, and see the graph', async () => {
      await dialog.getByRole('tab', { name: '分配明细' }).click()
      const table = dialog.locator('[data-test="assign-assignments"]')
      for (const m of moved) {
        const row = table.locator('tr', { hasText: m.target })
        await row.first().waitFor()
        const text = await row.first().innerText()
        assert.match(text, new RegExp(`由 ${leader} 调整而来`))
        assert.match(text, /同村|同镇|同县|更远/, 'the distance is named')
        assert.match(text, /负担 \d+ 个/, 'the person’s load is named')
      }
      await dialog.getByRole('tab', { name: '关系图' }).click()
      await dialog.locator('[data-test="assign-graph"] canvas').first().waitFor()
      await dialog.getByRole('tab', { name: '变更' }).click()
    })

    await step(page, 'apply after confirming, and see the board change', async () => {
      await dialog.locator('[data-test="assign-apply"]').click()
      const box = page.locator('.el-message-box')
      await box.getByText(`自 ${DAY} 起，调整 ${moved.length} 个、新增 0 个、结束 0 个包保`).waitFor()
      const [response] = await Promise.all([
        page.waitForResponse((r) => /\/api\/v1\/assignment-plans\/\d+\/apply$/.test(r.url())),
        box.getByRole('button', { name: '应用方案' }).click(),
      ])
      assert.equal(response.status(), 200)
      await page.getByText(`方案已应用：调整 ${moved.length} 个、新增 0 个、结束 0 个包保。`).waitFor()
      await dialog.waitFor({ state: 'hidden' })

      for (const m of moved) {
        await page.locator(`article[data-person="${m.to}"] [data-target="${m.target}"]`).waitFor()
      }
      const column = page.locator(`article[data-person="${leader}"]`)
      await column.getByText('暂无包保对象').waitFor()
      assert.deepEqual(await cardsOf(page, leader), [], `${leader} answers for nobody from ${DAY}`)
      assert.match(await column.locator('[data-test="column-load"]').innerText(), /^0/)
      await page.locator('[data-test="board-summary"]').getByText('31 个企业家，已落实包保 31 个').waitFor()
    })

    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
  }
})
