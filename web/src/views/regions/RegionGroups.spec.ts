import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { User, VillagerGroup } from '@/api/types'
import { i18n } from '@/i18n'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { signedIn } from '@/test-support/users'
import RegionGroups from './RegionGroups.vue'

const VILLAGE = '431127103224'

function group(n: number, name: string, retired_on: string | null = null): VillagerGroup {
  const code = `${VILLAGE}-${String(n).padStart(2, '0')}`
  return {
    id: 100 + n,
    code,
    name,
    official_name: name,
    level: 'group',
    parent: VILLAGE,
    path: `43/4311/431127/431127103/${VILLAGE}/${code}`,
    has_children: false,
    retired_on,
  }
}

const ONE = group(1, '1组')
const TWO = group(2, '2组', '2026-12-06')

interface Options {
  user?: Partial<User>
  /** The answer to a POST or PATCH; by default the group it made or changed. */
  change?: (request: SentRequest) => Response
}

async function openGroups(options: Options = {}) {
  let groups = [ONE, TWO]
  const sent = stubFetch((r) => {
    if (r.method === 'GET' && r.url === `/api/v1/regions/${VILLAGE}/groups`) return json(200, { items: groups, total: groups.length })
    if (options.change) return options.change(r)
    const body = r.body as { name?: string; retired?: boolean }
    if (r.method === 'POST') {
      const made = group(3, body.name ?? '')
      groups = [...groups, made]
      return json(201, made)
    }
    if (r.method === 'PATCH') {
      const code = r.url.split('/').pop()
      const before = groups.find((g) => g.code === code)!
      const after = {
        ...before,
        ...(body.name ? { name: body.name } : {}),
        ...(body.retired === undefined ? {} : { retired_on: body.retired ? '2026-12-07' : null }),
      }
      groups = groups.map((g) => (g.code === code ? after : g))
      return json(200, after)
    }
    return json(404, {})
  })
  const pinia = signedIn({
    roles: ['village_secretary'],
    permissions: ['regions.read', 'groups.write'],
    view_region: { code: VILLAGE, name: '朋佳村' },
    capture_region: { code: VILLAGE, name: '朋佳村' },
    ...options.user,
  })
  const wrapper = mount(RegionGroups, { props: { village: VILLAGE }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
  await flushPromises()
  const changes = () => sent.filter((r) => r.method !== 'GET').map((r) => ({ method: r.method, url: r.url, body: r.body }))
  const lists = () => sent.filter((r) => r.method === 'GET').length
  return { wrapper, changes, lists }
}

function find(test: string): HTMLElement | null {
  return document.querySelector(`[data-test="${test}"]`)
}

async function click(test: string) {
  find(test)!.click()
  await flushPromises()
}

async function typeName(name: string) {
  const input = find('group-name') as HTMLInputElement
  input.value = name
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('RegionGroups: a village’s villagers’ groups', () => {
  it('lists the groups, a retired one greyed with the day', async () => {
    const { wrapper } = await openGroups()
    const section = wrapper.find('[data-test="region-groups"]')
    expect(section.find('.sl-section-title').text()).toContain('村民小组')
    const one = section.find(`[data-test="group-row-${ONE.code}"]`)
    expect(one.text()).toContain('1组')
    expect(one.text()).not.toContain('已停用')
    expect(one.element.closest('li')!.classList.contains('sl-ended')).toBe(false)
    const two = section.find(`[data-test="group-row-${TWO.code}"]`)
    expect(two.find('[data-test="group-retired"]').text()).toBe('已停用 2026-12-06')
    expect(two.element.closest('li')!.classList.contains('sl-ended')).toBe(true)
    expect(section.find(`[data-test="group-retire-${ONE.code}"]`).exists()).toBe(true)
    expect(section.find(`[data-test="group-restore-${ONE.code}"]`).exists()).toBe(false)
    expect(section.find(`[data-test="group-restore-${TWO.code}"]`).exists()).toBe(true)
    expect(section.find(`[data-test="group-retire-${TWO.code}"]`).exists()).toBe(false)
    // A group's name opens it.
    await section.find(`[data-test="group-row-${ONE.code}"] .group-name`).trigger('click')
    expect(wrapper.emitted('pick')).toEqual([[ONE.code]])
    wrapper.unmount()
  })

  it('adds a group by name, then lists it and tells the tree', async () => {
    const { wrapper, changes, lists } = await openGroups()
    await click('group-add')
    expect(find('group-dialog')!.textContent).toContain('新增小组')
    await typeName(' 张家组 ')
    await click('group-save')
    expect(changes()).toEqual([{ method: 'POST', url: `/api/v1/regions/${VILLAGE}/groups`, body: { name: '张家组' } }])
    expect(lists()).toBe(2)
    expect(wrapper.find(`[data-test="group-row-${VILLAGE}-03"]`).text()).toContain('张家组')
    expect(wrapper.emitted('changed')).toEqual([[VILLAGE]])
    wrapper.unmount()
  })

  it('shows the server’s objection to the name beside the field', async () => {
    const { wrapper, changes } = await openGroups({
      change: () => apiError(422, 'invalid', '输入有误', { name: '本村已有同名的村民小组' }),
    })
    await click('group-add')
    await typeName('1组')
    await click('group-save')
    expect(changes()).toHaveLength(1)
    const item = find('group-name')!.closest('.el-form-item')!
    await vi.waitFor(() => expect(item.querySelector('.el-form-item__error')?.textContent?.trim()).toBe('本村已有同名的村民小组'))
    expect(find('group-dialog')!.querySelector('.el-alert')).toBeNull()
    expect(wrapper.emitted('changed')).toBeUndefined()
    wrapper.unmount()
  })

  it('renames a group, sending only the name', async () => {
    const { wrapper, changes } = await openGroups()
    await click(`group-rename-${ONE.code}`)
    expect((find('group-name') as HTMLInputElement).value).toBe('1组')
    await typeName('一组')
    await click('group-save')
    expect(changes()).toEqual([{ method: 'PATCH', url: `/api/v1/regions/${ONE.code}`, body: { name: '一组' } }])
    expect(wrapper.find(`[data-test="group-row-${ONE.code}"]`).text()).toContain('一组')
    wrapper.unmount()
  })

  it('retires a group and brings one back', async () => {
    const { wrapper, changes } = await openGroups()
    await click(`group-retire-${ONE.code}`)
    await click(`group-restore-${TWO.code}`)
    expect(changes()).toEqual([
      { method: 'PATCH', url: `/api/v1/regions/${ONE.code}`, body: { retired: true } },
      { method: 'PATCH', url: `/api/v1/regions/${TWO.code}`, body: { retired: false } },
    ])
    expect(wrapper.find(`[data-test="group-row-${ONE.code}"] [data-test="group-retired"]`).text()).toBe('已停用 2026-12-07')
    expect(wrapper.find(`[data-test="group-restore-${ONE.code}"]`).exists()).toBe(true)
    expect(wrapper.find(`[data-test="group-row-${TWO.code}"] [data-test="group-retired"]`).exists()).toBe(false)
    expect(wrapper.find(`[data-test="group-retire-${TWO.code}"]`).exists()).toBe(true)
    expect(wrapper.emitted('changed')).toHaveLength(2)
    wrapper.unmount()
  })

  it('offers no changes without groups.write or outside the capture scope', async () => {
    const cases: Partial<User>[] = [
      { permissions: ['regions.read'] },
      { capture_region: { code: '431127103225', name: '熊家村' } },
      { capture_region: null },
    ]
    for (const user of cases) {
      const { wrapper } = await openGroups({ user })
      expect(wrapper.find(`[data-test="group-row-${ONE.code}"]`).exists()).toBe(true)
      expect(wrapper.find('[data-test="group-add"]').exists()).toBe(false)
      expect(wrapper.find('[data-test^="group-rename-"]').exists()).toBe(false)
      expect(wrapper.find('[data-test^="group-retire-"]').exists()).toBe(false)
      expect(wrapper.find('[data-test^="group-restore-"]').exists()).toBe(false)
      wrapper.unmount()
    }
    // The whole county's user may, from the town above.
    const town = await openGroups({ user: { capture_region: { code: '431127103', name: '楠市镇' } } })
    expect(town.wrapper.find('[data-test="group-add"]').exists()).toBe(true)
    town.wrapper.unmount()
  })
})
