// An event's attendance list as the pages keep it: present first, one row per
// person, and what to say when the server refuses a row.
import { isApiError } from '@/api/client'
import type { Attendance } from '@/api/types'
import { errorMessage } from '@/composables/useErrorMessage'

/** Present people first, the rest after them, each part in the server's order. */
export function presentFirst(rows: readonly Attendance[]): Attendance[] {
  return [...rows.filter((r) => r.status === 'present'), ...rows.filter((r) => r.status !== 'present')]
}

/** The list with a person's row in its place, or (a new person) at the top. */
export function upsertRow(rows: readonly Attendance[], row: Attendance): Attendance[] {
  const at = rows.findIndex((r) => r.person.id === row.person.id)
  if (at === -1) return [row, ...rows]
  return rows.map((r, i) => (i === at ? row : r))
}

export function withoutPerson(rows: readonly Attendance[], personId: number): Attendance[] {
  return rows.filter((r) => r.person.id !== personId)
}

/** How many people have each status. */
export function countStatuses(rows: readonly Attendance[]): Record<Attendance['status'], number> {
  const counts = { present: 0, absent: 0, excused: 0 }
  for (const row of rows) counts[row.status] = (counts[row.status] ?? 0) + 1
  return counts
}

/** A refused row: the server's word on the field (a person outside the event's reach), else its message. */
export function attendanceError(error: unknown): string {
  if (isApiError(error)) {
    const field = Object.values(error.fields)[0]
    if (field) return field
  }
  return errorMessage(error)
}
