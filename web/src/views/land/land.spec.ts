import { describe, expect, it } from 'vitest'
import { makeContract } from '@/test-support/land'
import {
  areaInRange,
  areaText,
  contractBadges,
  contractCreate,
  contractForm,
  contractPatch,
  daysBetween,
  normalizeArea,
  remainingFen,
  termEnd,
  termMode,
  yearlyRentFen,
} from './land'

const TODAY = '2023-10-16'

describe('a contract’s warnings', () => {
  it('says an overdue payment with its days, and a contract ending within 90 days', () => {
    expect(contractBadges(makeContract(), TODAY)).toEqual([{ kind: 'overdue', days: 45 }])
    // Without the server's count, the days since the payment fell due.
    const next = { n: 2, due_on: '2023-09-01', amount_fen: 100, received_fen: 0, status: 'overdue' as const }
    expect(contractBadges(makeContract({ next_due: next }), TODAY)).toEqual([{ kind: 'overdue', days: 45 }])
    expect(contractBadges(makeContract({ ends_on: '2024-01-10' }), TODAY)).toEqual([
      { kind: 'overdue', days: 45 },
      { kind: 'ending', days: 86 },
    ])
  })

  it('says 待收 only for a payment falling due within 30 days, and 部分收款 for one partly paid', () => {
    const due = (due_on: string) => makeContract({ overdue_fen: 0, next_due: { n: 3, due_on, amount_fen: 100, received_fen: 0, status: 'due' } })
    expect(contractBadges(due('2023-11-01'), TODAY)).toEqual([{ kind: 'due', days: 16 }])
    expect(contractBadges(due('2024-09-01'), TODAY)).toEqual([])
    const partial = makeContract({ overdue_fen: 0, next_due: { n: 3, due_on: '2023-11-01', amount_fen: 100, received_fen: 40, status: 'partial' } })
    expect(contractBadges(partial, TODAY)).toEqual([{ kind: 'partial' }])
    // A contract paid in full and ended says nothing.
    expect(contractBadges(makeContract({ overdue_fen: 0, next_due: null, ends_on: '2023-01-01' }), TODAY)).toEqual([])
  })

  it('counts days across months and years, and what remains of a payment', () => {
    expect(daysBetween('2023-09-01', '2023-10-16')).toBe(45)
    expect(daysBetween('2023-12-31', '2024-03-01')).toBe(61)
    expect(daysBetween('2023-10-16', '2023-10-01')).toBe(-15)
    expect(remainingFen({ amount_fen: 4_000_000, received_fen: 1_500_000 })).toBe(2_500_000)
  })
})

describe('areas in 亩', () => {
  it('reads at most two decimals, within 0.01 to 1,000,000', () => {
    expect(normalizeArea('450')).toBe('450.00')
    expect(normalizeArea(' 12.5 ')).toBe('12.50')
    expect(normalizeArea('12.345')).toBeNull()
    expect(normalizeArea('-1')).toBeNull()
    expect(areaInRange('0.01')).toBe(true)
    expect(areaInRange('0.00')).toBe(false)
    expect(areaInRange('1000000')).toBe(true)
    expect(areaInRange('1000000.01')).toBe(false)
    expect(areaText('450.00')).toBe('450')
    expect(areaText('80.50')).toBe('80.5')
  })
})

describe('the contract form', () => {
  it('tells a term of whole years from one to a day', () => {
    expect(termEnd('2022-09-01', 5)).toBe('2027-08-31')
    expect(termEnd('2024-02-29', 1)).toBe('2025-02-27')
    expect(termMode(makeContract())).toBe('years')
    expect(termMode(makeContract({ ends_on: '2027-12-31' }))).toBe('ends_on')
    expect(termMode(makeContract({ years: null }))).toBe('ends_on')
  })

  it('sends a new contract in the server’s terms, the rent typed in 元 as exact 分', () => {
    const form = contractForm(null, { region: '431127103224', today: '2023-10-16' })
    Object.assign(form, {
      transferor_organization: 31,
      transferee_enterprise: 9,
      land_type: 'forest',
      area_mu: '450',
      purpose: ' 中草药种植 ',
      starts_on: '2022-09-01',
      years: 5,
      rent_yuan: '40000.10',
    })
    expect(contractCreate(form)).toEqual({
      region: '431127103224',
      transferor: { organization_id: 31 },
      transferee: { enterprise_id: 9 },
      land_type: 'forest',
      area_mu: '450.00',
      purpose: '中草药种植',
      starts_on: '2022-09-01',
      years: 5,
      rent_fen_per_year: 4_000_010,
      payment_frequency: 'yearly',
    })

    Object.assign(form, {
      transferor_kind: 'people',
      transferor_people: [7, 8],
      transferee_kind: 'person',
      transferee_person: 12,
      term: 'ends_on',
      ends_on: '2030-12-31',
      rent_basis: 'mu',
      rent_yuan: '800',
      rent_increase_percent: 5,
      rent_increase_every_years: 3,
      jobs: 4,
    })
    expect(contractCreate(form)).toMatchObject({
      transferor: { person_ids: [7, 8] },
      transferee: { person_id: 12 },
      ends_on: '2030-12-31',
      rent_fen_per_mu_year: 80_000,
      rent_increase_percent: 5,
      rent_increase_every_years: 3,
      jobs: 4,
    })
    expect(contractCreate(form)).not.toHaveProperty('years')
    expect(contractCreate(form)).not.toHaveProperty('rent_fen_per_year')
  })

  it('sends only what an edit changed, with the version; a new basis of rent clears the old one', () => {
    const contract = makeContract({ version: 4 })
    const form = contractForm(contract, { region: '', today: '' })
    expect(contractPatch(contract, form)).toEqual({ version: 4 })

    form.jobs = 35
    form.rent_basis = 'mu'
    form.rent_yuan = '90'
    expect(contractPatch(contract, form)).toEqual({ version: 4, jobs: 35, rent_fen_per_year: null, rent_fen_per_mu_year: 9000 })
  })

  it('sends the term again with a new start, so the end follows', () => {
    const contract = makeContract()
    const form = contractForm(contract, { region: '', today: '' })
    form.starts_on = '2022-10-01'
    expect(contractPatch(contract, form)).toEqual({ version: 1, starts_on: '2022-10-01', years: 5 })
    form.term = 'ends_on'
    form.ends_on = '2028-09-30'
    expect(contractPatch(contract, form)).toEqual({ version: 1, starts_on: '2022-10-01', ends_on: '2028-09-30' })
  })

  it('works out the year’s rent of a price per 亩 to the 分', () => {
    expect(yearlyRentFen(makeContract())).toBe(4_000_000)
    expect(yearlyRentFen(makeContract({ rent_fen_per_year: null, rent_fen_per_mu_year: 80_050, area_mu: '12.34' }))).toBe(987_817)
  })
})
