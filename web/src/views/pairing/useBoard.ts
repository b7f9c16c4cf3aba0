import { computed, ref, shallowRef } from 'vue'
import { listMemberships } from '@/api/memberships'
import { getCompliance, listAllPairings } from '@/api/pairing'
import { listPeople } from '@/api/people'
import type { Compliance, NamedRef, Pairing, PairingLevel, Person, PostKind } from '@/api/types'
import { buildBoard } from './board'

/** How many pairings a board loads at most; a bigger region is better looked at town by town. */
export const BOARD_LIMIT = 2000
const PEOPLE_PAGE = 200

/** The posts whose holders may answer at each level (levels 1–3); level 4 is the chamber's members. */
const SOURCE_POSTS: Record<1 | 2 | 3, PostKind[]> = {
  1: ['town_leader'],
  2: ['resident_cadre'],
  3: ['village_cadre', 'village_secretary'],
}

function eligible(level: PairingLevel, person: Person): boolean {
  // Level 1 is for leadership-team members only.
  if (level === 1) return person.posts.some((p) => p.kind === 'town_leader' && p.leadership_team)
  return true
}

/**
 * The people who could answer at a level in a region, so that someone without
 * a pairing yet still has a column to receive one. The server decides who is
 * eligible on save; this only offers them.
 */
export async function loadCandidates(
  level: PairingLevel,
  region: string,
  date: string,
  can: (permission: string) => boolean,
): Promise<NamedRef[]> {
  if (level === 4) {
    if (!can('memberships.read')) return []
    const page = await listMemberships({ region, date, page_size: PEOPLE_PAGE })
    return page.items.map((m) => m.person)
  }
  if (!can('people.read')) return []
  const pages = await Promise.all(
    SOURCE_POSTS[level].map((post) => listPeople({ post, region, page_size: PEOPLE_PAGE })),
  )
  return pages.flatMap((page) => page.items.filter((p) => eligible(level, p)).map((p) => ({ id: p.id, name: p.name })))
}

/**
 * The board's data for a level, region and day: the pairings, the candidates
 * and the compliance answer (for the gaps). Each part fails on its own: a
 * board without gaps is still a board.
 */
export function useBoard(can: (permission: string) => boolean) {
  const pairings = shallowRef<Pairing[]>([])
  const pairingsTotal = ref(0)
  const candidates = shallowRef<NamedRef[]>([])
  const compliance = shallowRef<Compliance | null>(null)
  const complianceError = shallowRef<unknown>(null)
  const error = shallowRef<unknown>(null)
  const loading = ref(false)
  const level = ref<PairingLevel>(1)
  let ticket = 0

  async function load(nextLevel: PairingLevel, region: string, date: string) {
    const mine = ++ticket
    loading.value = true
    error.value = null
    complianceError.value = null
    level.value = nextLevel
    const [paired, people, judged] = await Promise.allSettled([
      listAllPairings({ level: nextLevel, region, date }, BOARD_LIMIT),
      loadCandidates(nextLevel, region, date, can),
      can('compliance.read') ? getCompliance({ region, date, limit: BOARD_LIMIT }) : Promise.resolve(null),
    ])
    if (mine !== ticket) return
    if (paired.status === 'fulfilled') {
      pairings.value = paired.value.items
      pairingsTotal.value = paired.value.total
    } else {
      pairings.value = []
      pairingsTotal.value = 0
      error.value = paired.reason
    }
    candidates.value = people.status === 'fulfilled' ? people.value : []
    if (judged.status === 'fulfilled') {
      compliance.value = judged.value
    } else {
      compliance.value = null
      complianceError.value = judged.reason
    }
    loading.value = false
  }

  const levelCompliance = computed(() => compliance.value?.levels.find((l) => l.level === level.value) ?? null)
  const board = computed(() => buildBoard(pairings.value, candidates.value, levelCompliance.value))
  const truncated = computed(() => pairingsTotal.value > pairings.value.length)

  return { board, pairings, pairingsTotal, truncated, compliance, levelCompliance, complianceError, error, loading, load }
}
