import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import type { Contact } from '@/api/types'
import { i18n } from '@/i18n'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { screen } from '@/test-support/land'
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
    requests: [],
    version: 1,
  } as Contact
}

async function openContacts(
  path: string,
  personId: number | null,
  options: { permissions?: string[]; items?: Contact[]; respond?: (request: SentRequest) => Response | undefined } = {},
) {
  const sent = stubFetch((r) => {
    const answer = options.respond?.(r)
    if (answer) return answer
    if (r.url.startsWith('/api/v1/contacts')) return json(200, { items: options.items ?? [contact(1)], total: 1 })
    return json(404, {})
  })
  const pinia = signedIn({ username: 'zhenzhang', person_id: personId, permissions: options.permissions ?? ['contacts.read', 'people.read'] })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/contacts', name: 'contacts', component: ContactsView },
      { path: '/contacts/new', name: 'contact-new', component: { render: () => null } },
      { path: '/people/:id', name: 'person', component: { render: () => null } },
      { path: '/requests/:id', name: 'request', component: { render: () => null } },
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
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('shows the requests raised on each visit, linking to them with their status, in the table and on a phone', async () => {
    const visit = { ...contact(3), requests: [{ id: 12, title: '晾晒棚用地审批', status: 'accepted' }] }
    screen(false)
    const desktop = await openContacts('/contacts', null, { items: [visit], permissions: ['contacts.read', 'requests.read'] })
    await vi.waitFor(() => expect(desktop.wrapper.find('[data-test="request-ref-12"]').exists()).toBe(true))
    const ref = desktop.wrapper.find('[data-test="request-ref-12"]')
    expect(ref.find('a').attributes('href')).toBe('/requests/12')
    expect(ref.find('a').text()).toBe('晾晒棚用地审批')
    expect(ref.find('[data-test="request-status-accepted"]').text()).toBe('受理')
    desktop.wrapper.unmount()

    screen(true)
    const phone = await openContacts('/contacts', null, { items: [visit], permissions: ['contacts.read', 'requests.read'] })
    const card = phone.wrapper.find('[data-test="contact-3"]')
    expect(card.text()).toContain('诉求')
    expect(card.find('[data-test="request-ref-12"] a').attributes('href')).toBe('/requests/12')
    phone.wrapper.unmount()
  })

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

  /** The contacts whose row offers 删除. */
  function deletable(): string[] {
    return [...document.querySelectorAll('.el-table__row')]
      .filter((row) => [...row.querySelectorAll('button')].some((b) => b.textContent?.includes('删除')))
      .map((row) => row.textContent?.match(/企业家\d/)?.[0] ?? '')
  }
  const OTHER = { id: 99, name: '李明' }

  it('offers changes on one’s own visits only, unless the user manages everyone’s', async () => {
    const items = [contact(1), contact(2, OTHER)]
    const writer = await openContacts('/contacts?person=', LIAO.id, { items, permissions: ['contacts.read', 'contacts.write'] })
    await vi.waitFor(() => expect(writer.wrapper.text()).toContain('企业家2'))
    expect(deletable()).toEqual(['企业家1'])
    writer.wrapper.unmount()

    const office = await openContacts('/contacts', null, { items, permissions: ['contacts.read', 'contacts.write', 'contacts.manage'] })
    await vi.waitFor(() => expect(office.wrapper.text()).toContain('企业家2'))
    expect(deletable()).toEqual(['企业家1', '企业家2'])
    office.wrapper.unmount()
  })

  it('asks for a reason when the server wants one, and deletes with it', async () => {
    const deletes: string[] = []
    const { wrapper } = await openContacts('/contacts', null, {
      items: [contact(2, OTHER)],
      permissions: ['contacts.read', 'contacts.write', 'contacts.manage'],
      respond: (r) => {
        if (r.method !== 'DELETE') return undefined
        deletes.push(r.url)
        return r.url.includes('reason=')
          ? new Response(null, { status: 204 })
          : apiError(422, 'invalid', '输入有误', { reason: '该记录录入已超过 30 天，请填写原因' })
      },
    })
    await vi.waitFor(() => expect(deletable()).toEqual(['企业家2']))
    const button = [...document.querySelectorAll<HTMLButtonElement>('.el-table__row button')].find((b) => b.textContent?.includes('删除'))
    button?.click()
    // 确定删除…? then the reason.
    const confirm = await vi.waitFor(() => {
      const found = document.querySelector<HTMLButtonElement>('.el-message-box .el-button--primary')
      expect(found).not.toBeNull()
      return found!
    })
    confirm.click()
    const input = await vi.waitFor(() => {
      const found = document.querySelector<HTMLInputElement>('.contact-reason .el-message-box__input input')
      expect(found).not.toBeNull()
      return found!
    })
    expect(document.querySelector('.contact-reason')?.textContent).toContain('该记录录入已超过 30 天，请填写原因')
    input.value = '录入对象错误'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    document.querySelector<HTMLButtonElement>('.contact-reason .el-button--primary')?.click()
    await vi.waitFor(() => expect(deletes).toHaveLength(2))
    expect(deletes[0]).toBe('/api/v1/contacts/2')
    expect(decodeURIComponent(deletes[1])).toBe('/api/v1/contacts/2?reason=录入对象错误')
    wrapper.unmount()
  })
})
