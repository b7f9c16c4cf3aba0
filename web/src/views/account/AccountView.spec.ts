import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { User } from '@/api/types'
import { i18n } from '@/i18n'
import { useSessionStore } from '@/stores/session'
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
  const wrapper = mount(AccountView, { global: { plugins: [pinia, router, i18n] } })
  await flushPromises()
  return wrapper
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
})
