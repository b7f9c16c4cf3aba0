import { describe, expect, it } from 'vitest'
import type { EventKind, EventStats } from '@/api/types'
import { statsRows, townRows, yearOf, yearSpan } from './stats'

function kind(code: string, group: EventKind['group'], sort_order: number): EventKind {
  return { id: sort_order, code, group, names: { 'zh-CN': code }, sort_order, builtin: true, retired: false, version: 1 }
}

const KINDS = [
  kind('party_committee', 'meeting', 10),
  kind('chamber_symposium', 'meeting', 20),
  kind('farmer_training', 'training', 40),
  kind('party_training', 'training', 50),
  kind('study_trip', 'trip', 60),
]

const figures = (events: number, attendances: number, people: number, unregistered = 0) => ({ events, attendances, people, unregistered })

describe('the figures table', () => {
  it('lists the groups in order, each followed by its kinds in theirs', () => {
    const stats: Pick<EventStats, 'groups' | 'kinds'> = {
      groups: [
        { group: 'training', ...figures(12, 300, 120, 40) },
        { group: 'meeting', ...figures(14, 150, 30) },
      ],
      kinds: [
        { kind: 'party_training', group: 'training', ...figures(8, 160, 60) },
        { kind: 'chamber_symposium', group: 'meeting', ...figures(4, 90, 25) },
        { kind: 'farmer_training', group: 'training', ...figures(4, 140, 80, 40) },
        { kind: 'party_committee', group: 'meeting', ...figures(10, 60, 9) },
      ],
    }
    const rows = statsRows(stats, KINDS)
    expect(rows.map((r) => r.key)).toEqual([
      'group:meeting',
      'kind:party_committee',
      'kind:chamber_symposium',
      'group:training',
      'kind:farmer_training',
      'kind:party_training',
    ])
    expect(rows[3]).toEqual({ key: 'group:training', level: 'group', code: 'training', group: 'training', events: 12, attendances: 300, people: 120, unregistered: 40 })
    expect(rows[4]).toMatchObject({ level: 'kind', events: 4, attendances: 140, people: 80, unregistered: 40 })
  })

  it('puts kinds it does not know last, and sums a group the server did not count (people unknown)', () => {
    const rows = statsRows(
      {
        groups: [],
        kinds: [
          { kind: 'welfare_course', group: 'activity', ...figures(3, 45, 40, 10) },
          { kind: 'art_course', group: 'activity', ...figures(2, 20, 18) },
        ],
      },
      KINDS,
    )
    expect(rows.map((r) => r.key)).toEqual(['group:activity', 'kind:art_course', 'kind:welfare_course'])
    expect(rows[0]).toMatchObject({ events: 5, attendances: 65, unregistered: 10, people: null })
  })

  it('has no lines without events', () => {
    expect(statsRows({ groups: [], kinds: [] }, KINDS)).toEqual([])
  })
})

describe('the towns', () => {
  it('come the busiest first', () => {
    const towns = townRows({
      towns: [
        { code: '431127104', name: '所城镇', ...figures(2, 30, 20) },
        { code: '431127103', name: '楠市镇', ...figures(27, 600, 200, 50) },
        { code: '431127105', name: '新圩镇', ...figures(2, 40, 25) },
      ],
    })
    expect(towns.map((t) => t.name)).toEqual(['楠市镇', '新圩镇', '所城镇'])
    expect(townRows({})).toEqual([])
  })
})

describe('the period', () => {
  it('is the year of the list’s dates, else this year', () => {
    expect(yearOf(['', '', '2022-03'], '2026-12-06')).toBe(2022)
    expect(yearOf(['2021-05-01', '2022-01-31'], '2026-12-06')).toBe(2021)
    expect(yearOf([undefined, ''], '2026-12-06')).toBe(2026)
    expect(yearSpan(2022)).toEqual({ from: '2022-01-01', to: '2022-12-31' })
  })
})
