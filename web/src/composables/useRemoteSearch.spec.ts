import { describe, expect, it } from 'vitest'
import { useRemoteSearch } from './useRemoteSearch'

interface Item {
  id: number
  label: string
}

/** A search whose answers arrive when the test says. */
function deferredSearch() {
  const pending: { text: string; resolve: (items: Item[]) => void }[] = []
  const search = (text: string) => new Promise<Item[]>((resolve) => pending.push({ text, resolve }))
  return { search, pending }
}

describe('a search-as-you-type list', () => {
  it('shows the latest answer even when an older one arrives after it', async () => {
    const { search, pending } = deferredSearch()
    const list = useRemoteSearch<Item>(search, () => null, (a, b) => a.id === b.id)
    const first = list.run('张')
    const second = list.run('张佳')
    pending[1].resolve([{ id: 2, label: '张佳丽' }])
    await second
    pending[0].resolve([{ id: 1, label: '张三' }])
    await first
    expect(list.options.value.map((o) => o.label)).toEqual(['张佳丽'])
    expect(list.loading.value).toBe(false)
  })

  it('keeps the chosen item listed, first, when the results leave it out', async () => {
    const { search, pending } = deferredSearch()
    const chosen = { id: 9, label: '李德明' }
    const list = useRemoteSearch<Item>(search, () => chosen, (a, b) => a.id === b.id)
    const running = list.run('欧')
    pending[0].resolve([{ id: 3, label: '欧阳红' }])
    await running
    expect(list.options.value.map((o) => o.id)).toEqual([9, 3])
  })

  it('searches with no text on the first opening only', async () => {
    const { search, pending } = deferredSearch()
    const list = useRemoteSearch<Item>(search, () => null, (a, b) => a.id === b.id)
    list.onVisible(true)
    expect(pending.map((p) => p.text)).toEqual([''])
    pending[0].resolve([{ id: 1, label: '朋佳村' }])
    await Promise.resolve()
    await Promise.resolve()
    list.onVisible(false)
    list.onVisible(true)
    expect(pending).toHaveLength(1)
  })

  it('drops an answer still on its way when it starts over', async () => {
    const { search, pending } = deferredSearch()
    const list = useRemoteSearch<Item>(search, () => null, (a, b) => a.id === b.id)
    const running = list.run('楠')
    list.reset([{ id: 5, label: '所城镇' }])
    pending[0].resolve([{ id: 1, label: '楠市镇' }])
    await running
    expect(list.options.value.map((o) => o.label)).toEqual(['所城镇'])
    list.onVisible(true)
    expect(pending).toHaveLength(2) // the new scope searches again on opening
  })

  it('shows nothing when the search fails', async () => {
    const list = useRemoteSearch<Item>(() => Promise.reject(new Error('offline')), () => null, (a, b) => a.id === b.id)
    await list.run('x')
    expect(list.options.value).toEqual([])
    expect(list.loading.value).toBe(false)
  })
})
