// Requests (诉求): an entrepreneur's or a villager's request from raising to
// rating — the ledger, the actions on it, its categories and statuses (data),
// the holidays working days skip, and the figures (docs/api.md, "Requests (诉求)").
import { http } from './client'
import { ledgerApi } from './ledger'
import type {
  Holiday,
  PageQuery,
  RequestAction,
  RequestCategory,
  RequestDetail,
  RequestEscalation,
  RequestRating,
  RequestRecord,
  RequestSource,
  RequestStats,
  RequestStatus,
} from './types'

// ---- Requests ----

/** Filters of GET /requests (and of its export); late first, then by due date. */
export interface RequestFilters {
  /** Title or requester. */
  q?: string
  /** A region code: requests placed there or below. */
  region?: string
  /** A status's code, or `open` / `closed` (its type). */
  status?: string
  /** A category's code. */
  category?: string
  /** `me`: the caller's own (their person's, or the town office's for managers); or a person id. */
  owner?: 'me' | number | ''
  requester_enterprise?: number
  requester_person?: number
  /** Only those open and past their due date on `date`. */
  overdue?: boolean | 'true' | ''
  /** Only those escalated to the town, or to the county. */
  escalation?: Exclude<RequestEscalation, 'none'> | ''
  /** First and last day raised, inclusive. */
  from?: string
  to?: string
  /** The day overdue is judged on (default today). */
  date?: string
}

export type RequestQuery = RequestFilters & PageQuery

/** Exactly one of the two. */
export type RequesterInput = { enterprise_id: number } | { person_id: number }

export interface RequestCreate {
  requester: RequesterInput
  /** A region code (default in the form: the requester's). */
  region: string
  category: string
  title: string
  detail?: string
  /** Default today; never in the future. */
  raised_on?: string
  source?: RequestSource
  contact_id?: number
  event_id?: number
  /** Default: the requester's leader, the village's resident cadre, or the town office. */
  owner_person_id?: number
}

export interface RequestPatch {
  category?: string
  title?: string
  detail?: string
  due_on?: string
  requester?: RequesterInput
  version: number
}

export const {
  list: listRequests,
  get: getRequest,
  create: createRequest,
  update: updateRequest,
} = ledgerApi<RequestRecord, RequestQuery, RequestCreate, RequestPatch, RequestDetail>('/requests')

/** What an action sends; which fields each needs is in docs/api.md's table of actions. */
export interface RequestActionInput {
  action: RequestAction
  /** The words of the action: a progress note, the resolution, the requester's comment, why. */
  note?: string
  /** `forward`: to whom. */
  handler?: { organization_id: number } | { person_id: number }
  /** `rate`: the requester's rating. */
  rating?: RequestRating
  /** The version the caller saw. */
  version?: number
}

/**
 * Acts on a request (受理, 转办, 办结 ...); answers the request as it now
 * stands. An action that does not fit its status: 409 `invalid_transition`.
 */
export function act(id: number, input: RequestActionInput): Promise<RequestRecord> {
  return http.post<RequestRecord>(`/requests/${id}/actions`, input)
}

// ---- Categories, statuses, holidays ----

export function listRequestCategories(): Promise<{ items: RequestCategory[] }> {
  return http.get<{ items: RequestCategory[] }>('/request-categories')
}

export function listRequestStatuses(): Promise<{ items: RequestStatus[] }> {
  return http.get<{ items: RequestStatus[] }>('/request-statuses')
}

/** The holidays and the weekend days worked instead (调休) of a year (default this year). */
export function listHolidays(year?: number): Promise<{ items: Holiday[] }> {
  return http.get<{ items: Holiday[] }>('/holidays', { year })
}

// ---- Figures ----

export interface RequestStatsQuery {
  /** Default: the caller's region. */
  region?: string
  /** Raised between these days (default: this year). */
  from?: string
  to?: string
  /** The day overdue is judged on (default today). */
  date?: string
}

/** A region's requests raised in a span: counts, on-time and satisfaction rates, by category and by child region. */
export function getRequestStats(query: RequestStatsQuery = {}): Promise<RequestStats> {
  return http.get<RequestStats>('/stats/requests', { ...query })
}
