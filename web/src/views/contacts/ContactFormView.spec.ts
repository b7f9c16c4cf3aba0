import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { ElSelect } from 'element-plus'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { resetRequestCodes } from '@/composables/useRequestCodes'
import { i18n } from '@/i18n'
import { json, stubFetch } from '@/test-support/fetch'
import { requestCodes } from '@/test-support/requests'
import { signedIn } from '@/test-support/users'
import ContactFormView from './ContactFormView.vue'

const FIRM = { id: 9, name: '蓝山县朋佳中草药种植有限公司' }

async function openForm(path = `/contacts/new?target_kind=enterprise&target=9&target_name=${encodeURIComponent(FIRM.name)}`) {
  const sent = stubFetch((r) => {
    const codes = requestCodes(r.url)
    if (codes) return codes
    if (r.method === 'POST') return json(201, { id: 41, target: { kind: 'enterprise', ...FIRM, region: null } })
    return json(200, { items: [], total: 0 })
  })
  const pinia = signedIn({ username: 'zhenzhang', person_id: 2, permissions: ['contacts.read', 'contacts.write', 'requests.read'] })
  const stub = { render: () => null }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/contacts', name: 'contacts', component: stub },
      { path: '/contacts/new', name: 'contact-new', component: ContactFormView },
    ],
  })
  await router.push(path)
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router, posts: () => sent.filter((r) => r.method === 'POST').map((r) => r.body) }
}

async function type(test: string, value: string) {
  const element = document.querySelector(`input[data-test="${test}"], textarea[data-test="${test}"]`) as HTMLInputElement
  element.value = value
  element.dispatchEvent(new Event('input'))
  await flushPromises()
}
function choose(wrapper: VueWrapper, test: string, value: unknown) {
  wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === test)!.vm.$emit('update:modelValue', value)
}
async function save(wrapper: VueWrapper) {
  await wrapper.find('form').trigger('submit')
  await flushPromises()
}

describe('logging a visit', () => {
  beforeEach(() => {
    resetRequestCodes()
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('records the request the enterprise raised with the visit', async () => {
    const { wrapper, router, posts } = await openForm()
    // Follow-ups are gone: what follows a visit is a request.
    expect(wrapper.find('[data-test="contact-follow-up"]').exists()).toBe(false)
    const part = wrapper.find('[data-test="contact-request"]')
    expect(part.text()).toContain('记录诉求')
    expect(wrapper.find('[data-test="contact-request-title"]').exists()).toBe(false)

    await wrapper.find('[data-test="contact-request-toggle"]').trigger('click')
    await flushPromises()
    choose(wrapper, 'contact-request-category', 'land')
    await type('contact-request-title', '晾晒棚用地审批')
    await type('contact-request-detail', '需新建晾晒棚约 300 平方米')
    await type('contact-notes', '了解扩产计划')
    await save(wrapper)

    expect(posts()).toEqual([
      {
        target_kind: 'enterprise',
        target: 9,
        occurred_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        kind: 'visit',
        notes: '了解扩产计划',
        request: { category: 'land', title: '晾晒棚用地审批', detail: '需新建晾晒棚约 300 平方米' },
      },
    ])
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('contacts'))
    wrapper.unmount()
  })

  it('asks for the request’s category and title once it is to be recorded, and sends none otherwise', async () => {
    vi.stubGlobal('ASYNC_VALIDATOR_NO_WARNING', true)
    const asked = await openForm()
    await asked.wrapper.find('[data-test="contact-request-toggle"]').trigger('click')
    await flushPromises()
    await save(asked.wrapper)
    expect(asked.posts()).toEqual([])
    await vi.waitFor(() => {
      const errors = [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim())
      expect(errors).toEqual(expect.arrayContaining(['请选择诉求类别', '请填写诉求标题']))
    })
    asked.wrapper.unmount()

    document.body.innerHTML = ''
    const plain = await openForm()
    await save(plain.wrapper)
    expect(plain.posts()).toEqual([expect.not.objectContaining({ request: expect.anything() })])
    plain.wrapper.unmount()
  })

  it('offers a request only for a person or an enterprise', async () => {
    const { wrapper } = await openForm('/contacts/new?target_kind=region&target=431127103224&target_name=朋佳村')
    expect(wrapper.find('[data-test="contact-request"]').exists()).toBe(false)
    wrapper.unmount()
    document.body.innerHTML = ''
    const person = await openForm('/contacts/new?target_kind=person&target=219&target_name=蒋金家')
    expect(person.wrapper.find('[data-test="contact-request"]').exists()).toBe(true)
    person.wrapper.unmount()
  })
})
