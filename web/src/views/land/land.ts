// What the land pages work out from a contract: its warnings (逾期, 待收, 部分收款,
// 即将到期), what remains of a payment, and the form's values in the server's terms.
import type {
  LandContract,
  LandContractCreate,
  LandContractPatch,
  LandPayment,
  LandType,
  PaymentFrequency,
} from '@/api/land'
import { addDays } from '@/utils/dates'
import { fenToYuanInput, yuanToFen } from '@/utils/money'

/** A payment falling due within this many days is 待收 on the list. */
export const DUE_SOON_DAYS = 30
/** A contract ending within this many days is 即将到期. */
export const ENDING_DAYS = 90

/** Whole days from one YYYY-MM-DD day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const day = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number)
    return Date.UTC(y, m - 1, d)
  }
  return Math.round((day(to) - day(from)) / 86_400_000)
}

export type LandBadge =
  | { kind: 'overdue'; days: number | null }
  | { kind: 'due'; days: number }
  | { kind: 'partial' }
  | { kind: 'ending'; days: number }

/** How many days a payment is overdue on `today`: the server's count, else from its due day. */
export function overdueDays(payment: LandPayment, today: string): number {
  if (payment.status !== 'overdue') return 0
  return payment.days_overdue ?? Math.max(0, daysBetween(payment.due_on, today))
}

/**
 * The warnings a contract's row shows: its next payment overdue (with the days),
 * partly paid, or falling due soon; and the contract ending within 90 days.
 */
export function contractBadges(contract: Pick<LandContract, 'next_due' | 'overdue_fen' | 'ends_on'>, today: string): LandBadge[] {
  const badges: LandBadge[] = []
  const next = contract.next_due
  if (next?.status === 'overdue') badges.push({ kind: 'overdue', days: overdueDays(next, today) })
  else if (contract.overdue_fen > 0) badges.push({ kind: 'overdue', days: null })
  if (next?.status === 'partial') badges.push({ kind: 'partial' })
  else if (next?.status === 'due') {
    const days = daysBetween(today, next.due_on)
    if (days <= DUE_SOON_DAYS) badges.push({ kind: 'due', days })
  }
  const left = daysBetween(today, contract.ends_on)
  if (left >= 0 && left <= ENDING_DAYS) badges.push({ kind: 'ending', days: left })
  return badges
}

/** What is still to be paid of a payment, in fen. */
export function remainingFen(payment: Pick<LandPayment, 'amount_fen' | 'received_fen'>): number {
  return Math.max(0, payment.amount_fen - payment.received_fen)
}

/** The tag colour of a payment status. */
export function statusType(status: string): 'danger' | 'warning' | 'success' | 'info' {
  if (status === 'overdue') return 'danger'
  if (status === 'partial') return 'warning'
  if (status === 'paid') return 'success'
  return 'info'
}

// ---- Areas ----

const AREA = /^(\d+)(?:\.(\d{1,2}))?$/

/** An area typed in 亩 as the server's decimal string with 2 decimals ("450" -> "450.00"), or null when it is not one. */
export function normalizeArea(text: string): string | null {
  const match = AREA.exec(text.trim().replace(/[,，]/g, ''))
  if (!match) return null
  return `${BigInt(match[1]).toString()}.${(match[2] ?? '').padEnd(2, '0')}`
}

/** Whether an area is within the server's range (0.01–1,000,000 亩); compared in hundredths, never as floats. */
export function areaInRange(text: string): boolean {
  const area = normalizeArea(text)
  if (area === null) return false
  const hundredths = BigInt(area.replace('.', ''))
  return hundredths >= 1n && hundredths <= 100_000_000n
}

/** An area as written on a page: "450.00" -> "450", "12.50" -> "12.5". */
export function areaText(area: string | null | undefined): string {
  if (!area) return '0'
  return area.includes('.') ? area.replace(/0+$/, '').replace(/\.$/, '') : area
}

// ---- The contract form ----

export type TermMode = 'years' | 'ends_on'
export type RentBasis = 'year' | 'mu'

/** The contract form's values, as the dialog edits them. */
export interface ContractForm {
  region: string
  transferor_kind: 'organization' | 'people'
  transferor_organization: number | null
  transferor_people: number[]
  transferee_kind: 'enterprise' | 'person'
  transferee_enterprise: number | null
  transferee_person: number | null
  land_type: LandType | ''
  area_mu: string
  purpose: string
  starts_on: string
  term: TermMode
  years: number | undefined
  ends_on: string
  rent_basis: RentBasis
  /** Typed in 元, sent in 分. */
  rent_yuan: string
  rent_increase_percent: number | undefined
  rent_increase_every_years: number | undefined
  payment_frequency: PaymentFrequency
  jobs: number | undefined
  note: string
}

/** The last day of a term of whole years from `start` (a leap day falls on 28 February). */
export function termEnd(start: string, years: number): string {
  const [y, m, d] = start.split('-').map(Number)
  const year = y + years
  const lastOfMonth = new Date(Date.UTC(year, m, 0)).getUTCDate()
  const same = `${year}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastOfMonth)).padStart(2, '0')}`
  return addDays(same, -1)
}

/** Whether a contract was written as whole years (its end is the years' last day) or to an end date. */
export function termMode(contract: Pick<LandContract, 'starts_on' | 'ends_on' | 'years'>): TermMode {
  return contract.years !== null && contract.years !== undefined && termEnd(contract.starts_on, contract.years) === contract.ends_on
    ? 'years'
    : 'ends_on'
}

/** The form filled from a contract, or a new contract's defaults. */
export function contractForm(contract: LandContract | null, defaults: { region: string; today: string }): ContractForm {
  const perMu = contract !== null && contract.rent_fen_per_year === null && contract.rent_fen_per_mu_year !== null
  const rentFen = contract ? (perMu ? contract.rent_fen_per_mu_year : contract.rent_fen_per_year) : null
  const mode = contract ? termMode(contract) : 'years'
  return {
    region: contract?.region.code ?? defaults.region,
    transferor_kind: contract?.transferor.kind ?? 'organization',
    transferor_organization: contract?.transferor.organization?.id ?? null,
    transferor_people: contract?.transferor.people.map((p) => p.id) ?? [],
    transferee_kind: contract?.transferee.kind ?? 'enterprise',
    transferee_enterprise: contract?.transferee.enterprise?.id ?? null,
    transferee_person: contract?.transferee.person?.id ?? null,
    land_type: contract?.land_type ?? '',
    area_mu: contract?.area_mu ?? '',
    purpose: contract?.purpose ?? '',
    starts_on: contract?.starts_on ?? defaults.today,
    term: mode,
    years: contract ? (mode === 'years' ? (contract.years ?? undefined) : undefined) : undefined,
    ends_on: contract && mode === 'ends_on' ? contract.ends_on : '',
    rent_basis: perMu ? 'mu' : 'year',
    rent_yuan: rentFen === null ? '' : fenToYuanInput(rentFen),
    rent_increase_percent: contract?.rent_increase_percent || undefined,
    rent_increase_every_years: contract?.rent_increase_percent ? (contract.rent_increase_every_years ?? undefined) : undefined,
    payment_frequency: contract?.payment_frequency ?? 'yearly',
    jobs: contract?.jobs ?? undefined,
    note: contract?.note ?? '',
  }
}

type Values = Record<string, unknown>

/** A form's contract in the server's terms: one way of each (a term in years or to a day; rent per year or per 亩). */
export function contractValues(form: ContractForm): Values {
  const rent = yuanToFen(form.rent_yuan)
  const percent = form.rent_increase_percent ?? 0
  return {
    region: form.region,
    transferor:
      form.transferor_kind === 'organization'
        ? { organization_id: form.transferor_organization }
        : { person_ids: [...form.transferor_people] },
    transferee:
      form.transferee_kind === 'enterprise' ? { enterprise_id: form.transferee_enterprise } : { person_id: form.transferee_person },
    land_type: form.land_type,
    area_mu: normalizeArea(form.area_mu) ?? form.area_mu.trim(),
    purpose: form.purpose.trim(),
    starts_on: form.starts_on,
    ...(form.term === 'years' ? { years: form.years ?? null } : { ends_on: form.ends_on || null }),
    rent_fen_per_year: form.rent_basis === 'year' ? rent : null,
    rent_fen_per_mu_year: form.rent_basis === 'mu' ? rent : null,
    rent_increase_percent: percent,
    rent_increase_every_years: percent ? (form.rent_increase_every_years ?? null) : null,
    payment_frequency: form.payment_frequency,
    jobs: form.jobs ?? null,
    note: form.note.trim(),
  }
}

/** A contract in the same terms as contractValues, for what an edit changed. */
export function contractValuesOf(contract: LandContract): Values {
  return contractValues(contractForm(contract, { region: '', today: '' }))
}

/** A new contract's POST body: what is given (no empty values, no increase without a percent). */
export function contractCreate(form: ContractForm): LandContractCreate {
  const body: Values = {}
  for (const [key, value] of Object.entries(contractValues(form))) {
    if (value === null || value === '' || (key === 'rent_increase_percent' && value === 0)) continue
    body[key] = value
  }
  return body as unknown as LandContractCreate
}

/**
 * An edit's PATCH body: the version, and each value that differs from the
 * contract's. The term is sent again with a new start (so the end follows the
 * way it was written); a rent changed to the other basis clears the old one.
 */
export function contractPatch(contract: LandContract, form: ContractForm): LandContractPatch {
  const now = contractValues(form)
  const before = contractValuesOf(contract)
  const patch: Values = { version: contract.version }
  for (const [key, value] of Object.entries(now)) {
    const same = JSON.stringify(value) === JSON.stringify(before[key] ?? null) && key in before
    if (!same) patch[key] = value
  }
  for (const key of ['rent_fen_per_year', 'rent_fen_per_mu_year']) {
    if (patch[key] === null && before[key] === null) delete patch[key]
  }
  if ('starts_on' in patch) {
    const termKey = form.term === 'years' ? 'years' : 'ends_on'
    patch[termKey] = now[termKey]
  }
  return patch as unknown as LandContractPatch
}

/** The year's rent a contract's terms come to, in fen, when they give one (per 亩: area × price, rounded to the 分). */
export function yearlyRentFen(contract: Pick<LandContract, 'rent_fen_per_year' | 'rent_fen_per_mu_year' | 'area_mu'>): number | null {
  if (contract.rent_fen_per_year !== null) return contract.rent_fen_per_year
  if (contract.rent_fen_per_mu_year === null) return null
  const area = normalizeArea(contract.area_mu)
  if (area === null) return null
  // hundredths of a 亩 × fen per 亩, then /100 rounded half up: exact in BigInt.
  const product = BigInt(area.replace('.', '')) * BigInt(contract.rent_fen_per_mu_year)
  return Number((product + 50n) / 100n)
}
