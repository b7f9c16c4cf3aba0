import { computed, onBeforeUnmount, reactive, ref, shallowRef, watch } from 'vue'
import { isNavigationFailure, onBeforeRouteLeave, useRoute, useRouter } from 'vue-router'
import type { Page } from '@/api/types'
import {
  filtersFromQuery,
  pagingFromQuery,
  queryFromState,
  serverFilters,
  type FilterValues,
} from '@/utils/listQuery'
import { useLatest } from './useLoad'

/** Typing in the search waits for a pause before asking the server. */
const TYPED_FILTERS = ['q']
const TYPING_PAUSE_MS = 300

/**
 * A ledger list: filters and paging kept in the address (so a link, a reload or
 * coming back from a detail page shows the same rows), and the rows of the page.
 */
export function useRecordList<T extends { id: number }, F extends FilterValues>(
  defaults: F,
  fetchPage: (filters: Record<string, string>, page: number, pageSize: number) => Promise<Page<T>>,
  options: {
    /** Other filters typed in (a username, an address) that also wait for a pause. */
    typed?: readonly (keyof F & string)[]
    /**
     * The page's own state kept in the address beside the filters (a view, a
     * month shown): 清除筛选 leaves it, and the server sees only what `toServer` makes of it.
     */
    state?: readonly (keyof F & string)[]
    /** The filters as the server takes them, when the page's state changes them (a month is a span of days). */
    toServer?: (filters: F) => FilterValues
  } = {},
) {
  const typed = new Set<string>([...TYPED_FILTERS, ...(options.typed ?? [])])
  /** What 清除筛选 leaves as it is: the order, and the page's own state. */
  const kept = new Set<string>(['sort', ...(options.state ?? [])])
  const state = new Set<string>(options.state ?? [])
  const route = useRoute()
  const router = useRouter()

  const filters = reactive(filtersFromQuery(route.query, defaults)) as F
  const paging = pagingFromQuery(route.query)
  const page = ref(paging.page)
  const pageSize = ref(paging.pageSize)
  const items = shallowRef<T[]>([])
  const total = ref(0)
  /** The total is a lower bound: a search matched more than the server counts. */
  const capped = ref(false)
  const { loading, error, run } = useLatest()
  /** The user is going to another page: the address is no longer this list's to change. */
  let leaving = false

  /** The filters as the server takes them (also what an export sends). */
  const activeFilters = computed(() => {
    const values: FilterValues = { ...filters }
    if (options.toServer) return serverFilters(options.toServer({ ...filters }))
    for (const key of state) delete values[key]
    return serverFilters(values)
  })
  const filtered = computed(() =>
    Object.keys(defaults).some((key) => !kept.has(key) && (filters[key] ?? '') !== ''),
  )

  async function reload() {
    // Keep the address in step, unless that would cancel the user's way to another page
    // (a row clicked while a typed search was still waiting).
    if (!leaving) void router.replace({ query: queryFromState({ ...filters }, defaults, page.value, pageSize.value) })
    await run(
      () => fetchPage(activeFilters.value, page.value, pageSize.value),
      (answer) => {
        // A page past the end (rows deleted meanwhile): go to the last one.
        if (answer.items.length === 0 && answer.total > 0 && page.value > 1) {
          page.value = Math.max(1, Math.ceil(answer.total / pageSize.value))
          void reload()
          return
        }
        items.value = answer.items
        total.value = answer.total
        capped.value = answer.total_capped === true
      },
    )
  }

  let debounce = 0
  watch(
    () => ({ ...filters }),
    (now, before) => {
      const changed = Object.keys(now).filter((key) => now[key] !== before[key])
      if (changed.length === 0) return
      window.clearTimeout(debounce)
      page.value = 1
      if (changed.every((key) => typed.has(key))) {
        debounce = window.setTimeout(() => void reload(), TYPING_PAUSE_MS)
      } else {
        void reload()
      }
    },
  )
  onBeforeRouteLeave(() => {
    leaving = true
    window.clearTimeout(debounce)
  })
  // A navigation away that did not happen (cancelled, refused) leaves the list in charge again.
  const stopWatchingNavigation = router.afterEach((_to, _from, failure) => {
    if (failure && isNavigationFailure(failure)) leaving = false
  })
  onBeforeUnmount(() => {
    window.clearTimeout(debounce)
    stopWatchingNavigation()
  })

  function setPage(next: number) {
    page.value = next
    void reload()
  }

  function setPageSize(size: number) {
    pageSize.value = size
    page.value = 1
    void reload()
  }

  function clearFilters() {
    for (const key of Object.keys(defaults) as (keyof F & string)[]) {
      if (!kept.has(key)) filters[key] = '' as F[typeof key]
    }
  }

  /** Replaces one row after an edit, without reloading the page. */
  function replace(item: T) {
    items.value = items.value.map((row) => (row.id === item.id ? item : row))
  }

  /** After a dialog saved a row: a new one reloads the page (it may sort anywhere), an edited one takes its row's place. */
  function saved(item: T, created: boolean) {
    if (created) void reload()
    else replace(item)
  }

  return { filters, page, pageSize, items, total, capped, loading, error, activeFilters, filtered, reload, setPage, setPageSize, clearFilters, replace, saved }
}

/** What a list page's shell (RecordListPage) needs of a list, whatever its filters. */
export type RecordList<T extends { id: number }> = Omit<ReturnType<typeof useRecordList<T, FilterValues>>, 'filters'>
