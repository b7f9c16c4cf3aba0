import { ref, shallowRef } from 'vue'
import type { Page } from '@/api/types'

/**
 * Rows read a page at a time, each page added under the last (加载更多). Only the
 * latest request's answer counts: one that answers late after another began is dropped.
 */
export function usePagedLoad<T>(fetchPage: (page: number) => Promise<Page<T>>) {
  const items = shallowRef<T[]>([])
  const total = ref(0)
  const page = ref(0)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let ticket = 0

  /** Reads a page: the first replaces the rows, a later one adds to them. */
  async function load(nextPage = 1) {
    const mine = ++ticket
    loading.value = true
    error.value = null
    try {
      const answer = await fetchPage(nextPage)
      if (mine !== ticket) return
      items.value = nextPage === 1 ? answer.items : [...items.value, ...answer.items]
      total.value = answer.total
      page.value = nextPage
    } catch (e) {
      if (mine === ticket) error.value = e
    } finally {
      if (mine === ticket) loading.value = false
    }
  }

  const loadMore = () => load(page.value + 1)
  const hasMore = () => items.value.length < total.value

  /** No rows, and any answer still on its way is dropped. */
  function clear() {
    ticket++
    items.value = []
    total.value = 0
    page.value = 0
    loading.value = false
    error.value = null
  }

  return { items, total, page, loading, error, load, loadMore, hasMore, clear }
}
