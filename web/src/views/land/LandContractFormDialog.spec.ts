import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { ElDatePicker, ElInputNumber, ElSelect } from 'element-plus'
import type { LandContract } from '@/api/land'
import EnterpriseSelect from '@/components/EnterpriseSelect.vue'
import OrganizationSelect from '@/components/OrganizationSelect.vue'
import { i18n } from '@/i18n'
import { dialogSpecPerTest } from '@/test-support/dialogs'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { makeContract } from '@/test-support/land'
import { signedIn } from '@/test-support/users'
import LandContractFormDialog from './LandContractFormDialog.vue'

async function openDialog(contract: LandContract | null, answer: (request: SentRequest) => Response) {
  const pinia = signedIn({
    permissions: ['land.read', 'land.write'],
    capture_region: { code: '431127103224', name: '朋佳村' },
  })
  const sent = stubFetch((r) => (r.method === 'GET' ? json(200, { items: [], total: 0 }) : answer(r)))
  const wrapper = mount(LandContractFormDialog, { props: { open: false, contract }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
  await wrapper.setProps({ open: true })
  await flushPromises()
  return { wrapper, sent, writes: () => sent.filter((r) => r.method !== 'GET') }
}

async function type(test: string, value: string) {
  const element = document.querySelector(`[data-test="${test}"] input, input[data-test="${test}"], textarea[data-test="${test}"]`) as HTMLInputElement
  element.value = value
  element.dispatchEvent(new Event('input'))
  await flushPromises()
}

function choose(wrapper: VueWrapper, test: string, value: unknown) {
  const select = wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === test)!
  select.vm.$emit('update:modelValue', value)
}

function number(wrapper: VueWrapper, test: string, value: number) {
  wrapper.findAllComponents(ElInputNumber).find((c) => c.attributes('data-test') === test)!.vm.$emit('update:modelValue', value)
}

async function save() {
  ;(document.querySelector('[data-test="land-save"]') as HTMLElement).click()
  await flushPromises()
}

/** The message beside the form item with this label. */
function fieldError(label: string): string {
  const item = [...document.querySelectorAll('.el-form-item')].find((el) => el.querySelector('.el-form-item__label')?.textContent?.trim() === label)
  return item?.querySelector('.el-form-item__error')?.textContent?.trim() ?? ''
}

describe('the land contract form', () => {
  dialogSpecPerTest()

  it('adds a contract of the collective with an enterprise, the rent typed in 元 sent as exact 分', async () => {
    const { wrapper, writes } = await openDialog(null, () => json(201, makeContract({ id: 8 })))
    expect(document.querySelector('.el-dialog__title')?.textContent).toBe('新增流转合同')

    wrapper.findComponent(OrganizationSelect).vm.$emit('update:modelValue', 31)
    wrapper.findComponent(EnterpriseSelect).vm.$emit('update:modelValue', 9)
    choose(wrapper, 'land-type', 'forest')
    await type('land-area', '450')
    await type('land-purpose', '中草药种植')
    wrapper.findAllComponents(ElDatePicker)[0].vm.$emit('update:modelValue', '2022-09-01')
    number(wrapper, 'land-years', 5)
    await type('land-rent', '40000.10')
    number(wrapper, 'land-jobs', 30)
    await flushPromises()
    await save()

    expect(writes().map((r) => [r.method, r.url, r.body])).toEqual([
      [
        'POST',
        '/api/v1/land-contracts',
        {
          region: '431127103224',
          transferor: { organization_id: 31 },
          transferee: { enterprise_id: 9 },
          land_type: 'forest',
          area_mu: '450.00',
          purpose: '中草药种植',
          starts_on: '2022-09-01',
          years: 5,
          rent_fen_per_year: 4_000_010,
          payment_frequency: 'yearly',
          jobs: 30,
        },
      ],
    ])
    expect(wrapper.emitted('saved')?.[0]?.[1]).toBe(true)
    wrapper.unmount()
  })

  it('checks what it can before asking the server', async () => {
    const { wrapper, writes } = await openDialog(null, () => json(201, makeContract()))
    choose(wrapper, 'land-type', 'forest')
    await type('land-area', '12.345')
    await type('land-rent', '1.001')
    await save()
    await vi.waitFor(() =>
      expect(['面积', '流出方', '流入方', '期限', '租金'].map(fieldError)).toEqual([
        '请输入面积：0.01 至 1,000,000 亩，最多两位小数',
        '请选择村集体经济组织',
        '请选择流入方',
        '请输入年限：1 至 30 年',
        '请输入租金：大于 0，最多两位小数',
      ]),
    )
    expect(writes()).toEqual([])
    wrapper.unmount()
  })

  it('shows the server’s objections beside their fields, by the server’s names', async () => {
    const contract = makeContract({ version: 2 })
    const { wrapper } = await openDialog(contract, () =>
      apiError(422, 'invalid', '输入有误', {
        area_mu: '面积最多两位小数',
        'transferor.organization_id': '只能选择村集体经济组织',
        ends_on: '期限最长 30 年',
        rent_fen_per_year: '租金超出范围',
      }),
    )
    await type('land-area', '451')
    await save()
    await vi.waitFor(() => expect(fieldError('面积')).toBe('面积最多两位小数'))
    expect(fieldError('流出方')).toBe('只能选择村集体经济组织')
    expect(fieldError('期限')).toBe('期限最长 30 年')
    expect(fieldError('租金')).toBe('租金超出范围')
    expect(document.querySelector('.sl-form-error')?.textContent).toContain('有些内容需要修改')
    wrapper.unmount()
  })

  it('edits only what changed with the version, and says when the terms are locked by receipts', async () => {
    const contract = makeContract({ version: 2 })
    const { wrapper, writes } = await openDialog(contract, () =>
      apiError(422, 'land_terms_locked', '合同已有收款记录，租金和期限不能再修改。'),
    )
    expect(document.querySelector('.el-dialog__title')?.textContent).toBe('编辑流转合同：蓝山县朋佳中草药种植有限公司')
    expect((document.querySelector('input[data-test="land-rent"]') as HTMLInputElement).value).toBe('40000')
    await type('land-rent', '42000')
    await save()
    expect(writes().map((r) => [r.method, r.url, r.body])).toEqual([['PATCH', '/api/v1/land-contracts/3', { version: 2, rent_fen_per_year: 4_200_000 }]])
    await vi.waitFor(() => expect(document.querySelector('.sl-form-error')?.textContent).toContain('合同已有收款记录，租金和期限不能再修改。'))
    expect(wrapper.emitted('saved')).toBeUndefined()
    wrapper.unmount()
  })
})
