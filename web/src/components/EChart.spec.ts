import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { ChartOption } from '@/plugins/echarts'
import EChart from './EChart.vue'

// ECharts draws on a canvas happy-dom lacks: the spec sees where it is asked to
// draw, the options it is given, and when it is resized and let go.
const charts = vi.hoisted(() => ({
  made: [] as { box: HTMLElement; options: [unknown, unknown][]; resized: number; disposed: boolean }[],
}))
vi.mock('@/plugins/echarts', () => ({
  echarts: {
    init: (box: HTMLElement) => {
      const chart = { box, options: [] as [unknown, unknown][], resized: 0, disposed: false }
      charts.made.push(chart)
      return {
        setOption: (option: unknown, notMerge: unknown) => chart.options.push([option, notMerge]),
        resize: () => chart.resized++,
        dispose: () => (chart.disposed = true),
      }
    },
  },
}))

/** A ResizeObserver the spec can fire. */
class FakeResizeObserver {
  static made: FakeResizeObserver[] = []
  observed: Element[] = []
  disconnected = false
  constructor(readonly callback: () => void) {
    FakeResizeObserver.made.push(this)
  }
  observe(element: Element) {
    this.observed.push(element)
  }
  unobserve() {}
  disconnect() {
    this.disconnected = true
  }
}

const BARS: ChartOption = {
  xAxis: { type: 'category', data: ['朋佳村', '甘溪村'] },
  yAxis: { type: 'value' },
  series: [{ type: 'bar', data: [80, 90] }],
}

describe('EChart', () => {
  beforeEach(() => {
    charts.made.length = 0
    FakeResizeObserver.made = []
    document.body.innerHTML = ''
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('is a picture named for screen readers, 220 px high unless told otherwise', () => {
    const wrapper = mount(EChart, { props: { option: BARS, label: '下级区划的按期办结率和满意率' }, attachTo: document.body })
    const box = wrapper.find('[data-test="chart"]')
    expect(box.attributes('role')).toBe('img')
    expect(box.attributes('aria-label')).toBe('下级区划的按期办结率和满意率')
    expect(box.attributes('style')).toContain('height: 220px')

    const tall = mount(EChart, { props: { option: BARS, label: '各类别诉求的办理情况', height: 146, test: 'request-stats-categories' }, attachTo: document.body })
    const named = tall.find('[data-test="request-stats-categories"]')
    expect(named.attributes('aria-label')).toBe('各类别诉求的办理情况')
    expect(named.attributes('style')).toContain('height: 146px')
  })

  it('draws its option in its own box', () => {
    const wrapper = mount(EChart, { props: { option: BARS, label: '图' }, attachTo: document.body })
    expect(charts.made).toHaveLength(1)
    expect(charts.made[0].box).toBe(wrapper.find('[data-test="chart"]').element)
    // Drawn afresh, not merged into anything before.
    expect(charts.made[0].options).toEqual([[BARS, true]])
  })

  it('draws again, afresh, when its option changes', async () => {
    const wrapper = mount(EChart, { props: { option: BARS, label: '图' }, attachTo: document.body })
    const fewer: ChartOption = { ...BARS, series: [{ type: 'bar', data: [80] }] }
    await wrapper.setProps({ option: fewer })
    expect(charts.made).toHaveLength(1)
    expect(charts.made[0].options).toEqual([
      [BARS, true],
      [fewer, true],
    ])
  })

  it('does not fail without data', async () => {
    const wrapper = mount(EChart, { props: { option: {}, label: '图' }, attachTo: document.body })
    expect(wrapper.find('[data-test="chart"]').exists()).toBe(true)
    await wrapper.setProps({ option: { series: [] } })
    expect(charts.made[0].options.map(([option]) => option)).toEqual([{}, { series: [] }])
  })

  it('follows its box’s size, and lets go of the chart when it goes', () => {
    vi.stubGlobal('ResizeObserver', FakeResizeObserver)
    const wrapper = mount(EChart, { props: { option: BARS, label: '图' }, attachTo: document.body })
    const observer = FakeResizeObserver.made[0]
    expect(observer.observed).toEqual([wrapper.find('[data-test="chart"]').element])
    observer.callback()
    observer.callback()
    expect(charts.made[0].resized).toBe(2)

    wrapper.unmount()
    expect(observer.disconnected).toBe(true)
    expect(charts.made[0].disposed).toBe(true)
  })

  it('still draws where the browser cannot watch sizes', () => {
    vi.stubGlobal('ResizeObserver', undefined)
    const wrapper = mount(EChart, { props: { option: BARS, label: '图' }, attachTo: document.body })
    expect(charts.made[0].options).toEqual([[BARS, true]])
    wrapper.unmount()
    expect(charts.made[0].disposed).toBe(true)
  })
})
