import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { ElSelect } from 'element-plus'
import type { Compliance, QuotaStatus, Summary, TodoItem, User } from '@/api/types'
import { resetDataYears } from '@/composables/useDataYears'
import { resetRequestCodes } from '@/composables/useRequestCodes'
import { i18n } from '@/i18n'
import { routes } from '@/router/routes'
import { json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { screen } from '@/test-support/land'
import { makeRequest, requestCodes } from '@/test-support/requests'
import { DEFINITIONS, figure, LANSHAN, level, NANSHI, PENGJIA, summary, TOWN_2022, TOWN_STATES } from '@/test-support/summary'
import { signedIn } from '@/test-support/users'
import HomeView from './HomeView.vue'

// ECharts draws on a canvas happy-dom lacks: the spec sees the options it is given.
vi.mock('@/plugins/echarts', () => ({
  echarts: { init: () => ({ setOption: () => {}, resize: () => {}, dispose: () => {} }) },
}))

const TODO: TodoItem[] = [
  { kind: 'request', title: '已升级：咨询稳岗返还政策（政策咨询）', due: '2022-12-12', severity: 'late', link: '/requests/37' },
  { kind: 'rent_overdue', title: '朋佳中草药 第 5 期租金逾期 97 天', due: '2026-09-01', severity: 'late', link: '/land/1' },
]

function quota(person: { id: number; name: string }, target: 'wealth_creator' | 'village_branch', required: number, actual: number): QuotaStatus {
  return { rule: target === 'wealth_creator' ? 2 : 1, source_filter: 'leadership_team', target_filter: target, period: 'year', from: '2026-01-01', person, required, actual, missing: Math.max(0, required - actual) }
}

function compliance(overrides: Partial<Compliance> = {}): Compliance {
  return { region: NANSHI, date: '2022-12-31', ok: true, levels: [], quotas: [], quotas_total: 30, quotas_failing: 0, overdue: [], overdue_total: 0, ...overrides }
}

interface Server {
  /** The figures of a region over a period (default: none). */
  figures?: (region: string, from: string, to: string, byChild: boolean) => Summary
  todo?: TodoItem[]
  compliance?: Compliance
}

const OFFICE = { roles: ['town_office'], permissions: ['pairing.read', 'compliance.read', 'rules.write', 'people.read', 'requests.read', 'events.read', 'memberships.read', 'briefs.read'] }

/** The home page at an address for a user, the server answering as told; what it asked is in `asked`. */
async function openHome(path: string, user: Partial<User>, server: Server) {
  const sent = stubFetch((r) => {
    const url = new URL(r.url, 'http://x')
    const query = Object.fromEntries(url.searchParams)
    const codes = requestCodes(r.url)
    if (codes) return codes
    if (url.pathname === '/api/v1/stats/figures') return json(200, { figures: DEFINITIONS })
    if (url.pathname === '/api/v1/stats/summary') {
      const answer = server.figures?.(query.region, query.from, query.to, query.by === 'child')
      return json(200, answer ?? summary(NANSHI, query.from, query.to, []))
    }
    if (url.pathname === '/api/v1/todo') return json(200, { date: '2026-12-07', items: server.todo ?? [] })
    if (url.pathname === '/api/v1/compliance') return json(200, server.compliance ?? compliance())
    if (url.pathname.startsWith('/api/v1/regions/')) {
      return json(200, { ...NANSHI, ancestors: [{ code: '43', name: '湖南省', level: 'province' }, { code: '4311', name: '永州市', level: 'city' }, { ...LANSHAN }] })
    }
    if (url.pathname === '/api/v1/pairings') {
      return json(200, {
        items: [
          { id: 4, level: 1, source: { id: 2, name: '廖英杰' }, target: { kind: 'person', id: 193, name: '黄华', region: { code: '431127103224', name: '朋佳村' } }, valid_from: '2022-06-04', valid_to: null, origin: 'import', version: 1 },
          { id: 29, level: 1, source: { id: 2, name: '廖英杰' }, target: { kind: 'person', id: 218, name: '梁娟家', region: { code: '431127103231', name: '镇西村' } }, valid_from: '2022-03-26', valid_to: null, origin: 'import', version: 1 },
        ],
        total: 2,
      })
    }
    if (url.pathname === '/api/v1/requests') {
      if (query.status === 'open') return json(200, { items: [], total: 1 })
      if (query.overdue) return json(200, { items: [], total: 0 })
      return json(200, { items: [makeRequest({ id: 29, title: '土地边界纠纷调处', status: 'rated' })], total: 2 })
    }
    return json(200, { items: [], total: 0 })
  })
  const pinia = signedIn(user)
  const router: Router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  const wrapper = mount(HomeView, { global: { plugins: [pinia, router, i18n] }, attachTo: document.body }) as VueWrapper
  await settle()
  const asked = (pathname: string) =>
    sent.filter((r: SentRequest) => r.url.startsWith(`/api/v1/${pathname}?`)).map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams))
  return { wrapper, router, asked }
}

async function settle() {
  for (let i = 0; i < 6; i++) await flushPromises()
}

const tile = (wrapper: VueWrapper, test: string) => wrapper.find(`[data-test="${test}"]`)
const value = (wrapper: VueWrapper, test: string) => tile(wrapper, test).find('[data-test="value"]').text()

/** 楠市镇 as the demo has it: records in 2022, states since, and a little less a year earlier. */
function nanshiServer(extra: Partial<Server> = {}): Server {
  return {
    figures: (_region, from, to) => {
      if (from.startsWith('2022')) return summary(NANSHI, from, to, TOWN_2022)
      if (from.startsWith('2021')) return summary(NANSHI, from, to, [figure('chamber.members', 28), figure('events.count', 20)])
      return summary(NANSHI, from, to, TOWN_STATES)
    },
    todo: TODO,
    ...extra,
  }
}

describe('the home page', () => {
  beforeEach(() => {
    resetDataYears()
    resetRequestCodes()
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
    screen(false)
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-07T04:00:00Z'))
  })
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('shows the town office the latest year with records when this year has none, and says so', async () => {
    const { wrapper, asked } = await openHome('/', OFFICE, nanshiServer())
    expect(wrapper.find('[data-test="home-fell-back"]').text()).toContain('本年（2026年）还没有活动、走访、诉求等记录，先显示有记录的最近一年：2022年')
    expect(wrapper.find('[data-test="home-title"]').text()).toBe('楠市镇工作概况')
    expect(wrapper.find('[data-test="home-scope"]').text()).toContain('统计期间 2022-01-01 至 2022-12-31')
    // The period and the same span a year earlier.
    expect(asked('stats/summary').slice(-2)).toEqual([
      { region: '431127103', from: '2022-01-01', to: '2022-12-31' },
      { region: '431127103', from: '2021-01-01', to: '2021-12-31' },
    ])
    expect(wrapper.find('[data-test="period-choice"]').text()).toContain('2022年')
    wrapper.unmount()
  })

  it('tiles the figures as officials write them, with their change from a year earlier', async () => {
    const { wrapper } = await openHome('/?from=2022-01-01&to=2022-12-31', OFFICE, nanshiServer())
    expect(wrapper.find('[data-test="home-fell-back"]').exists()).toBe(false)
    expect(tile(wrapper, 'home-chamber-chamber-members').find('dt').text()).toBe('商会会员')
    expect(value(wrapper, 'home-chamber-chamber-members')).toBe('31人')
    expect(value(wrapper, 'home-chamber-chamber-registered_capital')).toBe('近千万元')
    expect(tile(wrapper, 'home-chamber-chamber-registered_capital').find('[data-test="value"]').attributes('title')).toBe('9860000元')
    expect(tile(wrapper, 'home-chamber-chamber-members').find('[data-test="note"]').text()).toBe('比上年同期 +3人（+10.7%）')
    expect(tile(wrapper, 'home-chamber-chamber-party_members').find('[data-test="note"]').text()).toBe('上年同期无记录')
    // Requests had no records a year earlier at all: no note about them.
    expect(tile(wrapper, 'home-requests-requests-total').find('[data-test="note"]').exists()).toBe(false)
    expect(value(wrapper, 'home-requests-requests-total')).toBe('40件')
    expect(tile(wrapper, 'home-requests-requests-overdue').classes()).toContain('alert')
    expect(value(wrapper, 'home-activity-events-attendances')).toBe('500余人次')
    expect(value(wrapper, 'home-coverage-level1')).toBe('100%')
    expect(tile(wrapper, 'home-coverage-level1').find('dt').text()).toBe('第一级 · 企业家')
    expect(wrapper.find('[data-test="home-brief"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('says nothing of a ledger without records in the period', async () => {
    const { wrapper } = await openHome('/?from=2022-01-01&to=2022-12-31', OFFICE, nanshiServer())
    // No land figures in 2022 here: no card, no zero made up.
    expect(wrapper.find('[data-test="home-land"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="home-chamber"]').exists()).toBe(true)
    expect(wrapper.text()).not.toContain('土地流转与集体收入')
    wrapper.unmount()
  })

  it('turns the comparison off on request', async () => {
    const { wrapper, asked } = await openHome('/?from=2022-01-01&to=2022-12-31', OFFICE, nanshiServer())
    const before = asked('stats/summary').length
    wrapper.find('[data-test="home-compare"]').trigger('click')
    await settle()
    expect(asked('stats/summary').slice(before)).toEqual([{ region: '431127103', from: '2022-01-01', to: '2022-12-31' }])
    expect(tile(wrapper, 'home-chamber-chamber-members').find('[data-test="note"]').exists()).toBe(false)
    // Coverage says how many are covered instead.
    expect(tile(wrapper, 'home-coverage-level1').find('[data-test="note"]').text()).toBe('已包保 31/31')
    wrapper.unmount()
  })

  it('asks for the period picked, keeps it in the address and compares this month with the same days of last year', async () => {
    const { wrapper, asked, router } = await openHome('/?from=2022-01-01&to=2022-12-31', OFFICE, nanshiServer())
    wrapper.findComponent(ElSelect).vm.$emit('update:modelValue', 'thisMonth')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ from: '2026-12-01', to: '2026-12-31' })
    expect(asked('stats/summary').slice(-2)).toEqual([
      { region: '431127103', from: '2026-12-01', to: '2026-12-31' },
      { region: '431127103', from: '2025-12-01', to: '2025-12-07' },
    ])
    wrapper.findComponent(ElSelect).vm.$emit('update:modelValue', 'lastYear')
    await settle()
    expect(asked('stats/summary').at(-2)).toEqual({ region: '431127103', from: '2025-01-01', to: '2025-12-31' })
    wrapper.unmount()
  })

  it('says where no coverage rule or quota is set, with a link to where rules are set', async () => {
    const figures = [...TOWN_2022.filter((f) => !f.code.startsWith('pairing.level2')), ...level(2, null)]
    const { wrapper } = await openHome('/?from=2022-01-01&to=2022-12-31', OFFICE, {
      figures: (_region, from, to) => summary(NANSHI, from, to, from.startsWith('2022') ? figures : []),
      compliance: compliance({ quotas_total: 0 }),
    })
    const noRule = wrapper.find('[data-test="home-coverage-no-rule-2"]')
    expect(noRule.text()).toContain('第二级 · 村')
    expect(noRule.text()).toContain('尚未设置覆盖规则')
    expect(noRule.find('a').attributes('href')).toBe('/compliance?region=431127103&date=2022-12-31&tab=rules')
    expect(wrapper.find('[data-test="home-coverage-level2"]').exists()).toBe(false)
    expect(value(wrapper, 'home-coverage-level3')).toBe('100%')
    const noQuota = wrapper.find('[data-test="home-quota-no-rule"]')
    expect(noQuota.text()).toContain('尚未设置联系任务规则')
    expect(noQuota.find('a').attributes('href')).toBe('/compliance?region=431127103&date=2022-12-31&tab=rules')
    wrapper.unmount()
  })

  it('names who is furthest behind on their quotas', async () => {
    const { wrapper, asked } = await openHome('/?from=2022-01-01&to=2022-12-31', OFFICE, {
      ...nanshiServer(),
      compliance: compliance({ quotas_total: 30, quotas_failing: 2, quotas: [quota({ id: 3, name: '欧阳强' }, 'wealth_creator', 3, 0), quota({ id: 2, name: '廖英杰' }, 'village_branch', 2, 1)] }),
    })
    expect(asked('compliance')).toEqual([{ region: '431127103', date: '2022-12-31', limit: '5' }])
    expect(wrapper.find('[data-test="home-quota-summary"]').text()).toBe('截至 2022-12-31，30 项联系任务已完成 28 项')
    expect(wrapper.findAll('[data-test="home-quota-person"]').map((li) => li.findAll('a, span').map((part) => part.text()))).toEqual([
      ['欧阳强', '每年联系致富能手', '还差 3 个'],
      ['廖英杰', '每年联系村党支部', '还差 1 个'],
    ])
    wrapper.unmount()
  })

  it('lists the first of today’s to-dos, leading to each and to the whole list', async () => {
    const { wrapper } = await openHome('/?from=2022-01-01&to=2022-12-31', OFFICE, nanshiServer())
    const items = wrapper.findAll('[data-test="home-todo-item"]')
    expect(items.map((li) => li.find('a').attributes('href'))).toEqual(['/requests/37', '/land/1'])
    expect(items[0].classes()).toContain('late')
    expect(wrapper.find('[data-test="home-todo-more"]').text()).toContain('全部待办（2）')
    wrapper.unmount()
  })

  it('shows the county its towns ranked, each opening the town’s home', async () => {
    const town = (region: { code: string; name: string }, figures: ReturnType<typeof figure>[]) => ({ region: { ...region, level: 'town' as const }, figures })
    const children = [
      town({ code: '431127104', name: '所城镇' }, [...level(1, 6, 5), ...level(2, 18, 3), figure('events.count', 2)]),
      town(NANSHI, [...TOWN_2022, figure('income.total', 40000, '4万元')]),
      town({ code: '431127106', name: '祠堂圩镇' }, []),
    ]
    const { wrapper, asked, router } = await openHome('/?from=2022-01-01&to=2022-12-31', { username: 'lanshan', roles: ['county_org'], permissions: ['pairing.read', 'compliance.read'], view_region: { code: '431127', name: '蓝山县' } }, {
      figures: (region, from, to, byChild) =>
        region === '431127' ? summary(LANSHAN, from, to, from.startsWith('2022') ? TOWN_2022 : [], byChild ? children : undefined) : summary(NANSHI, from, to, TOWN_2022),
    })
    expect(asked('stats/summary')).toContainEqual({ region: '431127', from: '2022-01-01', to: '2022-12-31', by: 'child' })
    expect(wrapper.find('[data-test="home-ranking"] h2').text()).toBe('各乡镇对比')
    const table = wrapper.find('[data-test="home-ranking-table"]')
    const rows = () => table.findAll('tbody tr').map((tr) => tr.findAll('th, td').map((c) => c.text()))
    // By coverage first, a town without any rule last.
    expect(rows()).toEqual([
      ['1', '楠市镇', '100%', '91.7%', '33次', '200万元', '4万元'],
      ['2', '所城镇', '33.3%', '—', '2次', '—', '—'],
      ['3', '祠堂圩镇', '—', '—', '—', '—', '—'],
    ])
    await table.find('[data-test="home-ranking-table-sort-events"]').trigger('click')
    await table.find('[data-test="home-ranking-table-sort-events"]').trigger('click')
    expect(rows().map((r) => r[1])).toEqual(['所城镇', '楠市镇', '祠堂圩镇'])

    const link = table.find('[data-test="home-ranking-row-link-431127103"]')
    expect(link.attributes('href')).toBe('/?region=431127103&from=2022-01-01&to=2022-12-31')
    await link.trigger('click')
    await settle()
    expect(router.currentRoute.value.query).toEqual({ region: '431127103', from: '2022-01-01', to: '2022-12-31' })
    expect(asked('stats/summary')).toContainEqual({ region: '431127103', from: '2022-01-01', to: '2022-12-31' })
    expect(wrapper.find('[data-test="home"]').attributes('data-layout')).toBe('town')
    expect(wrapper.find('[data-test="home-crumbs"]').text()).toContain('蓝山县')
    // The county's to-do list is not the town's.
    expect(wrapper.find('[data-test="home-todo"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows a leader the entrepreneurs he answers for, what he still owes and his requests', async () => {
    const me = { id: 2, name: '廖英杰' }
    const { wrapper, asked } = await openHome(
      '/',
      { username: 'zhenzhang', roles: ['leader'], person_id: 2, permissions: ['pairing.read', 'compliance.read', 'requests.read', 'contacts.write', 'people.read'] },
      {
        ...nanshiServer(),
        compliance: compliance({ quotas: [quota(me, 'wealth_creator', 3, 0), quota({ id: 3, name: '欧阳强' }, 'wealth_creator', 3, 1), quota(me, 'village_branch', 2, 2)] }),
      },
    )
    expect(wrapper.find('[data-test="home-title"]').text()).toBe('我的工作台')
    expect(asked('pairings')).toEqual([{ source: '2', level: '1', date: '2022-12-31', page_size: '200' }])
    expect(wrapper.find('[data-test="home-my-pairings"] h2').text()).toBe('我包保的企业家（2）')
    expect(wrapper.findAll('[data-test="home-my-pairing"]').map((li) => li.find('a').text())).toEqual(['黄华', '梁娟家'])
    expect(wrapper.find('[data-test="home-visit-193"]').attributes('href')).toBe('/contacts/new?target_kind=person&target=193&target_name=%E9%BB%84%E5%8D%8E')
    // Only his own quota lines.
    const lines = wrapper.findAll('[data-test="home-my-quota-line"]')
    expect(lines).toHaveLength(2)
    expect(lines[0].text()).toContain('每年联系致富能手')
    expect(lines[0].text()).toContain('已完成 0 / 应完成 3')
    expect(lines[0].find('[data-test="home-my-quota-missing"]').text()).toBe('还差 3 个')
    expect(lines[1].find('[data-test="home-my-quota-missing"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="home-my-quota-summary"]').text()).toBe('截至 2022-12-31，还有 1 项联系任务未完成')
    expect(asked('requests')).toContainEqual({ owner: 'me', from: '2022-01-01', to: '2022-12-31', page_size: '5' })
    expect(value(wrapper, 'home-my-requests-raised')).toBe('2')
    expect(value(wrapper, 'home-my-requests-open')).toBe('1')
    expect(wrapper.findAll('[data-test="home-my-request"]').map((li) => li.find('a').text())).toEqual(['土地边界纠纷调处'])
    // No town figures on a leader's own page, and no comparison to switch.
    expect(wrapper.find('[data-test="home-chamber"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="home-compare"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows a village secretary the village’s people, land and collective income, and no coverage', async () => {
    const village = [
      figure('people.total', 11),
      figure('people.party_members', 5),
      figure('people.activists', 1),
      figure('regions.groups', 6),
      ...level(2, null),
      figure('land.contracts', 1, '1个'),
      figure('land.area', 450, '450亩'),
      figure('land.rent_due', 40000, '4万元'),
      figure('land.rent_received', 40000, '4万元'),
      figure('income.total', 52000, '5.2万元'),
      figure('income.source.rent', 40000, '4万元'),
      figure('income.source.subsidy', 12000, '1.2万元'),
    ]
    const { wrapper, asked } = await openHome('/?from=2022-01-01&to=2022-12-31', { username: 'pengjia', roles: ['village_secretary'], permissions: ['pairing.read', 'people.read', 'land.read', 'income.read'], view_region: { code: PENGJIA.code, name: PENGJIA.name } }, {
      figures: (_region, from, to) => summary(PENGJIA, from, to, from.startsWith('2022') ? village : []),
    })
    expect(asked('stats/summary')).toContainEqual({ region: '431127103224', from: '2022-01-01', to: '2022-12-31' })
    expect(wrapper.find('[data-test="home-title"]').text()).toBe('朋佳村工作概况')
    expect(['people-total', 'people-party_members', 'people-activists', 'regions-groups'].map((k) => value(wrapper, `home-people-${k}`))).toEqual(['11人', '5人', '1人', '6个'])
    expect(value(wrapper, 'home-land-land-area')).toBe('450亩')
    expect(value(wrapper, 'home-income-income-total')).toBe('5.2万元')
    expect(wrapper.find('[data-test="home-income-chart"]').exists() || wrapper.find('[data-test="home-income"]').text().includes('集体收入来源')).toBe(true)
    expect(wrapper.find('[data-test="home-coverage"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('shows the chamber’s secretary the chamber first, and events without visits', async () => {
    const { wrapper } = await openHome('/?from=2022-01-01&to=2022-12-31', { username: 'chamber', roles: ['chamber_secretary'], permissions: ['memberships.read', 'events.read'] }, {
      figures: (_region, from, to) => summary(NANSHI, from, to, from.startsWith('2022') ? [...TOWN_STATES.filter((f) => f.code.startsWith('chamber.')), figure('events.count', 33, '33次')] : []),
    })
    const cards = wrapper.findAll('.grid > section').map((card) => card.attributes('data-test'))
    expect(cards).toEqual(['home-chamber', 'home-activity', 'home-todo'])
    expect(wrapper.find('[data-test="home-activity"] h2').text()).toBe('活动')
    expect(value(wrapper, 'home-chamber-chamber-enterprises')).toBe('31家')
    wrapper.unmount()
  })

  it('says so when the period has no records at all, offering the years that have', async () => {
    const { wrapper } = await openHome('/?from=2026-01-01&to=2026-12-31', OFFICE, {
      figures: (_region, from, to) => summary(NANSHI, from, to, from.startsWith('2022') ? TOWN_2022 : []),
    })
    expect(wrapper.find('[data-test="home-empty"]').text()).toContain('这段时间楠市镇没有任何记录')
    expect(wrapper.find('[data-test="home-chamber"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="home-coverage"]').exists()).toBe(false)
    await wrapper.find('[data-test="home-empty-year-2022"]').trigger('click')
    await settle()
    expect(value(wrapper, 'home-chamber-chamber-members')).toBe('31人')
    wrapper.unmount()
  })

  it('shows a user whose account has no region their to-do list, and no figures to wait for', async () => {
    const { wrapper, asked } = await openHome('/', { roles: [], permissions: [], view_region: null, capture_region: null, all_regions: false }, { todo: TODO })
    expect(asked('stats/summary')).toEqual([])
    expect(wrapper.find('.el-skeleton').exists()).toBe(false)
    expect(wrapper.findAll('[data-test="home-todo-item"]')).toHaveLength(2)
    wrapper.unmount()
  })

  it('speaks English to an English reader', async () => {
    i18n.global.locale.value = 'en'
    const { wrapper } = await openHome('/?from=2022-01-01&to=2022-12-31', OFFICE, {
      figures: (_region, from, to) => summary(NANSHI, from, to, from.startsWith('2022') ? TOWN_2022.map((f) => (f.unit === '元' ? { ...f, unit: 'yuan' } : f)) : []),
    })
    expect(wrapper.find('[data-test="home-title"]').text()).toBe('楠市镇 at a glance')
    expect(value(wrapper, 'home-chamber-chamber-registered_capital')).toBe('9,860,000 yuan')
    expect(wrapper.find('[data-test="home-chamber"] h2').text()).toBe('Chamber of commerce')
    wrapper.unmount()
  })
})
