// Events (活动): meetings, trainings, study trips and welfare courses, their
// kinds, who attended, check-in codes and the figures (docs/api.md, "Events").
import { http } from './client'
import { ledgerApi } from './ledger'
import type {
  Attendance,
  AttendanceRole,
  AttendanceStatus,
  CheckInCode,
  CheckInResult,
  EventGroup,
  EventKind,
  EventRecord,
  EventStats,
  Page,
  PageQuery,
} from './types'

// ---- Events ----

/** Filters of GET /events (and of its export); newest first. */
export interface EventFilters {
  /** Title in characters, full pinyin or initials. */
  q?: string
  /** A region code: events placed there or below. */
  region?: string
  /** An event kind's code. */
  kind?: string
  group?: EventGroup | ''
  /** First and last day, inclusive. */
  from?: string
  to?: string
  /** The events a person attended (person id). */
  person?: number
  /** The events linked to a project (project id). */
  project?: number
}

export type EventQuery = EventFilters & PageQuery

export interface EventCreate {
  kind: string
  title: string
  region: string
  /** `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`. */
  starts_at: string
  ends_at?: string | null
  place?: string
  /** Organization ids. */
  organizers?: number[]
  partners?: number[]
  agenda?: string
  decisions?: string
  project_ids?: number[]
  enterprise_ids?: number[]
  unregistered_count?: number
}

export type EventPatch = Partial<EventCreate> & { version?: number }

export const {
  list: listEvents,
  get: getEvent,
  create: createEvent,
  update: updateEvent,
  remove: deleteEvent,
} = ledgerApi<EventRecord, EventQuery, EventCreate, EventPatch>('/events')

// ---- Kinds ----

/** Every kind of event, retired ones included. */
export function listEventKinds(): Promise<{ items: EventKind[] }> {
  return http.get<{ items: EventKind[] }>('/event-kinds')
}

export interface EventKindCreate {
  code: string
  group: EventGroup
  name_zh_cn: string
  name_zh_tw: string
  name_en: string
  sort_order?: number
}

export type EventKindPatch = Partial<Omit<EventKindCreate, 'code'>> & { retired?: boolean; version: number }

export function createEventKind(input: EventKindCreate): Promise<EventKind> {
  return http.post<EventKind>('/event-kinds', input)
}

export function updateEventKind(id: number, patch: EventKindPatch): Promise<EventKind> {
  return http.patch<EventKind>(`/event-kinds/${id}`, patch)
}

// ---- Attendance ----

/** One person's attendance to record; the server's defaults are participant and present. */
export interface AttendanceMark {
  person_id: number
  role?: AttendanceRole
  status?: AttendanceStatus
}

export function listAttendance(eventId: number): Promise<Page<Attendance>> {
  return http.get<Page<Attendance>>(`/events/${eventId}/attendance`)
}

/** Records (or changes) one person's attendance; answers the row. */
export function markAttendance(eventId: number, mark: AttendanceMark): Promise<Attendance> {
  return http.post<Attendance>(`/events/${eventId}/attendance`, mark)
}

/** Replaces the whole list; answers the new one. */
export function replaceAttendance(eventId: number, items: Required<AttendanceMark>[]): Promise<Page<Attendance>> {
  return http.put<Page<Attendance>>(`/events/${eventId}/attendance`, { items })
}

export function removeAttendance(eventId: number, personId: number): Promise<void> {
  return http.delete<void>(`/events/${eventId}/attendance/${personId}`)
}

// ---- Check-in ----

/** A fresh code for the event's QR code (writers of the event). */
export function getCheckInCode(eventId: number): Promise<CheckInCode> {
  return http.get<CheckInCode>(`/events/${eventId}/check-in-code`)
}

/**
 * The signed-in user checks in as the registry person they are. Refusals: 410
 * `check_in_expired`, 403 `check_in_invalid`, 403 `check_in_no_person`.
 */
export function checkIn(eventId: number, code: string): Promise<CheckInResult> {
  return http.post<CheckInResult>(`/events/${eventId}/check-in`, { code })
}

// ---- Figures ----

export interface EventStatsQuery {
  /** Default: the caller's region. */
  region?: string
  from?: string
  to?: string
}

/** 场次, 人次, 人数 and 未登记人数 of a region's events over a period. */
export function getEventStats(query: EventStatsQuery = {}): Promise<EventStats> {
  return http.get<EventStats>('/stats/events', { ...query })
}
