// Collective income (村集体经济): the manual entries and the figures by source
// (docs/api.md, "Collective income" and "Figures of land and the collective").
import { http } from './client'
import type { StatsQuery } from './land'
import { ledgerApi } from './ledger'
import type { NamedRef, PageQuery, RegionLevel, RegionRef, Versioned } from './types'

/** 土地流转租金 (from land receipts, never typed in), 入股分红, 服务收入, 上级补助, 其他. */
export type IncomeSource = 'rent' | 'dividend' | 'service' | 'subsidy' | 'other'
export const INCOME_SOURCES: readonly IncomeSource[] = ['rent', 'dividend', 'service', 'subsidy', 'other']
/** The sources an entry may be typed in for (rent comes from the land receipts). */
export const MANUAL_INCOME_SOURCES: readonly IncomeSource[] = ['dividend', 'service', 'subsidy', 'other']

export interface IncomeEntry extends Versioned {
  id: number
  /** The village collective (an organization of kind `collective`). */
  organization: NamedRef
  region: RegionRef
  year: number
  source: IncomeSource
  amount_fen: number
  received_on: string | null
  note: string
}

export interface IncomeFilters {
  /** A region code: entries there or below. */
  region?: string
  organization?: number
  year?: number | string
  source?: IncomeSource | ''
}

export type IncomeQuery = IncomeFilters & PageQuery

export interface IncomeCreate {
  organization_id: number
  year: number
  source: IncomeSource
  amount_fen: number
  received_on?: string | null
  note?: string
}

export type IncomePatch = Partial<IncomeCreate> & { version?: number }

export const {
  list: listIncome,
  get: getIncome,
  create: createIncome,
  update: updateIncome,
  remove: deleteIncome,
} = ledgerApi<IncomeEntry, IncomeQuery, IncomeCreate, IncomePatch>('/collective-income')

// ---- Figures ----

export interface IncomeBySource {
  source: IncomeSource
  amount_fen: number
}

export interface IncomeFigures {
  total_fen: number
  by_source: IncomeBySource[]
}

export interface CollectiveIncome extends IncomeFigures {
  organization: NamedRef
  region: RegionRef
}

export interface IncomeStats extends IncomeFigures {
  region: { code: string; name: string; level: RegionLevel }
  year: number
  /** Each collective of the region, largest total first. */
  collectives: CollectiveIncome[]
  /** With `by=child`: one row per child region the caller sees. */
  children?: (IncomeFigures & { region: { code: string; name: string; level: RegionLevel } })[]
}

/** A region's collective income in a year: the total, by source, and by collective. */
export function getIncomeStats(query: StatsQuery = {}): Promise<IncomeStats> {
  return http.get<IncomeStats>('/stats/collective-income', { ...query })
}
