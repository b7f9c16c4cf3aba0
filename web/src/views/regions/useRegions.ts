import { ref, shallowRef } from 'vue'
import { getRegion, listChildRegions, searchRegions } from '@/api/regions'
import type { Region, RegionWithAncestors } from '@/api/types'

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
  const results = shallowRef<RegionWithAncestors[]>([])
  const total = ref(0)
  const page = ref(0)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let ticket = 0

  async function run(text: string, nextPage = 1) {
    const q = text.trim()
    const mine = ++ticket
    if (!q) {
      results.value = []
      total.value = 0
      page.value = 0
      loading.value = false
      error.value = null
      return
    }
    loading.value = true
    error.value = null
    try {
      const answer = await searchRegions(q, nextPage, SEARCH_PAGE_SIZE)
      if (mine !== ticket) return
      results.value = nextPage === 1 ? answer.items : [...results.value, ...answer.items]
      total.value = answer.total
      page.value = nextPage
    } catch (e) {
      if (mine === ticket) error.value = e
    } finally {
      if (mine === ticket) loading.value = false
    }
  }

  const search = () => run(query.value, 1)
  const loadMore = () => run(query.value, page.value + 1)
  const hasMore = () => results.value.length < total.value

  return { query, results, total, loading, error, search, loadMore, hasMore }
}
