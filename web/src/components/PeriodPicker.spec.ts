import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ElSelect } from 'element-plus'
import { i18n } from '@/i18n'
import type { Period } from '@/utils/period'
import PeriodPicker from './PeriodPicker.vue'

const TODAY = '2026-12-07'

function picker(period: Period, years: number[] = []) {
  const wrapper = mount(PeriodPicker, {
    props: { modelValue: period, years, today: TODAY, 'onUpdate:modelValue': (next: Period) => wrapper.setProps({ modelValue: next }) },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
  return wrapper
}
const picked = (wrapper: ReturnType<typeof picker>) => wrapper.emitted<[Period]>('update:modelValue')?.map(([p]) => p) ?? []

async function openOptions(wrapper: ReturnType<typeof picker>) {
  await wrapper.find('[data-test="period-choice"] .el-select__wrapper').trigger('click')
  await flushPromises()
  return [...document.querySelectorAll('.el-select-dropdown__item')].map((li) => li.textContent?.trim())
}

describe('PeriodPicker', () => {
  afterEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('offers this year, last year, this month, the other years with records and days of one’s own', async () => {
    const wrapper = picker({ from: '2026-01-01', to: '2026-12-31' }, [2026, 2024, 2022])
    expect(await openOptions(wrapper)).toEqual(['本年（2026年）', '上年（2025年）', '本月（2026-12）', '2024年', '2022年', '自定义…'])
    expect(document.querySelector('.el-select-group__title')?.textContent).toBe('有记录的年份')
    expect(wrapper.find('[data-test="period-choice"]').text()).toContain('本年（2026年）')
    wrapper.unmount()
  })

  it('answers the whole period of a choice', async () => {
    const wrapper = picker({ from: '2026-01-01', to: '2026-12-31' }, [2022])
    const select = wrapper.findComponent(ElSelect)
    for (const choice of ['year:2022', 'thisMonth', 'lastYear', 'thisYear']) {
      select.vm.$emit('update:modelValue', choice)
      await flushPromises()
    }
    expect(picked(wrapper)).toEqual([
      { from: '2022-01-01', to: '2022-12-31' },
      { from: '2026-12-01', to: '2026-12-31' },
      { from: '2025-01-01', to: '2025-12-31' },
      { from: '2026-01-01', to: '2026-12-31' },
    ])
    wrapper.unmount()
  })

  it('shows a year given that has no records among the choices, as the choice shown', async () => {
    const wrapper = picker({ from: '2019-01-01', to: '2019-12-31' })
    await flushPromises()
    expect(wrapper.find('[data-test="period-choice"]').text()).toContain('2019年')
    wrapper.unmount()
  })

  it('asks for the days of a custom period, keeping them in order', async () => {
    const wrapper = picker({ from: '2022-01-01', to: '2022-12-31' })
    expect(wrapper.find('[data-test="period-from"]').exists()).toBe(false)
    wrapper.findComponent(ElSelect).vm.$emit('update:modelValue', 'custom')
    await flushPromises()
    // Until a day is changed the period stays.
    expect(picked(wrapper)).toEqual([])
    const [from, to] = wrapper.findAll('.day').map((day) => day.findComponent({ name: 'ElDatePicker' }))
    from.vm.$emit('update:modelValue', '2022-03-01')
    await flushPromises()
    to.vm.$emit('update:modelValue', '2022-02-01')
    await flushPromises()
    expect(picked(wrapper)).toEqual([
      { from: '2022-03-01', to: '2022-12-31' },
      { from: '2022-02-01', to: '2022-02-01' },
    ])
    expect(wrapper.find('[data-test="period-choice"]').text()).toContain('自定义')
    wrapper.unmount()
  })
})
