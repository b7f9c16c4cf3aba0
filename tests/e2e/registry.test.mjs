// The registry as the town office (nanshi) meets it: download the people template,
// fill it in Excel (here: exceljs) with one good and one bad row, see the bad
// cell named by row and column, fix it, import for real, find a new person by
// pinyin initials, and export the filtered list as a workbook. Then the
// read-only county user and the village secretary see only what they may do.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { BASE_URL, logIn, openBrowser, step } from './browser.mjs'

const TEST_TIMEOUT = 240_000
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])

/** GB 11643 check character. */
function idCard(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, ch, i) => s + Number(ch) * weights[i], 0)
  return first17 + '10X98765432'[sum % 11]
}

/** A wrong check character for the same 17 digits. */
function wrongCheck(valid) {
  const right = valid.at(-1)
  return valid.slice(0, 17) + (right === '1' ? '2' : '1')
}

/** Saves what the next download brings; answers its path and the name the browser gave it. */
async function download(page, dir, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()])
  const target = path.join(dir, file.suggestedFilename())
  await file.saveAs(target)
  return { path: target, name: file.suggestedFilename() }
}

async function assertWorkbook(file) {
  const bytes = await readFile(file)
  assert.ok(bytes.length > 100, `${file} is too small to be a workbook`)
  assert.deepEqual(bytes.subarray(0, 4), ZIP_MAGIC, `${file} does not start like an .xlsx (zip)`)
}

/** The data sheet of the template: the first one that is not the instructions (说明). */
function dataSheet(workbook) {
  const sheet = workbook.worksheets.find((s) => s.name !== '说明')
  assert.ok(sheet, 'the template has a data sheet')
  return sheet
}

function cellText(cell) {
  const v = cell.value
  if (v === null || v === undefined) return ''
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('')
  if (typeof v === 'object' && 'text' in v) return String(v.text)
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  return String(v)
}

/** The header row (the first within 5 rows that names 姓名) and its columns by header text. */
function headers(sheet) {
  for (let r = 1; r <= 5; r++) {
    const row = sheet.getRow(r)
    const columns = new Map()
    row.eachCell((cell, col) => columns.set(cellText(cell).replace(/[*＊\s]/g, ''), col))
    if (columns.has('姓名')) return { row: r, columns }
  }
  throw new Error('no header row with 姓名 in the template')
}

const REGION = '朋佳村'

/**
 * A region as the template's drop-down offers it (e.g. "朋佳村（431127103224）"),
 * found in any sheet of the workbook; the plain name if none lists it.
 */
function regionChoice(workbook, name) {
  for (const sheet of workbook.worksheets) {
    let found = null
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const text = cellText(cell)
        if (!found && text.startsWith(name) && text.length <= name.length + 16) found = text
      }),
    )
    if (found) return found
  }
  return name
}

function column(columns, test) {
  for (const [name, col] of columns) if (test(name)) return col
  throw new Error(`no column matching ${test} among ${[...columns.keys()].join(', ')}`)
}

/**
 * Fills the template: the example row's values (region and the like, as the
 * drop-downs want them) copied into two rows with our names and ID numbers,
 * replacing the example.
 */
async function fillTemplate(templatePath, outPath, people) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(templatePath)
  const sheet = dataSheet(workbook)
  const head = headers(sheet)
  const nameCol = head.columns.get('姓名')
  const idCol = column(head.columns, (n) => n.includes('身份证'))
  const birthCol = [...head.columns].find(([n]) => n.includes('出生'))?.[1]
  const genderCol = [...head.columns].find(([n]) => n === '性别')?.[1]
  const phoneCol = [...head.columns].find(([n]) => n.includes('手机') || n.includes('电话'))?.[1]
  const regionCol = column(head.columns, (n) => n.includes('区划'))
  const region = regionChoice(workbook, REGION)
  const example = sheet.getRow(head.row + 1)
  const exampleValues = new Map()
  example.eachCell((cell, col) => exampleValues.set(col, cell.value))
  // Remove every data row, then write ours from the first data row on.
  for (let r = sheet.rowCount; r > head.row; r--) sheet.spliceRows(r, 1)
  people.forEach((person, i) => {
    const row = sheet.getRow(head.row + 1 + i)
    for (const [col, value] of exampleValues) row.getCell(col).value = value
    row.getCell(nameCol).value = person.name
    row.getCell(idCol).value = person.idCard
    row.getCell(regionCol).value = region
    // The ID number states these; leave them to it. Phones are nobody's here.
    if (birthCol) row.getCell(birthCol).value = null
    if (genderCol) row.getCell(genderCol).value = null
    if (phoneCol) row.getCell(phoneCol).value = null
    row.commit()
  })
  await workbook.xlsx.writeFile(outPath)
  return { firstDataRow: head.row + 1, idHeader: cellText(sheet.getRow(head.row).getCell(idCol)).replace(/[*＊\s]/g, '') }
}

async function openImport(page) {
  await page.locator('[data-test="excel-import"]').click()
  const dialog = page.locator('[data-test="import-dialog"]')
  await dialog.waitFor()
  return dialog
}

test('the town office imports people from Excel, finds one by initials and exports the list', { timeout: TEST_TIMEOUT }, async () => {
  const { page, problems, close } = await openBrowser()
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shuanglun-e2e-excel-'))
  // Region 431127 (蓝山县), birth dates and sequence numbers no demo person has.
  const good = { name: '虞海澜', idCard: idCard('431127' + '19620714' + '246') }
  const fixedSecond = { name: '鄢梓轩', idCard: idCard('431127' + '19630318' + '357') }
  const badSecond = { ...fixedSecond, idCard: wrongCheck(fixedSecond.idCard) }
  let template
  let badRowNumber
  let idHeader
  try {
    await step(page, 'open people', async () => {
      await logIn(page, 'nanshi')
      await page.locator('[data-test="nav-people"]').click()
      await page.waitForURL(`${BASE_URL}/people`)
      await page.getByRole('heading', { name: '人员', exact: true }).waitFor()
    })

    await step(page, 'download template', async () => {
      template = await download(page, dir, () => page.locator('[data-test="excel-template"]').click())
      assert.match(template.name, /\.xlsx$/)
      await assertWorkbook(template.path)
    })

    await step(page, 'import with a bad ID number', async () => {
      const filled = await fillTemplate(template.path, path.join(dir, '人员-有错.xlsx'), [good, badSecond])
      badRowNumber = filled.firstDataRow + 1
      idHeader = filled.idHeader
      const dialog = await openImport(page)
      await dialog.locator('input[type=file]').setInputFiles(path.join(dir, '人员-有错.xlsx'))
      const errors = dialog.locator('[data-test="import-errors"]')
      await errors.waitFor()
      const rows = errors.locator('.el-table__body tr')
      assert.equal(await rows.count(), 1, 'exactly the one bad cell is reported')
      const cells = await rows.first().locator('td').allInnerTexts()
      assert.equal(cells[0].trim(), String(badRowNumber), `the error names Excel row ${badRowNumber}`)
      assert.match(cells[1], /身份证/, 'the error names the ID-card column')
      assert.ok(cells[2].trim().length > 0, 'the error explains itself')
      assert.match(await dialog.locator('[data-test="import-errors-title"]').innerText(), /发现 1 处错误/)
      assert.equal(await dialog.locator('[data-test="import-confirm"]').count(), 0, 'no import is offered while errors remain')

      const marked = await download(page, dir, () => dialog.locator('[data-test="import-annotated"]').click())
      assert.match(marked.name, /\.xlsx$/)
      await assertWorkbook(marked.path)
    })

    await step(page, 'fix and import', async () => {
      await fillTemplate(template.path, path.join(dir, '人员-已改.xlsx'), [good, fixedSecond])
      const dialog = page.locator('[data-test="import-dialog"]')
      await dialog.locator('input[type=file]').setInputFiles(path.join(dir, '人员-已改.xlsx'))
      await dialog.locator('[data-test="import-ready"]').waitFor()
      const summary = await dialog.locator('[data-test="import-summary"]').innerText()
      assert.match(summary, /共 2 行/)
      assert.match(summary, /新增 2/)
      await dialog.locator('[data-test="import-confirm"]').click()
      await page.getByText(/导入完成：新增 2 条/).waitFor()
      // The dialog keeps what was written in view until the user closes it.
      const written = await dialog.locator('[data-test="import-changes"]').innerText()
      assert.match(written, /已新增和修改的记录/)
      for (const person of [good, fixedSecond]) assert.match(written, new RegExp(`已新增\\s*${person.name}`))
      await dialog.locator('[data-test="import-close"]').click()
      await dialog.waitFor({ state: 'hidden' })
    })

    await step(page, 'a large file is checked in the background and found again', async () => {
      // More than 1,000 rows: the server answers with a job. The user closes the
      // dialog while it runs; opening it again shows the job's progress or result.
      const rows = Array.from({ length: 5000 }, (_, i) => `,批量核对${i},,,431127103224,`)
      const file = path.join(dir, '人员-五千行.csv')
      await writeFile(file, ['编号,姓名,性别,手机号码,所属区划,备注', ...rows].join('\n') + '\n')
      let dialog = await openImport(page)
      await dialog.locator('input[type=file]').setInputFiles(file)
      await dialog.locator('[data-test="import-progress"]').waitFor()
      await dialog.locator('[data-test="import-close"]').click()
      await dialog.waitFor({ state: 'hidden' })
      dialog = await openImport(page)
      assert.match(await dialog.locator('[data-test="import-chosen"]').innerText(), /人员-五千行\.csv/)
      await dialog.locator('[data-test="import-ready"]').waitFor({ timeout: 120_000 })
      const summary = await dialog.locator('[data-test="import-summary"]').innerText()
      assert.match(summary, /共 5000 行/)
      assert.match(summary, /新增 5000/)
      // The result found again was only a check: nothing is written until the file is chosen again.
      assert.equal(await dialog.locator('[data-test="import-confirm"]:enabled').count(), 0)
      await dialog.locator('[data-test="import-close"]').click()
      await dialog.waitFor({ state: 'hidden' })
      await page.locator('input[data-test="people-search"]').fill('批量核对1')
      await page.waitForURL(/[?&]q=/)
      await page.locator('[data-test="people-table"]').getByText(/暂无|没有/).first().waitFor()
    })

    let exportUrl = ''
    await step(page, 'find by initials', async () => {
      await page.locator('input[data-test="people-search"]').fill('yzx')
      await page.waitForURL(/[?&]q=yzx/)
      const row = page.locator('[data-test="people-table"] .el-table__row', { hasText: '鄢梓轩' })
      await row.waitFor()
      const text = await row.innerText()
      assert.match(text, /男/, 'gender comes from the ID number')
      assert.match(text, /1963-03-18/, 'birth date comes from the ID number')
      assert.equal(
        await page.locator('[data-test="people-table"] .el-table__row', { hasText: '虞海澜' }).count(),
        0,
        'the other imported person does not match yzx',
      )
    })

    await step(page, 'export the filtered list', async () => {
      page.on('request', (r) => {
        if (r.url().includes('/api/v1/exports/')) exportUrl = r.url()
      })
      const exported = await download(page, dir, () => page.locator('[data-test="excel-export"]').click())
      assert.match(exported.name, /\.xlsx$/)
      await assertWorkbook(exported.path)
      assert.match(exportUrl, /\/api\/v1\/exports\/people\.xlsx\?.*q=yzx/, 'the export carries the list filters')
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.readFile(exported.path)
      const sheet = dataSheet(workbook)
      const names = []
      sheet.eachRow((row) => row.eachCell((cell) => names.push(cellText(cell))))
      assert.ok(names.includes('鄢梓轩'), 'the exported list holds the person found')
    })

    assert.ok(idHeader)
    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
    await rm(dir, { recursive: true, force: true })
  }
})

test('a read-only county user sees the ledgers without write buttons; a village secretary no chamber', { timeout: TEST_TIMEOUT }, async () => {
  const { page, problems, close } = await openBrowser()
  try {
    await step(page, 'county reads', async () => {
      await logIn(page, 'lanshan')
      for (const nav of ['people', 'organizations', 'enterprises', 'chamber']) {
        await page.locator(`[data-test="nav-${nav}"]`).waitFor()
      }
      await page.locator('[data-test="nav-people"]').click()
      await page.waitForURL(`${BASE_URL}/people`)
      await page.locator('[data-test="excel-export"]').waitFor()
      for (const hidden of ['person-create', 'excel-import', 'excel-template']) {
        assert.equal(await page.locator(`[data-test="${hidden}"]`).count(), 0, `${hidden} is hidden without people.write`)
      }
    })

    await step(page, 'village secretary', async () => {
      await page.locator('[data-test="user-menu"]').click()
      await page.locator('[data-test="logout"]').click()
      await page.waitForURL(/\/login/)
      await logIn(page, 'pengjia')
      await page.locator('[data-test="nav-people"]').waitFor()
      // He reads his village's enterprises (a land contract's transferee), not the chamber.
      await page.locator('[data-test="nav-enterprises"]').waitFor()
      assert.equal(await page.locator('[data-test="nav-chamber"]').count(), 0)
      await page.goto(`${BASE_URL}/chamber`)
      await page.getByRole('heading', { name: '没有访问权限' }).waitFor()
    })

    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
  }
})

test('at 375 px wide the ledgers fit the screen', { timeout: TEST_TIMEOUT }, async () => {
  const { page, problems, close } = await openBrowser({ width: 375, height: 812 })
  try {
    await step(page, 'phone ledgers', async () => {
      await logIn(page, 'nanshi')
      for (const [path, heading] of [
        ['/people', '人员'],
        ['/organizations', '组织'],
        ['/enterprises', '企业'],
        ['/chamber', '商会'],
      ]) {
        await page.goto(`${BASE_URL}${path}`)
        await page.getByRole('heading', { name: heading, exact: true }).waitFor()
        await page.waitForLoadState('networkidle')
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        assert.ok(overflow <= 0, `${path} is ${overflow}px wider than the screen`)
      }
    })

    await step(page, 'phone import dialog is full width', async () => {
      await page.goto(`${BASE_URL}/people`)
      await page.locator('[data-test="excel-menu"]').click()
      await page.locator('.el-dropdown-menu [data-test="excel-import"]:visible').click()
      const dialog = page.locator('[data-test="import-dialog"]')
      await dialog.waitFor()
      const box = await dialog.boundingBox()
      assert.ok(box && box.width >= 370, `the dialog is ${box?.width}px wide`)
      await page.keyboard.press('Escape')
    })

    assert.deepEqual(problems, [], 'the browser reported errors')
  } finally {
    await close()
  }
})
