// The days of events: a month's weeks, each day's events, and an event's
// start and end as a form edits them and as a list shows them. Days are
// YYYY-MM-DD, months YYYY-MM, in China's calendar (the server's).
import { addDays, todayIso } from '@/utils/dates'

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/
const DAY_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?/
/** An event is shown on each of its days, but never on more than this many. */
const MAX_SPAN_DAYS = 62

export function isMonth(text: string): boolean {
  return MONTH.test(text)
}

/** The month of a day (default today). */
export function monthOf(day: string = todayIso()): string {
  return day.slice(0, 7)
}

/** A month moved by whole months (negative: earlier). */
export function shiftMonth(month: string, months: number): string {
  const [year, number] = month.split('-').map(Number)
  const index = year * 12 + (number - 1) + months
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

/** A month's first and last day. */
export function monthSpan(month: string): { from: string; to: string } {
  const from = `${month}-01`
  return { from, to: addDays(`${shiftMonth(month, 1)}-01`, -1) }
}

/** Monday 0 ... Sunday 6 (weeks start on Monday in China). */
function weekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number)
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7
}

/** The weeks (Monday first) that hold a month's days, with the neighbouring months' days filling them out. */
export function monthWeeks(month: string): string[][] {
  const { from, to } = monthSpan(month)
  const weeks: string[][] = []
  let day = addDays(from, -weekday(from))
  while (day <= to) {
    const week: string[] = []
    for (let i = 0; i < 7; i++, day = addDays(day, 1)) week.push(day)
    weeks.push(week)
  }
  return weeks
}

/** The day and the time (HH:MM, '' for none) of a `starts_at` or `ends_at`. */
export function splitDateTime(value: string | null | undefined): { date: string; time: string } {
  const match = DAY_TIME.exec(value ?? '')
  return match ? { date: match[1], time: match[2] ?? '' } : { date: '', time: '' }
}

/** A day and an optional time as the server takes them: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`; '' without a day. */
export function joinDateTime(date: string | null | undefined, time: string | null | undefined): string {
  if (!date) return ''
  return time ? `${date}T${time}` : date
}

interface Dated {
  id: number
  title: string
  starts_at: string
  ends_at: string | null
}

/** An event's days: from its start to its end (when later), at most MAX_SPAN_DAYS. */
export function eventDays(event: Pick<Dated, 'starts_at' | 'ends_at'>): string[] {
  const first = splitDateTime(event.starts_at).date
  if (!first) return []
  const last = splitDateTime(event.ends_at).date
  const days = [first]
  for (let day = addDays(first, 1); last && day <= last && days.length < MAX_SPAN_DAYS; day = addDays(day, 1)) days.push(day)
  return days
}

/** Earlier first; an event without a time before the timed ones of its day; then by title. */
function byStart(a: Dated, b: Dated): number {
  return a.starts_at.localeCompare(b.starts_at) || a.title.localeCompare(b.title, 'zh-CN') || a.id - b.id
}

/** A month's events by day (only the month's days), each day's in order of their start. */
export function eventsByDay<E extends Dated>(events: readonly E[], month: string): Map<string, E[]> {
  const byDay = new Map<string, E[]>()
  for (const event of [...events].sort(byStart)) {
    for (const day of eventDays(event)) {
      if (!day.startsWith(`${month}-`)) continue
      const list = byDay.get(day)
      if (list) list.push(event)
      else byDay.set(day, [event])
    }
  }
  return new Map([...byDay].sort(([a], [b]) => a.localeCompare(b)))
}

/**
 * When an event is, as a list says it: `2022-03-10 09:00–11:30`,
 * `2022-07-12 – 07-15` (an end in the same year without its year).
 */
export function eventWhen(event: Pick<Dated, 'starts_at' | 'ends_at'>): string {
  const start = splitDateTime(event.starts_at)
  const end = splitDateTime(event.ends_at)
  const startText = [start.date, start.time].filter(Boolean).join(' ')
  if (!end.date || (end.date === start.date && !end.time)) return startText
  if (end.date === start.date) return `${startText}–${end.time}`
  const endDay = end.date.slice(0, 4) === start.date.slice(0, 4) ? end.date.slice(5) : end.date
  return `${startText} – ${[endDay, end.time].filter(Boolean).join(' ')}`
}
