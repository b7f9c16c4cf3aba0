import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Compliance, LevelCompliance, PairingLevel } from '@/api/types'
import { i18n } from '@/i18n'
import { json, stubFetch } from '@/test-support/fetch'
import { signedIn } from '@/test-support/users'
import ComplianceReport from './ComplianceReport.vue'

const FIRM = { kind: 'enterprise' as const, id: 12, name: '楠市花生合作社', region: { code: '431127103224', name: '朋佳村' } }

function level(n: PairingLevel, targets: number, covered: number, partial: Partial<LevelCompliance> = {}): LevelCompliance {
  return { level: n, targets, covered, uncovered: [], uncovered_total: targets - covered, over: [], over_total: 0, ...partial }
}

/** 蓝山县 on a day its county campaign (level 6) is judged and no town mentors activists by rule (level 5). */
function county(): Compliance {
  const town = (code: string, name: string, firms: number, covered: number) => ({
    region: { code, name },
    ok: covered === firms,
    gaps: firms - covered,
    levels: [1, 2, 3, 4, 5, 6].map((n) => ({ level: n as PairingLevel, targets: n === 6 ? firms : 0, covered: n === 6 ? covered : 0 })),
    over: 0,
    quotas_failing: 0,
    overdue: 0,
  })
  return {
    region: { code: '431127', name: '蓝山县', level: 'county' },
    date: '2032-01-01',
    ok: false,
    levels: [
      level(1, 0, 0),
      level(2, 0, 0),
      level(3, 0, 0),
      level(4, 0, 0),
      level(5, 0, 0),
      level(6, 40, 39, { uncovered: [{ target: FIRM, sources: 0, min: 1, max: 1 }], uncovered_total: 1 }),
    ],
    quotas: [],
    quotas_total: 0,
    quotas_failing: 0,
    overdue: [],
    overdue_total: 0,
    towns: [town('431127103', '楠市镇', 31, 30), town('431127104', '所城镇', 9, 9)],
  }
}

async function mountReport(compliance: Compliance, permissions = ['compliance.read', 'pairing.read', 'pairing.write']) {
  stubFetch(() => json(404, {}))
  const pinia = signedIn({ permissions })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<div />' } },
      { path: '/pairing', name: 'pairing', component: { template: '<div />' } },
      { path: '/people/:id', name: 'person', component: { template: '<div />' } },
      { path: '/compliance', name: 'compliance', component: { template: '<div />' } },
      { path: '/requests/:id', name: 'request', component: { template: '<div />' } },
      { path: '/enterprises/:id', name: 'enterprise', component: { template: '<div />' } },
    ],
  })
  await router.push('/')
  const wrapper = mount(ComplianceReport, { props: { compliance }, global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

const gauges = () => [...document.querySelectorAll<HTMLElement>('[data-test^="gauge-level-"]')].map((g) => g.dataset.test)

describe('the compliance report’s levels', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('shows the four levels always, and a campaign level only where a rule judges targets', async () => {
    const wrapper = await mountReport(county())
    expect(gauges()).toEqual(['gauge-level-1', 'gauge-level-2', 'gauge-level-3', 'gauge-level-4', 'gauge-level-6'])
    const campaign = document.querySelector('[data-test="gauge-level-6"]')!.textContent ?? ''
    expect(campaign).toContain('39 / 40')
    expect(campaign).toContain('干部联企')
    expect(campaign).toContain('县直干部联系企业')
    expect(campaign).toContain('空缺 1')

    const heads = [...document.querySelectorAll('[data-test="compliance-towns"] thead th')].map((th) => th.textContent?.trim())
    expect(heads).toContain('干部联企')
    expect(heads).not.toContain('培养联系')
    const cells = [...document.querySelectorAll<HTMLElement>('[data-test="town-level-6"]')].map((c) => c.textContent?.trim())
    expect(cells).toEqual(['30 / 31', '9 / 9'])

    const uncovered = document.querySelector('[data-test="compliance-uncovered"]')!.textContent ?? ''
    expect(uncovered).toContain('楠市花生合作社')
    expect(uncovered).toContain('干部联企')
    wrapper.unmount()
  })

  it('leaves both campaign levels out when nothing is judged at them', async () => {
    const answer = county()
    answer.levels[5] = level(6, 0, 0)
    answer.towns = []
    const wrapper = await mountReport(answer)
    expect(gauges()).toEqual(['gauge-level-1', 'gauge-level-2', 'gauge-level-3', 'gauge-level-4'])
    wrapper.unmount()
  })
})

/** 朋佳村: level 1 under the county's rule but with no entrepreneurs of its own, level 4 under no rule at all. */
function village(): Compliance {
  const LANSHAN = { code: '431127', name: '蓝山县' }
  return {
    region: { code: '431127103224', name: '朋佳村', level: 'village' },
    date: '2026-12-06',
    ok: true,
    levels: [
      level(1, 0, 0, { rule: { id: 1, region: LANSHAN, min: 1, max: 1 } }),
      level(2, 1, 1, { rule: { id: 4, region: { code: '431127103', name: '楠市镇' }, min: 1, max: null } }),
      level(3, 6, 6, { rule: { id: 2, region: LANSHAN, min: 1, max: null } }),
      level(4, 0, 0, { rule: null }),
      level(5, 0, 0, { rule: null }),
      level(6, 0, 0, { rule: null }),
    ],
    quotas: [],
    quotas_total: 0,
    quotas_failing: 0,
    overdue: [],
    overdue_total: 0,
  }
}

const gaugeText = (level: number) => document.querySelector(`[data-test="gauge-level-${level}"]`)?.textContent?.replace(/\s+/g, ' ') ?? ''

describe('the rule behind each level', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('tells a village which rule governs it and where it is written, and why it has no entrepreneurs to judge', async () => {
    const wrapper = await mountReport(village())
    expect(gaugeText(1)).toContain('适用蓝山县的规则：每位企业家由 1 位镇领导包保')
    expect(gaugeText(1)).toContain('企业家按所属商会所在的镇统计，村里不单独统计，所以这里没有考核对象。')
    expect(gaugeText(1)).not.toContain('尚未设置覆盖规则')
    expect(gaugeText(2)).toContain('适用楠市镇的规则：每个村由至少 1 位驻村干部包保')
    // Only where no rule governs does it say so; a reader is not offered to write one.
    expect(gaugeText(4)).toContain('尚未设置覆盖规则')
    expect(document.querySelector('[data-test="gauge-level-4"] a[href*="tab=rules"]')).toBeNull()
    expect(gauges()).toEqual(['gauge-level-1', 'gauge-level-2', 'gauge-level-3', 'gauge-level-4'])
    wrapper.unmount()
  })

  it('links a user who may write rules to the rules tab', async () => {
    const wrapper = await mountReport(village(), ['compliance.read', 'pairing.read', 'rules.write'])
    const link = document.querySelector('[data-test="gauge-level-4"] [data-test="gauge-no-rule"] a')
    expect(link?.textContent).toContain('去设置')
    expect(link?.getAttribute('href')).toBe('/compliance?region=431127103224&date=2026-12-06&tab=rules')
    wrapper.unmount()
  })
})

describe('a county’s contact quotas', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })
  afterEach(() => {
    vi.restoreAllMocks()
  })

  function withQuotas(): Compliance {
    const answer = county()
    const quota = (person: { id: number; name: string }, town: { code: string; name: string }, required: number, actual: number) => ({
      rule: 2,
      source_filter: 'leadership_team',
      target_filter: 'wealth_creator' as const,
      period: 'year' as const,
      from: '2032-01-01',
      person,
      town,
      required,
      actual,
      missing: Math.max(0, required - actual),
    })
    answer.quotas = [quota({ id: 1, name: '欧阳强' }, { code: '431127103', name: '楠市镇' }, 3, 1), quota({ id: 40, name: '唐文' }, { code: '431127104', name: '所城镇' }, 3, 3)]
    answer.quotas_total = 2
    answer.quotas_failing = 1
    return answer
  }

  it('names each person’s town in its own column', async () => {
    const wrapper = await mountReport(withQuotas())
    const table = document.querySelector('[data-test="compliance-quotas"]')!
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim())).toEqual(['责任人', '乡镇', '身份', '任务', '统计起始', '应联系', '已联系', '还差'])
    expect([...table.querySelectorAll('[data-test="quota-town"]')].map((c) => c.textContent)).toEqual(['楠市镇', '所城镇'])
    wrapper.unmount()
  })

  it('says 参加 … 次 of a quota on events attended, and heads figures of both kinds neutrally', async () => {
    const answer = withQuotas()
    answer.quotas = [
      {
        ...answer.quotas[0],
        rule: 3,
        source_filter: 'full_party_member',
        target_filter: 'event_party_training',
        required: 2,
        actual: 1,
        missing: 1,
      },
    ]
    const wrapper = await mountReport(answer)
    const table = () => document.querySelector('[data-test="compliance-quotas"]')!
    expect([...table().querySelectorAll('thead th')].map((th) => th.textContent?.trim())).toEqual(['责任人', '乡镇', '身份', '任务', '统计起始', '应参加', '已参加', '还差'])
    expect(table().querySelector('tbody')?.textContent).toContain('正式党员')
    expect(table().querySelector('tbody')?.textContent).toContain('每年参加党务培训')

    await wrapper.setProps({ compliance: { ...answer, quotas: [...withQuotas().quotas, ...answer.quotas] } })
    expect([...table().querySelectorAll('thead th')].map((th) => th.textContent?.trim()).slice(-3)).toEqual(['应完成', '已完成', '还差'])
    wrapper.unmount()
  })

  it('shows each quota as a card on a phone, with its town and all three figures', async () => {
    vi.spyOn(window, 'matchMedia').mockImplementation(
      (query: string) => ({ matches: true, media: query, addEventListener: () => {}, removeEventListener: () => {} }) as unknown as MediaQueryList,
    )
    const wrapper = await mountReport(withQuotas())
    const section = document.querySelector('[data-test="compliance-quotas"]')!
    expect(section.querySelector('table')).toBeNull()
    const cards = [...section.querySelectorAll('.sl-card')].map((c) => c.textContent?.replace(/\s+/g, ''))
    expect(cards[0]).toMatch(/^欧阳强楠市镇/)
    expect(cards[0]).toContain('应联系3已联系1还差2')
    expect(cards[1]).toContain('应联系3已联系3还差0')
    expect(section.querySelector('.sl-card.row-failing')?.textContent).toContain('欧阳强')
    // The towns and the gaps are cards too.
    expect(document.querySelector('[data-test="compliance-towns"] table')).toBeNull()
    expect(document.querySelector('[data-test="compliance-towns"] .sl-card')?.textContent).toContain('楠市镇')
    wrapper.unmount()
  })
})

describe('the overdue requests (逾期诉求)', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  function withOverdue(): Compliance {
    const answer = village()
    answer.ok = false
    answer.overdue = [
      {
        id: 12,
        owner: { kind: 'person', id: 3, name: '曾进龙' },
        requester: { kind: 'enterprise', id: 9, name: '蓝山县朋佳中草药种植有限公司' },
        category: 'land',
        title: '晾晒棚用地审批',
        raised_on: '2026-10-08',
        due_on: '2026-11-05',
        days_overdue: 22,
      },
      {
        id: 15,
        owner: { kind: 'office', region: { code: '431127103', name: '楠市镇' } },
        requester: null,
        category: 'other',
        title: '协调招工',
        raised_on: '2026-09-01',
        due_on: '2026-09-22',
        days_overdue: 1,
      },
    ]
    answer.overdue_total = 2
    return answer
  }

  it('lists each late request with its requester, category, owner and days late, leading to its page', async () => {
    const wrapper = await mountReport(withOverdue(), ['compliance.read', 'requests.read', 'enterprises.read'])
    const section = document.querySelector('[data-test="compliance-overdue"]')!
    expect(section.querySelector('h2')?.textContent).toBe('逾期诉求（2）')
    expect([...section.querySelectorAll('thead th')].map((th) => th.textContent?.trim())).toEqual([
      '诉求',
      '超期',
      '提出人',
      '类别',
      '责任人',
      '提出日期',
      '办理期限',
    ])
    const rows = [...section.querySelectorAll('.el-table__body tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()))
    expect(rows).toEqual([
      ['晾晒棚用地审批', '22 天', '蓝山县朋佳中草药种植有限公司', '用地', '曾进龙', '2026-10-08', '2026-11-05'],
      ['协调招工', '1 天', '', '其他', '楠市镇党政办', '2026-09-01', '2026-09-22'],
    ])
    expect(section.querySelector('[data-test="overdue-request-12"]')?.getAttribute('href')).toBe('/requests/12')
    expect(section.querySelector('a[href="/enterprises/9"]')?.textContent).toBe('蓝山县朋佳中草药种植有限公司')
    wrapper.unmount()
  })

  it('says none is late when none is', async () => {
    const wrapper = await mountReport(village())
    expect(document.querySelector('[data-test="compliance-overdue"]')?.textContent).toContain('没有逾期未办结的诉求。')
    wrapper.unmount()
  })
})
