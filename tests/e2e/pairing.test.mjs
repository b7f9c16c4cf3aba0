// The pairing system as its users meet it: the town office (nanshi) hands an
// entrepreneur to another leader on the 包保 board — with the keyboard, seeing
// the preview first — and the compliance page still shows all 31 covered, with
// the entrepreneur now under the new leader. Then the mayor (zhenzhang) logs a
// visit to one of his entrepreneurs on a phone and finds it in the list. Both the
// board (as the 包保台账) and the compliance report export as Excel workbooks.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { BASE_URL, logIn, openBrowser, step } from './browser.mjs'

const TEST_TIMEOUT = 240_000

/** Today in China, as the product counts days. */
function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])

/**
 * Clicks and waits for both the API answer (whose address matches `url`) and the
 * download it turns into; answers the request's address and the workbook read back.
 */
async function downloadWorkbook(page, url, click) {
  const [response, file] = await Promise.all([
    page.waitForResponse((r) => url.test(r.url())),
    page.waitForEvent('download'),
    click(),
  ])
  assert.equal(response.status(), 200, `${response.url()} answered ${response.status()}`)
  assert.match(response.headers()['content-type'] ?? '', /spreadsheetml/)
  assert.match(file.suggestedFilename(), /\.xlsx$/)
  const bytes = await readFile(await file.path())
  assert.deepEqual(bytes.subarray(0, 4), ZIP_MAGIC, `${file.suggestedFilename()} is not an .xlsx (zip)`)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes)
  return { url: new URL(response.url()), name: file.suggestedFilename(), workbook }
}

function cellText(cell) {
  const v = cell.value
  if (v === null || v === undefined) return ''
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('')
  if (typeof v === 'object' && 'text' in v) return String(v.text)
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  return String(v)
}

/** A sheet's rows as text, from its header row (the first naming `header`) on, keyed by header. */
function sheetRows(sheet, header) {
  for (let r = 1; r <= 5; r++) {
    const names = new Map()
    sheet.getRow(r).eachCell((cell, col) => names.set(col, cellText(cell).replace(/[*＊\s]/g, '')))
    if (![...names.values()].includes(header)) continue
    const rows = []
    for (let i = r + 1; i <= sheet.rowCount; i++) {
      const row = {}
      for (const [col, name] of names) row[name] = cellText(sheet.getRow(i).getCell(col))
      if (Object.values(row).some((v) => v !== '')) rows.push(row)
    }
    return rows
  }
  throw new Error(`no header row naming ${header} in sheet ${sheet.name}`)
}

/** "邓秀勤" is the person in a cell "邓秀勤" or "邓秀勤（12）". */
function isNamed(cell, name) {
  return cell === name || cell.startsWith(`${name}（`)
}

async function noSidewaysScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 0, `${what} is ${overflow}px wider than the screen`)
}

test('the town office re-pairs an entrepreneur on the board and the town stays fully covered', { timeout: TEST_TIMEOUT }, async () => {
  const { page, problems, close } = await openBrowser()
  const day = today()
  let entrepreneur = ''
  let oldLeader = ''
  let newLeader = ''
  try {
    await step(page, 'open the level-1 board', async () => {
      await logIn(page, 'nanshi')
      await page.locator('[data-test="nav-pairing"]').click()
      await page.getByRole('heading', { name: '包保关系', exact: true }).waitFor()
      await page.waitForURL(/\/pairing\?.*level=1/)
      const summary = page.locator('[data-test="board-summary"]')
      await summary.getByText('31 个企业家，已落实包保 31 个').waitFor()
      assert.match(await summary.innerText(), /楠市镇/)
      assert.match(await summary.innerText(), new RegExp(day))
      await page.getByText('每个企业家都已落实包保，没有空缺。').waitFor()
    })

    await step(page, 'choose a card and re-pair it with the keyboard', async () => {
      const columns = page.locator('[data-test="board-columns"] article')
      assert.ok((await columns.count()) >= 2, 'the town has several leaders')
      const from = columns.first()
      oldLeader = await from.getAttribute('data-person')
      newLeader = await columns.nth(1).getAttribute('data-person')
      const card = from.locator('[data-test^="board-card-"]').first()
      entrepreneur = await card.getAttribute('data-target')
      const fromLoad = Number((await from.locator('[data-test="column-load"]').innerText()).match(/\d+/)[0])
      const toLoad = Number((await columns.nth(1).locator('[data-test="column-load"]').innerText()).match(/\d+/)[0])

      await card.getByRole('button', { name: `改派 ${entrepreneur}` }).focus()
      await page.keyboard.press('Enter')
      const dialog = page.locator('[data-test="pairing-dialog"]')
      await dialog.getByText(`改派：${entrepreneur}`).waitFor()
      await dialog.locator('[data-test="pairing-person"] input, input[data-test="pairing-person"]').first().focus()
      await page.keyboard.type(newLeader)
      await page.locator('.el-select-dropdown__item:visible', { hasText: newLeader }).first().waitFor()
      await page.keyboard.press('Enter')

      const preview = dialog.locator('[data-test="pairing-preview"]')
      await preview.getByText(newLeader, { exact: true }).waitFor()
      const text = await preview.innerText()
      assert.match(text, new RegExp(`${entrepreneur}：\\s*${oldLeader}\\s*${newLeader}`), 'the preview says old person → new person')
      assert.match(text, new RegExp(`自 ${day} 起生效`), 'the change starts today unless the user says otherwise')
      assert.match(text, new RegExp(`${oldLeader}：包保 ${fromLoad} 个 → ${fromLoad - 1} 个`))
      assert.match(text, new RegExp(`${newLeader}：包保 ${toLoad} 个 → ${toLoad + 1} 个`))
      assert.match(text, /保留在历史中/, 'the old pairing stays in the history')
      assert.equal(await dialog.locator('[data-test="pairing-valid-from"] input, input[data-test="pairing-valid-from"]').first().inputValue(), day, 'the date is there to change')
    })

    await step(page, 'save and see the card move', async () => {
      const dialog = page.locator('[data-test="pairing-dialog"]')
      await dialog.locator('[data-test="pairing-save"]').click()
      await page.getByText(`已改派：${entrepreneur} 自 ${day} 起由 ${newLeader} 包保。`).waitFor()
      await dialog.waitFor({ state: 'hidden' })
      const moved = page.locator(`article[data-person="${newLeader}"] [data-target="${entrepreneur}"]`)
      await moved.waitFor()
      assert.equal(await page.locator(`article[data-person="${oldLeader}"] [data-target="${entrepreneur}"]`).count(), 0)
      assert.match(await moved.innerText(), new RegExp(`自 ${day}`))
    })

    await step(page, 'export the board as the 包保台账', async () => {
      const exported = await downloadWorkbook(page, /\/api\/v1\/exports\/pairings\.xlsx/, () =>
        page.locator('[data-test="excel-export"]').click(),
      )
      const query = exported.url.searchParams
      assert.equal(query.get('level'), '1', 'the export has the board’s level')
      assert.equal(query.get('region'), '431127103', 'the export has the board’s town')
      assert.equal(query.get('date'), day, 'the export has the board’s day')
      const sheet = exported.workbook.worksheets.find((s) => s.name !== '说明')
      assert.ok(sheet, 'the export has a data sheet')
      const rows = sheetRows(sheet, '责任人')
      assert.ok(rows.length >= 31, `the ledger holds the town’s level-1 pairings (${rows.length} rows)`)
      assert.ok(rows.every((row) => row['层级'] === '镇领导包保企业家'), 'only level 1 is exported')
      const mine = rows.filter((row) => isNamed(row['包保对象'], entrepreneur))
      assert.equal(mine.length, 1, `${entrepreneur} has one pairing on ${day}`)
      assert.ok(isNamed(mine[0]['责任人'], newLeader), `${entrepreneur} is under ${newLeader} in the ledger, not ${mine[0]['责任人']}`)
    })

    await step(page, 'the compliance page still shows 31 of 31', async () => {
      await page.locator('[data-test="board-compliance"]').click()
      await page.getByRole('heading', { name: '包保落实情况', exact: true }).waitFor()
      await page.waitForURL(new RegExp(`/compliance\\?.*date=${day}`))
      const gauge = page.locator('[data-test="gauge-level-1"]')
      assert.equal((await gauge.locator('[data-test="gauge-value"]').innerText()).replace(/\s/g, ''), '31/31')
      assert.match(await gauge.innerText(), /镇领导包保企业家/)
      assert.match(await page.locator('[data-test="compliance-verdict"]').innerText(), new RegExp(`楠市镇（截至 ${day}）`))
      await page.locator('[data-test="compliance-uncovered"]').getByText('所有对象都已落实包保。').waitFor()
    })

    await step(page, 'export the compliance report as Excel', async () => {
      const button = page.locator('[data-test="compliance-export"]')
      const exported = await downloadWorkbook(page, /\/api\/v1\/compliance\/export/, () => button.click())
      assert.equal(exported.url.searchParams.get('region'), '431127103', 'the report is the page’s town')
      assert.equal(exported.url.searchParams.get('date'), day, 'the report is the page’s day')
      const sheets = exported.workbook.worksheets.map((s) => s.name)
      for (const name of ['概况', '覆盖缺口', '联系任务', '逾期诉求']) assert.ok(sheets.includes(name), `sheet ${name} in ${sheets}`)
      const summary = sheetRows(exported.workbook.getWorksheet('概况'), '项目')
      assert.ok(summary.some((row) => /楠市镇/.test(row['数值'])), 'the summary names the town')
      assert.ok(
        summary.some((row) => row['项目'].startsWith('镇领导包保企业家') && row['数值'].replace(/\s/g, '') === '31/31'),
        'the summary has level 1 at 31 of 31',
      )
      await page.waitForFunction(() => !document.querySelector('[data-test="compliance-export"]')?.classList.contains('is-loading'))
    })

    await step(page, 'the entrepreneur’s page names the new leader', async () => {
      await page.goBack()
      await page.locator(`article[data-person="${newLeader}"] [data-target="${entrepreneur}"] a`).click()
      await page.getByRole('heading', { name: entrepreneur }).waitFor()
      const section = page.locator('[data-test="person-answered-by"]')
      await section.getByText(newLeader).waitFor()
      assert.doesNotMatch(await section.innerText(), new RegExp(oldLeader))
    })

    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
  }
})

test('the mayor logs a visit to one of his entrepreneurs on a phone', { timeout: TEST_TIMEOUT }, async () => {
  const { page, problems, close } = await openBrowser({ width: 375, height: 740 })
  const day = today()
  const notes = `了解用工需求，企业计划扩产 ${Date.now() % 100000}`
  try {
    let entrepreneur = ''
    let started = 0
    await step(page, 'open the visit form from the menu', async () => {
      await logIn(page, 'zhenzhang')
      started = Date.now()
      await page.locator('[data-test="menu-toggle"]').click()
      await page.locator('[data-test="nav-contacts"]').click()
      await page.getByRole('heading', { name: '走访联系', exact: true }).waitFor()
      await page.locator('[data-test="contact-create"]').click()
      await page.getByRole('heading', { name: '记录走访', exact: true }).waitFor()
      await noSidewaysScroll(page, 'the visit form')
    })

    await step(page, 'pick a paired entrepreneur and fill in the visit', async () => {
      const picks = page.locator('[data-test="contact-picks"]')
      await picks.getByText('我包保的企业家').waitFor()
      const first = picks.locator('button').first()
      await first.waitFor()
      entrepreneur = (await first.locator('.pick-name').innerText()).trim()
      await first.click()
      assert.equal(await first.getAttribute('aria-pressed'), 'true')
      // The pick fills the target.
      await page.locator('[data-test="contact-target"]').getByText(entrepreneur, { exact: true }).first().waitFor()
      assert.equal(await page.locator('[data-test="contact-date"] input, input[data-test="contact-date"]').first().inputValue(), day, 'the date defaults to today')
      await page.locator('[data-test="contact-kind"]').getByText('走访', { exact: true }).click()
      await page.locator('input[data-test="contact-place"]').fill('企业车间')
      await page.locator('textarea[data-test="contact-notes"]').fill(notes)
      await page.locator('[data-test="contact-save"]').click()
    })

    await step(page, 'see it in the list', async () => {
      await page.getByText(`已记录对 ${entrepreneur} 的走访`).waitFor()
      await page.waitForURL(`${BASE_URL}/contacts`)
      const card = page.locator('[data-test="contacts-cards"] li', { hasText: notes })
      await card.waitFor()
      const text = await card.innerText()
      assert.match(text, new RegExp(entrepreneur))
      assert.match(text, new RegExp(day))
      assert.match(text, /走访/)
      assert.match(text, /企业车间/)
      assert.match(text, /廖英杰/, 'the visit is the mayor’s own')
      assert.ok(Date.now() - started < 60_000, `logging the visit took ${Math.round((Date.now() - started) / 1000)} s`)
      // The mayor is in the registry: the list opens on his own contacts; turning that off is kept in the address.
      assert.match((await page.locator('[data-test="contacts-mine"]').getAttribute('class')) ?? '', /is-checked/)
      await page.locator('[data-test="contacts-mine"]').click()
      await page.waitForURL(/person=/)
      await card.waitFor()
      await noSidewaysScroll(page, 'the visit list')
    })

    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
  }
})
