import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { ApiError } from '@/api/client'
import type { Page } from '@/api/types'
import { i18n } from '@/i18n'
import LinkedSection from './LinkedSection.vue'

interface Linked {
  id: number
  title: string
}

const page = (items: Linked[], total = items.length): Page<Linked> => ({ items, total })
const TWO = [
  { id: 15, title: '协调招工' },
  { id: 12, title: '晾晒棚用地审批' },
]

/** A person's page's section of the requests they raised, read by `fetch`. */
function section(fetch: () => Promise<Page<Linked>>, props: Record<string, unknown> = {}, slots: Record<string, unknown> = {}) {
  return mount(LinkedSection<Linked>, {
    props: {
      fetch,
      query: '{"requester":219}',
      title: '提出的诉求',
      empty: '还没有提出诉求',
      more: (shown: number, total: number) => `只列出最近 ${shown} 条，共 ${total} 条`,
      ...props,
    },
    slots: { row: ({ row }: { row: Linked }) => h('a', { href: `/requests/${row.id}` }, row.title), ...slots },
    global: { plugins: [i18n] },
    attachTo: document.body,
  }) as VueWrapper
}

describe('LinkedSection', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('titles the section and lists the records, each through the page’s row', async () => {
    const wrapper = section(async () => page(TWO))
    await flushPromises()
    expect(wrapper.find('h2').text()).toBe('提出的诉求')
    expect(wrapper.findAll('li a').map((a) => [a.text(), a.attributes('href')])).toEqual([
      ['协调招工', '/requests/15'],
      ['晾晒棚用地审批', '/requests/12'],
    ])
    // All of them are shown: no "N of M".
    expect(wrapper.text()).not.toContain('只列出')
    expect(wrapper.text()).not.toContain('还没有提出诉求')
  })

  it('says how many there are when it shows only the latest', async () => {
    const wrapper = section(async () => page(TWO, 45))
    await flushPromises()
    expect(wrapper.findAll('li')).toHaveLength(2)
    expect(wrapper.find('.more').text()).toBe('只列出最近 2 条，共 45 条')
  })

  it('says so when there are none', async () => {
    const wrapper = section(async () => page([]))
    await flushPromises()
    expect(wrapper.find('h2').text()).toBe('提出的诉求')
    expect(wrapper.findAll('li')).toHaveLength(0)
    expect(wrapper.text()).toContain('还没有提出诉求')
    expect(wrapper.find('.more').exists()).toBe(false)
  })

  it('shows a skeleton, not "none", while the records first come', async () => {
    let answer!: (p: Page<Linked>) => void
    const wrapper = section(() => new Promise((resolve) => (answer = resolve)))
    await flushPromises()
    expect(wrapper.find('.el-skeleton').exists()).toBe(true)
    expect(wrapper.text()).not.toContain('还没有提出诉求')

    answer(page(TWO))
    await flushPromises()
    expect(wrapper.find('.el-skeleton').exists()).toBe(false)
    expect(wrapper.findAll('li')).toHaveLength(2)
  })

  it('says why the records could not be read, and not "none"', async () => {
    const wrapper = section(async () => {
      throw new ApiError(403, 'forbidden', '没有查看诉求的权限')
    })
    await flushPromises()
    expect(wrapper.find('.el-alert').text()).toContain('没有查看诉求的权限')
    expect(wrapper.text()).not.toContain('还没有提出诉求')
    expect(wrapper.find('.el-skeleton').exists()).toBe(false)
  })

  it('reads the records again when what they depend on changes, and only then', async () => {
    const fetch = vi.fn(async () => page(TWO))
    const wrapper = section(fetch)
    await flushPromises()
    expect(fetch).toHaveBeenCalledTimes(1)

    await wrapper.setProps({ title: '诉求' })
    await flushPromises()
    expect(fetch).toHaveBeenCalledTimes(1)

    fetch.mockResolvedValueOnce(page([{ id: 20, title: '路灯维修' }]))
    await wrapper.setProps({ query: '{"requester":220}' })
    await flushPromises()
    expect(fetch).toHaveBeenCalledTimes(2)
    expect(wrapper.findAll('li').map((li) => li.text())).toEqual(['路灯维修'])
  })

  it('puts the page’s buttons beside the title', async () => {
    const wrapper = section(async () => page([]), {}, { actions: () => h('button', { 'data-test': 'linked-create' }, '登记诉求') })
    await flushPromises()
    expect(wrapper.find('h2 [data-test="linked-create"]').text()).toBe('登记诉求')
  })
})
