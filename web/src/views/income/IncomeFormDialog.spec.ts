import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { IncomeEntry } from '@/api/income'
import { i18n } from '@/i18n'
import { dialogSpecPerTest } from '@/test-support/dialogs'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { makeIncomeEntry } from '@/test-support/land'
import { signedIn } from '@/test-support/users'
import IncomeFormDialog from './IncomeFormDialog.vue'

async function openEdit(entry: IncomeEntry, answer: (request: SentRequest) => Response) {
  const pinia = signedIn({ permissions: ['income.read', 'income.write'] })
  const sent = stubFetch((r) => (r.method === 'GET' ? json(200, { items: [], total: 0 }) : answer(r)))
  const wrapper = mount(IncomeFormDialog, { props: { open: false, entry, year: '2023' }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
  await wrapper.setProps({ open: true })
  await flushPromises()
  return { wrapper, sent }
}

async function typeAmount(value: string) {
  const input = document.querySelector('input[data-test="income-amount"]') as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

async function save() {
  ;(document.querySelector('[data-test="income-save"]') as HTMLElement).click()
  await flushPromises()
}

function fieldError(label: string): string {
  const item = [...document.querySelectorAll('.el-form-item')].find((el) => el.querySelector('.el-form-item__label')?.textContent?.trim() === label)
  return item?.querySelector('.el-form-item__error')?.textContent?.trim() ?? ''
}

describe('an entry of collective income', () => {
  dialogSpecPerTest()

  it('shows the amount in 元 and sends only what changed, in 分, with the version', async () => {
    const entry = makeIncomeEntry({ version: 3 })
    const { wrapper, sent } = await openEdit(entry, (r) => json(200, { ...entry, ...(r.body as object), version: 4 }))
    expect(document.querySelector('.el-dialog__title')?.textContent).toBe('编辑收入：朋佳村股份经济合作社')
    expect((document.querySelector('input[data-test="income-amount"]') as HTMLInputElement).value).toBe('15000')
    await typeAmount('15000.29')
    await save()
    expect(sent.filter((r) => r.method === 'PATCH').map((r) => [r.url, r.body])).toEqual([
      ['/api/v1/collective-income/5', { version: 3, amount_fen: 1_500_029 }],
    ])
    expect(wrapper.emitted('saved')?.[0]?.[1]).toBe(false)
    wrapper.unmount()
  })

  it('refuses an amount that is not money, and shows the server’s word on the source', async () => {
    const { wrapper, sent } = await openEdit(makeIncomeEntry(), () => apiError(422, 'invalid', '输入有误', { source: '土地流转租金由收款自动计入，不能手工录入' }))
    await typeAmount('1.234')
    await save()
    await vi.waitFor(() => expect(fieldError('金额')).toBe('请输入金额：大于 0，最多两位小数'))
    expect(sent.filter((r) => r.method !== 'GET')).toEqual([])

    await typeAmount('1.23')
    await save()
    await vi.waitFor(() => expect(fieldError('收入来源')).toBe('土地流转租金由收款自动计入，不能手工录入'))
    wrapper.unmount()
  })
})
