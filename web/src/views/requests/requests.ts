// Requests in the pages' terms: the colour of a status, the board's columns,
// what each action asks for and sends, and the figures' charts.
import type { RequestActionInput } from '@/api/requests'
import type {
  RequestAction,
  RequestOwner,
  RequestRating,
  RequestRecord,
  RequestStats,
  RequestStatusType,
} from '@/api/types'
import type { ChartOption } from '@/plugins/echarts'

export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

const STATUS_TAGS: Record<string, TagType> = {
  registered: 'info',
  accepted: 'primary',
  in_progress: 'warning',
  reopened: 'danger',
  resolved: 'success',
  rated: 'success',
  withdrawn: 'info',
}

/** A status's tag colour: the built-in ones each their own; others by their type. */
export function statusTag(code: string, type: RequestStatusType): TagType {
  return STATUS_TAGS[code] ?? (type === 'open' ? 'primary' : 'info')
}

/** Late ones first (the longest overdue first), then by due date (none last), then the newest. */
export function lateFirst(a: RequestRecord, b: RequestRecord): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1
  if (a.overdue && a.days_overdue !== b.days_overdue) return b.days_overdue - a.days_overdue
  const due = (a.due_on ?? '9999').localeCompare(b.due_on ?? '9999')
  return due || b.id - a.id
}

export interface BoardColumn {
  status: string
  type: RequestStatusType
  items: RequestRecord[]
}

/**
 * The board: one column per status in the statuses' order (only those of the
 * type filtered, or the one status filtered), each late first; a status the
 * list does not know gets a column after them.
 */
export function boardColumns(
  items: readonly RequestRecord[],
  statuses: readonly { code: string; type: RequestStatusType }[],
  statusFilter = '',
): BoardColumn[] {
  const shown = statuses.filter((s) =>
    statusFilter === 'open' || statusFilter === 'closed' ? s.type === statusFilter : !statusFilter || s.code === statusFilter,
  )
  const columns = new Map<string, BoardColumn>(shown.map((s) => [s.code, { status: s.code, type: s.type, items: [] }]))
  for (const item of items) {
    let column = columns.get(item.status)
    if (!column) {
      column = { status: item.status, type: item.status_type, items: [] }
      columns.set(item.status, column)
    }
    column.items.push(item)
  }
  for (const column of columns.values()) column.items.sort(lateFirst)
  return [...columns.values()]
}

/** A request's owner: a person's name, or the town office (`office` names it after its town). */
export function ownerText(owner: RequestOwner | null | undefined, office: (region: string) => string): string {
  if (!owner) return ''
  return owner.kind === 'person' ? owner.name : office(owner.region.name)
}

/** Whether an action's note must be given (the server refuses it empty), may be, or is the requester's words. */
export type NoteNeed = 'required' | 'optional'

/** What each action asks for besides the version: its note, a handler (转办) or a rating (评价). */
export const ACTION_NEEDS: Record<RequestAction, { note: NoteNeed; handler?: true; rating?: true; danger?: true }> = {
  accept: { note: 'optional' },
  forward: { note: 'optional', handler: true },
  progress: { note: 'required' },
  resolve: { note: 'required' },
  rate: { note: 'optional', rating: true },
  reopen: { note: 'required' },
  escalate: { note: 'optional' },
  withdraw: { note: 'optional', danger: true },
}

/** The values an action's dialog holds. */
export interface ActionForm {
  note: string
  handler_kind: 'organization' | 'person'
  handler_organization: number | null
  handler_person: number | null
  rating: RequestRating | ''
}

export function emptyActionForm(): ActionForm {
  return { note: '', handler_kind: 'organization', handler_organization: null, handler_person: null, rating: '' }
}

/** What an action sends: only the fields it takes, the note trimmed (left out when empty). */
export function actionInput(action: RequestAction, form: ActionForm, version: number): RequestActionInput {
  const input: RequestActionInput = { action, version }
  const note = form.note.trim()
  if (note) input.note = note
  const needs = ACTION_NEEDS[action]
  if (needs.handler) {
    input.handler =
      form.handler_kind === 'organization' ? { organization_id: form.handler_organization as number } : { person_id: form.handler_person as number }
  }
  if (needs.rating && form.rating) input.rating = form.rating
  return input
}

/** A rate (0–1) as a percentage with at most one decimal ("94.3%"); '—' when there is none. */
export function rateText(rate: number | null | undefined, locale: string): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate)
}

/** The figures' colours: done, in hand, late. */
export const FIGURE_COLORS = { resolved: '#67c23a', inTime: '#409eff', overdue: '#f56c6c', onTime: '#409eff', satisfied: '#e6a23c' }

/** Each category's requests as a horizontal bar: resolved, open in time and overdue stacked. */
export function categoryChartOption(
  rows: RequestStats['by_category'],
  texts: { category: (code: string) => string; resolved: string; inTime: string; overdue: string },
): ChartOption {
  const shown = [...rows].reverse()
  const series = [
    { name: texts.resolved, color: FIGURE_COLORS.resolved, value: (r: (typeof rows)[number]) => r.resolved },
    { name: texts.inTime, color: FIGURE_COLORS.inTime, value: (r: (typeof rows)[number]) => Math.max(0, r.open - r.overdue) },
    { name: texts.overdue, color: FIGURE_COLORS.overdue, value: (r: (typeof rows)[number]) => r.overdue },
  ]
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((r) => texts.category(r.category)) },
    series: series.map((s) => ({
      type: 'bar' as const,
      name: s.name,
      stack: 'requests',
      barMaxWidth: 18,
      itemStyle: { color: s.color },
      data: shown.map(s.value),
    })),
  } as ChartOption
}

/** The child regions' on-time and satisfaction rates side by side (in %; none where nothing is counted). */
export function childrenChartOption(rows: RequestStats['by_child'], texts: { onTime: string; satisfied: string }): ChartOption {
  const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10)
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
    xAxis: { type: 'category', data: rows.map((r) => r.region.name), axisLabel: { interval: 0, rotate: rows.length > 6 ? 40 : 0 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { type: 'bar', name: texts.onTime, barMaxWidth: 14, itemStyle: { color: FIGURE_COLORS.onTime }, data: rows.map((r) => percent(r.on_time_rate)) },
      { type: 'bar', name: texts.satisfied, barMaxWidth: 14, itemStyle: { color: FIGURE_COLORS.satisfied }, data: rows.map((r) => percent(r.satisfaction_rate)) },
    ],
  } as ChartOption
}
