import { computed, reactive, ref, shallowRef } from 'vue'
import { ElMessage } from 'element-plus'
import { isApiError } from '@/api/client'
import { getEvent, listAttendance, markAttendance, updateEvent } from '@/api/events'
import type { Attendance, AttendanceStatus, EventRecord, RegionRef } from '@/api/types'
import { errorMessage } from '@/composables/useErrorMessage'
import { useLatest } from '@/composables/useLoad'
import { i18n } from '@/i18n'
import { attendanceError, countStatuses, presentFirst, upsertRow, withoutPerson } from './attendance'

/** Someone the organizer can tick: from the attendance list or from a search of the registry. */
export interface RollPerson {
  id: number
  name: string
  region?: RegionRef
}

/**
 * A roll call (点名) of one event: its attendance list, present first as it was
 * read (ticking does not move anyone, so the next tap lands where the eye is),
 * people ticked from a search added at the top. A tick shows at once and is
 * sent; a refusal puts the row back as it was and says why. The number of
 * unregistered attendees is saved as it is stepped, one change after another.
 */
export function useRollCall(eventId: () => number) {
  const { t } = i18n.global
  const event = shallowRef<EventRecord | null>(null)
  const rows = shallowRef<Attendance[]>([])
  /** People whose tick is on its way to the server. */
  const pending = reactive(new Set<number>())
  const unregistered = ref(0)
  const { loading, error, run } = useLatest()

  async function load() {
    const id = eventId()
    await run(
      () => Promise.all([getEvent(id), listAttendance(id)]),
      ([read, list]) => {
        event.value = read
        rows.value = presentFirst(list.items)
        unregistered.value = read.unregistered_count
      },
    )
  }

  const counts = computed(() => countStatuses(rows.value))
  /** 已到: registered people present. */
  const present = computed(() => counts.value.present)
  /** 应到: everyone on the list. */
  const expected = computed(() => rows.value.length)

  function statusOf(personId: number): AttendanceStatus | null {
    return rows.value.find((r) => r.person.id === personId)?.status ?? null
  }

  /** Present ⇄ absent (someone not on the list yet becomes present). Answers whether the server took it. */
  async function toggle(person: RollPerson): Promise<boolean> {
    if (pending.has(person.id)) return false
    const before = rows.value.find((r) => r.person.id === person.id) ?? null
    const status: AttendanceStatus = before?.status === 'present' ? 'absent' : 'present'
    const role = before?.role ?? 'participant'
    const shown: Attendance = before
      ? { ...before, status }
      : { person: { id: person.id, name: person.name, region: person.region, in_scope: true }, role, status, source: 'roll', updated_at: '' }
    rows.value = upsertRow(rows.value, shown)
    pending.add(person.id)
    try {
      const saved = await markAttendance(eventId(), { person_id: person.id, status, role })
      rows.value = upsertRow(rows.value, saved)
      return true
    } catch (e) {
      rows.value = before ? upsertRow(rows.value, before) : withoutPerson(rows.value, person.id)
      ElMessage.error(t('events.rollFailed', { name: person.name, reason: attendanceError(e) }))
      return false
    } finally {
      pending.delete(person.id)
    }
  }

  let savingUnregistered = false
  /** Steps 未登记人数: shown at once, saved with the event's version, the latest value last. */
  async function setUnregistered(count: number) {
    unregistered.value = count
    if (savingUnregistered) return
    savingUnregistered = true
    try {
      while (event.value && event.value.unregistered_count !== unregistered.value) {
        const current: EventRecord = event.value
        try {
          event.value = await updateEvent(current.id, { unregistered_count: unregistered.value, version: current.version })
        } catch (e) {
          if (isApiError(e) && e.status === 409) {
            ElMessage.warning(t('events.unregisteredConflict'))
            event.value = await getEvent(current.id).catch(() => current)
          } else {
            ElMessage.error(errorMessage(e))
          }
          unregistered.value = event.value?.unregistered_count ?? 0
          return
        }
      }
    } finally {
      savingUnregistered = false
    }
  }

  return { event, rows, pending, unregistered, loading, error, load, counts, present, expected, statusOf, toggle, setUnregistered }
}
