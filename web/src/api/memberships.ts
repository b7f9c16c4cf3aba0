import { http } from './client'
import { ledgerApi } from './ledger'
import type { ChamberFigures, ChamberPost, DuesStatus, Membership, Page, PageQuery } from './types'

/** Filters of GET /memberships (and of its export). */
export interface MembershipFilters {
  /** The chamber (organization id). */
  chamber?: number
  /** Person or enterprise name. */
  q?: string
  region?: string
  /** Members on that day (default today). */
  date?: string
  /** Include former members. */
  all?: boolean
  /** Members who represent this enterprise (its id). */
  enterprise?: number
}

export type MembershipQuery = MembershipFilters & PageQuery

export interface MembershipCreate {
  chamber: number
  person: number
  post: ChamberPost
  joined_on: string
  dues_status: DuesStatus
  enterprise?: number | null
}

export interface MembershipPatch {
  post?: ChamberPost
  dues_status?: DuesStatus
  enterprise?: number | null
  left_on?: string | null
  version?: number
}

export function listMemberships(query: MembershipQuery = {}): Promise<Page<Membership>> {
  // `all=false` is the default: leave it out rather than send it.
  const { all, ...rest } = query
  return memberships.list({ ...rest, all: all ? true : undefined })
}

const memberships = ledgerApi<Membership, MembershipQuery, MembershipCreate, MembershipPatch>('/memberships')
export const { create: createMembership, update: updateMembership, remove: deleteMembership } = memberships

/** The chamber figures of a region's subtree on a day (会员, 党员, 企业, 注册资本). */
export function getChamberFigures(query: { region?: string; date?: string } = {}): Promise<ChamberFigures> {
  return http.get<ChamberFigures>('/stats/chamber', { ...query })
}
