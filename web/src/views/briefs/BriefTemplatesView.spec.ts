import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { BriefTemplate } from '@/api/types'
import { i18n } from '@/i18n'
import { routes } from '@/router/routes'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { DEFINITIONS } from '@/test-support/summary'
import { signedIn } from '@/test-support/users'
import BriefTemplatesView from './BriefTemplatesView.vue'

function template(section: string, position: number, heading: string, body: string, kind: BriefTemplate['kind'] = 'section'): BriefTemplate {
  return { section, kind, position, heading, body, updated_at: '2022-01-01T00:00:00Z', version: 1 }
}
const TEMPLATES: BriefTemplate[] = [
  template('item.land', 0, '', '{place}将{area}{land_type}流转给{transferee}。', 'item'),
  template('chamber', 20, '强化基层组织，夯实“堡垒”根基', '[截至{as_of}，{region}商会共有会员{chamber.members}]。'),
  template('intro', 10, '', '{period}，{region}坚持“党建+商会”双轮驱动。'),
]

async function openTemplates(put: (r: SentRequest) => Response = (r) => json(200, { section: r.url.split('/').pop(), ...(r.body as object), version: 2 })) {
  let listed = 0
  const sent = stubFetch((r) => {
    if (r.url === '/api/v1/brief-templates') {
      listed++
      return json(200, { items: listed > 1 ? TEMPLATES.map((t) => (t.section === 'chamber' ? { ...t, body: '别人改过的正文', version: 3 } : t)) : TEMPLATES })
    }
    if (r.url === '/api/v1/stats/figures') return json(200, { figures: DEFINITIONS })
    if (r.method === 'PUT') return put(r)
    return json(404, {})
  })
  const pinia = signedIn({ username: 'admin', permissions: ['briefs.read', 'briefs.manage'] })
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push('/brief-templates')
  const wrapper = mount(BriefTemplatesView, { global: { plugins: [pinia, router, i18n] }, attachTo: document.body }) as VueWrapper
  await flushPromises()
  await flushPromises()
  const puts = () => sent.filter((r) => r.method === 'PUT').map((r) => [r.url, r.body])
  return { wrapper, puts }
}

const editor = (wrapper: VueWrapper, section: string) => wrapper.find(`[data-test="template-${section}"]`)
const body = (wrapper: VueWrapper, section: string) => editor(wrapper, section).find<HTMLTextAreaElement>('textarea[data-test="template-body"]')

describe('the brief templates page', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists the sections in the brief’s order, then the item sentences, each with its heading and text', async () => {
    const { wrapper } = await openTemplates()
    expect(wrapper.findAll('article').map((a) => a.attributes('data-test'))).toEqual(['template-intro', 'template-chamber', 'template-item.land'])
    expect(editor(wrapper, 'chamber').find('h2').text()).toBe('基层组织与商会')
    expect(editor(wrapper, 'chamber').find<HTMLInputElement>('input[data-test="template-heading"]').element.value).toBe('强化基层组织，夯实“堡垒”根基')
    expect(body(wrapper, 'chamber').element.value).toBe('[截至{as_of}，{region}商会共有会员{chamber.members}]。')
    // An item sentence has no heading.
    expect(editor(wrapper, 'item.land').find('[data-test="template-heading"]').exists()).toBe(false)
    expect(editor(wrapper, 'item.land').find('h2').text()).toBe('新签流转合同逐项句式')
    wrapper.unmount()
  })

  it('explains the placeholders and lists every figure code', async () => {
    const { wrapper } = await openTemplates()
    const help = wrapper.find('[data-test="template-help"]')
    expect(help.text()).toContain('{pairing.level1.covered|位}')
    expect(help.text()).toContain('同一指标换用其他量词')
    expect(help.text()).toContain('可省略的分句')
    expect(help.text()).toContain('{table:children}')
    expect(help.find('[data-test="template-code-chamber.members"]').text()).toContain('商会会员')
    await help.find('input[data-test="template-codes-search"]').setValue('租金')
    expect(help.findAll('button.code').map((b) => b.find('code').text())).toEqual(['land.rent_due', 'land.rent_received', 'land.rent_overdue', 'income.source.rent'])
    wrapper.unmount()
  })

  it('saves a changed text with the version it was read at', async () => {
    const { wrapper, puts } = await openTemplates()
    const save = editor(wrapper, 'chamber').find<HTMLButtonElement>('[data-test="template-save"]')
    expect(save.element.disabled).toBe(true)
    await body(wrapper, 'chamber').setValue('[会员{chamber.members}]。')
    expect(save.element.disabled).toBe(false)
    await editor(wrapper, 'chamber').find('form').trigger('submit')
    await flushPromises()
    expect(puts()).toEqual([['/api/v1/brief-templates/chamber', { body: '[会员{chamber.members}]。', version: 1 }]])
    expect(document.body.textContent).toContain('“基层组织与商会”已保存')
    // Saved: nothing left to save, and the next save sends the new version.
    expect(save.element.disabled).toBe(true)
    await editor(wrapper, 'chamber').find<HTMLInputElement>('input[data-test="template-heading"]').setValue('新标题')
    await editor(wrapper, 'chamber').find('form').trigger('submit')
    await flushPromises()
    expect(puts()[1]).toEqual(['/api/v1/brief-templates/chamber', { heading: '新标题', version: 2 }])
    wrapper.unmount()
  })

  it('shows the server’s objection under the text', async () => {
    const { wrapper } = await openTemplates(() => apiError(422, 'invalid', '提交的内容有误', { body: '占位符的花括号不成对' }))
    await body(wrapper, 'chamber').setValue('[会员{chamber.members]。')
    await editor(wrapper, 'chamber').find('form').trigger('submit')
    await flushPromises()
    // Element Plus shows a field's message a moment after it is set.
    await new Promise((resolve) => setTimeout(resolve, 150))
    await flushPromises()
    expect(editor(wrapper, 'chamber').find('.el-form-item__error').text()).toBe('占位符的花括号不成对')
    // The text stays as typed, to be corrected.
    expect(body(wrapper, 'chamber').element.value).toBe('[会员{chamber.members]。')
    wrapper.unmount()
  })

  it('says when someone else changed the section meanwhile, and loads their text on request', async () => {
    const { wrapper } = await openTemplates(() => apiError(409, 'version_conflict', '这条记录已被别人修改'))
    await body(wrapper, 'chamber').setValue('我的正文')
    await editor(wrapper, 'chamber').find('form').trigger('submit')
    await flushPromises()
    expect(editor(wrapper, 'chamber').find('[data-test="template-conflict"]').text()).toContain('已被别人修改并保存')
    await editor(wrapper, 'chamber').find('[data-test="template-reload"]').trigger('click')
    await flushPromises()
    await flushPromises()
    expect(body(wrapper, 'chamber').element.value).toBe('别人改过的正文')
    expect(editor(wrapper, 'chamber').find('[data-test="template-conflict"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('puts a figure code clicked into the text last edited, at its cursor', async () => {
    const { wrapper } = await openTemplates()
    const area = body(wrapper, 'intro')
    await area.trigger('focus')
    area.element.setSelectionRange(8, 8)
    await area.trigger('blur')
    await wrapper.find('[data-test="template-code-chamber.members"]').trigger('click')
    await flushPromises()
    expect(area.element.value).toBe('{period}{chamber.members}，{region}坚持“党建+商会”双轮驱动。')
    wrapper.unmount()
  })

  it('points out a placeholder that is no figure code', async () => {
    const { wrapper } = await openTemplates()
    expect(editor(wrapper, 'chamber').find('[data-test="template-unknown"]').exists()).toBe(false)
    await body(wrapper, 'chamber').setValue('会员{chamber.member}')
    await flushPromises()
    expect(editor(wrapper, 'chamber').find('[data-test="template-unknown"]').text()).toContain('{chamber.member}')
    wrapper.unmount()
  })
})
