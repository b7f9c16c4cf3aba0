import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ElSelect } from 'element-plus'
import type { Membership } from '@/api/types'
import EnterpriseSelect from '@/components/EnterpriseSelect.vue'
import PersonSelect from '@/components/PersonSelect.vue'
import RegionSelect from '@/components/RegionSelect.vue'
import RemoteSelect from '@/components/RemoteSelect.vue'
import { i18n } from '@/i18n'
import { json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { makePerson } from '@/test-support/people'
import { signedIn } from '@/test-support/users'
import PersonFormDialog from '@/views/people/PersonFormDialog.vue'
import MembershipFormDialog from './MembershipFormDialog.vue'

const CHAMBER = { id: 4, name: '楠市镇商会' }

const ZHANG = makePerson({ id: 300, name: '张小兵' })

const MEMBERSHIP: Membership = {
  id: 77,
  chamber: CHAMBER,
  person: { id: ZHANG.id, name: ZHANG.name },
  enterprise: null,
  post: 'member',
  joined_on: '2026-11-29',
  left_on: null,
  dues_status: 'unpaid',
  party_member: false,
  version: 1,
}

/** The server: nobody matches a search; a person and a membership can be added. */
function answer(request: SentRequest): Response {
  if (request.url.startsWith('/api/v1/people?')) return json(200, { items: [], total: 0 })
  if (request.method === 'POST' && request.url === '/api/v1/people') return json(201, ZHANG)
  if (request.method === 'POST' && request.url === '/api/v1/memberships') return json(201, MEMBERSHIP)
  return json(200, { code: '431127103224', name: '朋佳村', ancestors: [] })
}

async function openDialog(permissions: string[]) {
  const pinia = signedIn({ username: 'chamber', permissions })
  const wrapper = mount(MembershipFormDialog, {
    props: { open: false, chamber: CHAMBER, membership: null },
    global: { plugins: [pinia, i18n] },
    attachTo: document.body,
  })
  await wrapper.setProps({ open: true })
  await flushPromises()
  return wrapper
}

/** Types into the membership's person chooser, as a user searching. */
async function searchPerson(wrapper: Awaited<ReturnType<typeof openDialog>>, text: string) {
  const chooser = wrapper.findComponent(PersonSelect).findComponent(RemoteSelect).findComponent(ElSelect)
  await (chooser.props('remoteMethod') as (query: string) => Promise<void>)(text)
  await flushPromises()
}

function addPersonButton(): HTMLElement | null {
  return document.querySelector('[data-test="membership-add-person"]')
}

describe('adding a chamber member', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('offers to add a person the chooser does not find, with the typed name, and then chooses them', async () => {
    const sent = stubFetch(answer)
    const wrapper = await openDialog(['memberships.write', 'people.read', 'people.write'])
    await searchPerson(wrapper, '张小兵')
    expect(document.body.textContent).toContain('没有匹配的结果')
    expect(addPersonButton()?.textContent).toContain('新增人员')

    addPersonButton()!.click()
    await flushPromises()
    const personDialog = wrapper.findComponent(PersonFormDialog)
    expect(personDialog.props('open')).toBe(true)
    expect((document.querySelector('input[data-test="person-name"]') as HTMLInputElement).value).toBe('张小兵')
    personDialog.findComponent(RegionSelect).vm.$emit('update:modelValue', '431127103224')
    await flushPromises()
    ;(document.querySelector('[data-test="person-save"]') as HTMLElement).click()
    await flushPromises()

    expect(sent.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual(['/api/v1/people'])
    expect(sent.find((r) => r.method === 'POST')?.body).toMatchObject({ name: '张小兵', region: '431127103224' })
    expect(personDialog.props('open')).toBe(false)
    // The new person is the member now, named in the chooser.
    expect(wrapper.findComponent(PersonSelect).props()).toMatchObject({ modelValue: 300, initial: { id: 300, name: '张小兵' } })

    ;(document.querySelector('[data-test="membership-save"]') as HTMLElement).click()
    await flushPromises()
    const posts = sent.filter((r) => r.method === 'POST')
    expect(posts.map((r) => r.url)).toEqual(['/api/v1/people', '/api/v1/memberships'])
    expect(posts[1].body).toMatchObject({ chamber: 4, person: 300, post: 'member', dues_status: 'unpaid' })
    expect(wrapper.emitted('saved')).toEqual([[MEMBERSHIP, true]])
    wrapper.unmount()
  })

  it('starts the new person without a name when pinyin or initials were typed', async () => {
    stubFetch(answer)
    const wrapper = await openDialog(['memberships.write', 'people.read', 'people.write'])
    await searchPerson(wrapper, 'zxb')
    addPersonButton()!.click()
    await flushPromises()
    await vi.waitFor(() => expect(document.querySelector('input[data-test="person-name"]')).not.toBeNull())
    expect((document.querySelector('input[data-test="person-name"]') as HTMLInputElement).value).toBe('')
    wrapper.unmount()
  })

  it('offers nothing more to a user who may not add people', async () => {
    stubFetch(answer)
    const wrapper = await openDialog(['memberships.write', 'people.read'])
    await searchPerson(wrapper, '张小兵')
    expect(document.body.textContent).toContain('没有匹配的结果')
    expect(addPersonButton()).toBeNull()
    expect(wrapper.findComponent(PersonFormDialog).exists()).toBe(false)
    wrapper.unmount()
  })

  it('warns when the chosen enterprise already has a member, naming who and in which chamber', async () => {
    const LI = { ...MEMBERSHIP, id: 81, person: { id: 301, name: '李四' }, enterprise: { id: 12, name: '楠市花生合作社' }, post: 'president' as const }
    const FORMER = { ...LI, id: 82, person: { id: 302, name: '王五' }, chamber: { id: 5, name: '所城镇商会' }, left_on: '2020-01-01' }
    const sent = stubFetch((request) => {
      if (request.url.startsWith('/api/v1/memberships?')) {
        const items = request.url.includes('enterprise=12') ? [LI, FORMER] : []
        return json(200, { items, total: items.length })
      }
      return answer(request)
    })
    const wrapper = await openDialog(['memberships.read', 'memberships.write', 'people.read'])
    const warning = () => document.querySelector('[data-test="membership-enterprise-warning"]')?.textContent?.trim() ?? ''
    expect(warning()).toBe('')

    wrapper.findComponent(EnterpriseSelect).vm.$emit('update:modelValue', 12)
    await flushPromises()
    const asked = sent.filter((r) => r.url.startsWith('/api/v1/memberships?')).map((r) => new URL(r.url, 'http://x').searchParams)
    expect(asked.map((q) => [q.get('enterprise'), q.get('all')])).toEqual([['12', 'true']])
    // The member who left is not named.
    expect(warning()).toBe('该企业已有商会会员：李四（楠市镇商会，会长）。一个企业可有多名会员，确认无误可继续保存。')

    // Another enterprise without members: the warning goes.
    wrapper.findComponent(EnterpriseSelect).vm.$emit('update:modelValue', 13)
    await flushPromises()
    expect(warning()).toBe('')

    // English.
    i18n.global.locale.value = 'en'
    wrapper.findComponent(EnterpriseSelect).vm.$emit('update:modelValue', 12)
    await flushPromises()
    expect(warning()).toContain('This enterprise already has a chamber member: 李四')
    wrapper.unmount()
  })

  it('still saves a member of an enterprise that has one', async () => {
    const LI = { ...MEMBERSHIP, id: 81, person: { id: 301, name: '李四' }, enterprise: { id: 12, name: '楠市花生合作社' } }
    const sent = stubFetch((request) => (request.url.startsWith('/api/v1/memberships?') ? json(200, { items: [LI], total: 1 }) : answer(request)))
    const wrapper = await openDialog(['memberships.read', 'memberships.write', 'people.read'])
    wrapper.findComponent(PersonSelect).vm.$emit('update:modelValue', ZHANG.id)
    wrapper.findComponent(EnterpriseSelect).vm.$emit('update:modelValue', 12)
    await flushPromises()
    expect(document.querySelector('[data-test="membership-enterprise-warning"]')).not.toBeNull()
    ;(document.querySelector('[data-test="membership-save"]') as HTMLElement).click()
    await flushPromises()
    await vi.waitFor(() => expect(sent.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual(['/api/v1/memberships']))
    expect(sent.find((r) => r.method === 'POST')?.body).toMatchObject({ person: 300, enterprise: 12 })
    wrapper.unmount()
  })
})
