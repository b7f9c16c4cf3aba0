import { beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import { json, stubFetch } from '@/test-support/fetch'
import { INDICATORS } from '@/test-support/projects'
import { resetIndicators, useIndicators } from './useIndicators'

async function withIndicators(sent = stubFetch(() => json(200, { items: INDICATORS }))) {
  let api!: ReturnType<typeof useIndicators>
  const wrapper = mount(
    defineComponent({
      setup() {
        api = useIndicators()
        return () => h('div')
      },
    }),
    { global: { plugins: [i18n] } },
  )
  await flushPromises()
  return { api, sent, wrapper }
}

describe('useIndicators', () => {
  beforeEach(() => {
    resetIndicators()
    i18n.global.locale.value = 'zh-CN'
  })

  it('reads the indicators once and names them, money in 万元', async () => {
    const { api, sent, wrapper } = await withIndicators()
    const again = await withIndicators(sent)
    expect(sent.map((r) => r.url)).toEqual(['/api/v1/indicators'])
    again.wrapper.unmount()
    expect(api.name('area_mu')).toBe('面积')
    expect(api.unit('investment_actual_fen')).toBe('万元')
    expect(api.format('investment_actual_fen', '123456789')).toBe('123.46万元')
    expect(api.format('area_mu', '1200.50')).toBe('1,200.5亩')
    expect(api.period('2022-01-01', '2022-12-31')).toBe('2022年')
    expect(api.period('2022-07-01', '2023-06-30')).toBe('2022-07-01 – 2023-06-30')
    expect(api.name('output_kg')).toBe('output_kg')
    wrapper.unmount()
  })

  it('writes English readers’ money in yuan and units in English', async () => {
    i18n.global.locale.value = 'en'
    const { api, wrapper } = await withIndicators()
    expect(api.name('visitors')).toBe('Visitors')
    expect(api.format('investment_actual_fen', '123456789')).toBe('1,234,567.89 yuan')
    expect(api.format('visitors', '29000')).toBe('29,000 visits')
    expect(api.period('2022-01-01', '2022-12-31')).toBe('2022')
    wrapper.unmount()
    i18n.global.locale.value = 'zh-CN'
  })
})
