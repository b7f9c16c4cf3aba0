import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ElDatePicker, ElRadioGroup, ElSelect } from 'element-plus'
import type { IndicatorValue } from '@/api/projects'
import { i18n } from '@/i18n'
import { dialogSpecPerTest } from '@/test-support/dialogs'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { INDICATORS, makeProject, makeValue } from '@/test-support/projects'
import { signedIn } from '@/test-support/users'
import { todayIso } from '@/utils/dates'
import IndicatorValueDialog from './IndicatorValueDialog.vue'
import { resetIndicators } from './useIndicators'

const PROJECT = makeProject()

async function openDialog(answer: (request: SentRequest) => Response, value: IndicatorValue | null = null) {
  const pinia = signedIn({ permissions: ['projects.read', 'projects.write'] })
  const sent = stubFetch((r) => (r.url === '/api/v1/indicators' ? json(200, { items: INDICATORS }) : answer(r)))
  const wrapper = mount(IndicatorValueDialog, { props: { open: false, project: PROJECT, value }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
  await flushPromises()
  await wrapper.setProps({ open: true })
  await flushPromises()
  return { wrapper, sent, posts: () => sent.filter((r) => r.method === 'POST') }
}

function select(wrapper: ReturnType<typeof mount>, test: string, value: unknown) {
  wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === test)!.vm.$emit('update:modelValue', value)
}

async function type(selector: string, value: string) {
  const element = document.querySelector(selector) as HTMLInputElement
  element.value = value
  element.dispatchEvent(new Event('input'))
  await flushPromises()
}

async function save(): Promise<void> {
  ;(document.querySelector('[data-test="value-save"]') as HTMLElement).click()
  await flushPromises()
}

/** The message beside the form item with this label. */
function fieldError(label: string): string {
  const item = [...document.querySelectorAll('.el-form-item')].find((el) => el.querySelector('.el-form-item__label')?.textContent?.trim() === label)
  return item?.querySelector('.el-form-item__error')?.textContent?.trim() ?? ''
}

describe('recording an indicator value', () => {
  dialogSpecPerTest()
  beforeEach(() => resetIndicators())

  it('shows the indicator’s unit and refuses more decimals than it keeps (3 for an area)', async () => {
    const { wrapper, posts } = await openDialog(() => json(201, makeValue(9, 'area_mu', '450.25')))
    expect(document.querySelector('.el-dialog__title')?.textContent).toBe('记录指标：愚公岩旅游区')
    select(wrapper, 'value-indicator', 'area_mu')
    await flushPromises()
    expect(document.querySelector('[data-test="value-dialog"] .el-input-group__append')?.textContent?.trim()).toBe('亩')
    expect(document.querySelector('[data-test="value-dialog"]')?.textContent).toContain('单位：亩，最多 2 位小数')

    await type('input[data-test="value-value"]', '450.255')
    await save()
    await vi.waitFor(() => expect(fieldError('数值')).toBe('最多 2 位小数'))
    expect(posts()).toHaveLength(0)

    await type('input[data-test="value-value"]', '-3')
    await save()
    await vi.waitFor(() => expect(fieldError('数值')).toBe('数值不能为负数'))
    expect(posts()).toHaveLength(0)

    await type('input[data-test="value-value"]', '450.25')
    await save()
    expect(posts().map((r) => [r.url, r.body])).toEqual([
      ['/api/v1/projects/7/indicators', { indicator: 'area_mu', value: '450.25', year: Number(todayIso().slice(0, 4)), expected: false, source: '' }],
    ])
    expect(wrapper.emitted('saved')?.[0]?.[1]).toBe(true)
    wrapper.unmount()
  })

  it('takes money in 万元 and sends it in 分, exactly, as expected (预计) over a span of days', async () => {
    const { wrapper, posts } = await openDialog((r) => json(201, { ...makeValue(9, 'investment_intended_fen', '0'), ...(r.body as object) }))
    select(wrapper, 'value-indicator', 'investment_intended_fen')
    await flushPromises()
    expect(document.querySelector('[data-test="value-dialog"] .el-input-group__append')?.textContent?.trim()).toBe('万元')
    wrapper.findComponent(ElRadioGroup).vm.$emit('update:modelValue', 'range')
    await flushPromises()
    const pickers = wrapper.findAllComponents(ElDatePicker)
    pickers[0].vm.$emit('update:modelValue', '2022-07-01')
    pickers[1].vm.$emit('update:modelValue', '2023-06-30')
    await type('input[data-test="value-value"]', '2900.07')
    ;(document.querySelector('[data-test="value-expected"] input') as HTMLInputElement).click()
    await type('input[data-test="value-source"]', '招商合同')
    await save()
    expect(posts().map((r) => r.body)).toEqual([
      { indicator: 'investment_intended_fen', value: '2900070000', from: '2022-07-01', to: '2023-06-30', expected: true, source: '招商合同' },
    ])
    wrapper.unmount()
  })

  it('shows the server’s objections beside their fields', async () => {
    const { wrapper } = await openDialog(() => apiError(422, 'invalid', '输入有误', { value: '数值超出范围', year: '年份不在项目期间内' }))
    select(wrapper, 'value-indicator', 'visitors')
    await type('input[data-test="value-value"]', '29000')
    await save()
    await vi.waitFor(() => expect(['数值', '年份'].map(fieldError)).toEqual(['数值超出范围', '年份不在项目期间内']))
    expect(document.querySelector('.sl-form-error')?.textContent).toContain('有些内容需要修改')
    wrapper.unmount()
  })

  it('changes a value in place: its indicator, period and kind stay, money shown back in 万元', async () => {
    const value = makeValue(5, 'investment_actual_fen', '2900000000', { source: '财务报表' })
    const { wrapper, posts } = await openDialog((r) => json(200, { ...value, ...(r.body as object) }), value)
    expect(document.querySelector('.el-dialog__title')?.textContent).toBe('修改指标：实际投资')
    expect((document.querySelector('input[data-test="value-value"]') as HTMLInputElement).value).toBe('2900')
    expect(wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'value-indicator')!.props('disabled')).toBe(true)
    await type('input[data-test="value-value"]', '3100.5')
    await save()
    expect(posts().map((r) => r.body)).toEqual([{ indicator: 'investment_actual_fen', value: '3100500000', year: 2022, expected: false, source: '财务报表' }])
    expect(wrapper.emitted('saved')?.[0]?.[1]).toBe(false)
    wrapper.unmount()
  })
})
