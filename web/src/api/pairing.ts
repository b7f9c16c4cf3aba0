// The pairing system (四级包保): pairings, rules, contacts and the compliance
// view (docs/api.md, "Pairing system"); projects are in `./projects`.
import { download, http, type DownloadedFile } from './client'
import { ledgerApi } from './ledger'
import type {
  Compliance,
  Contact,
  ContactKind,
  CoverageRule,
  Page,
  PageQuery,
  Pairing,
  PairingLevel,
  QuotaPeriod,
  QuotaRule,
  Rules,
  TargetKind,
  TargetTrait,
} from './types'

// ---- Pairings ----

/** Filters of GET /pairings. */
export interface PairingFilters {
  /** Pairings holding on that day (default today). */
  date?: string
  /** Every row, ended ones included (then `date` is ignored). */
  all?: boolean
  /** A region code: pairings placed in its subtree. */
  region?: string
  level?: PairingLevel
  /** The person who answers (person id). */
  source?: number
  /** With `target`: the pairings of one target (who answers for it). */
  target_kind?: TargetKind
  /** The target's id (of `target_kind`). */
  target?: number
}

export type PairingQuery = PairingFilters & Omit<PageQuery, 'q'>

export interface PairingCreate {
  level: PairingLevel
  /** The person who answers. */
  source: number
  /** A person or project id, or a region code (levels 2 and 3). */
  target: number | string
  /** Default today. */
  valid_from?: string
  valid_to?: string | null
}

/** Re-pairing: the old row ends on `valid_from` (default today) and a new row starts. */
export interface PairingRepair {
  source: number
  valid_from?: string
  version?: number
}

/** The largest page the server gives. */
export const MAX_PAGE_SIZE = 200

export function listPairings(query: PairingQuery = {}): Promise<Page<Pairing>> {
  const { all, ...rest } = query
  return http.get<Page<Pairing>>('/pairings', { ...rest, all: all ? true : undefined })
}

/**
 * Every item of a paged list, page after page (`list` answers one page), up
 * to `limit`; `total` says how many there are (more than the items when cut off).
 */
export async function collectPages<T>(
  list: (page: number, pageSize: number) => Promise<Page<T>>,
  limit = 2000,
): Promise<Page<T>> {
  const items: T[] = []
  for (let page = 1; ; page++) {
    const answer = await list(page, MAX_PAGE_SIZE)
    items.push(...answer.items)
    if (answer.items.length < MAX_PAGE_SIZE || items.length >= answer.total || items.length >= limit) {
      return { items: items.slice(0, limit), total: answer.total }
    }
  }
}

/** Every pairing matching the filters, up to `limit` rows (see collectPages). */
export function listAllPairings(filters: PairingFilters = {}, limit = 2000): Promise<Page<Pairing>> {
  return collectPages((page, page_size) => listPairings({ ...filters, page, page_size }), limit)
}

export function getPairing(id: number): Promise<Pairing> {
  return http.get<Pairing>(`/pairings/${id}`)
}

export function createPairing(input: PairingCreate): Promise<Pairing> {
  return http.post<Pairing>('/pairings', input)
}

/** Hands the target to another person from a day on; answers the new row. */
export function repairPairing(id: number, change: PairingRepair): Promise<Pairing> {
  return http.patch<Pairing>(`/pairings/${id}`, change)
}

/** Ends a pairing on a day (its first day without it); `''` reopens it. */
export function endPairing(id: number, validTo: string, version?: number): Promise<Pairing> {
  return http.patch<Pairing>(`/pairings/${id}`, { valid_to: validTo, version })
}

/** Removes a pairing entered by mistake (an ended one stays in history: use endPairing). */
export function deletePairing(id: number): Promise<void> {
  return http.delete<void>(`/pairings/${id}`)
}

// ---- Rules ----

export interface RulesQuery {
  /** Default: the caller's region. */
  region?: string
  /** Rules valid on that day (default today). */
  date?: string
  /** Every rule, ended ones included. */
  all?: boolean
}

export interface CoverageRuleCreate {
  region: string
  level: PairingLevel
  min_sources: number
  /** null: no maximum. */
  max_sources?: number | null
  valid_from: string
  valid_to?: string | null
  notes?: string | null
}

export type CoverageRulePatch = Partial<CoverageRuleCreate> & { version?: number }

export interface QuotaRuleCreate {
  region: string
  /** Source traits, space-separated, all required. */
  source_filter: string
  target_filter: TargetTrait
  min_contacts: number
  period: QuotaPeriod
  valid_from: string
  valid_to?: string | null
  notes?: string | null
}

export type QuotaRulePatch = Partial<QuotaRuleCreate> & { version?: number }

/** The rules of a region, its ancestors and (in the view scope) its descendants. */
export function listRules(query: RulesQuery = {}): Promise<Rules> {
  const { all, ...rest } = query
  return http.get<Rules>('/rules', { ...rest, all: all ? true : undefined })
}

export function createCoverageRule(input: CoverageRuleCreate): Promise<CoverageRule> {
  return http.post<CoverageRule>('/rules/coverage', input)
}

export function updateCoverageRule(id: number, patch: CoverageRulePatch): Promise<CoverageRule> {
  return http.patch<CoverageRule>(`/rules/coverage/${id}`, patch)
}

export function deleteCoverageRule(id: number): Promise<void> {
  return http.delete<void>(`/rules/coverage/${id}`)
}

export function createQuotaRule(input: QuotaRuleCreate): Promise<QuotaRule> {
  return http.post<QuotaRule>('/rules/quota', input)
}

export function updateQuotaRule(id: number, patch: QuotaRulePatch): Promise<QuotaRule> {
  return http.patch<QuotaRule>(`/rules/quota/${id}`, patch)
}

export function deleteQuotaRule(id: number): Promise<void> {
  return http.delete<void>(`/rules/quota/${id}`)
}

// ---- Contacts ----

/** Filters of GET /contacts (newest first). */
export interface ContactFilters {
  region?: string
  /** Who made the contact (person id). */
  person?: number
  /** First and last day, inclusive. */
  from?: string
  to?: string
  /** With `target`: the contacts with one target (an enterprise's visits). */
  target_kind?: TargetKind
  /** The target's id (of `target_kind`). */
  target?: number
}

export type ContactQuery = ContactFilters & Omit<PageQuery, 'q'>

export interface ContactCreate {
  target_kind: TargetKind
  /** An id, or a region code for `region`. */
  target: number | string
  /** Not in the future. */
  occurred_on: string
  kind: ContactKind
  /** Default: the signed-in user's own person. */
  person?: number
  place?: string
  notes?: string
  /** The target's request raised on the visit (a person or an enterprise only), in the same transaction. */
  request?: ContactRequestInput
}

/** A request (诉求) raised on a visit. */
export interface ContactRequestInput {
  /** A request category's code. */
  category: string
  title: string
  detail?: string
}

export type ContactPatch = Partial<Omit<ContactCreate, 'request'>> & {
  version?: number
  /** Why a visit logged more than `contact_edit_days` ago changes (else 422 `reason`). */
  reason?: string
}

export const {
  list: listContacts,
  get: getContact,
  create: createContact,
  update: updateContact,
} = ledgerApi<Contact, ContactQuery, ContactCreate, ContactPatch>('/contacts')

/** Deletes a visit; one logged more than `contact_edit_days` ago needs a reason (else 422 `reason`). */
export function deleteContact(id: number, reason?: string): Promise<void> {
  return http.delete<void>(`/contacts/${id}`, { query: { reason } })
}

// ---- Compliance ----

export interface ComplianceQuery {
  /** Required: the caller must see the whole region. */
  region: string
  /** Default today. */
  date?: string
  /** Entries per list (default 200); the `_total` fields count them all. */
  limit?: number
}

/** Targets without enough people, people under quota and overdue requests (诉求), for a region on a day. */
export function getCompliance(query: ComplianceQuery): Promise<Compliance> {
  return http.get<Compliance>('/compliance', { ...query })
}

/**
 * The compliance report as a workbook, every list in full (概况, 各乡镇 above a
 * town, 覆盖缺口, 联系任务, 逾期诉求), in the interface language.
 */
export function downloadComplianceReport(query: Omit<ComplianceQuery, 'limit'>): Promise<DownloadedFile> {
  return download('/compliance/export', { ...query })
}
