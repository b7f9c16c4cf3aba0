import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ElDatePicker } from 'element-plus'
import type { LandPayment } from '@/api/land'
import { i18n } from '@/i18n'
import { dialogSpecPerTest } from '@/test-support/dialogs'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { screen } from '@/test-support/land'
import { signedIn } from '@/test-support/users'
import ReceiptDialog from './ReceiptDialog.vue'

const PAYMENT: LandPayment = { n: 2, due_on: '2023-09-01', amount_fen: 5_000_000, received_fen: 0, status: 'overdue', days_overdue: 45 }

async function openReceipt(answer: (request: SentRequest) => Response = (r) => json(201, { ...PAYMENT, received_fen: (r.body as { amount_fen: number }).amount_fen })) {
  const pinia = signedIn({ permissions: ['land.read', 'land.write'] })
  const sent = stubFetch(answer)
  const wrapper = mount(ReceiptDialog, {
    props: { open: false, contractId: 3, payment: PAYMENT, payer: '朋佳中草药公司' },
    global: { plugins: [pinia, i18n] },
    attachTo: document.body,
  })
  await wrapper.setProps({ open: true })
  await flushPromises()
  return { wrapper, sent, posts: () => sent.filter((r) => r.method === 'POST') }
}

const input = (test: string) => document.querySelector(`input[data-test="${test}"]`) as HTMLInputElement

async function type(test: string, value: string) {
  const element = input(test)
  element.value = value
  element.dispatchEvent(new Event('input'))
  await flushPromises()
}

async function save() {
  ;(document.querySelector('[data-test="receipt-save"]') as HTMLElement).click()
  await flushPromises()
}

/** The message beside the form item with this label. */
function fieldError(label: string): string {
  const item = [...document.querySelectorAll('.el-form-item')].find((el) => el.querySelector('.el-form-item__label')?.textContent?.trim() === label)
  return item?.querySelector('.el-form-item__error')?.textContent?.trim() ?? ''
}

describe('recording a receipt', () => {
  dialogSpecPerTest()
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2023-10-16T04:00:00Z'))
  })
  afterEach(() => vi.useRealTimers())

  it('starts with today, what remains and the usual payer, and sends the amount typed as exact 分', async () => {
    const { wrapper, posts } = await openReceipt()
    expect(document.querySelector('.el-dialog__title')?.textContent).toBe('登记收款：第 2 期')
    expect(document.querySelector('.sl-form-intro')?.textContent).toBe('应收日期 2023-09-01，应收 50,000元，尚欠 50,000元。')
    expect(input('receipt-amount').value).toBe('50000')
    expect(input('receipt-payer').value).toBe('朋佳中草药公司')
    expect(wrapper.findComponent(ElDatePicker).props('modelValue')).toBe('2023-10-16')

    await type('receipt-amount', '40000.10')
    await type('receipt-payer', '  黄总  ')
    await save()
    expect(posts().map((r) => [r.url, r.body])).toEqual([
      ['/api/v1/land-contracts/3/payments/2/receipts', { received_on: '2023-10-16', amount_fen: 4_000_010, payer: '黄总', note: '' }],
    ])
    expect(wrapper.emitted('saved')?.[0]?.[0]).toMatchObject({ n: 2, received_fen: 4_000_010 })
    expect(wrapper.emitted('update:open')?.at(-1)).toEqual([false])
    wrapper.unmount()
  })

  it('refuses a day after today, and more than remains', async () => {
    const { wrapper, posts } = await openReceipt()
    wrapper.findComponent(ElDatePicker).vm.$emit('update:modelValue', '2023-10-17')
    await flushPromises()
    await save()
    await vi.waitFor(() => expect(fieldError('收款日期')).toBe('收款日期不能晚于今天'))
    expect(posts()).toEqual([])

    wrapper.findComponent(ElDatePicker).vm.$emit('update:modelValue', '2023-10-15')
    await type('receipt-amount', '50000.01')
    await save()
    await vi.waitFor(() => expect(fieldError('金额')).toBe('不能超过尚欠的 50,000元'))
    await type('receipt-amount', '12.345')
    await save()
    await vi.waitFor(() => expect(fieldError('金额')).toBe('请输入金额，最多两位小数'))
    expect(posts()).toEqual([])
    wrapper.unmount()
  })

  it('shows the server’s objection beside the amount', async () => {
    const { wrapper } = await openReceipt(() => apiError(422, 'invalid', '输入有误', { amount_fen: '超过了尚欠的金额' }))
    await save()
    await vi.waitFor(() => expect(fieldError('金额')).toBe('超过了尚欠的金额'))
    expect(wrapper.emitted('saved')).toBeUndefined()
    wrapper.unmount()
  })

  it('takes the whole screen on a phone, with large fields', async () => {
    screen(true)
    const { wrapper } = await openReceipt()
    expect(document.querySelector('.el-dialog')?.classList.contains('is-fullscreen')).toBe(true)
    expect(document.querySelector('.el-form')?.classList.contains('el-form--label-top')).toBe(true)
    expect(input('receipt-amount').closest('.el-input')?.classList.contains('el-input--large')).toBe(true)
    wrapper.unmount()
  })
})
