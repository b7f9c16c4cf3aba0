import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { ElMessage, ElMessageBox, type MessageBoxData } from 'element-plus'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import type { LandContract, LandPayment } from '@/api/land'
import { i18n } from '@/i18n'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { makeContract, makePayments, RECEIPT, screen } from '@/test-support/land'
import { signedIn } from '@/test-support/users'
import LandContractDetailView from './LandContractDetailView.vue'

/** What ElMessageBox.confirm resolves to when the user confirms. */
const CONFIRMED = 'confirm' as unknown as MessageBoxData

/**
 * The contract's page with a server that keeps its schedule: a receipt adds to
 * its payment (and the contract's figures), deleting the contract is refused
 * while it has receipts.
 */
async function openContract(permissions: string[]) {
  let payments: LandPayment[] = makePayments()
  let receipts = [RECEIPT]
  let contract: LandContract = makeContract()
  const sent = stubFetch((r: SentRequest) => {
    if (r.url === '/api/v1/land-contracts/3' && r.method === 'GET') return json(200, contract)
    if (r.url === '/api/v1/land-contracts/3' && r.method === 'DELETE')
      return apiError(409, 'land_has_receipts', '该合同已有收款记录，不能删除。如需删除，请先删除收款记录。')
    if (r.url.startsWith('/api/v1/land-contracts/3/payments') && r.method === 'GET') return json(200, { items: payments, receipts })
    const receipt = /^\/api\/v1\/land-contracts\/3\/payments\/(\d+)\/receipts$/.exec(r.url)
    if (receipt && r.method === 'POST') {
      const n = Number(receipt[1])
      const body = r.body as { amount_fen: number; received_on: string; payer: string; note: string }
      payments = payments.map((p) =>
        p.n === n ? { ...p, received_fen: p.received_fen + body.amount_fen, status: 'paid', days_overdue: 0 } : p,
      )
      receipts = [...receipts, { id: 12, n, ...body, created_at: '' }]
      contract = { ...contract, received_fen: contract.received_fen + body.amount_fen, overdue_fen: 0, next_due: payments[2] }
      return json(201, payments.find((p) => p.n === n))
    }
    if (r.method === 'DELETE' && r.url === '/api/v1/land-contracts/3/receipts/11') {
      receipts = []
      return new Response(null, { status: 204 })
    }
    return json(200, { items: [], total: 0 })
  })
  const pinia = signedIn({ permissions })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/land', name: 'land', component: { render: () => null } },
      { path: '/land/:id', name: 'land-contract', component: LandContractDetailView },
      { path: '/organizations/:id', name: 'organization', component: { render: () => null } },
      { path: '/enterprises/:id', name: 'enterprise', component: { render: () => null } },
      { path: '/people/:id', name: 'person', component: { render: () => null } },
    ],
  })
  await router.push('/land/3')
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  await flushPromises()
  const count = (url: string) => sent.filter((r) => r.method === 'GET' && r.url === url).length
  return { wrapper, sent, router, count }
}

const $ = (test: string) => document.querySelector<HTMLElement>(`[data-test="${test}"]`)

describe('LandContractDetailView', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2023-10-16T04:00:00Z'))
  })
  afterEach(() => vi.useRealTimers())

  it('shows the parties as links, the terms, and the schedule with the overdue payment and its days', async () => {
    screen(false)
    const { wrapper } = await openContract(['land.read', 'organizations.read', 'enterprises.read'])
    expect(wrapper.find('[data-test="land-title"]').text()).toBe('蓝山县朋佳中草药种植有限公司')
    expect(wrapper.find('[data-test="land-type"]').text()).toBe('林地')
    expect(wrapper.find('[data-test="land-transferor"] a').attributes('href')).toBe('/organizations/31')
    expect(wrapper.find('[data-test="land-transferee"] a').attributes('href')).toBe('/enterprises/9')
    expect(wrapper.find('[data-test="land-area"]').text()).toBe('450 亩')
    expect(wrapper.find('[data-test="land-term"]').text()).toBe('2022-09-01 至 2027-08-31（5 年）')
    expect(wrapper.find('[data-test="land-rent"]').text()).toBe('4万元/年')
    expect(wrapper.find('[data-test="land-received"]').text()).toBe('40,000元')
    expect(wrapper.find('[data-test="land-overdue-amount"]').text()).toBe('40,000元')

    const table = wrapper.find('[data-test="land-payments-table"]')
    expect(table.findAll('.el-table__body tr')).toHaveLength(3)
    expect(table.find('[data-test="payment-status-1"]').text()).toBe('已收清')
    expect(table.find('[data-test="payment-status-2"]').text()).toBe('逾期')
    expect(table.find('[data-test="payment-days-2"]').text()).toBe('45 天')
    expect(table.find('[data-test="payment-status-3"]').text()).toBe('待收')

    const receipts = wrapper.find('[data-test="land-receipts"]')
    expect(receipts.text()).toContain('2022-09-05')
    expect(receipts.text()).toContain('40,000元')
    expect(receipts.text()).toContain('付款人：蓝山县朋佳中草药种植有限公司')
    // A reader records nothing.
    expect(wrapper.find('[data-test="receipt-button"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="receipt-delete-11"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="land-delete"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('lets the village secretary record a receipt on his phone; the schedule and the figures follow', async () => {
    screen(true)
    const { wrapper, sent, count } = await openContract(['land.read', 'land.write'])
    const cards = wrapper.find('[data-test="land-payments-cards"]')
    // Only the unpaid payments can be paid.
    expect(cards.findAll('[data-test="receipt-button"]').map((b) => b.attributes('data-payment'))).toEqual(['2', '3'])
    expect(cards.find('[data-test="payment-2"]').text()).toContain('逾期 45 天')
    const before = { payments: count('/api/v1/land-contracts/3/payments'), contract: count('/api/v1/land-contracts/3') }

    await cards.find('[data-test="receipt-button"]').trigger('click')
    await flushPromises()
    // The whole screen, the amount still to pay ready to confirm.
    const amount = document.querySelector<HTMLInputElement>('.el-dialog.is-fullscreen input[data-test="receipt-amount"]')!
    expect(amount.value).toBe('40000')
    $('receipt-save')!.click()
    await flushPromises()

    expect(sent.filter((r) => r.method === 'POST').map((r) => [r.url, r.body])).toEqual([
      ['/api/v1/land-contracts/3/payments/2/receipts', { received_on: '2023-10-16', amount_fen: 4_000_000, payer: '蓝山县朋佳中草药种植有限公司', note: '' }],
    ])
    await vi.waitFor(() => expect(count('/api/v1/land-contracts/3/payments')).toBe(before.payments + 1))
    expect(count('/api/v1/land-contracts/3')).toBe(before.contract + 1)
    await vi.waitFor(() => expect(wrapper.find('[data-test="payment-status-2"]').text()).toBe('已收清'))
    expect(wrapper.find('[data-test="land-received"]').text()).toBe('80,000元')
    expect(wrapper.findAll('[data-test="receipt-button"]').map((b) => b.attributes('data-payment'))).toEqual(['3'])
    expect(wrapper.find('[data-test="land-badge-overdue"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('removes a receipt entered by mistake after asking', async () => {
    screen(false)
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue(CONFIRMED)
    const { wrapper, sent } = await openContract(['land.read', 'land.write'])
    await wrapper.find('[data-test="receipt-delete-11"]').trigger('click')
    await flushPromises()
    expect(confirm.mock.calls[0][0]).toBe('确定删除 2022-09-05 收到的 40,000元 吗？仅用于删除录入错误的收款。')
    expect(sent.filter((r) => r.method === 'DELETE').map((r) => r.url)).toEqual(['/api/v1/land-contracts/3/receipts/11'])
    await vi.waitFor(() => expect(wrapper.find('[data-test="land-receipts"]').text()).toContain('还没有收款记录'))
    wrapper.unmount()
  })

  it('says why a contract with receipts cannot be deleted', async () => {
    screen(false)
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue(CONFIRMED)
    const error = vi.spyOn(ElMessage, 'error')
    const { wrapper, router } = await openContract(['land.read', 'land.write'])
    await wrapper.find('[data-test="land-delete"]').trigger('click')
    await flushPromises()
    expect(error).toHaveBeenCalledWith('该合同已有收款记录，不能删除。如需删除，请先删除收款记录。')
    expect(router.currentRoute.value.name).toBe('land-contract')
    wrapper.unmount()
  })
})
