// Launches Debian's Chromium through playwright-core (never a downloaded browser)
// with a fresh profile, and keeps a screenshot of every failed step in out/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const OUT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out')
export const BASE_URL = (process.env.SL_BASE_URL ?? '').replace(/\/$/, '')
const CHROMIUM = process.env.SL_CHROMIUM ?? '/usr/bin/chromium'
// Set SL_E2E_SCREENSHOTS=1 to also keep screenshots of passing steps (for a visual check).
const KEEP_SCREENSHOTS = process.env.SL_E2E_SCREENSHOTS === '1'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

if (!BASE_URL) throw new Error('SL_BASE_URL is not set (tests/e2e/run sets it)')

/** Opens a browser with a new profile at the given window size; call close() when done. */
export async function openBrowser({ width = 1280, height = 800 } = {}) {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'shuanglun-e2e-profile-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width, height },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  context.setDefaultTimeout(15_000)
  const page = context.pages()[0] ?? (await context.newPage())
  const problems = []
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    // Chromium logs every 4xx; these are API answers the interface handles (the session
    // probe, a wrong password, a taken username). A missing file (404) still counts.
    if (message.type() === 'error' && !/status of (401|409|422|429) /.test(message.text())) {
      problems.push(`console error: ${message.text()}`)
    }
  })
  return {
    page,
    context,
    problems,
    async close() {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}

function fileName(name) {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-|-$/g, '')
}

export async function screenshot(page, name) {
  await mkdir(OUT_DIR, { recursive: true })
  const file = path.join(OUT_DIR, `${fileName(name)}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/** Runs one step of a scenario; on failure saves a screenshot named after it. */
export async function step(page, name, body) {
  try {
    await body()
    if (KEEP_SCREENSHOTS) await screenshot(page, name)
  } catch (error) {
    try {
      const file = await screenshot(page, `FAILED-${name}`)
      error.message += `\n  (screenshot: ${file}; page: ${page.url()})`
    } catch {
      // The page is gone; the original error says why.
    }
    throw error
  }
}

/** Logs a demo user in (password `shuanglun` unless given) and waits to leave the login page. */
export async function logIn(page, username, password = 'shuanglun') {
  await page.goto(`${BASE_URL}/login`)
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill(password)
  await page.locator('[data-test="login-submit"]').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}
