import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { ElDatePicker, ElSelect } from 'element-plus'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import type { IncomeStats } from '@/api/income'
import OrganizationSelect from '@/components/OrganizationSelect.vue'
import { i18n } from '@/i18n'
import { json, stubFetch } from '@/test-support/fetch'
import { makeIncomeEntry, makeIncomeStats, screen } from '@/test-support/land'
import { signedIn } from '@/test-support/users'
import CollectiveIncomeView from './CollectiveIncomeView.vue'

// No canvas here: the chart is told what to draw, and draws nothing.
const chart = vi.hoisted(() => ({ setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn() }))
vi.mock('@/plugins/echarts', () => ({ echarts: { init: () => chart } }))

async function openIncome(options: { permissions?: string[]; stats?: () => IncomeStats; path?: string } = {}) {
  const { permissions = ['income.read', 'income.write'], stats = () => makeIncomeStats(), path = '/income' } = options
  const sent = stubFetch((r) => {
    if (r.url.startsWith('/api/v1/stats/collective-income')) return json(200, stats())
    if (r.url.startsWith('/api/v1/collective-income') && r.method === 'POST') return json(201, makeIncomeEntry({ id: 6, ...(r.body as object) }))
    if (r.url.startsWith('/api/v1/collective-income')) return json(200, { items: [makeIncomeEntry()], total: 1 })
    return json(200, { items: [], total: 0 })
  })
  const pinia = signedIn({ permissions })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/income', name: 'income', component: CollectiveIncomeView },
      { path: '/organizations/:id', name: 'organization', component: { render: () => null } },
    ],
  })
  await router.push(path)
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  await flushPromises()
  const asked = (prefix: string) => sent.filter((r) => r.url.startsWith(prefix)).map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams))
  return { wrapper, sent, router, asked }
}

describe('CollectiveIncomeView', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2023-10-16T04:00:00Z'))
    screen(false)
  })
  afterEach(() => vi.useRealTimers())

  it('shows the year’s total and its split by source, the land rent first, for the user’s region', async () => {
    const { wrapper, asked } = await openIncome()
    expect(asked('/api/v1/stats/collective-income?').at(-1)).toEqual({ region: '431127103', year: '2023', by: 'child' })
    expect(wrapper.find('[data-test="income-total"]').text()).toBe('5.5万元')
    const rent = wrapper.find('[data-test="income-source-rent"]')
    expect(rent.text()).toContain('土地流转租金')
    expect(rent.find('[data-test="amount"]').text()).toBe('4万元')
    expect(rent.text()).toContain('72.7%')
    expect(wrapper.find('[data-test="income-source-dividend"] [data-test="amount"]').text()).toBe('1.5万元')
    // Sources with nothing still have their row.
    expect(wrapper.find('[data-test="income-source-subsidy"] [data-test="amount"]').text()).toBe('0万元')
    await vi.waitFor(() => expect(chart.setOption).toHaveBeenCalled())
    const option = chart.setOption.mock.calls.at(-1)![0] as { series: { data: { name: string; value: number }[] }[] }
    expect(option.series[0].data.map((d) => [d.name, d.value])).toEqual([
      ['土地流转租金', 4_000_010],
      ['入股分红', 1_500_000],
    ])
    wrapper.unmount()
  })

  it('compares the collectives and the child regions by source; a village narrows the page', async () => {
    const { wrapper, asked, router } = await openIncome({ permissions: ['income.read', 'organizations.read'] })
    const collective = wrapper.find('[data-test="income-collective-31"]')
    expect(collective.find('a').attributes('href')).toBe('/organizations/31')
    expect(collective.find('[data-test="rent"]').text()).toBe('4万元')
    expect(collective.find('[data-test="total"]').text()).toBe('5.5万元')
    const village = wrapper.find('[data-test="income-child-431127103224"]')
    expect(village.text()).toContain('朋佳村')
    await village.find('button').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ region: '431127103224' })
    expect(asked('/api/v1/stats/collective-income?').at(-1)).toMatchObject({ region: '431127103224' })
    expect(asked('/api/v1/collective-income?').at(-1)).toEqual({ region: '431127103224', year: '2023', page: '1', page_size: '20' })
    wrapper.unmount()
  })

  it('follows the year chosen, in the figures and the entries', async () => {
    const { wrapper, asked } = await openIncome()
    // The page's year chooser, above the figures.
    wrapper.findAllComponents(ElDatePicker)[0].vm.$emit('update:modelValue', '2022')
    await flushPromises()
    expect(asked('/api/v1/stats/collective-income?').at(-1)).toMatchObject({ year: '2022' })
    expect(asked('/api/v1/collective-income?').at(-1)).toMatchObject({ year: '2022' })
    wrapper.unmount()
  })

  it('lists the entries typed in, and adds one in 元 sent as 分; the figures follow', async () => {
    // happy-dom lays nothing out: the form's label width is not the page's concern.
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    let rent = 4_000_010
    const { wrapper, sent, asked } = await openIncome({ stats: () => makeIncomeStats(rent) })
    const table = wrapper.find('[data-test="income-table"]')
    expect(table.text()).toContain('朋佳村股份经济合作社')
    expect(table.text()).toContain('入股分红')
    expect(table.find('[data-test="income-amount-5"]').text()).toBe('15,000元')

    await wrapper.find('[data-test="income-create"]').trigger('click')
    await flushPromises()
    // Rent is never typed in: it comes from the land receipts.
    const source = wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'income-source')!
    expect(source.findAllComponents({ name: 'ElOption' }).map((o) => o.props('value'))).not.toContain('rent')
    wrapper.findComponent(OrganizationSelect).vm.$emit('update:modelValue', 31)
    source.vm.$emit('update:modelValue', 'service')
    const amount = document.querySelector('input[data-test="income-amount"]') as HTMLInputElement
    amount.value = '2000.05'
    amount.dispatchEvent(new Event('input'))
    await flushPromises()
    const statsBefore = asked('/api/v1/stats/collective-income?').length
    rent = 8_000_010
    ;(document.querySelector('[data-test="income-save"]') as HTMLElement).click()
    await flushPromises()
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      { organization_id: 31, year: 2023, source: 'service', amount_fen: 200_005 },
    ])
    await vi.waitFor(() => expect(asked('/api/v1/stats/collective-income?').length).toBe(statsBefore + 1))
    await vi.waitFor(() => expect(wrapper.find('[data-test="income-source-rent"] [data-test="amount"]').text()).toBe('8万元'))
    wrapper.unmount()
  })

  it('lets a reader look, not write; on a phone each entry is a card', async () => {
    screen(true)
    const { wrapper } = await openIncome({ permissions: ['income.read'] })
    expect(wrapper.find('[data-test="income-create"]').exists()).toBe(false)
    const card = wrapper.find('[data-test="income-card-5"]')
    expect(card.text()).toContain('朋佳村股份经济合作社')
    expect(card.find('[data-test="income-amount-5"]').text()).toBe('15,000元')
    expect(card.find('[data-test="income-edit-5"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
