import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import type { Contact } from '@/api/types'
import { i18n } from '@/i18n'
import { json, stubFetch } from '@/test-support/fetch'
import { signedIn } from '@/test-support/users'
import ContactsView from './ContactsView.vue'

const LIAO = { id: 12, name: '廖英杰' }

function contact(id: number, person = LIAO): Contact {
  return {
    id,
    person,
    target: { kind: 'person', id: 40 + id, name: `企业家${id}`, region: { code: '431127103', name: '楠市镇' } },
    occurred_on: '2026-11-20',
    kind: 'visit',
    place: '',
    notes: '',
    follow_up: '',
    follow_up_due: null,
    follow_up_done_on: null,
    version: 1,
  } as Contact
}

async function openContacts(path: string, personId: number | null) {
  const sent = stubFetch((r) => {
    if (r.url.startsWith('/api/v1/contacts')) return json(200, { items: [contact(1)], total: 1 })
    return json(404, {})
  })
  const pinia = signedIn({ username: 'zhenzhang', person_id: personId, permissions: ['contacts.read', 'people.read'] })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/contacts', name: 'contacts', component: ContactsView },
      { path: '/contacts/new', name: 'contact-new', component: { render: () => null } },
      { path: '/people/:id', name: 'person', component: { render: () => null } },
    ],
  })
  await router.push(path)
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), {
    global: { plugins: [pinia, router, i18n] },
    attachTo: document.body,
  })
  await flushPromises()
  const asked = () => sent.filter((r) => r.url.startsWith('/api/v1/contacts')).map((r) => new URL(r.url, 'http://x').searchParams)
  return { wrapper, router, asked }
}

describe('ContactsView', () => {
  it('opens on one’s own contacts when one is in the registry, and remembers turning that off', async () => {
    const { wrapper, router, asked } = await openContacts('/contacts', LIAO.id)
    expect(asked().at(-1)?.get('person')).toBe('12')
    const mine = wrapper.find('[data-test="contacts-mine"]')
    expect(mine.classes()).toContain('is-checked')
    expect(router.currentRoute.value.fullPath).toBe('/contacts')

    await mine.trigger('click')
    await flushPromises()
    expect(asked().at(-1)?.has('person')).toBe(false)
    expect(router.currentRoute.value.query).toEqual({ person: '' })
    wrapper.unmount()

    // The address kept the choice: coming back to it shows everyone's again.
    const again = await openContacts('/contacts?person=', LIAO.id)
    expect(again.asked().at(-1)?.has('person')).toBe(false)
    expect(again.wrapper.find('[data-test="contacts-mine"]').classes()).not.toContain('is-checked')
    again.wrapper.unmount()
  })

  it('opens on everyone’s contacts for a user who is not in the registry', async () => {
    const { wrapper, asked } = await openContacts('/contacts', null)
    expect(asked().at(-1)?.has('person')).toBe(false)
    expect(wrapper.find('[data-test="contacts-mine"]').exists()).toBe(false)
    await vi.waitFor(() => expect(wrapper.text()).toContain('企业家1'))
    wrapper.unmount()
  })
})
