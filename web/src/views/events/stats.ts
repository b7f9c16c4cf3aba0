// The figures panel's tables: groups with their kinds under them, and the towns.
import { EVENT_GROUPS, type EventFigures, type EventGroup, type EventKind, type EventStats } from '@/api/types'

/** A line of the figures table: a group, or one of its kinds under it. */
export interface StatsRow extends Omit<EventFigures, 'people'> {
  key: string
  level: 'group' | 'kind'
  /** The group's or the kind's code. */
  code: string
  group: EventGroup
  /** Null where it cannot be known (different people are not a sum of the kinds'). */
  people: number | null
}

/**
 * The groups in their order, each followed by its kinds in the kinds' own order
 * (kinds unknown here last, by code). A kind whose group the server did not
 * count gets a group line summed from its kinds.
 */
export function statsRows(stats: Pick<EventStats, 'groups' | 'kinds'>, kinds: readonly EventKind[]): StatsRow[] {
  const order = new Map(kinds.map((k) => [k.code, k.sort_order]))
  const rank = (code: string) => order.get(code) ?? Number.MAX_SAFE_INTEGER
  const rows: StatsRow[] = []
  for (const group of EVENT_GROUPS) {
    const members = stats.kinds
      .filter((k) => k.group === group)
      .sort((a, b) => rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind))
    const counted = stats.groups.find((g) => g.group === group)
    if (!counted && members.length === 0) continue
    const sum = (field: 'events' | 'attendances' | 'unregistered') => members.reduce((total, k) => total + k[field], 0)
    rows.push({
      key: `group:${group}`,
      level: 'group',
      code: group,
      group,
      events: counted?.events ?? sum('events'),
      attendances: counted?.attendances ?? sum('attendances'),
      people: counted ? counted.people : members.length === 1 ? members[0].people : null,
      unregistered: counted?.unregistered ?? sum('unregistered'),
    })
    for (const k of members) {
      rows.push({ key: `kind:${k.kind}`, level: 'kind', code: k.kind, group, events: k.events, attendances: k.attendances, people: k.people, unregistered: k.unregistered })
    }
  }
  return rows
}

/** The towns, the busiest first (by events, then attendances), then by name. */
export function townRows(stats: Pick<EventStats, 'towns'>): NonNullable<EventStats['towns']> {
  return [...(stats.towns ?? [])].sort(
    (a, b) => b.events - a.events || b.attendances - a.attendances || a.name.localeCompare(b.name, 'zh-CN'),
  )
}

/** A calendar year as the figures' period. */
export function yearSpan(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` }
}

/**
 * The year the figures start from: the one of the list's dates (its first
 * day, else its last, else the month shown), else this year.
 */
export function yearOf(dates: readonly (string | null | undefined)[], today: string): number {
  const given = dates.find((d) => d && /^\d{4}/.test(d))
  return Number((given ?? today).slice(0, 4))
}
