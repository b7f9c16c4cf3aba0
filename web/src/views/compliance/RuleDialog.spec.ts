import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ElCheckboxGroup, ElInputNumber, ElSelect } from 'element-plus'
import type { QuotaRule } from '@/api/types'
import { i18n } from '@/i18n'
import { dialogSpecPerTest } from '@/test-support/dialogs'
import { json, stubFetch } from '@/test-support/fetch'
import { signedIn } from '@/test-support/users'
import RuleDialog from './RuleDialog.vue'

const NANSHI = { code: '431127103', name: '楠市镇' }
const TRAINING_QUOTA: QuotaRule = {
  id: 7,
  region: NANSHI,
  source_filter: 'full_party_member',
  target_filter: 'event_party_training',
  min_contacts: 2,
  period: 'year',
  valid_from: '2022-01-01',
  valid_to: null,
  notes: '',
  version: 1,
}

async function openQuota(rule: QuotaRule | null) {
  const pinia = signedIn({ permissions: ['rules.read', 'rules.write'], all_regions: true })
  const sent = stubFetch((r) => (r.method === 'GET' ? json(200, { items: [], total: 0 }) : json(200, { ...TRAINING_QUOTA, ...(r.body as object) })))
  const wrapper = mount(RuleDialog, {
    props: { open: false, kind: 'quota', rule, region: NANSHI, date: '2022-10-20' },
    global: { plugins: [pinia, i18n] },
    attachTo: document.body,
  })
  await wrapper.setProps({ open: true })
  await flushPromises()
  return { wrapper, sent }
}

/** The label of the form item holding a component. */
const labelOf = (selector: string) => document.querySelector(selector)?.closest('.el-form-item')?.querySelector('.el-form-item__label')?.textContent?.trim()

describe('a quota on events attended', () => {
  dialogSpecPerTest()

  it('takes 每名正式党员每年参加党务培训不少于 2 次, counted in events', async () => {
    const { wrapper, sent } = await openQuota(null)
    const target = wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'quota-target')!
    // The targets come in two groups: those contacted, then the events attended.
    const groups = document.querySelectorAll('.el-select-group__title')
    expect([...groups].map((g) => g.textContent?.trim())).toEqual(['联系对象', '参加活动'])
    expect(document.body.textContent).toContain('参加党务培训')
    expect(wrapper.text()).toContain('正式党员')

    wrapper.findComponent(ElCheckboxGroup).vm.$emit('update:modelValue', ['full_party_member'])
    target.vm.$emit('update:modelValue', 'event_party_training')
    wrapper.findComponent(ElInputNumber).vm.$emit('update:modelValue', 2)
    await flushPromises()
    expect(document.querySelector('[data-test="quota-sentence"]')?.textContent).toBe('正式党员每年参加党务培训至少 2 次')
    expect(labelOf('.el-input-number')).toBe('至少参加（次）')

    ;(document.querySelector('[data-test="quota-rule-save"]') as HTMLElement).click()
    await flushPromises()
    const posts = sent.filter((r) => r.method === 'POST')
    expect(posts.map((r) => r.url)).toEqual(['/api/v1/rules/quota'])
    expect(posts[0].body).toEqual({
      region: '431127103',
      valid_from: '2022-10-20',
      valid_to: null,
      notes: null,
      source_filter: 'full_party_member',
      target_filter: 'event_party_training',
      min_contacts: 2,
      period: 'year',
    })
    expect(wrapper.emitted('saved')).toHaveLength(1)
    wrapper.unmount()
  })

  it('says 联系 … 个 again when the target is contacted', async () => {
    const { wrapper, sent } = await openQuota(TRAINING_QUOTA)
    expect(document.querySelector('[data-test="quota-sentence"]')?.textContent).toBe('正式党员每年参加党务培训至少 2 次')
    wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'quota-target')!.vm.$emit('update:modelValue', 'activist')
    await flushPromises()
    expect(document.querySelector('[data-test="quota-sentence"]')?.textContent).toBe('正式党员每年至少联系 2 个入党积极分子')
    expect(labelOf('.el-input-number')).toBe('至少联系（个）')

    ;(document.querySelector('[data-test="quota-rule-save"]') as HTMLElement).click()
    await flushPromises()
    expect(sent.filter((r) => r.method === 'PATCH').map((r) => [r.url, r.body])).toEqual([
      ['/api/v1/rules/quota/7', { version: 1, target_filter: 'activist' }],
    ])
    wrapper.unmount()
  })
})
