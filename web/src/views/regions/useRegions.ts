import { ref, shallowRef } from 'vue'
import { getRegion, listChildRegions, searchRegions } from '@/api/regions'
import type { Region, RegionWithAncestors } from '@/api/types'
import { usePagedLoad } from '@/composables/usePagedLoad'

export const SEARCH_PAGE_SIZE = 20

/** The region the detail panel shows, with its children. */
export function useRegionDetail() {
  const region = shallowRef<RegionWithAncestors | null>(null)
  const children = shallowRef<Region[]>([])
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let ticket = 0

  async function load(code: string): Promise<RegionWithAncestors | null> {
    const mine = ++ticket
    loading.value = true
    error.value = null
    try {
      const found = await getRegion(code)
      const kids = found.has_children ? (await listChildRegions(code)).items : []
      if (mine !== ticket) return null
      region.value = found
      children.value = kids
      return found
    } catch (e) {
      if (mine === ticket) {
        error.value = e
        region.value = null
        children.value = []
      }
      return null
    } finally {
      if (mine === ticket) loading.value = false
    }
  }

  function clear() {
    ticket++
    region.value = null
    children.value = []
    error.value = null
    loading.value = false
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
