import { beforeEach, describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import { json, stubFetch } from '@/test-support/fetch'
import { requestCodes } from '@/test-support/requests'
import { resetRequestCodes, useRequestCodes } from './useRequestCodes'

function mounted() {
  let codes!: ReturnType<typeof useRequestCodes>
  mount(
    defineComponent({
      setup() {
        codes = useRequestCodes()
        return () => null
      },
    }),
    { global: { plugins: [i18n] } },
  )
  return codes
}

describe('the categories and statuses of requests', () => {
  beforeEach(() => {
    resetRequestCodes()
    i18n.global.locale.value = 'zh-CN'
  })

  it('are read once and named in the interface language, the administrator’s own ones too', async () => {
    const sent = stubFetch((r) => requestCodes(r.url) ?? json(404, {}))
    const codes = mounted()
    mounted()
    await flushPromises()
    expect(sent.map((r) => r.url)).toEqual(['/api/v1/request-categories', '/api/v1/request-statuses'])
    expect(codes.categoryCodes.value).toEqual(['finance', 'land', 'labour', 'water'])
    expect(codes.categoryName('water')).toBe('水电保障')
    expect(codes.statusName('in_progress')).toBe('办理中')
    expect(codes.statusType('resolved')).toBe('closed')
    i18n.global.locale.value = 'en'
    expect(codes.categoryName('water')).toBe('Water and power')
    i18n.global.locale.value = 'zh-TW'
    expect(codes.statusName('in_progress')).toBe('辦理中')
  })

  it('fall back on the built-in names while the server’s are not there, else on the code', async () => {
    stubFetch(() => json(403, { error: { code: 'forbidden', message: '无权访问' } }))
    const codes = mounted()
    await flushPromises()
    expect(codes.categoryName('land')).toBe('用地')
    expect(codes.statusName('rated')).toBe('已评价')
    expect(codes.statusType('withdrawn')).toBe('closed')
    expect(codes.categoryName('water')).toBe('water')
    expect(codes.statusList.value.map((s) => s.code)).toEqual(['registered', 'accepted', 'in_progress', 'reopened', 'resolved', 'rated', 'withdrawn'])
  })
})
