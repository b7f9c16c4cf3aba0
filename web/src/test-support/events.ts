import type { Attendance, EventKind, EventRecord } from '@/api/types'

/** An event as the server describes one (docs/api.md), with overrides: the 党委会 of 10 March 2022. */
export function makeEvent(overrides: Partial<EventRecord> = {}): EventRecord {
  return {
    id: 1,
    kind: 'party_committee',
    group: 'meeting',
    title: '3月份党委会',
    region: { code: '431127103', name: '楠市镇' },
    starts_at: '2022-03-10T09:00',
    ends_at: null,
    place: '镇政府三楼会议室',
    organizers: [{ id: 5, name: '中共楠市镇委员会', kind: 'party_committee' }],
    partners: [],
    agenda: '',
    decisions: '',
    projects: [],
    enterprises: [],
    unregistered_count: 0,
    attendance: { present: 0, absent: 0, excused: 0 },
    created_at: '2022-03-10T01:00:00Z',
    updated_at: '2022-03-10T01:00:00Z',
    version: 1,
    ...overrides,
  }
}

/** One person's attendance, present as a participant taken at the roll call unless said otherwise. */
export function makeAttendance(id: number, name: string, overrides: Partial<Attendance> = {}): Attendance {
  return {
    person: { id, name, region: { code: '431127103224', name: '朋佳村' }, in_scope: true },
    role: 'participant',
    status: 'present',
    source: 'roll',
    updated_at: '2022-03-10T01:30:00Z',
    ...overrides,
  }
}

function kind(id: number, code: string, group: EventKind['group'], zh: string, en: string): EventKind {
  return { id, code, group, names: { 'zh-CN': zh, 'zh-TW': zh, en }, sort_order: id * 10, builtin: true, retired: false, version: 1 }
}

/** The built-in kinds of event. */
export const EVENT_KINDS: EventKind[] = [
  kind(1, 'party_committee', 'meeting', '党委会', 'Party committee meeting'),
  kind(2, 'chamber_symposium', 'meeting', '商会骨干座谈会', 'Chamber core members’ symposium'),
  kind(3, 'villager_representatives', 'meeting', '村民代表会', 'Villager representatives’ meeting'),
  kind(4, 'farmer_training', 'training', '高素质农民培育', 'High-quality farmer training'),
  kind(5, 'party_training', 'training', '党务培训', 'Party affairs training'),
  kind(6, 'study_trip', 'trip', '考察', 'Study trip'),
  kind(7, 'welfare_course', 'activity', '公益培训', 'Free welfare course'),
]
