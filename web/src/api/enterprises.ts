import { ledgerApi } from './ledger'
import type { Enterprise, Industry, PageQuery } from './types'

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

export const {
  list: listEnterprises,
  get: getEnterprise,
  create: createEnterprise,
  update: updateEnterprise,
  remove: deleteEnterprise,
} = ledgerApi<Enterprise, EnterpriseQuery, EnterpriseCreate, EnterprisePatch>('/enterprises')
