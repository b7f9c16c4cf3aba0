import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { ElDatePicker } from 'element-plus'
import type { RequestStats } from '@/api/types'
import { resetRequestCodes } from '@/composables/useRequestCodes'
import { i18n } from '@/i18n'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { screen } from '@/test-support/land'
import { REQUEST_STATS, requestCodes } from '@/test-support/requests'
import RequestStatsPanel from './RequestStatsPanel.vue'

// ECharts draws on a canvas happy-dom lacks: the spec sees the options it is given.
const charts = vi.hoisted(() => ({ options: [] as unknown[] }))
vi.mock('@/plugins/echarts', () => ({
  echarts: {
    init: () => ({ setOption: (option: unknown) => charts.options.push(option), resize: () => {}, dispose: () => {} }),
  },
}))

/** The panel of `region`; the server answers the figures with `stats` (or `answer`). */
async function openPanel(options: { region?: string; stats?: RequestStats; answer?: (r: SentRequest) => Response } = {}) {
  const sent = stubFetch((r) => {
    const codes = requestCodes(r.url)
    if (codes) return codes
    if (r.url.startsWith('/api/v1/stats/requests')) return options.answer?.(r) ?? json(200, options.stats ?? REQUEST_STATS)
    return json(200, { items: [], total: 0 })
  })
  const wrapper = mount(RequestStatsPanel, { props: { region: options.region ?? '431127103' }, global: { plugins: [i18n] }, attachTo: document.body }) as VueWrapper
  await flushPromises()
  await flushPromises()
  const asked = () =>
    sent.filter((r) => r.url.startsWith('/api/v1/stats/requests')).map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams))
  return { wrapper, asked }
}

const figure = (wrapper: VueWrapper, key: string) => wrapper.find(`[data-test="request-stats-${key}"] [data-test="value"]`).text()
const label = (wrapper: VueWrapper, key: string) => wrapper.find(`[data-test="request-stats-${key}"] dt`).text()

describe('RequestStatsPanel', () => {
  beforeEach(() => {
    resetRequestCodes()
    charts.options.length = 0
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2022-03-25T04:00:00Z'))
  })
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('reads this year’s figures of the region and says what they cover', async () => {
    screen(false)
    const { wrapper, asked } = await openPanel()
    expect(asked()).toEqual([{ region: '431127103', from: '2022-01-01', to: '2022-12-31' }])
    expect(wrapper.find('[data-test="request-stats-toggle"]').text()).toBe('诉求统计')
    expect(wrapper.find('[data-test="request-stats-scope"]').text()).toBe('楠市镇，2022-01-01 至 2022-12-31 提出的诉求')
    expect(wrapper.find<HTMLInputElement>('input[aria-label="年份"]').element.value).toBe('2022')
    expect(wrapper.text()).toContain('按期办结率 = 按期办结数 ÷ 已办结数')
    wrapper.unmount()
  })

  it('shows the seven figures: counts, rates as percentages and the median days, overdue in red', async () => {
    screen(false)
    const { wrapper } = await openPanel()
    const keys = ['total', 'open', 'overdue', 'resolved', 'on_time_rate', 'satisfaction_rate', 'median_days_to_resolve']
    expect(wrapper.findAll('dl [data-test^="request-stats-"]').map((tile) => tile.attributes('data-test'))).toEqual(keys.map((k) => `request-stats-${k}`))
    expect(keys.map((k) => [label(wrapper, k), figure(wrapper, k)])).toEqual([
      ['诉求总数', '43'],
      ['未办结', '4'],
      ['超期', '2'],
      ['已办结', '38'],
      ['按期办结率', '89.5%'],
      ['满意率', '94.3%'],
      ['办结用时中位数', '9 天'],
    ])
    expect(wrapper.find('[data-test="request-stats-overdue"]').classes()).toContain('alert')
    expect(wrapper.find('[data-test="request-stats-open"]').classes()).not.toContain('alert')
    wrapper.unmount()
  })

  it('says — where nothing is resolved or rated yet, and nothing overdue is not red', async () => {
    screen(false)
    const stats = { ...REQUEST_STATS, overdue: 0, resolved: 0, on_time_rate: null, satisfaction_rate: null, median_days_to_resolve: null }
    const { wrapper } = await openPanel({ stats })
    expect(['on_time_rate', 'satisfaction_rate', 'median_days_to_resolve'].map((k) => figure(wrapper, k))).toEqual(['—', '—', '—'])
    expect(wrapper.find('[data-test="request-stats-overdue"]').classes()).not.toContain('alert')
    wrapper.unmount()
  })

  it('charts the categories that have requests', async () => {
    screen(false)
    const { wrapper } = await openPanel()
    expect(wrapper.text()).toContain('按类别')
    await vi.waitFor(() => expect(wrapper.find('[data-test="request-stats-categories"]').exists()).toBe(true))
    const chart = wrapper.find('[data-test="request-stats-categories"]')
    expect(chart.attributes('aria-label')).toBe('各类别诉求的办理情况')
    // 融资 has none: two bars, the first category at the top.
    expect(chart.attributes('style')).toContain(`height: ${56 + 2 * 30}px`)
    await vi.waitFor(() => expect(charts.options.length).toBeGreaterThanOrEqual(1))
    const bars = charts.options.find((o) => (o as { yAxis?: { type?: string } }).yAxis?.type === 'category') as {
      yAxis: { data: string[] }
      series: { name: string; data: number[] }[]
    }
    expect(bars.yAxis.data).toEqual(['用工', '用地'])
    expect(bars.series.map((s) => [s.name, s.data])).toEqual([
      ['已办结', [30, 8]],
      ['在办', [1, 1]],
      ['超期', [1, 1]],
    ])
    wrapper.unmount()
  })

  it('puts the child regions side by side, with — where there is nothing to rate', async () => {
    screen(false)
    const { wrapper } = await openPanel()
    expect(wrapper.text()).toContain('下级区划对比')
    const table = wrapper.find('[data-test="request-stats-children"]')
    expect(table.findAll('thead th').map((th) => th.text())).toEqual(['区划', '诉求总数', '未办结', '超期', '已办结', '按期办结率', '满意率'])
    const cells = (code: string) => table.find(`[data-test="request-stats-child-${code}"]`).findAll('th, td').map((c) => c.text())
    expect(cells('431127103224')).toEqual(['朋佳村', '12', '2', '1', '10', '80%', '90%'])
    expect(cells('431127103228')).toEqual(['甘溪村', '0', '0', '0', '0', '—', '—'])
    expect(table.find('[data-test="request-stats-child-431127103224"] [data-test="overdue"]').classes()).toContain('alert')
    expect(table.find('[data-test="request-stats-child-431127103228"] [data-test="overdue"]').classes()).not.toContain('alert')
    // One village has resolved some: the rates are charted too.
    await vi.waitFor(() => expect(wrapper.find('[data-test="request-stats-children-chart"]').exists()).toBe(true))
    expect(wrapper.find('[data-test="request-stats-children-chart"]').attributes('aria-label')).toBe('下级区划的按期办结率和满意率')
    wrapper.unmount()
  })

  it('narrows the page to a child region when its name is clicked', async () => {
    screen(false)
    const { wrapper } = await openPanel()
    await wrapper.find('[data-test="request-stats-child-link-431127103224"]').trigger('click')
    expect(wrapper.emitted('region')).toEqual([['431127103224']])
    wrapper.unmount()
  })

  it('does not chart the child regions’ rates while none has resolved anything', async () => {
    screen(false)
    const stats = { ...REQUEST_STATS, by_child: REQUEST_STATS.by_child.map((c) => ({ ...c, resolved: 0 })) }
    const { wrapper } = await openPanel({ stats })
    await flushPromises()
    expect(wrapper.find('[data-test="request-stats-children"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="request-stats-children-chart"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('has no table for a region without child regions (a village)', async () => {
    screen(false)
    const stats = { ...REQUEST_STATS, region: { code: '431127103224', name: '朋佳村', level: 'village' as const }, by_child: [] }
    const { wrapper } = await openPanel({ region: '431127103224', stats })
    expect(wrapper.find('[data-test="request-stats-children"]').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('下级区划对比')
    wrapper.unmount()
  })

  it('says so when no request was raised in the year', async () => {
    screen(false)
    const none = { total: 0, open: 0, overdue: 0, resolved: 0, on_time_rate: null, satisfaction_rate: null }
    const stats: RequestStats = {
      ...REQUEST_STATS,
      ...none,
      on_time: 0,
      rated: 0,
      satisfied: 0,
      median_days_to_resolve: null,
      by_category: [{ category: 'land', ...none }],
      by_child: [],
    }
    const { wrapper } = await openPanel({ stats })
    expect(wrapper.find('[data-test="request-stats-empty"]').text()).toBe('这段时间没有提出诉求。')
    expect(figure(wrapper, 'total')).toBe('0')
    expect(wrapper.text()).not.toContain('按类别')
    expect(wrapper.find('[data-test="request-stats-categories"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('reads another year’s figures when the year is changed', async () => {
    screen(false)
    const { wrapper, asked } = await openPanel()
    wrapper.findComponent(ElDatePicker).vm.$emit('update:modelValue', '2021')
    await flushPromises()
    expect(asked().at(-1)).toEqual({ region: '431127103', from: '2021-01-01', to: '2021-12-31' })
    wrapper.unmount()
  })

  it('reads the figures of the region the page narrows to; none given is the user’s own', async () => {
    screen(false)
    const { wrapper, asked } = await openPanel({ region: '' })
    expect(asked()).toEqual([{ from: '2022-01-01', to: '2022-12-31' }])
    await wrapper.setProps({ region: '431127103224' })
    await flushPromises()
    expect(asked().at(-1)).toEqual({ region: '431127103224', from: '2022-01-01', to: '2022-12-31' })
    wrapper.unmount()
  })

  it('reads them again when the page asks (after the list changed)', async () => {
    screen(false)
    const { wrapper, asked } = await openPanel()
    ;(wrapper.vm as unknown as { refresh: () => void }).refresh()
    await flushPromises()
    expect(asked()).toHaveLength(2)
    wrapper.unmount()
  })

  it('on a phone stays folded until its title is tapped', async () => {
    screen(true)
    const { wrapper, asked } = await openPanel()
    expect(asked()).toEqual([])
    expect(wrapper.find('[role="button"]').attributes('aria-expanded')).toBe('false')
    await wrapper.find('[data-test="request-stats-toggle"]').trigger('click')
    await flushPromises()
    expect(asked()).toEqual([{ region: '431127103', from: '2022-01-01', to: '2022-12-31' }])
    expect(figure(wrapper, 'total')).toBe('43')
    wrapper.unmount()
  })

  it('is not there where the server will not give the figures', async () => {
    screen(false)
    const refused = await openPanel({ answer: () => apiError(403, 'forbidden', '无权查看') })
    expect(refused.wrapper.find('[data-test="request-stats"]').exists()).toBe(false)
    refused.wrapper.unmount()

    const failed = await openPanel({ answer: () => apiError(500, 'internal', '统计暂不可用') })
    expect(failed.wrapper.find('[data-test="request-stats"]').exists()).toBe(true)
    expect(failed.wrapper.find('.el-alert').text()).toContain('统计暂不可用')
    expect(failed.wrapper.find('dl').exists()).toBe(false)
    failed.wrapper.unmount()
  })

  it('speaks English to an English reader', async () => {
    screen(false)
    i18n.global.locale.value = 'en'
    const { wrapper } = await openPanel()
    expect(wrapper.find('[data-test="request-stats-scope"]').text()).toBe('Requests raised in 楠市镇 from 2022-01-01 to 2022-12-31')
    expect(label(wrapper, 'on_time_rate')).toBe('Resolved on time')
    expect(figure(wrapper, 'on_time_rate')).toBe('89.5%')
    expect(figure(wrapper, 'median_days_to_resolve')).toBe('9 days')
    wrapper.unmount()
  })
})
