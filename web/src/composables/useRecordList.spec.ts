// A list page, a lazily loaded detail page and the app shell are three tiny components here.
/* eslint-disable vue/one-component-per-file */
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import type { Page } from '@/api/types'
import { useRecordList } from './useRecordList'

interface Row {
  id: number
}

function setup(path: string) {
  const calls: { filters: Record<string, string>; page: number; pageSize: number }[] = []
  let list!: ReturnType<typeof useRecordList<Row, { q: string; tag: string; sort: string }>>
  const List = defineComponent({
    setup() {
      list = useRecordList<Row, { q: string; tag: string; sort: string }>(
        { q: '', tag: '', sort: 'name' },
        async (filters, page, pageSize): Promise<Page<Row>> => {
          calls.push({ filters, page, pageSize })
          return { items: [{ id: page }], total: 45 }
        },
      )
      void list.reload()
      return () => h('div')
    },
  })
  // The detail page loads lazily, as the real ones do.
  const Detail = () =>
    new Promise<typeof List>((resolve) =>
      setTimeout(() => resolve(defineComponent({ render: () => h('p') }) as never), 150),
    )
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/people', name: 'people', component: List },
      { path: '/people/:id', name: 'person', component: Detail },
    ],
  })
  return {
    router,
    calls,
    list: () => list,
    async mount() {
      await router.push(path)
      mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router] } })
      await flushPromises()
    },
  }
}

describe('useRecordList', () => {
  it('starts from the filters and page in the address and sends only filters with a value', async () => {
    const s = setup('/people?tag=returnee&page=2&size=50&other=1')
    await s.mount()
    expect(s.calls).toEqual([{ filters: { tag: 'returnee', sort: 'name' }, page: 2, pageSize: 50 }])
    expect(s.list().activeFilters.value).toEqual({ tag: 'returnee', sort: 'name' })
    expect(s.list().filtered.value).toBe(true)
  })

  it('reloads from page 1 when a filter changes, and writes it into the address', async () => {
    const s = setup('/people?page=3')
    await s.mount()
    s.list().filters.tag = 'entrepreneur'
    await flushPromises()
    expect(s.calls.at(-1)).toEqual({ filters: { tag: 'entrepreneur', sort: 'name' }, page: 1, pageSize: 20 })
    expect(s.router.currentRoute.value.fullPath).toBe('/people?tag=entrepreneur')

    s.list().setPage(2)
    await flushPromises()
    expect(s.router.currentRoute.value.query).toEqual({ tag: 'entrepreneur', page: '2' })
  })

  it('waits for a pause in typing before searching', async () => {
    const s = setup('/people')
    await s.mount()
    s.list().filters.q = 'z'
    await flushPromises()
    s.list().filters.q = 'zjl'
    await flushPromises()
    expect(s.calls).toHaveLength(1)
    await vi.waitFor(() => expect(s.calls).toHaveLength(2))
    expect(s.calls[1].filters).toEqual({ q: 'zjl', sort: 'name' })
    await flushPromises()
    expect(s.router.currentRoute.value.query).toEqual({ q: 'zjl' })
  })

  it('does not pull the user back when a row is opened while a search is still waiting', async () => {
    const s = setup('/people')
    await s.mount()
    s.list().filters.q = 'zjl'
    await flushPromises()
    // The click comes just before the typing pause ends; the page's code is still loading when it does.
    await new Promise((resolve) => setTimeout(resolve, 250))
    await s.router.push({ name: 'person', params: { id: '12' } })
    await new Promise((resolve) => setTimeout(resolve, 200))
    await flushPromises()
    expect(s.router.currentRoute.value.fullPath).toBe('/people/12')
  })

  it('keeps the page’s own state in the address, clears only the filters, and sends what the page makes of it', async () => {
    const calls: Record<string, string>[] = []
    let list!: ReturnType<typeof useRecordList<Row, { view: string; month: string; kind: string }>>
    const Calendar = defineComponent({
      setup() {
        list = useRecordList<Row, { view: string; month: string; kind: string }>(
          { view: 'calendar', month: '2022-03', kind: '' },
          async (filters): Promise<Page<Row>> => {
            calls.push(filters)
            return { items: [], total: 0 }
          },
          {
            state: ['view', 'month'],
            toServer: ({ view, month, kind }): Record<string, string> => (view === 'calendar' ? { kind, from: `${month}-01`, to: `${month}-31` } : { kind }),
          },
        )
        void list.reload()
        return () => h('div')
      },
    })
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/events', component: Calendar }] })
    await router.push('/events?month=2022-07&kind=study_trip')
    mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [router] } })
    await flushPromises()
    expect(calls.at(-1)).toEqual({ kind: 'study_trip', from: '2022-07-01', to: '2022-07-31' })
    expect(list.filtered.value).toBe(true)

    list.clearFilters()
    await flushPromises()
    expect(list.filters).toEqual({ view: 'calendar', month: '2022-07', kind: '' })
    expect(list.filtered.value).toBe(false)
    expect(router.currentRoute.value.query).toEqual({ month: '2022-07' })

    list.filters.view = 'list'
    await flushPromises()
    expect(calls.at(-1)).toEqual({})
    expect(router.currentRoute.value.query).toEqual({ view: 'list', month: '2022-07' })
  })
})
