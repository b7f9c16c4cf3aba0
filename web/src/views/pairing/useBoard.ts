import { computed, ref, shallowRef } from 'vue'
import { listMemberships } from '@/api/memberships'
import { getCompliance, listAllPairings } from '@/api/pairing'
import { listPeople } from '@/api/people'
import type { Compliance, LevelCompliance, NamedRef, Pairing, PairingLevel, Person, PostKind } from '@/api/types'
import { useLabels } from '@/composables/useLabels'
import { openPosts } from '@/views/people/people'
import { buildBoard, openTargets } from './board'
import { loadLevelTargets, type TargetOption } from './targets'

/** How many pairings a board loads at most; a bigger region is better looked at town by town. */
export const BOARD_LIMIT = 2000
const PEOPLE_PAGE = 200

/** The posts whose holders may answer at levels 1–3 and 6; level 4 is the chamber's members, level 5 the party's. */
const SOURCE_POSTS: Partial<Record<PairingLevel, PostKind[]>> = {
  1: ['town_leader'],
  2: ['resident_cadre'],
  3: ['village_cadre', 'village_secretary'],
  6: ['county_cadre'],
}

/** Region codes nest by prefix (43 ⊃ 4311 ⊃ 431127 ⊃ 431127103): the county a code lies in, or the code above county level. */
export function countyOf(code: string): string {
  return code.length > 6 ? code.slice(0, 6) : code
}

/** Whether one region contains the other (or they are the same). */
function onOnePath(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a)
}

/** Whether a person found for the board's day may answer at its level, by the posts they hold that day. */
function eligible(level: PairingLevel, region: string, date: string, person: Person): boolean {
  const posts = openPosts(person.posts, date)
  // Level 1 is for leadership-team members only.
  if (level === 1) return posts.some((p) => p.kind === 'town_leader' && p.leadership_team)
  // A county cadre answers for enterprises of the county (or wider area) the post is at.
  if (level === 6) return posts.some((p) => p.kind === 'county_cadre' && onOnePath(p.region.code, region))
  return true
}

/**
 * Where to look for the people who could answer: where they live. A county
 * cadre (level 6) is posted at the county and may live anywhere in it, so a
 * town's board looks county-wide (the server still keeps to the caller's view).
 */
export function candidateRegion(level: PairingLevel, region: string): string {
  return level === 6 ? countyOf(region) : region
}

/**
 * The people who could answer at a level in a region on a day (as they were
 * that day: the server gives each person's posts and stage as of the `date`
 * asked), so that someone without a pairing yet still has a column to
 * receive one. The server decides who is eligible on save; this only offers them.
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
  const where = candidateRegion(level, region)
  // Level 5: full party members (正式党员) mentor the activists of their town.
  const queries = level === 5 ? [{ party_stage: 'full' as const }] : (SOURCE_POSTS[level] ?? []).map((post) => ({ post }))
  const pages = await Promise.all(queries.map((filter) => listPeople({ ...filter, region: where, date, page_size: PEOPLE_PAGE })))
  const seen = new Set<number>()
  const out: NamedRef[] = []
  for (const person of pages.flatMap((page) => page.items)) {
    if (seen.has(person.id) || !eligible(level, region, date, person)) continue
    seen.add(person.id)
    out.push({ id: person.id, name: person.name })
  }
  return out
}

/**
 * Whether the board must find its level's targets itself: when no coverage
 * rule judges the level there (the compliance answer counts none and names
 * no gaps) or the answer could not be read.
 */
export function needsOwnTargets(level: LevelCompliance | null): boolean {
  return !level || (!level.rule && level.targets === 0)
}

/**
 * The board's data for a level, region and day: the pairings, the candidates
 * and the compliance answer (for the gaps); where no rule judges the level,
 * its targets on the day. Each part fails on its own: a board without gaps
 * is still a board.
 */
export function useBoard(can: (permission: string) => boolean) {
  const labels = useLabels()
  const pairings = shallowRef<Pairing[]>([])
  const pairingsTotal = ref(0)
  const candidates = shallowRef<NamedRef[]>([])
  const compliance = shallowRef<Compliance | null>(null)
  const complianceError = shallowRef<unknown>(null)
  /** The level's targets on the day, when the board finds them itself (null: it goes by the compliance answer). */
  const ownTargets = shallowRef<TargetOption[] | null>(null)
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
    const judgedLevel = judged.status === 'fulfilled' ? (judged.value?.levels.find((l) => l.level === nextLevel) ?? null) : null
    const targets = needsOwnTargets(judgedLevel)
      ? await loadLevelTargets({ level: nextLevel, region, date }, labels, can, BOARD_LIMIT).catch(() => null)
      : null
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
    ownTargets.value = targets
    loading.value = false
  }

  const levelCompliance = computed(() => compliance.value?.levels.find((l) => l.level === level.value) ?? null)
  const board = computed(() => buildBoard(pairings.value, candidates.value, levelCompliance.value))
  const truncated = computed(() => pairingsTotal.value > pairings.value.length)
  /** The targets found by the board itself, split by whether anyone answers for them on the day. */
  const open = computed(() => (ownTargets.value ? openTargets(ownTargets.value, pairings.value) : null))

  return { board, pairings, pairingsTotal, truncated, compliance, levelCompliance, complianceError, open, error, loading, load }
}
