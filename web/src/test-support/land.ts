import { vi } from 'vitest'
import type { IncomeEntry, IncomeStats } from '@/api/income'
import type { LandContract, LandPayment, LandReceipt, LandStats } from '@/api/land'

/**
 * A land transfer contract as the server describes one (docs/api.md): 朋佳村's
 * collective gives 450 亩 of forest to a herb grower for five years from
 * 1 September 2022, 40,000 元 a year paid yearly; the first year is paid.
 */
export function makeContract(overrides: Partial<LandContract> = {}): LandContract {
  return {
    id: 3,
    region: { code: '431127103224', name: '朋佳村' },
    transferor: { kind: 'organization', organization: { id: 31, name: '朋佳村股份经济合作社' }, people: [] },
    transferee: { kind: 'enterprise', enterprise: { id: 9, name: '蓝山县朋佳中草药种植有限公司' }, person: null },
    land_type: 'forest',
    area_mu: '450.00',
    purpose: '中草药种植',
    starts_on: '2022-09-01',
    ends_on: '2027-08-31',
    years: 5,
    rent_fen_per_year: 4_000_000,
    rent_fen_per_mu_year: null,
    rent_increase_percent: 0,
    rent_increase_every_years: null,
    payment_frequency: 'yearly',
    jobs: 30,
    note: '',
    rent_fen_total: 20_000_000,
    received_fen: 4_000_000,
    next_due: { n: 2, due_on: '2023-09-01', amount_fen: 4_000_000, received_fen: 0, status: 'overdue', days_overdue: 45 },
    overdue_fen: 4_000_000,
    has_receipts: true,
    created_at: '2022-09-01T01:00:00Z',
    updated_at: '2022-09-01T01:00:00Z',
    version: 1,
    ...overrides,
  }
}

/** The contract's schedule: the first year paid, the second overdue 45 days, the rest due. */
export function makePayments(): LandPayment[] {
  return [
    { n: 1, due_on: '2022-09-01', amount_fen: 4_000_000, received_fen: 4_000_000, status: 'paid', days_overdue: 0 },
    { n: 2, due_on: '2023-09-01', amount_fen: 4_000_000, received_fen: 0, status: 'overdue', days_overdue: 45 },
    { n: 3, due_on: '2024-09-01', amount_fen: 4_000_000, received_fen: 0, status: 'due', days_overdue: 0 },
  ]
}

export const RECEIPT: LandReceipt = {
  id: 11,
  n: 1,
  received_on: '2022-09-05',
  amount_fen: 4_000_000,
  payer: '蓝山县朋佳中草药种植有限公司',
  note: '银行转账',
  created_at: '2022-09-05T02:00:00Z',
}

/** 楠市镇's land figures for 2023, with two of its villages side by side. */
export const LAND_STATS: LandStats = {
  region: { code: '431127103', name: '楠市镇', level: 'town' },
  year: 2023,
  contracts: 2,
  area_mu: '530.50',
  jobs: 42,
  rent_due_fen: 5_200_000,
  rent_received_fen: 1_200_000,
  overdue_fen: 4_000_000,
  by_type: [{ land_type: 'forest', contracts: 1, area_mu: '450.00' }],
  children: [
    { region: { code: '431127103224', name: '朋佳村', level: 'village' }, contracts: 1, area_mu: '450.00', jobs: 30, rent_due_fen: 4_000_000, rent_received_fen: 0, overdue_fen: 4_000_000 },
    { region: { code: '431127103203', name: '甘溪村', level: 'village' }, contracts: 1, area_mu: '80.50', jobs: 12, rent_due_fen: 1_200_000, rent_received_fen: 1_200_000, overdue_fen: 0 },
  ],
}

/** 朋佳村's collective income in 2023: the land rent received and a dividend. */
export function makeIncomeStats(rentFen = 4_000_010): IncomeStats {
  return {
    region: { code: '431127103', name: '楠市镇', level: 'town' },
    year: 2023,
    total_fen: rentFen + 1_500_000,
    by_source: [
      { source: 'rent', amount_fen: rentFen },
      { source: 'dividend', amount_fen: 1_500_000 },
    ],
    collectives: [
      {
        organization: { id: 31, name: '朋佳村股份经济合作社' },
        region: { code: '431127103224', name: '朋佳村' },
        total_fen: rentFen + 1_500_000,
        by_source: [
          { source: 'rent', amount_fen: rentFen },
          { source: 'dividend', amount_fen: 1_500_000 },
        ],
      },
    ],
    children: [
      {
        region: { code: '431127103224', name: '朋佳村', level: 'village' },
        total_fen: rentFen + 1_500_000,
        by_source: [
          { source: 'rent', amount_fen: rentFen },
          { source: 'dividend', amount_fen: 1_500_000 },
        ],
      },
    ],
  }
}

export function makeIncomeEntry(overrides: Partial<IncomeEntry> = {}): IncomeEntry {
  return {
    id: 5,
    organization: { id: 31, name: '朋佳村股份经济合作社' },
    region: { code: '431127103224', name: '朋佳村' },
    year: 2023,
    source: 'dividend',
    amount_fen: 1_500_000,
    received_on: '2023-12-20',
    note: '光伏电站入股分红',
    created_at: '2023-12-20T02:00:00Z',
    updated_at: '2023-12-20T02:00:00Z',
    version: 1,
    ...overrides,
  }
}

/** A phone (narrow: true) or a desktop, for useNarrowScreen. */
export function screen(narrow: boolean) {
  vi.spyOn(window, 'matchMedia').mockImplementation(
    (query: string) =>
      ({ matches: narrow, media: query, addEventListener: () => {}, removeEventListener: () => {} }) as unknown as MediaQueryList,
  )
}
