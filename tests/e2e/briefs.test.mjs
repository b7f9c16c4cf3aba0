// 工作简报 as the town office (nanshi) writes it: from the menu, 楠市镇 and
// 2022; the page says it is writing, then previews the brief as it prints
// (注册资本近千万元, 会议14次); Word and Excel download under the brief's
// name. On a phone the preview fits the screen. The administrator's template
// editor shows the server's objection to a bad template beside the text.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { BASE_URL, logIn, openBrowser, step } from './browser.mjs'

const TEST_TIMEOUT = 180_000
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])

/** Clicks and answers the download it brings: its name and bytes. */
async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()])
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) }
}

async function noOverflow(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 0, `${what} is ${overflow}px wider than the screen`)
}

/** The preview's text, once it holds `text`. */
async function previewShows(page, text) {
  const frame = page.frameLocator('[data-test="briefs-preview"]')
  await frame.locator('article.sheet', { hasText: text }).waitFor()
  return frame.locator('article.sheet').innerText()
}

test('the town office writes the 2022 brief of 楠市镇, previews it and downloads Word and Excel', { timeout: TEST_TIMEOUT }, async () => {
  const { page, problems, close } = await openBrowser({ width: 1366, height: 900 })
  try {
    await step(page, 'open 工作简报 from the menu', async () => {
      await logIn(page, 'nanshi')
      await page.locator('[data-test="nav-briefs"]').click()
      await page.waitForURL(/\/briefs/)
      await page.getByRole('heading', { name: '工作简报', exact: true }).waitFor()
      await page.locator('[data-test="briefs-region"]', { hasText: '楠市镇' }).waitFor()
    })

    await step(page, 'pick 2022: the page says it is writing, then previews the brief', async () => {
      // Slow the preview down a little so that its progress can be seen.
      await page.route(/\/api\/v1\/briefs\?.*format=html/, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 600))
        await route.continue()
      })
      await page.locator('[data-test="period-choice"]').click()
      await page.locator('.el-select-dropdown [data-test="period-option-year-2022"]:visible').click()
      await page.locator('[data-test="briefs-generating"]').waitFor()
      const text = await previewShows(page, '会议14次')
      assert.match(text, /楠市镇2022年“党建\+商会”工作简报/)
      assert.match(text, /注册资本近千万元/)
      assert.match(text, /会议14次/)
      await page.locator('[data-test="briefs-generating"]').waitFor({ state: 'detached' })
      assert.match(page.url(), /region=431127103&from=2022-01-01&to=2022-12-31/)
      await page.unroute(/\/api\/v1\/briefs\?.*format=html/)
    })

    await step(page, 'download the Word file', async () => {
      const word = await download(page, () => page.locator('[data-test="briefs-docx"]').click())
      assert.match(word.name, /^楠市镇2022年.*工作简报\.docx$/)
      assert.deepEqual(word.bytes.subarray(0, 4), ZIP_MAGIC, `${word.name} is not a .docx (zip)`)
    })

    await step(page, 'download the Excel file', async () => {
      const excel = await download(page, () => page.locator('[data-test="briefs-xlsx"]').click())
      assert.match(excel.name, /\.xlsx$/)
      assert.deepEqual(excel.bytes.subarray(0, 4), ZIP_MAGIC, `${excel.name} is not an .xlsx (zip)`)
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(excel.bytes)
      assert.ok(workbook.getWorksheet('简报数据'), 'the workbook lists the brief’s figures')
    })

    await step(page, 'the print button is ready', async () => {
      assert.equal(await page.locator('[data-test="briefs-print"]').isEnabled(), true)
    })

    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
  }
})

test('on a phone the brief previews within the screen', { timeout: TEST_TIMEOUT }, async () => {
  const { page, problems, close } = await openBrowser({ width: 390, height: 844 })
  try {
    await step(page, 'phone brief', async () => {
      await logIn(page, 'nanshi')
      await page.goto(`${BASE_URL}/briefs?region=431127103&from=2022-01-01&to=2022-12-31`)
      await previewShows(page, '会议14次')
      await noOverflow(page, 'the brief page')
      const zoom = await page.frameLocator('[data-test="briefs-preview"]').locator('html').evaluate((html) => getComputedStyle(html).zoom)
      assert.ok(Number(zoom) < 1, `the sheet is scaled to the phone (zoom ${zoom})`)
    })
    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
  }
})

test('the administrator’s template editor shows the server’s objection beside the text', { timeout: TEST_TIMEOUT }, async () => {
  const { page, problems, close } = await openBrowser({ width: 1366, height: 900 })
  try {
    await step(page, 'open 简报模板 from the menu', async () => {
      await logIn(page, 'admin')
      await page.locator('[data-test="nav-brief-templates"]').click()
      await page.waitForURL(/\/brief-templates/)
      await page.locator('[data-test="template-chamber"]').waitFor()
      assert.match(await page.locator('[data-test="template-help"]').innerText(), /\{chamber\.members\}/)
    })

    await step(page, 'a bad template is refused with the reason under it', async () => {
      const editor = page.locator('[data-test="template-next"]')
      const body = editor.locator('textarea[data-test="template-body"]')
      const before = await body.inputValue()
      await body.fill(`${before}{chamber.members`)
      await Promise.all([
        page.waitForResponse((r) => /\/api\/v1\/brief-templates\/next$/.test(r.url()) && r.status() === 422),
        editor.locator('[data-test="template-save"]').click(),
      ])
      await editor.locator('.el-form-item__error', { hasText: '花括号' }).waitFor()
      await editor.locator('[data-test="template-discard"]').click()
      assert.equal(await body.inputValue(), before)
    })

    // The 422 is an answer the page handles (browser.mjs leaves it out of the errors).
    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
  }
})
