import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import { mount, type VueWrapper } from '@vue/test-utils'
import { ElDatePicker } from 'element-plus'
import { ApiError } from '@/api/client'
import { i18n } from '@/i18n'
import FiguresPanel from './FiguresPanel.vue'

interface Counts {
  region: string
  total: number
}

const STATS: Counts = { region: '楠市镇', total: 43 }

/**
 * The panel as a page holds it: `open` and `year` kept by the page (each update
 * given back to it); the figures drawn by the default slot.
 */
function panel(props: Record<string, unknown> = {}, slots: Record<string, unknown> = {}) {
  const wrapper: VueWrapper = mount(FiguresPanel<Counts>, {
    props: {
      title: '诉求统计',
      stats: STATS,
      loading: false,
      error: null,
      scope: (s: Counts) => `${s.region}，2022-01-01 至 2022-12-31 提出的诉求`,
      yearLabel: '年份',
      test: 'request-stats',
      open: true,
      year: '2022',
      'onUpdate:open': (open: boolean) => wrapper.setProps({ open }),
      'onUpdate:year': (year: string) => wrapper.setProps({ year }),
      ...props,
    },
    slots: { default: ({ stats }: { stats: Counts }) => h('p', { 'data-test': 'figures' }, `诉求总数 ${stats.total}`), ...slots },
    global: { plugins: [i18n] },
    attachTo: document.body,
  }) as VueWrapper
  return wrapper
}

const header = (wrapper: VueWrapper) => wrapper.find('[role="button"]')
const body = (wrapper: VueWrapper) => wrapper.find('[role="region"]')

describe('FiguresPanel', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows its title, what the figures cover, the year picked, the figures and the hint', () => {
    const wrapper = panel({ hint: '点击区划名称查看该区划的诉求。' })
    const title = wrapper.find('[data-test="request-stats-toggle"]')
    expect(title.element.tagName).toBe('H2')
    expect(title.text()).toBe('诉求统计')
    expect(wrapper.find('[data-test="request-stats"]').classes()).toContain('sl-panel')
    expect(header(wrapper).attributes('aria-expanded')).toBe('true')
    expect(body(wrapper).isVisible()).toBe(true)
    expect(wrapper.find('[data-test="request-stats-scope"]').text()).toBe('楠市镇，2022-01-01 至 2022-12-31 提出的诉求')
    expect(wrapper.find<HTMLInputElement>('input[aria-label="年份"]').element.value).toBe('2022')
    expect(wrapper.find('[data-test="figures"]').text()).toBe('诉求总数 43')
    expect(wrapper.find('.hint').text()).toBe('点击区划名称查看该区划的诉求。')
    expect(wrapper.find('.el-skeleton').exists()).toBe(false)
    expect(wrapper.find('.el-alert').exists()).toBe(false)
  })

  it('has no hint line without a hint', () => {
    const wrapper = panel()
    expect(wrapper.find('[data-test="figures"]').exists()).toBe(true)
    expect(wrapper.find('.hint').exists()).toBe(false)
  })

  it('folds and unfolds when its title is clicked', async () => {
    const wrapper = panel({ open: false })
    expect(header(wrapper).attributes('aria-expanded')).toBe('false')
    expect(body(wrapper).isVisible()).toBe(false)

    await wrapper.find('[data-test="request-stats-toggle"]').trigger('click')
    expect(wrapper.emitted('update:open')).toEqual([[true]])
    expect(header(wrapper).attributes('aria-expanded')).toBe('true')
    expect(body(wrapper).isVisible()).toBe(true)

    await wrapper.find('[data-test="request-stats-toggle"]').trigger('click')
    expect(wrapper.emitted('update:open')).toEqual([[true], [false]])
    expect(header(wrapper).attributes('aria-expanded')).toBe('false')
  })

  it('hands on the year picked', async () => {
    const wrapper = panel()
    wrapper.findComponent(ElDatePicker).vm.$emit('update:modelValue', '2021')
    await wrapper.vm.$nextTick()
    expect(wrapper.emitted('update:year')).toEqual([['2021']])
    expect(wrapper.find<HTMLInputElement>('input[aria-label="年份"]').element.value).toBe('2021')
  })

  it('shows a skeleton while the figures first come, and no scope yet', () => {
    const wrapper = panel({ stats: null, loading: true })
    expect(wrapper.find('.el-skeleton').exists()).toBe(true)
    // A panel with more figures asks for a taller skeleton.
    const lines = wrapper.findAll('.el-skeleton__item').length
    expect(panel({ stats: null, loading: true, rows: 6 }).findAll('.el-skeleton__item').length).toBeGreaterThan(lines)
    expect(wrapper.find('[data-test="request-stats-scope"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="figures"]').exists()).toBe(false)
    // The year can be changed meanwhile.
    expect(wrapper.find('input[aria-label="年份"]').exists()).toBe(true)
  })

  it('keeps the figures shown while they are read again', () => {
    const wrapper = panel({ loading: true })
    expect(wrapper.find('.el-skeleton').exists()).toBe(false)
    expect(wrapper.find('[data-test="figures"]').text()).toBe('诉求总数 43')
  })

  it('shows nothing below the picker before the figures come, when not reading them', () => {
    const wrapper = panel({ stats: null, hint: '提示' })
    expect(wrapper.find('.el-skeleton').exists()).toBe(false)
    expect(wrapper.find('[data-test="figures"]').exists()).toBe(false)
    expect(wrapper.find('.hint').exists()).toBe(false)
  })

  it('says why the figures failed, in their place', () => {
    const wrapper = panel({ stats: null, error: new ApiError(500, 'internal', '统计服务暂不可用'), hint: '提示' })
    expect(wrapper.find('.el-alert').text()).toContain('统计服务暂不可用')
    expect(wrapper.find('.el-alert').classes()).toContain('el-alert--error')
    expect(wrapper.find('[data-test="figures"]').exists()).toBe(false)
    expect(wrapper.find('.hint').exists()).toBe(false)
    expect(wrapper.find('.el-skeleton').exists()).toBe(false)
  })

  it('is not there at all when asked to hide a refusal (403, 404), but says any other failure', async () => {
    const forbidden = panel({ stats: null, error: new ApiError(403, 'forbidden', '无权查看'), hideRefused: true })
    expect(forbidden.find('[data-test="request-stats"]').exists()).toBe(false)
    expect(forbidden.text()).toBe('')

    await forbidden.setProps({ error: new ApiError(404, 'not_found', '没有这个区划') })
    expect(forbidden.find('[data-test="request-stats"]').exists()).toBe(false)

    await forbidden.setProps({ error: new ApiError(500, 'internal', '服务器出错') })
    expect(forbidden.find('[data-test="request-stats"]').exists()).toBe(true)
    expect(forbidden.find('.el-alert').text()).toContain('服务器出错')
  })

  it('says a refusal when not asked to hide it', () => {
    const wrapper = panel({ stats: null, error: new ApiError(403, 'forbidden', '无权查看') })
    expect(wrapper.find('[data-test="request-stats"]').exists()).toBe(true)
    expect(wrapper.find('.el-alert').text()).toContain('无权查看')
  })

  it('within another page’s section: a smaller heading, no card of its own, and its own tools beside the year', () => {
    const wrapper = panel({ heading: 'h3', card: false }, { tools: () => h('a', { href: '/land', 'data-test': 'tool' }, '查看合同') })
    expect(wrapper.find('[data-test="request-stats-toggle"]').element.tagName).toBe('H3')
    expect(wrapper.find('[data-test="request-stats"]').classes()).not.toContain('sl-panel')
    const tools = wrapper.find('.tools')
    expect(tools.find('[data-test="tool"]').text()).toBe('查看合同')
    expect(tools.find('input[aria-label="年份"]').exists()).toBe(true)
    expect(tools.classes()).toContain('end')
    expect(panel().find('.tools').classes()).not.toContain('end')
  })
})
