import { ref, shallowRef } from 'vue'
import type { Page } from '@/api/types'
import { useLatest } from './useLoad'

/**
 * Rows read a page at a time, each page added under the last (加载更多). Only the
 * latest request's answer counts: one that answers late after another began is dropped.
 */
export function usePagedLoad<T>(fetchPage: (page: number) => Promise<Page<T>>) {
  const items = shallowRef<T[]>([])
  const total = ref(0)
  const page = ref(0)
  const { loading, error, run, drop } = useLatest()

  /** Reads a page: the first replaces the rows, a later one adds to them. */
  async function load(nextPage = 1) {
    await run(
      () => fetchPage(nextPage),
      (answer) => {
        items.value = nextPage === 1 ? answer.items : [...items.value, ...answer.items]
        total.value = answer.total
        page.value = nextPage
      },
    )
  }

  const loadMore = () => load(page.value + 1)
  const hasMore = () => items.value.length < total.value

  /** No rows, and any answer still on its way is dropped. */
  function clear() {
    drop()
    items.value = []
    total.value = 0
    page.value = 0
  }

  return { items, total, page, loading, error, load, loadMore, hasMore, clear }
}
