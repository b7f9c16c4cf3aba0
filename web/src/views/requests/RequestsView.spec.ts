import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import type { RequestRecord, User } from '@/api/types'
import { resetRequestCodes } from '@/composables/useRequestCodes'
import { i18n } from '@/i18n'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { screen } from '@/test-support/land'
import { makeRequest, REQUEST_STATS, requestCodes } from '@/test-support/requests'
import { signedIn } from '@/test-support/users'
import RequestsView from './RequestsView.vue'

vi.mock('@/utils/download', async (original) => ({
  ...(await original<typeof import('@/utils/download')>()),
  saveFile: vi.fn(),
}))

// ECharts draws on a canvas happy-dom lacks: the spec sees the options it is given.
const charts = vi.hoisted(() => ({ options: [] as unknown[] }))
vi.mock('@/plugins/echarts', () => ({
  echarts: {
    init: () => ({ setOption: (option: unknown) => charts.options.push(option), resize: () => {}, dispose: () => {} }),
  },
}))

const LATE = makeRequest({
  id: 15,
  title: '协调招工',
  category: 'labour',
  status: 'accepted',
  overdue: true,
  days_overdue: 4,
  escalation: 'town',
  due_on: '2022-03-20',
  owner: { kind: 'office', region: { code: '431127103', name: '楠市镇' } },
  requester: { kind: 'person', id: 219, name: '蒋金家' },
})
const OPEN = makeRequest()
const DONE = makeRequest({ id: 9, title: '贷款贴息咨询', category: 'finance', status: 'rated', status_type: 'closed', due_on: '2022-02-20', rating: 'satisfied' })

const TOWN_STAFF = ['requests.read', 'requests.write', 'requests.manage', 'stats.read', 'people.read', 'enterprises.read']

async function openRequests(
  path = '/requests',
  options: { items?: RequestRecord[]; permissions?: string[]; user?: Partial<User>; respond?: (r: SentRequest) => Response | undefined } = {},
) {
  const items = options.items ?? [LATE, OPEN, DONE]
  const sent = stubFetch((r) => {
    const answer = options.respond?.(r) ?? requestCodes(r.url)
    if (answer) return answer
    if (r.url.includes('.xlsx')) return new Response('PK', { status: 200 })
    if (r.url.startsWith('/api/v1/stats/requests')) return json(200, REQUEST_STATS)
    if (r.url.startsWith('/api/v1/requests')) return json(200, { items, total: items.length })
    if (r.url.startsWith('/api/v1/regions/')) return json(200, { code: '431127103224', name: '朋佳村', ancestors: [] })
    return json(200, { items: [], total: 0 })
  })
  const pinia = signedIn({ permissions: options.permissions ?? TOWN_STAFF, ...options.user })
  const stub = { render: () => null }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/requests', name: 'requests', component: RequestsView },
      { path: '/requests/:id', name: 'request', component: stub },
      { path: '/people/:id', name: 'person', component: stub },
      { path: '/enterprises/:id', name: 'enterprise', component: stub },
    ],
  })
  await router.push(path)
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  await flushPromises()
  await flushPromises()
  const asked = (prefix = '/api/v1/requests?') =>
    sent.filter((r) => r.url.startsWith(prefix)).map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams))
  return { wrapper, router, sent, asked }
}

describe('RequestsView', () => {
  beforeEach(() => {
    resetRequestCodes()
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2022-03-25T04:00:00Z'))
  })
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('lists the requests late first, a late one with its red 超期 tag and its escalation', async () => {
    screen(false)
    const { wrapper, asked } = await openRequests()
    expect(asked().at(-1)).toEqual({ page: '1', page_size: '20' })
    const rows = wrapper.findAll('[data-test="requests-table"] .el-table__body tr')
    expect(rows).toHaveLength(3)
    const first = rows[0]
    expect(first.find('[data-test="request-link-15"]').attributes('href')).toBe('/requests/15')
    expect(first.find('[data-test="request-status-accepted"]').text()).toBe('受理')
    const late = first.find('[data-test="request-overdue"]')
    expect(late.text()).toBe('超期 4 天')
    expect(late.find('.el-tag').classes()).toContain('el-tag--danger')
    expect(first.find('[data-test="request-escalation"]').text()).toBe('已升级至镇')
    expect(first.text()).toContain('蒋金家')
    expect(first.text()).toContain('用工')
    expect(first.text()).toContain('楠市镇党政办')
    expect(first.find('a[href="/people/219"]').exists()).toBe(true)
    expect(rows[1].text()).toContain('办理中')
    expect(rows[1].text()).toContain('曾进龙')
    expect(rows[2].text()).toContain('已评价')
    expect(rows[2].find('[data-test="request-overdue"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('asks with the filters chosen, keeping them in the address', async () => {
    screen(false)
    const { wrapper, router, asked } = await openRequests('/requests?status=open&category=land&q=晾晒')
    expect(asked().at(-1)).toEqual({ status: 'open', category: 'land', q: '晾晒', page: '1', page_size: '20' })

    await wrapper.find('[data-test="requests-overdue"]').trigger('click')
    await flushPromises()
    await wrapper.find('[data-test="requests-mine"]').trigger('click')
    await flushPromises()
    expect(asked().at(-1)).toEqual({ status: 'open', category: 'land', q: '晾晒', overdue: 'true', owner: 'me', page: '1', page_size: '20' })
    expect(router.currentRoute.value.query).toMatchObject({ overdue: 'true', owner: 'me', status: 'open' })
    wrapper.unmount()
  })

  it('shows a board with a column per status, late ones first in red', async () => {
    screen(false)
    const other = makeRequest({ id: 20, title: '路灯维修', due_on: '2022-03-28', status: 'accepted' })
    const { wrapper, asked } = await openRequests('/requests?view=board&status=open', { items: [other, LATE, OPEN] })
    // The board reads every page (up to its limit), not one.
    expect(asked().at(-1)).toEqual({ status: 'open', page: '1', page_size: '200' })
    const columns = wrapper.findAll('[data-test^="request-column-"]')
    expect(columns.map((c) => c.attributes('data-test'))).toEqual([
      'request-column-registered',
      'request-column-accepted',
      'request-column-in_progress',
      'request-column-reopened',
    ])
    const accepted = wrapper.find('[data-test="request-column-accepted"]')
    expect(accepted.find('[data-test="count"]').text()).toBe('2')
    const cards = accepted.findAll('[data-test^="request-board-card-"]')
    expect(cards.map((c) => c.attributes('data-test'))).toEqual(['request-board-card-15', 'request-board-card-20'])
    expect(cards[0].classes()).toContain('late')
    expect(cards[0].find('[data-test="request-overdue"]').text()).toBe('超期 4 天')
    expect(cards[0].find('[data-test="request-escalation"]').text()).toBe('已升级至镇')
    expect(wrapper.find('[data-test="request-column-registered"]').text()).toContain('暂无')
    wrapper.unmount()
  })

  it('shows each request as a card on a phone', async () => {
    screen(true)
    const { wrapper } = await openRequests()
    const card = wrapper.find('[data-test="request-card-15"]')
    expect(card.classes()).toContain('request-late')
    expect(card.find('[data-test="request-link-15"]').text()).toBe('协调招工')
    expect(card.find('[data-test="request-overdue"]').text()).toBe('超期 4 天')
    expect(card.text()).toContain('蒋金家 · 用工 · 朋佳村')
    expect(card.text()).toContain('2022-03-20')
    wrapper.unmount()
  })

  it('offers 登记诉求 and importing to those who raise requests, and exports the list as filtered', async () => {
    screen(false)
    const writer = await openRequests('/requests?status=open')
    expect(writer.wrapper.find('[data-test="request-create"]').exists()).toBe(true)
    expect(writer.wrapper.find('[data-test="excel-template"]').exists()).toBe(true)
    await writer.wrapper.find('[data-test="excel-export"]').trigger('click')
    await flushPromises()
    expect(writer.sent.filter((r) => r.url.includes('.xlsx')).map((r) => r.url)).toEqual(['/api/v1/exports/requests.xlsx?status=open'])
    await writer.wrapper.find('[data-test="request-create"]').trigger('click')
    await flushPromises()
    expect(document.querySelector('[data-test="request-dialog"] .el-dialog__title')?.textContent).toBe('登记诉求')
    writer.wrapper.unmount()

    const reader = await openRequests('/requests', { permissions: ['requests.read'] })
    expect(reader.wrapper.find('[data-test="request-create"]').exists()).toBe(false)
    expect(reader.wrapper.find('[data-test="excel-template"]').exists()).toBe(false)
    expect(reader.wrapper.find('[data-test="requests-mine"]').exists()).toBe(false)
    reader.wrapper.unmount()
  })

  it('shows a town’s figures with its villages side by side; a village narrows the list and the figures', async () => {
    screen(false)
    charts.options.length = 0
    const { wrapper, asked } = await openRequests()
    expect(asked('/api/v1/stats/requests?').at(-1)).toEqual({ region: '431127103', from: '2022-01-01', to: '2022-12-31' })
    const figure = (key: string) => wrapper.find(`[data-test="request-stats-${key}"] [data-test="value"]`).text()
    expect(figure('total')).toBe('43')
    expect(figure('open')).toBe('4')
    expect(figure('overdue')).toBe('2')
    expect(figure('resolved')).toBe('38')
    expect(figure('on_time_rate')).toBe('89.5%')
    expect(figure('satisfaction_rate')).toBe('94.3%')
    expect(figure('median_days_to_resolve')).toBe('9 天')
    expect(wrapper.find('[data-test="request-stats-overdue"]').classes()).toContain('alert')
    await vi.waitFor(() => expect(wrapper.find('[data-test="request-stats-categories"]').exists()).toBe(true))
    // One bar per category with requests, stacked: resolved, open in time, overdue.
    const chart = charts.options.at(-2) as { yAxis: { data: string[] } }
    expect(chart.yAxis.data).toEqual(['用工', '用地'])

    const village = wrapper.find('[data-test="request-stats-child-431127103224"]')
    expect(village.find('[data-test="on_time_rate"]').text()).toBe('80%')
    expect(village.find('[data-test="satisfaction_rate"]').text()).toBe('90%')
    expect(wrapper.find('[data-test="request-stats-child-431127103228"] [data-test="on_time_rate"]').text()).toBe('—')
    await village.find('[data-test="request-stats-child-link-431127103224"]').trigger('click')
    await flushPromises()
    expect(asked().at(-1)).toMatchObject({ region: '431127103224' })
    expect(asked('/api/v1/stats/requests?').at(-1)).toEqual({ region: '431127103224', from: '2022-01-01', to: '2022-12-31' })
    wrapper.unmount()
  })

  it('shows no figures to a village’s users, to those without stats.read, or where the server refuses them', async () => {
    screen(false)
    const village = await openRequests('/requests', { user: { view_region: { code: '431127103224', name: '朋佳村' } } })
    expect(village.wrapper.find('[data-test="request-stats"]').exists()).toBe(false)
    expect(village.asked('/api/v1/stats/requests')).toEqual([])
    village.wrapper.unmount()

    const reader = await openRequests('/requests', { permissions: ['requests.read'] })
    expect(reader.wrapper.find('[data-test="request-stats"]').exists()).toBe(false)
    reader.wrapper.unmount()

    const refused = await openRequests('/requests', {
      permissions: ['requests.read', 'stats.read'],
      respond: (r) => (r.url.startsWith('/api/v1/stats/requests') ? apiError(403, 'forbidden', '无权查看') : undefined),
    })
    expect(refused.wrapper.find('[data-test="request-stats"]').exists()).toBe(false)
    expect(refused.wrapper.find('[data-test="requests-table"]').exists()).toBe(true)
    refused.wrapper.unmount()
  })

  it('speaks English to an English reader', async () => {
    screen(false)
    i18n.global.locale.value = 'en'
    const { wrapper } = await openRequests()
    const first = wrapper.findAll('[data-test="requests-table"] .el-table__body tr')[0]
    expect(first.find('[data-test="request-overdue"]').text()).toBe('4 days overdue')
    expect(first.find('[data-test="request-escalation"]').text()).toBe('Escalated to the town')
    expect(first.text()).toContain('Office of 楠市镇')
    expect(wrapper.find('[data-test="request-stats-median_days_to_resolve"] [data-test="value"]').text()).toBe('9 days')
    wrapper.unmount()
  })
})
