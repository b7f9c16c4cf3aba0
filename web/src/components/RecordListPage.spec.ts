// A ledger page and the app shell around it are two tiny components here.
/* eslint-disable vue/one-component-per-file */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { ElTableColumn } from 'element-plus'
import { ApiError } from '@/api/client'
import type { Page } from '@/api/types'
import { useRecordList } from '@/composables/useRecordList'
import { i18n } from '@/i18n'
import RecordListPage from './RecordListPage.vue'

interface Row {
  id: number
  name: string
}

/** Pretends the screen is a phone's (or not) for useNarrowScreen. */
function screen(narrow: boolean) {
  vi.spyOn(window, 'matchMedia').mockImplementation(
    (query: string) =>
      ({ matches: narrow, media: query, addEventListener: () => {}, removeEventListener: () => {} }) as unknown as MediaQueryList,
  )
}

/** A ledger page as a new one would be written: a list, the shell, a column and a card. */
async function openPage(answer: () => Promise<Page<Row>>, shell: Record<string, unknown> = {}) {
  const calls: Record<string, string>[] = []
  const created = vi.fn()
  const Page = defineComponent({
    setup() {
      const list = useRecordList<Row, { q: string; region: string }>({ q: '', region: '' }, (filters) => {
        calls.push(filters)
        return answer()
      })
      void list.reload()
      return () =>
        h(
          RecordListPage<Row>,
          {
            list,
            title: '人员',
            test: 'things',
            search: list.filters.q,
            'onUpdate:search': (q?: string) => (list.filters.q = q ?? ''),
            searchPlaceholder: '姓名',
            createLabel: '新增人员',
            createTest: 'thing-create',
            canWrite: true,
            onCreate: created,
            cardAttrs: (row: Row) => ({ 'data-test': `card-${row.id}` }),
            ...shell,
          },
          {
            table: () => h(ElTableColumn, { label: '姓名', prop: 'name' }),
            card: ({ row }: { row: Row }) => h('strong', row.name),
          },
        )
    },
  })
  setActivePinia(createPinia())
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/things', component: Page }, { path: '/things/:id', name: 'thing', component: Page }] })
  await router.push('/things')
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router, i18n] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, calls, created, router }
}

const rows = (n: number): Page<Row> => ({
  items: Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `张${i + 1}` })),
  total: 45,
})

describe('RecordListPage', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the title, the create button, the rows in a table and the pager', async () => {
    screen(false)
    const { wrapper, created } = await openPage(async () => rows(3))
    expect(wrapper.find('h1').text()).toBe('人员')
    const table = wrapper.find('[data-test="things-table"]')
    expect(table.exists()).toBe(true)
    expect(table.findAll('.el-table__body tr').map((tr) => tr.text())).toEqual(['张1', '张2', '张3'])
    expect(wrapper.find('.sl-cards').exists()).toBe(false)
    expect(wrapper.find('.el-pagination__total').text()).toContain('45')

    await wrapper.find('[data-test="thing-create"]').trigger('click')
    expect(created).toHaveBeenCalledOnce()
  })

  it('says “more than 10,000” for a broad search instead of a total it did not count', async () => {
    screen(false)
    const { wrapper } = await openPage(async () => ({ ...rows(20), total: 10000, total_capped: true }))
    expect(wrapper.find('[data-test="list-total-capped"]').text()).toBe('超过 10,000 条，请缩小搜索范围')
    expect(wrapper.find('.el-pagination__total').exists()).toBe(false)
    expect(wrapper.find('.el-pager').text()).toContain('500')
  })

  it('shows each row as a card on a phone, with the page’s attributes', async () => {
    screen(true)
    const { wrapper } = await openPage(async () => rows(2))
    const cards = wrapper.findAll('[data-test="things-cards"] li.sl-card')
    expect(cards.map((li) => [li.attributes('data-test'), li.text()])).toEqual([
      ['card-1', '张1'],
      ['card-2', '张2'],
    ])
    expect(wrapper.find('[data-test="things-table"]').exists()).toBe(false)
  })

  it('says when there is nothing, in the table or among the cards', async () => {
    screen(false)
    const desktop = await openPage(async () => ({ items: [], total: 0 }), { emptyText: '还没有走访记录' })
    expect(desktop.wrapper.find('.el-table__empty-text').text()).toBe('还没有走访记录')
    desktop.wrapper.unmount()

    screen(true)
    const phone = await openPage(async () => ({ items: [], total: 0 }))
    expect(phone.wrapper.find('.sl-cards-empty').text()).toBe('暂无数据')
  })

  it('shows the server’s reason when the list fails', async () => {
    screen(false)
    const { wrapper } = await openPage(async () => {
      throw new ApiError(403, 'forbidden', '没有查看权限')
    })
    expect(wrapper.find('.el-alert').text()).toContain('没有查看权限')
  })

  it('searches as the user types, and offers to clear the filters', async () => {
    screen(false)
    const { wrapper, calls, router } = await openPage(async () => rows(1))
    expect(wrapper.text()).not.toContain('清除筛选')
    await wrapper.find('input[data-test="things-search"]').setValue('zs')
    await vi.waitFor(() => expect(calls.at(-1)).toEqual({ q: 'zs' }))
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: 'zs' })

    const clear = wrapper.findAll('button').find((b) => b.text() === '清除筛选')
    expect(clear).toBeDefined()
    await clear!.trigger('click')
    await vi.waitFor(() => expect(calls.at(-1)).toEqual({}))
  })

  it('with record pages, names each row with a link to its page and lets writers edit it, in the table and on a card', async () => {
    const record = { route: 'thing', nameLabel: '名称', nameWidth: 120 }
    screen(false)
    const edited = vi.fn()
    const desktop = await openPage(async () => rows(2), { record, onEdit: edited })
    const table = desktop.wrapper.find('[data-test="things-table"]')
    expect(table.findAll('thead th').map((th) => th.text())).toEqual(['名称', '姓名', '操作'])
    expect(table.findAll('.el-table__body a').map((a) => [a.text(), a.attributes('href')])).toEqual([
      ['张1', '/things/1'],
      ['张2', '/things/2'],
    ])
    await desktop.wrapper.find('[data-test="thing-edit-2"]').trigger('click')
    expect(edited).toHaveBeenCalledWith({ id: 2, name: '张2' })
    desktop.wrapper.unmount()

    screen(true)
    const phone = await openPage(async () => rows(1), { record, onEdit: edited, canWrite: false })
    const head = phone.wrapper.find('li.sl-card .sl-card-head')
    expect(head.find('a').attributes('href')).toBe('/things/1')
    expect(head.find('button').exists()).toBe(false)
  })

  it('leaves out the create button and the region filter when the page does not ask for them', async () => {
    screen(false)
    const { wrapper } = await openPage(async () => rows(1), { canWrite: false })
    expect(wrapper.find('[data-test="thing-create"]').exists()).toBe(false)
    expect(wrapper.find('.sl-filter-wide').exists()).toBe(false)
  })
})
