import { http } from './client'
import type { Page, Region, RegionWithAncestors } from './types'

/** The roots of the caller's view scope. */
export function listRootRegions(): Promise<Page<Region>> {
  return http.get<Page<Region>>('/regions')
}

/** All children of a region, sorted by pinyin. */
export function listChildRegions(parent: string): Promise<Page<Region>> {
  return http.get<Page<Region>>('/regions', { parent })
}

/** Regions whose name matches text in Simplified or Traditional characters, pinyin or initials. */
export function searchRegions(
  q: string,
  page = 1,
  pageSize = 20,
): Promise<Page<RegionWithAncestors>> {
  return http.get<Page<RegionWithAncestors>>('/regions', { q, page, page_size: pageSize })
}

export function getRegion(code: string): Promise<RegionWithAncestors> {
  return http.get<RegionWithAncestors>(`/regions/${encodeURIComponent(code)}`)
}
