import { http } from './client'
import type { Enterprise, Industry, Page, PageQuery } from './types'

/** Filters of GET /enterprises (and of its export). */
export interface EnterpriseFilters {
  /** Name or unified social credit code. */
  q?: string
  region?: string
  industry?: Industry | ''
}

export type EnterpriseQuery = EnterpriseFilters & PageQuery

export interface EnterpriseCreate {
  name: string
  uscc: string
  industry: Industry
  region: string
  legal_representative?: number | null
  registered_capital_fen?: number | null
  founded_on?: string | null
}

export type EnterprisePatch = Partial<EnterpriseCreate> & { version?: number }

export function listEnterprises(query: EnterpriseQuery = {}): Promise<Page<Enterprise>> {
  return http.get<Page<Enterprise>>('/enterprises', { ...query })
}

export function getEnterprise(id: number): Promise<Enterprise> {
  return http.get<Enterprise>(`/enterprises/${id}`)
}

export function createEnterprise(input: EnterpriseCreate): Promise<Enterprise> {
  return http.post<Enterprise>('/enterprises', input)
}

export function updateEnterprise(id: number, patch: EnterprisePatch): Promise<Enterprise> {
  return http.patch<Enterprise>(`/enterprises/${id}`, patch)
}

export function deleteEnterprise(id: number): Promise<void> {
  return http.delete<void>(`/enterprises/${id}`)
}
