// What an enterprise's page shows beside its own fields: who answers for it
// (a county cadre at level 6, a town leader for each of its entrepreneurs at
// level 1), its chamber members, and the visits to it and to its entrepreneurs.
import { listMemberships } from '@/api/memberships'
import { MAX_PAGE_SIZE, listContacts, listPairings } from '@/api/pairing'
import type { Contact, Enterprise, Membership, NamedRef, Pairing } from '@/api/types'
import { todayIso } from '@/utils/dates'

/** How many visits the page lists (the newest). */
export const VISITS_SHOWN = 20

/** One part of the page: its rows, or why they could not be read; null rows when the user may not read them. */
export interface Part<T> {
  rows: T[] | null
  error: unknown
}

export interface EnterpriseTies {
  /** Every membership for the enterprise, former ones included. */
  members: Part<Membership>
  /** Today's pairings: cadres in contact with the enterprise (level 6), then leaders of its entrepreneurs (level 1). */
  pairings: Part<Pairing>
  /** Entrepreneurs of the enterprise (current chamber members) nobody answers for at level 1. */
  unpaired: NamedRef[]
  /** The newest visits to the enterprise and to its entrepreneurs. */
  visits: Part<Contact>
  /** How many visits there are in all. */
  visitsTotal: number
}

/** Whether a membership holds on a day (its end is the first day without it). */
export function memberOn(m: Pick<Membership, 'joined_on' | 'left_on'>, day: string): boolean {
  return m.joined_on <= day && (m.left_on === null || m.left_on > day)
}

function part<T>(answer: PromiseSettledResult<T[] | null>): Part<T> {
  return answer.status === 'fulfilled' ? { rows: answer.value, error: null } : { rows: null, error: answer.reason }
}

/** Each person once, in order. */
function unique(people: NamedRef[]): NamedRef[] {
  const seen = new Set<number>()
  return people.filter((p) => !seen.has(p.id) && !!seen.add(p.id))
}

/** Newest first; of one day, the later entry first. */
function newestFirst(a: Contact, b: Contact): number {
  return b.occurred_on.localeCompare(a.occurred_on) || b.id - a.id
}

/**
 * Reads the enterprise's ties on a day (default today) with the routes the
 * user may call. Its entrepreneurs are the people representing it in a
 * chamber, and its legal representative when a town leader answers for them
 * (level 1 pairs leaders with chamber members). Each part fails on its own.
 */
export async function loadEnterpriseTies(
  enterprise: Pick<Enterprise, 'id' | 'legal_representative'>,
  can: (permission: string) => boolean,
  day: string = todayIso(),
): Promise<EnterpriseTies> {
  const id = enterprise.id
  const [members, cadres, ownVisits] = await Promise.allSettled([
    can('memberships.read') ? listMemberships({ enterprise: id, all: true, page_size: MAX_PAGE_SIZE }).then((p) => p.items) : null,
    can('pairing.read') ? listPairings({ target_kind: 'enterprise', target: id, date: day, page_size: MAX_PAGE_SIZE }) : null,
    can('contacts.read') ? listContacts({ target_kind: 'enterprise', target: id, page_size: VISITS_SHOWN }) : null,
  ])

  const current = unique(members.status === 'fulfilled' ? (members.value ?? []).filter((m) => memberOn(m, day)).map((m) => m.person) : [])
  const people = unique([...current, ...(enterprise.legal_representative ? [enterprise.legal_representative] : [])])
  const leaders = can('pairing.read')
    ? await Promise.allSettled(
        people.map((p) => listPairings({ level: 1, target_kind: 'person', target: p.id, date: day, page_size: MAX_PAGE_SIZE })),
      )
    : []
  // Per person: their level-1 pairings (absent when they could not be read).
  const ledBy = new Map<number, Pairing[]>()
  leaders.forEach((answer, i) => {
    if (answer.status === 'fulfilled') ledBy.set(people[i].id, answer.value.items)
  })
  const isMember = new Set(current.map((p) => p.id))
  const entrepreneurs = people.filter((p) => isMember.has(p.id) || (ledBy.get(p.id)?.length ?? 0) > 0)

  const pairings: Part<Pairing> = !can('pairing.read')
    ? { rows: null, error: null }
    : cadres.status === 'rejected'
      ? { rows: null, error: cadres.reason }
      : {
          rows: [...(cadres.value?.items ?? []), ...entrepreneurs.flatMap((p) => ledBy.get(p.id) ?? [])],
          error: leaders.find((l) => l.status === 'rejected')?.reason ?? null,
        }
  const unpaired = current.filter((p) => ledBy.get(p.id)?.length === 0)

  let visits: Part<Contact> = { rows: null, error: null }
  let visitsTotal = 0
  if (can('contacts.read')) {
    const theirs = await Promise.allSettled(
      entrepreneurs.map((p) => listContacts({ target_kind: 'person', target: p.id, page_size: VISITS_SHOWN })),
    )
    const answers = [ownVisits, ...theirs]
    const failed = answers.find((a) => a.status === 'rejected')
    const pages = answers.flatMap((a) => (a.status === 'fulfilled' && a.value ? [a.value] : []))
    visits = {
      rows: failed && pages.length === 0 ? null : pages.flatMap((p) => p.items).sort(newestFirst).slice(0, VISITS_SHOWN),
      error: failed?.status === 'rejected' ? failed.reason : null,
    }
    visitsTotal = pages.reduce((n, p) => n + p.total, 0)
  }

  return { members: part(members), pairings, unpaired, visits, visitsTotal }
}
