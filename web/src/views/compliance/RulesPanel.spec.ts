import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { CoverageRule, QuotaRule } from '@/api/types'
import { i18n } from '@/i18n'
import { json, stubFetch } from '@/test-support/fetch'
import { signedIn } from '@/test-support/users'
import RulesPanel from './RulesPanel.vue'

const LANSHAN = { code: '431127', name: '蓝山县' }
const NANSHI = { code: '431127103', name: '楠市镇' }

const COVERAGE: CoverageRule = {
  id: 1,
  region: LANSHAN,
  level: 1,
  min_sources: 1,
  max_sources: 1,
  valid_from: '2022-01-01',
  valid_to: null,
  notes: '',
  version: 1,
}
const QUOTA: QuotaRule = {
  id: 2,
  region: NANSHI,
  source_filter: 'leadership_team',
  target_filter: 'wealth_creator',
  min_contacts: 3,
  period: 'year',
  valid_from: '2022-01-01',
  valid_to: null,
  notes: '',
  version: 1,
}

/** A phone (narrow: true) or a desktop. */
function screen(narrow: boolean) {
  vi.spyOn(window, 'matchMedia').mockImplementation(
    (query: string) => ({ matches: narrow, media: query, addEventListener: () => {}, removeEventListener: () => {} }) as unknown as MediaQueryList,
  )
}

async function mountPanel(coverage: CoverageRule[] = [COVERAGE], quota: QuotaRule[] = [QUOTA]) {
  const pinia = signedIn({ username: 'clerk', permissions: ['rules.read', 'rules.write'], all_regions: true })
  stubFetch(() => json(200, { coverage, quota }))
  const wrapper = mount(RulesPanel, {
    props: { region: NANSHI, date: '2022-10-20' },
    global: { plugins: [pinia, i18n], stubs: { RuleDialog: true, EndDateDialog: true } },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

/** The words of an element, each piece (label, value, button) apart. */
function words(element: Element): string {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
  const pieces: string[] = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) pieces.push(node.textContent?.trim() ?? '')
  return pieces.filter(Boolean).join(' ')
}
/** Each card as the lines a user reads: heading, status, then each line. */
const cards = (part: string) =>
  [...document.querySelectorAll(`[data-test="${part}-rules"] .sl-card`)].map((card) =>
    [...card.querySelectorAll('.sl-card-title, .badge, .sl-card-line')].map(words),
  )

describe('the rules tab', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })
  afterEach(() => vi.restoreAllMocks())

  it('shows each rule as a card on a phone: what it asks, whether it applies, where and since when, and what can be done', async () => {
    screen(true)
    const wrapper = await mountPanel()
    expect(document.querySelector('[data-test="rules-panel"] table')).toBeNull()

    // Nobody wrote notes: no empty notes line.
    expect(cards('coverage')).toEqual([
      ['第一级 镇领导包保企业家', '沿用上级', '每个对象的包保人 恰好 1 人', '适用区划 蓝山县', '有效期 2022-01-01 起', '编辑 结束'],
    ])
    const [quota] = cards('quota')
    expect(quota[0]).toContain('至少联系 3 个')
    expect(quota.slice(1)).toEqual(['本级适用', '适用区划 楠市镇', '有效期 2022-01-01 起', '编辑 结束'])
    wrapper.unmount()
  })

  it('is a table on a desktop, with notes where a rule has them', async () => {
    screen(false)
    const wrapper = await mountPanel([{ ...COVERAGE, notes: '县委文件' }])
    const heads = [...document.querySelectorAll('[data-test="coverage-rules"] thead th')].map((th) => th.textContent?.trim())
    expect(heads).toContain('说明')
    expect(document.querySelector('[data-test="coverage-rules"] tbody')?.textContent).toContain('县委文件')
    expect(document.querySelectorAll('[data-test="coverage-rules"] .sl-card')).toHaveLength(0)
    wrapper.unmount()
  })
})
