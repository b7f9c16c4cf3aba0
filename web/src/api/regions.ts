import { http } from './client'
import type { Page, Region, RegionWithAncestors, VillagerGroup } from './types'

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

/** A village's villagers' groups, retired ones too, ordered by number. */
export function listVillagerGroups(village: string): Promise<Page<VillagerGroup>> {
  return http.get<Page<VillagerGroup>>(`/regions/${encodeURIComponent(village)}/groups`)
}

/** Adds a group to a village; the server numbers it. */
export function createVillagerGroup(village: string, name: string): Promise<VillagerGroup> {
  return http.post<VillagerGroup>(`/regions/${encodeURIComponent(village)}/groups`, { name })
}

/** Renames a group, retires it (停用) or brings it back. */
export function updateVillagerGroup(code: string, patch: { name?: string; retired?: boolean }): Promise<VillagerGroup> {
  return http.patch<VillagerGroup>(`/regions/${encodeURIComponent(code)}`, patch)
}
