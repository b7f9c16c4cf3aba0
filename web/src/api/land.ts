// Land transfer (土地流转): contracts, their payment schedules and receipts, and
// the figures (docs/api.md, "Land transfer" and "Figures of land and the collective").
import { http } from './client'
import { ledgerApi } from './ledger'
import type { NamedRef, PageQuery, RegionLevel, RegionRef, Versioned } from './types'

export type LandType = 'farmland' | 'forest' | 'orchard' | 'grassland' | 'water' | 'other'
export const LAND_TYPES: readonly LandType[] = ['farmland', 'forest', 'orchard', 'grassland', 'water', 'other']

export type PaymentFrequency = 'yearly' | 'half_yearly' | 'quarterly' | 'monthly'
export const PAYMENT_FREQUENCIES: readonly PaymentFrequency[] = ['yearly', 'half_yearly', 'quarterly', 'monthly']

/** A payment's state on a day: 待收, 部分收款 (something received, not yet due), 已收清, 逾期. */
export type PaymentStatus = 'due' | 'partial' | 'paid' | 'overdue'
export const PAYMENT_STATUSES: readonly PaymentStatus[] = ['due', 'partial', 'paid', 'overdue']

/** Who gives the land: the village collective, or households. */
export interface LandTransferor {
  kind: 'organization' | 'people'
  organization: NamedRef | null
  people: NamedRef[]
}

/** Who takes the land: an enterprise or a person. */
export interface LandTransferee {
  kind: 'enterprise' | 'person'
  enterprise: NamedRef | null
  person: NamedRef | null
}

/** One payment of a contract's schedule; n counts from 1. */
export interface LandPayment {
  n: number
  due_on: string
  amount_fen: number
  received_fen: number
  status: PaymentStatus
  /** 0 unless overdue (a contract's `next_due` may leave it out). */
  days_overdue?: number
}

export interface LandReceipt {
  id: number
  /** The payment it pays. */
  n: number
  received_on: string
  amount_fen: number
  payer: string
  note: string
  created_at: string
}

export interface LandContract extends Versioned {
  id: number
  region: RegionRef
  transferor: LandTransferor
  transferee: LandTransferee
  land_type: LandType
  /** A decimal string with 2 decimals ("450.00"). */
  area_mu: string
  purpose: string
  starts_on: string
  ends_on: string
  years: number | null
  rent_fen_per_year: number | null
  rent_fen_per_mu_year: number | null
  rent_increase_percent: number | null
  rent_increase_every_years: number | null
  payment_frequency: PaymentFrequency
  jobs: number | null
  note: string
  rent_fen_total: number
  received_fen: number
  /** The first payment not paid in full; null when all are. */
  next_due: LandPayment | null
  overdue_fen: number
  has_receipts: boolean
}

/** Filters of GET /land-contracts (and of its export); by start. */
export interface LandContractFilters {
  /** Transferee or purpose. */
  q?: string
  /** A region code: contracts there or below. */
  region?: string
  land_type?: LandType | ''
  transferee_enterprise?: number
  transferee_person?: number
  /** The day payments are judged on (default today). */
  date?: string
  /** Only contracts with a payment overdue on `date`. */
  overdue?: boolean | 'true'
  /** With `overdue`: overdue this many days or more. */
  overdue_days?: number
  /** Only contracts that end between `date` and `date` + this many days. */
  ending_within?: number
}

export type LandContractQuery = LandContractFilters & PageQuery

/** Exactly one of the two. */
export type LandTransferorInput = { organization_id: number } | { person_ids: number[] }
export type LandTransfereeInput = { enterprise_id: number } | { person_id: number }

export interface LandContractCreate {
  region: string
  transferor: LandTransferorInput
  transferee: LandTransfereeInput
  land_type: LandType
  area_mu: string
  purpose?: string
  starts_on: string
  /** `years` (1–30) or `ends_on`. */
  years?: number
  ends_on?: string
  /** `rent_fen_per_year` or `rent_fen_per_mu_year`, integer 分. */
  rent_fen_per_year?: number | null
  rent_fen_per_mu_year?: number | null
  rent_increase_percent?: number | null
  rent_increase_every_years?: number | null
  payment_frequency: PaymentFrequency
  jobs?: number | null
  note?: string
}

export type LandContractPatch = Partial<LandContractCreate> & { version: number }

export const {
  list: listLandContracts,
  get: getLandContract,
  create: createLandContract,
  update: updateLandContract,
  remove: deleteLandContract,
} = ledgerApi<LandContract, LandContractQuery, LandContractCreate, LandContractPatch>('/land-contracts')

// ---- Payments and receipts ----

export interface LandPayments {
  items: LandPayment[]
  receipts: LandReceipt[]
}

/** The schedule with each payment's status on `date` (default today), and the receipts. */
export function getPayments(id: number, date?: string): Promise<LandPayments> {
  return http.get<LandPayments>(`/land-contracts/${id}/payments`, { date })
}

export interface ReceiptInput {
  /** Default today; never in the future. */
  received_on?: string
  /** Integer 分, at most what remains due (else 422 on `amount_fen`). */
  amount_fen: number
  payer?: string
  note?: string
}

/** Records money received for payment n; answers the payment as it now stands. */
export function postReceipt(id: number, n: number, body: ReceiptInput): Promise<LandPayment> {
  return http.post<LandPayment>(`/land-contracts/${id}/payments/${n}/receipts`, body)
}

/** Removes a receipt entered by mistake. */
export function deleteReceipt(id: number, receiptId: number): Promise<void> {
  return http.delete<void>(`/land-contracts/${id}/receipts/${receiptId}`)
}

// ---- Figures ----

export interface LandFigures {
  contracts: number
  /** A decimal string ("450.00"). */
  area_mu: string
  jobs: number
  rent_due_fen: number
  rent_received_fen: number
  overdue_fen: number
  by_type?: { land_type: LandType; contracts: number; area_mu: string }[]
}

export interface LandStats extends LandFigures {
  region: { code: string; name: string; level: RegionLevel }
  year: number
  /** With `by=child`: one row per child region the caller sees. */
  children?: (LandFigures & { region: { code: string; name: string; level: RegionLevel } })[]
}

export interface StatsQuery {
  /** Default: the caller's region. */
  region?: string
  /** Default: this year. */
  year?: number
  /** `child`: also the figures of each child region. */
  by?: 'child'
}

/** Contracts in force some day of the year, their area, jobs, rent due and received in it, and what is overdue. */
export function getLandStats(query: StatsQuery = {}): Promise<LandStats> {
  return http.get<LandStats>('/stats/land', { ...query })
}
