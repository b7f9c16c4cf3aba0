import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import type { LandContract } from '@/api/land'
import { i18n } from '@/i18n'
import { json, stubFetch } from '@/test-support/fetch'
import { LAND_STATS, makeContract, screen } from '@/test-support/land'
import { signedIn } from '@/test-support/users'
import LandContractsView from './LandContractsView.vue'

vi.mock('@/utils/download', async (original) => ({
  ...(await original<typeof import('@/utils/download')>()),
  saveFile: vi.fn(),
}))

const OVERDUE = makeContract()
const ENDING = makeContract({
  id: 4,
  region: { code: '431127103203', name: '甘溪村' },
  transferor: { kind: 'people', organization: null, people: [{ id: 7, name: '李大山' }, { id: 8, name: '李小河' }] },
  transferee: { kind: 'person', enterprise: null, person: { id: 12, name: '黄种田' } },
  land_type: 'farmland',
  area_mu: '80.50',
  starts_on: '2021-01-01',
  ends_on: '2023-12-31',
  years: 3,
  rent_fen_per_year: null,
  rent_fen_per_mu_year: 80_000,
  next_due: { n: 3, due_on: '2023-11-01', amount_fen: 6_440_000, received_fen: 2_000_000, status: 'partial', days_overdue: 0 },
  overdue_fen: 0,
})

async function openLand(path = '/land', items: LandContract[] = [OVERDUE, ENDING], permissions = ['land.read', 'land.write']) {
  const sent = stubFetch((r) => {
    if (r.url.includes('.xlsx')) return new Response('PK', { status: 200 })
    if (r.url.startsWith('/api/v1/stats/land')) return json(200, LAND_STATS)
    if (r.url.startsWith('/api/v1/land-contracts')) return json(200, { items, total: items.length })
    if (r.url.startsWith('/api/v1/regions/')) return json(200, { code: '431127103224', name: '朋佳村', ancestors: [] })
    return json(404, {})
  })
  const pinia = signedIn({ permissions })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/land', name: 'land', component: LandContractsView },
      { path: '/land/:id', name: 'land-contract', component: { render: () => null } },
    ],
  })
  await router.push(path)
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  await flushPromises()
  const asked = (prefix = '/api/v1/land-contracts?') =>
    sent.filter((r) => r.url.startsWith(prefix)).map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams))
  return { wrapper, router, asked, sent }
}

describe('LandContractsView', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    // 16 October 2023 in China.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2023-10-16T04:00:00Z'))
  })
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('lists the contracts with their next payment, an overdue one in red with its days', async () => {
    screen(false)
    const { wrapper } = await openLand()
    const table = wrapper.find('[data-test="land-table"]')
    const rows = table.findAll('.el-table__body tr')
    expect(rows).toHaveLength(2)
    const first = rows[0].text()
    expect(first).toContain('蓝山县朋佳中草药种植有限公司')
    expect(first).toContain('朋佳村股份经济合作社')
    expect(first).toContain('林地')
    expect(first).toContain('450 亩')
    expect(first).toContain('2022-09-01 至 2027-08-31')
    expect(first).toContain('4万元/年')
    expect(rows[0].find('[data-test="land-next-3"]').text()).toBe('2023-09-01 · 40,000元')
    const overdue = rows[0].find('[data-test="land-badge-overdue"]')
    expect(overdue.text()).toBe('逾期 45 天')
    // In red.
    expect(rows[0].find('.el-tag--danger').text()).toBe('逾期 45 天')

    const second = rows[1].text()
    expect(second).toContain('李大山、李小河')
    expect(second).toContain('耕地')
    expect(second).toContain('800元/亩·年')
    // What remains of a partly paid payment; the contract ends in 76 days.
    expect(rows[1].find('[data-test="land-next-4"]').text()).toBe('2023-11-01 · 44,400元')
    expect(rows[1].find('[data-test="land-badge-partial"]').text()).toBe('部分收款')
    expect(rows[1].find('[data-test="land-badge-ending"]').text()).toBe('即将到期')
    expect(table.find('a[href="/land/3"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('asks for the overdue contracts, and those ending within 90 days, keeping the choice in the address', async () => {
    screen(false)
    const { wrapper, router, asked } = await openLand()
    expect(asked().at(-1)).toEqual({ page: '1', page_size: '20' })

    await wrapper.find('[data-test="land-overdue"]').trigger('click')
    await flushPromises()
    expect(asked().at(-1)).toEqual({ overdue: 'true', page: '1', page_size: '20' })
    expect(router.currentRoute.value.query).toEqual({ overdue: 'true' })

    await wrapper.find('[data-test="land-ending"]').trigger('click')
    await flushPromises()
    expect(asked().at(-1)).toEqual({ overdue: 'true', ending_within: '90', page: '1', page_size: '20' })
    wrapper.unmount()
  })

  it('offers the contracts’ and the receipts’ sheets, and 新增 to writers only', async () => {
    screen(false)
    const writer = await openLand()
    expect(writer.wrapper.find('[data-test="land-create"]').exists()).toBe(true)
    expect(writer.wrapper.find('[data-test="excel-template"]').exists()).toBe(true)
    expect(writer.wrapper.find('[data-test="land_receipts-excel-menu"]').text()).toBe('租金收款')
    writer.wrapper.unmount()

    // The receipts of the region chosen; the contracts as filtered.
    const filtered = await openLand('/land?region=431127103224&overdue=true')
    await filtered.wrapper.find('[data-test="land_receipts-excel-menu"]').trigger('click')
    await flushPromises()
    document.querySelector<HTMLElement>('.el-dropdown-menu [data-test="land_receipts-excel-export"]')!.click()
    await flushPromises()
    await filtered.wrapper.find('[data-test="excel-export"]').trigger('click')
    await flushPromises()
    expect(filtered.sent.filter((r) => r.url.includes('.xlsx')).map((r) => r.url)).toEqual([
      '/api/v1/exports/land_receipts.xlsx?region=431127103224',
      '/api/v1/exports/land_contracts.xlsx?region=431127103224&overdue=true',
    ])
    filtered.wrapper.unmount()

    const reader = await openLand('/land', undefined, ['land.read'])
    expect(reader.wrapper.find('[data-test="land-create"]').exists()).toBe(false)
    expect(reader.wrapper.find('[data-test="excel-template"]').exists()).toBe(false)
    expect(reader.wrapper.find('[data-test="excel-export"]').exists()).toBe(true)
    reader.wrapper.unmount()
  })

  it('shows the figures of the user’s region with its villages side by side; a village narrows the list', async () => {
    screen(false)
    const { wrapper, asked } = await openLand()
    expect(asked('/api/v1/stats/land?').at(-1)).toEqual({ region: '431127103', year: '2023', by: 'child' })
    const figure = (key: string) => wrapper.find(`[data-test="land-stats-${key}"] [data-test="value"]`).text()
    expect(figure('contracts')).toBe('2')
    expect(figure('area_mu')).toBe('530.5')
    expect(figure('rent_due_fen')).toBe('5.2万元')
    expect(figure('rent_received_fen')).toBe('1.2万元')
    expect(figure('overdue_fen')).toBe('4万元')
    expect(figure('jobs')).toBe('42')

    const village = wrapper.find('[data-test="land-stats-child-431127103224"]')
    expect(village.text()).toContain('朋佳村')
    expect(village.find('[data-test="overdue_fen"]').text()).toBe('4万元')
    await village.find('button').trigger('click')
    await flushPromises()
    expect(asked().at(-1)).toMatchObject({ region: '431127103224' })
    expect(asked('/api/v1/stats/land?').at(-1)).toEqual({ region: '431127103224', year: '2023', by: 'child' })
    wrapper.unmount()
  })

  it('speaks English to an English reader', async () => {
    screen(false)
    i18n.global.locale.value = 'en'
    const { wrapper } = await openLand()
    const rows = wrapper.findAll('[data-test="land-table"] .el-table__body tr')
    expect(rows[0].find('[data-test="land-badge-overdue"]').text()).toBe('45 days overdue')
    expect(rows[0].text()).toContain('40,000 yuan a year')
    expect(rows[1].text()).toContain('800 yuan per mu a year')
    expect(rows[1].find('[data-test="land-badge-ending"]').text()).toBe('Ending soon')
    wrapper.unmount()
  })

  it('shows each contract as a card on a phone, its warnings beside the transferee', async () => {
    screen(true)
    const { wrapper } = await openLand()
    const card = wrapper.find('[data-test="land-card-3"]')
    expect(card.find('[data-test="land-link-3"]').text()).toBe('蓝山县朋佳中草药种植有限公司')
    expect(card.find('[data-test="land-badge-overdue"]').text()).toBe('逾期 45 天')
    expect(card.text()).toContain('朋佳村 · 林地 · 450 亩')
    expect(card.find('[data-test="land-next-3"]').text()).toContain('2023-09-01 · 40,000元')
    wrapper.unmount()
  })
})
