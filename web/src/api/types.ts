// Shapes of the server's JSON, as written in docs/api.md.

/** `{"items": [...], "total": N}`: every list answer. */
export interface Page<T> {
  items: T[]
  total: number
}

export interface PageQuery {
  page?: number
  page_size?: number
  q?: string
}

export type RegionLevel = 'province' | 'city' | 'county' | 'town' | 'village' | 'group'

export const REGION_LEVELS: readonly RegionLevel[] = [
  'province',
  'city',
  'county',
  'town',
  'village',
  'group',
]

/** A region as it appears inside another record. */
export interface RegionRef {
  code: string
  name: string
}

export interface RegionAncestor extends RegionRef {
  level: RegionLevel
}

export interface Region {
  code: string
  name: string
  official_name: string
  level: RegionLevel
  parent: string | null
  has_children: boolean
  path: string
}

/** A search hit or a single region: carries its ancestors from the root down. */
export interface RegionWithAncestors extends Region {
  ancestors: RegionAncestor[]
}

export interface User {
  id: number
  username: string
  display_name: string
  roles: string[]
  permissions: string[]
  view_region: RegionRef | null
  capture_region: RegionRef | null
  all_regions: boolean
  disabled: boolean
  demo_password: boolean
  created_at: string
  updated_at: string
  version: number
}

export interface Role {
  role: string
  permissions: string[]
}

export interface AuditEntry {
  id: number
  at: string
  user: { id: number; username: string } | null
  entity: string
  entity_id: number
  action: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}
