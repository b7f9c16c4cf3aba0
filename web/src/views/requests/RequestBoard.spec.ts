import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { RequestRecord } from '@/api/types'
import { resetRequestCodes } from '@/composables/useRequestCodes'
import { i18n } from '@/i18n'
import { json, stubFetch } from '@/test-support/fetch'
import { makeRequest, requestCodes, STATUSES } from '@/test-support/requests'
import RequestBoard from './RequestBoard.vue'
import { boardColumns } from './requests'

// Open requests as RequestsView hands them to the board, in no particular order.
const ON_TIME = makeRequest()
const DUE_SOON = makeRequest({ id: 20, title: '路灯维修', status: 'in_progress', due_on: '2022-03-28', requester: null, owner: null, category: 'water' })
const LATE_4 = makeRequest({
  id: 15,
  title: '协调招工',
  category: 'labour',
  status: 'in_progress',
  overdue: true,
  days_overdue: 4,
  escalation: 'town',
  due_on: '2022-03-20',
  owner: { kind: 'office', region: { code: '431127103', name: '楠市镇' } },
  requester: { kind: 'person', id: 219, name: '蒋金家' },
})
const LATE_12 = makeRequest({ id: 7, title: '贷款贴息', category: 'finance', status: 'in_progress', overdue: true, days_overdue: 12, escalation: 'county', due_on: '2022-03-12' })
const ACCEPTED = makeRequest({ id: 30, title: '道路硬化', status: 'accepted', due_on: '2022-04-10' })

async function board(items: RequestRecord[], props: { loading?: boolean; total?: number; statusFilter?: string } = {}) {
  stubFetch((r) => requestCodes(r.url) ?? json(200, { items: [], total: 0 }))
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/requests', name: 'requests', component: { render: () => null } },
      { path: '/requests/:id', name: 'request', component: { render: () => null } },
    ],
  })
  await router.push('/requests')
  const wrapper = mount(RequestBoard, {
    props: {
      columns: boardColumns(items, STATUSES, props.statusFilter ?? 'open'),
      loading: props.loading ?? false,
      total: props.total ?? items.length,
      shown: items.length,
    },
    global: { plugins: [router, i18n] },
    attachTo: document.body,
  })
  await flushPromises()
  return wrapper
}

const cardIds = (column: ReturnType<Awaited<ReturnType<typeof board>>['find']>) =>
  column.findAll('[data-test^="request-board-card-"]').map((c) => c.attributes('data-test')!.replace('request-board-card-', ''))

describe('RequestBoard', () => {
  beforeEach(() => {
    resetRequestCodes()
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('has a column per status, each named with how many it holds', async () => {
    const wrapper = await board([ON_TIME, LATE_4, ACCEPTED, DUE_SOON, LATE_12])
    const columns = wrapper.findAll('[data-test^="request-column-"]')
    expect(columns.map((c) => [c.attributes('data-test'), c.find('h2 span').text(), c.find('[data-test="count"]').text()])).toEqual([
      ['request-column-registered', '登记', '0'],
      ['request-column-accepted', '受理', '1'],
      ['request-column-in_progress', '办理中', '4'],
      ['request-column-reopened', '重办', '0'],
    ])
    expect(wrapper.find('[data-test="request-column-registered"]').text()).toContain('暂无')
    expect(wrapper.find('[data-test="request-column-registered"] li').exists()).toBe(false)
    expect(wrapper.find('[data-test="request-column-accepted"]').text()).not.toContain('暂无')
  })

  it('puts the late ones first in a column, the longest late first, then by due date', async () => {
    const wrapper = await board([ON_TIME, DUE_SOON, LATE_4, LATE_12])
    const column = wrapper.find('[data-test="request-column-in_progress"]')
    expect(cardIds(column)).toEqual(['7', '15', '20', '12'])
    const cards = column.findAll('li')
    expect(cards.map((c) => c.classes().includes('late'))).toEqual([true, true, false, false])
    expect(cards[0].find('[data-test="request-overdue"]').text()).toBe('超期 12 天')
    expect(cards[0].find('[data-test="request-escalation"]').text()).toBe('已升级至县')
    expect(cards[1].find('[data-test="request-overdue"]').text()).toBe('超期 4 天')
    expect(cards[1].find('[data-test="request-escalation"]').text()).toBe('已升级至镇')
    expect(cards[2].find('[data-test="request-overdue"]').exists()).toBe(false)
    expect(cards[2].find('[data-test="request-escalation"]').exists()).toBe(false)
  })

  it('shows on a card its title linking to the request, who raised it, its category, its due date and owner', async () => {
    const wrapper = await board([LATE_4, DUE_SOON, ON_TIME])
    const late = wrapper.find('[data-test="request-board-card-15"]')
    const link = late.find('a')
    expect(link.text()).toBe('协调招工')
    expect(link.attributes('href')).toBe('/requests/15')
    const lines = late.findAll('p').map((p) => p.text().replace(/\s+/g, ' '))
    expect(lines).toEqual(['蒋金家 · 用工', '办理期限 2022-03-20 · 楠市镇党政办'])
    // The card shows no status tag: its column says it.
    expect(late.find('[data-test^="request-status-"]').exists()).toBe(false)

    expect(wrapper.find('[data-test="request-board-card-12"]').findAll('p').map((p) => p.text().replace(/\s+/g, ' '))).toEqual([
      '蓝山县朋佳中草药种植有限公司 · 用地',
      '办理期限 2022-04-01 · 曾进龙',
    ])
    // Nobody named, no owner: the category (as the server names it) and the due date alone.
    expect(wrapper.find('[data-test="request-board-card-20"]').findAll('p').map((p) => p.text())).toEqual(['水电保障', '办理期限 2022-03-28'])
  })

  it('follows a card’s title to the request', async () => {
    const wrapper = await board([LATE_4])
    await wrapper.find('[data-test="request-board-card-15"] a').trigger('click')
    await flushPromises()
    const router = wrapper.vm.$router
    expect(router.currentRoute.value.fullPath).toBe('/requests/15')
  })

  it('shows the closed statuses when those are filtered', async () => {
    const done = makeRequest({ id: 9, title: '贷款贴息咨询', status: 'rated', status_type: 'closed' })
    const wrapper = await board([done], { statusFilter: 'closed' })
    expect(wrapper.findAll('[data-test^="request-column-"]').map((c) => c.attributes('data-test'))).toEqual([
      'request-column-resolved',
      'request-column-rated',
      'request-column-withdrawn',
    ])
    expect(cardIds(wrapper.find('[data-test="request-column-rated"]'))).toEqual(['9'])
  })

  it('says when it shows only part of the list, and not otherwise', async () => {
    const cut = await board([ON_TIME, LATE_4], { total: 230 })
    expect(cut.find('[data-test="request-board-limit"]').text()).toBe('看板最多显示 2 条，共 230 条，请用筛选缩小范围。')
    cut.unmount()
    const whole = await board([ON_TIME, LATE_4])
    expect(whole.find('[data-test="request-board-limit"]').exists()).toBe(false)
  })

  it('is covered by a spinner while the requests are read', async () => {
    const wrapper = await board([], { loading: true })
    expect(wrapper.find('.el-loading-mask').exists()).toBe(true)
    await wrapper.setProps({ loading: false })
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(wrapper.find('.el-loading-mask').exists()).toBe(false)
  })

  it('speaks English to an English reader', async () => {
    i18n.global.locale.value = 'en'
    const wrapper = await board([LATE_4])
    expect(wrapper.find('[data-test="request-column-in_progress"] h2').text()).toContain('In progress')
    expect(wrapper.find('[data-test="request-column-registered"]').text()).toContain('None')
    const card = wrapper.find('[data-test="request-board-card-15"]')
    expect(card.find('[data-test="request-overdue"]').text()).toBe('4 days overdue')
    expect(card.text()).toContain('Office of 楠市镇')
  })
})
