import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { User } from '@/api/types'
import { i18n } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import { apiError, json, stubFetch } from '@/test-support/fetch'
import { makeUser } from '@/test-support/users'
import AccountView from './AccountView.vue'

async function openAccount(user: User) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().user = user
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/account', name: 'account', component: AccountView },
      { path: '/people/:id', name: 'person', component: { render: () => null } },
    ],
  })
  await router.push('/account')
  const wrapper = mount(AccountView, { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  await flushPromises()
  return wrapper
}

/** Lets the form answer: Element Plus shows (or hides) a field's message a moment after its check. */
async function settle() {
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, 150))
}

describe('AccountView', () => {
  it('links a user who is in the registry to their own person record', async () => {
    const wrapper = await openAccount(makeUser({ username: 'zhenzhang', person_id: 12, permissions: ['people.read'] }))
    const link = wrapper.find('[data-test="account-person"]')
    expect(link.text()).toBe('查看本人的人员档案')
    expect(link.attributes('href')).toBe('/people/12')
    expect(wrapper.text()).toContain('人员档案')
  })

  it('offers no such link without a linked person, or without leave to read people', async () => {
    const unlinked = await openAccount(makeUser({ person_id: null, permissions: ['people.read'] }))
    expect(unlinked.find('[data-test="account-person"]').exists()).toBe(false)
    const reader = await openAccount(makeUser({ person_id: 12, permissions: ['contacts.read'] }))
    expect(reader.find('[data-test="account-person"]').exists()).toBe(false)
    expect(reader.text()).not.toContain('人员档案')
  })

  it('changes the password, shows the server objection beside its field, and says other sessions ended', async () => {
    let wrongOld = true
    const sent = stubFetch((r) => {
      if (r.method === 'PUT') {
        return wrongOld ? apiError(422, 'invalid', '输入有误', { old_password: '当前密码不正确' }) : new Response(null, { status: 204 })
      }
      return json(200, { user: makeUser({ demo_password: false }) })
    })
    const wrapper = await openAccount(makeUser({ demo_password: true }))
    const input = (name: string) => wrapper.find(`input[data-test="password-${name}"]`)
    /** Fills in what is given, sends the form and answers the form's text. */
    async function submit(values: { old?: string; new?: string; repeat?: string }) {
      for (const [name, value] of Object.entries(values)) await input(name).setValue(value)
      await wrapper.find('form').trigger('submit')
      await settle()
      return wrapper.find('[data-test="password-form"]').text()
    }

    // Too short, then not repeated alike: refused before asking the server.
    expect(await submit({ old: 'shuanglun', new: 'short', repeat: 'short' })).toContain('密码至少 10 个字符')
    expect(await submit({ new: 'a-long-new-secret', repeat: 'a-long-new-secrex' })).toContain('两次输入的新密码不一致')
    expect(sent).toHaveLength(0)

    expect(await submit({ repeat: 'a-long-new-secret' })).toContain('当前密码不正确')
    expect(sent[0]).toMatchObject({ method: 'PUT', url: '/api/v1/session/password', body: { old_password: 'shuanglun', password: 'a-long-new-secret' } })

    wrongOld = false
    await submit({})
    expect(document.body.textContent).toContain('其他设备和浏览器上的登录已全部退出')
    expect((input('new').element as HTMLInputElement).value).toBe('')
    expect(useSessionStore().user?.demo_password).toBe(false)
    wrapper.unmount()
  })
})
