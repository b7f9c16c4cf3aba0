import { ref, shallowRef } from 'vue'
import { getRegion, listChildRegions, searchRegions } from '@/api/regions'
import type { Region, RegionWithAncestors } from '@/api/types'
import { useLatest } from '@/composables/useLoad'
import { usePagedLoad } from '@/composables/usePagedLoad'

export const SEARCH_PAGE_SIZE = 20

/** The region the detail panel shows, with its children. */
export function useRegionDetail() {
  const region = shallowRef<RegionWithAncestors | null>(null)
  const children = shallowRef<Region[]>([])
  const { loading, error, run, drop } = useLatest()

  function show(found: RegionWithAncestors | null, kids: Region[]) {
    region.value = found
    children.value = kids
  }

  async function load(code: string): Promise<RegionWithAncestors | null> {
    const taken = await run(
      async () => {
        const found = await getRegion(code)
        return { found, kids: found.has_children ? (await listChildRegions(code)).items : [] }
      },
      ({ found, kids }) => show(found, kids),
      () => show(null, []),
    )
    return taken ? region.value : null
  }

  function clear() {
    drop()
    show(null, [])
  }

  return { region, children, loading, error, load, clear }
}

/** Name / pinyin / initials search over the caller's regions, a page at a time. */
export function useRegionSearch() {
  const query = ref('')
  const pages = usePagedLoad<RegionWithAncestors>((page) => searchRegions(query.value.trim(), page, SEARCH_PAGE_SIZE))

  /** Searches from the first page; an empty query shows nothing. */
  function search() {
    if (query.value.trim()) return pages.load(1)
    pages.clear()
    return Promise.resolve()
  }

  /** The next page of the search shown (a query cleared meanwhile shows nothing). */
  function loadMore() {
    return query.value.trim() ? pages.loadMore() : search()
  }

  const { items: results, total, loading, error, hasMore } = pages
  return { query, results, total, loading, error, search, loadMore, hasMore }
}
