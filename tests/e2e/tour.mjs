// A visual tour, not a test: screenshots of the home page and every list,
// detail and form page at a desktop width (1366 px) and a phone's (390 px),
// for comparing the look of the pages before and after a change.
//   SL_BASE_URL=http://127.0.0.1:PORT node tests/e2e/tour.mjs OUT_DIR
// (tests/e2e/run --tour OUT_DIR serves a fresh demo and runs it.)
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { BASE_URL, logIn, openBrowser } from './browser.mjs'

const out = path.resolve(process.argv[2] ?? 'tour')
await mkdir(out, { recursive: true })

async function settle(page) {
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(600)
}

async function shot(page, name) {
  await settle(page)
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true })
}

async function visit(page, url, name) {
  await page.goto(`${BASE_URL}${url}`)
  await shot(page, name)
}

/** Opens a dialog by its button, photographs it and closes it with Escape. */
async function dialog(page, selector, name) {
  const button = page.locator(selector).first()
  if (!(await button.count())) return
  await button.click()
  await shot(page, name)
  await page.keyboard.press('Escape')
  await page.waitForTimeout(400)
}

async function firstDetail(page, list, name) {
  await page.goto(`${BASE_URL}${list}`)
  await settle(page)
  const link = page.locator('main a.sl-link').first()
  if (!(await link.count())) return
  await link.click()
  await shot(page, name)
}

for (const [label, width, height] of [
  ['desktop', 1366, 900],
  ['phone', 390, 844],
]) {
  for (const user of ['nanshi', 'admin', 'zhenzhang']) {
    const browser = await openBrowser({ width, height })
    const { page } = browser
    const at = (name) => `${label}-${user}-${name}`
    await logIn(page, user)
    await visit(page, '/', at('home'))
    await visit(page, '/todo', at('todo'))
    await visit(page, '/account', at('account'))
    if (user === 'zhenzhang') {
      await visit(page, '/contacts', at('contacts'))
      await visit(page, '/contacts/new', at('contact-new'))
      await browser.close()
      continue
    }
    await visit(page, '/people', at('people'))
    await dialog(page, '[data-test="person-create"]', at('people-create'))
    await firstDetail(page, '/people', at('person'))
    await dialog(page, '[data-test="person-edit"]', at('person-edit'))
    await dialog(page, '[data-test="post-add"]', at('person-post'))
    await visit(page, '/organizations', at('organizations'))
    await dialog(page, '[data-test="organization-create"]', at('organizations-create'))
    await firstDetail(page, '/organizations', at('organization'))
    await dialog(page, '[data-test="org-member-add"]', at('organization-member'))
    await visit(page, '/enterprises', at('enterprises'))
    await dialog(page, '[data-test="enterprise-create"]', at('enterprises-create'))
    await firstDetail(page, '/enterprises', at('enterprise'))
    await visit(page, '/chamber', at('chamber'))
    await dialog(page, '[data-test="membership-create"]', at('chamber-create'))
    await visit(page, '/contacts', at('contacts'))
    await visit(page, '/pairing', at('pairing'))
    await dialog(page, '[data-test="board-add"]', at('pairing-add'))
    await visit(page, '/compliance', at('compliance'))
    await visit(page, '/regions', at('regions'))
    for (const list of ['requests', 'events', 'projects', 'land', 'income']) {
      await visit(page, `/${list}`, at(list))
      await firstDetail(page, `/${list}`, at(`${list}-record`))
    }
    await visit(page, '/briefs', at('briefs'))
    if (user === 'admin') {
      await visit(page, '/brief-templates', at('brief-templates'))
      await visit(page, '/users', at('users'))
      await dialog(page, '[data-test="user-create"]', at('users-create'))
    }
    await browser.close()
  }
}
console.log(`tour: screenshots in ${out}`)
