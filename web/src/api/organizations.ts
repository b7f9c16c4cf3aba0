import { http } from './client'
import { ledgerApi } from './ledger'
import type { OrgMember, OrgMemberPost, Organization, OrganizationDetail, OrganizationKind, PageQuery } from './types'

/** Filters of GET /organizations (and of its export). */
export interface OrganizationFilters {
  q?: string
  region?: string
  kind?: OrganizationKind | ''
}

export type OrganizationQuery = OrganizationFilters & PageQuery

export interface OrganizationCreate {
  kind: OrganizationKind
  name: string
  region: string
  parent?: number | null
  founded_on?: string | null
}

export type OrganizationPatch = Partial<OrganizationCreate> & { version?: number }

export interface OrgMemberCreate {
  person: number
  post: OrgMemberPost
  valid_from: string
}

export interface OrgMemberPatch {
  post?: OrgMemberPost
  valid_to?: string | null
}

export const {
  list: listOrganizations,
  get: getOrganization,
  create: createOrganization,
  update: updateOrganization,
  remove: deleteOrganization,
} = ledgerApi<Organization, OrganizationQuery, OrganizationCreate, OrganizationPatch, OrganizationDetail>('/organizations')

/** Members on a day (default today). */
export function listOrgMembers(id: number, date?: string): Promise<{ items: OrgMember[] }> {
  return http.get<{ items: OrgMember[] }>(`/organizations/${id}/members`, { date })
}

export function addOrgMember(id: number, input: OrgMemberCreate): Promise<OrgMember> {
  return http.post<OrgMember>(`/organizations/${id}/members`, input)
}

export function updateOrgMember(memberId: number, patch: OrgMemberPatch): Promise<OrgMember> {
  return http.patch<OrgMember>(`/org-members/${memberId}`, patch)
}

export function deleteOrgMember(memberId: number): Promise<void> {
  return http.delete<void>(`/org-members/${memberId}`)
}
