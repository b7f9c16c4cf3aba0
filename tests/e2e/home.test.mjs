// 首页 as each demo user meets it after logging in, at a desktop width
// (1366 px) and a phone's (390 px): the town office picks 2022 and sees the
// chamber's 31 members and full coverage; the county sees 楠市镇 among its
// towns and opens its home; the mayor sees the entrepreneurs he answers for;
// the village secretary his village; the chamber its members; the
// administrator the province's cities. Nothing is wider than the screen.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { logIn, openBrowser, step } from './browser.mjs'

const TEST_TIMEOUT = 180_000
const WIDTHS = [
  [1366, 900],
  [390, 844],
]

async function noOverflow(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 0, `${what} is ${overflow}px wider than the screen`)
}

/** Logs in and waits for the home page to show its title. */
async function openHome(page, user, title) {
  await logIn(page, user)
  await page.waitForURL((url) => url.pathname === '/')
  await page.locator('[data-test="home-title"]', { hasText: title }).waitFor()
}

/** The value of a tile (its data-test), once it is there. */
async function tileValue(page, test) {
  const value = page.locator(`[data-test="${test}"] [data-test="value"]`)
  await value.waitFor()
  return (await value.innerText()).trim()
}

/** Picks a period in the picker at the top (本年, 上年 … or a year with records). */
async function pickPeriod(page, option) {
  await page.locator('[data-test="period-choice"]').click()
  await page.locator(`.el-select-dropdown [data-test="${option}"]:visible`).click()
}

for (const [width, height] of WIDTHS) {
  test(`the town office picks 2022 and sees the chamber and full coverage (${width} px)`, { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems, close } = await openBrowser({ width, height })
    try {
      await step(page, `nanshi home ${width}`, async () => {
        await openHome(page, 'nanshi', '楠市镇工作概况')
        await page.locator('[data-test="home-todo"]').waitFor()
        // The menu starts with 首页, then the groups.
        if (width > 767) {
          assert.equal(await page.locator('[data-test="nav-home"]').innerText(), '首页')
          assert.match(await page.locator('[data-test="nav-group-ledgers"] .el-sub-menu__title').innerText(), /台账/)
        }
      })

      await step(page, `nanshi picks 2022 ${width}`, async () => {
        await pickPeriod(page, 'period-option-year-2022')
        await page.waitForURL(/from=2022-01-01&to=2022-12-31/)
        await page.locator('[data-test="home-scope"]', { hasText: '2022-01-01 至 2022-12-31' }).waitFor()
        assert.match(await page.locator('[data-test="home-chamber-chamber-members"] dt').innerText(), /会员/)
        assert.equal(await tileValue(page, 'home-chamber-chamber-members'), '31人')
        assert.equal(await tileValue(page, 'home-chamber-chamber-registered_capital'), '近千万元')
        assert.equal(await tileValue(page, 'home-coverage-level1'), '100%')
        assert.equal(await tileValue(page, 'home-activity-pairing-contacts'), '57次')
        await page.locator('[data-test="home-quota-all-met"]').waitFor()
        await noOverflow(page, `nanshi's home at ${width} px`)
      })

      assert.deepEqual(problems, [], 'the browser reported errors')
    } finally {
      await close()
    }
  })

  test(`the county sees 楠市镇 among its towns and opens its home (${width} px)`, { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems, close } = await openBrowser({ width, height })
    try {
      await step(page, `lanshan ranking ${width}`, async () => {
        await openHome(page, 'lanshan', '蓝山县工作概况')
        const table = page.locator('[data-test="home-ranking-table"]')
        await table.waitFor()
        const row = table.locator('[data-test="home-ranking-row-431127103"]')
        assert.match(await row.innerText(), /楠市镇/)
        assert.ok((await table.locator('tbody tr').count()) >= 19, 'every town of the county is ranked')
        await noOverflow(page, `lanshan's home at ${width} px`)
      })

      await step(page, `lanshan opens 楠市镇 ${width}`, async () => {
        await page.locator('[data-test="home-ranking-row-link-431127103"]').click()
        await page.waitForURL(/[?&]region=431127103/)
        await page.locator('[data-test="home-title"]', { hasText: '楠市镇工作概况' }).waitFor()
        assert.match(await page.locator('[data-test="home-crumbs"]').innerText(), /蓝山县/)
        await page.locator('[data-test="home-coverage"]').waitFor()
        assert.equal(await tileValue(page, 'home-chamber-chamber-members'), '31人')
        // Back leaves the town for the county.
        await page.goBack()
        await page.locator('[data-test="home-title"]', { hasText: '蓝山县工作概况' }).waitFor()
      })

      assert.deepEqual(problems, [], 'the browser reported errors')
    } finally {
      await close()
    }
  })

  test(`the mayor sees the entrepreneurs he answers for and what he still owes (${width} px)`, { timeout: TEST_TIMEOUT }, async () => {
    const { page, problems, close } = await openBrowser({ width, height })
    try {
      await step(page, `zhenzhang home ${width}`, async () => {
        await openHome(page, 'zhenzhang', '我的工作台')
        const mine = page.locator('[data-test="home-my-pairing"]')
        await mine.first().waitFor()
        const n = await mine.count()
        assert.ok(n >= 1, 'he answers for entrepreneurs')
        assert.equal(await page.locator('[data-test="home-my-pairings"] h2').innerText(), `我包保的企业家（${n}）`)
        await page.locator('[data-test="home-my-quota-line"]').first().waitFor()
        await page.locator('[data-test="home-my-requests"]').waitFor()
        await page.locator('[data-test="home-todo"]').waitFor()
        await noOverflow(page, `the mayor's home at ${width} px`)
      })

      assert.deepEqual(problems, [], 'the browser reported errors')
    } finally {
      await close()
    }
  })

  test(`the village, the chamber and the province each see their own figures (${width} px)`, { timeout: TEST_TIMEOUT }, async () => {
    for (const [user, title, check] of [
      [
        'pengjia',
        '朋佳村工作概况',
        async (page) => {
          assert.match(await tileValue(page, 'home-people-people-total'), /^\d+人$/)
          assert.match(await tileValue(page, 'home-people-regions-groups'), /^\d+个$/)
          assert.equal(await page.locator('[data-test="home-coverage"]').count(), 0, 'a village has no coverage card')
        },
      ],
      [
        'chamber',
        '楠市镇工作概况',
        async (page) => {
          assert.equal(await tileValue(page, 'home-chamber-chamber-members'), '31人')
          assert.equal(await tileValue(page, 'home-chamber-chamber-enterprises'), '31家')
        },
      ],
      [
        'admin',
        '湖南省工作概况',
        async (page) => {
          await page.locator('[data-test="home-ranking-row-4311"]', { hasText: '永州市' }).waitFor()
        },
      ],
    ]) {
      const { page, problems, close } = await openBrowser({ width, height })
      try {
        await step(page, `${user} home ${width}`, async () => {
          await openHome(page, user, title)
          await check(page)
          await noOverflow(page, `${user}'s home at ${width} px`)
        })
        assert.deepEqual(problems, [], `the browser reported errors for ${user}`)
      } finally {
        await close()
      }
    }
  })
}
