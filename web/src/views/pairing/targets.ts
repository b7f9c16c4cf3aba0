// What can be answered for at each level, found by name for the board's 新增包保:
// chamber members (1), villages (2), villager groups (3), projects (4),
// activists and candidates for party membership (5), enterprises (6).
import { listEnterprises } from '@/api/enterprises'
import { listMemberships } from '@/api/memberships'
import { collectPages } from '@/api/pairing'
import { listProjects } from '@/api/projects'
import { listPeople } from '@/api/people'
import { listChildRegions, searchRegions } from '@/api/regions'
import type { Page, PairingLevel, Region, RegionLevel, TargetRef } from '@/api/types'
import type { Labels } from '@/composables/useLabels'
import { ancestorPath } from '@/utils/format'

/** One choice of target. */
export interface TargetOption {
  /** Unique among the choices: the kind and the id (or the code of a region). */
  key: string
  target: TargetRef
  /** What POST /pairings takes as `target`: an id, or a region code (levels 2 and 3). */
  ref: number | string
  /** What tells it apart: place, stage, industry, enterprise. */
  meta: string
  /** A project: the day it starts being a target. */
  from?: string
}

/** The board a new pairing is made on. */
export interface TargetScope {
  level: PairingLevel
  region: string
  date: string
}

const SEARCH_PAGE = 20
const collator = new Intl.Collator('zh-CN')

/** Regions stand for villages (2) and groups (3); the pairing's target is the region itself. */
const REGION_LEVELS: Partial<Record<PairingLevel, RegionLevel>> = { 2: 'village', 3: 'group' }

function regionOption(region: Pick<Region, 'code' | 'name'>, meta: string): TargetOption {
  return {
    key: `region:${region.code}`,
    // A region is named by its code here; the pairing saved gives its id.
    target: { kind: 'region', id: 0, name: region.name, region: { code: region.code, name: region.name } },
    ref: region.code,
    meta,
  }
}

/** A project, person or enterprise as a choice: the pairing's target is its id. */
function recordOption(
  kind: 'project' | 'person' | 'enterprise',
  record: { id: number; name: string; region: TargetRef['region'] },
  meta: string,
): TargetOption {
  return { key: `${kind}:${record.id}`, target: { kind, id: record.id, name: record.name, region: record.region }, ref: record.id, meta }
}

/** Villages or groups under the board's region: its children without text, else a name search kept to the region. */
async function searchPlaces(wanted: RegionLevel, region: string, text: string): Promise<TargetOption[]> {
  if (!text) {
    const children = await listChildRegions(region)
    return children.items.filter((r) => r.level === wanted).map((r) => regionOption(r, ''))
  }
  const found = await searchRegions(text, 1, SEARCH_PAGE)
  return found.items
    .filter((r) => r.level === wanted && r.code.startsWith(region))
    .map((r) => regionOption(r, ancestorPath(r.ancestors.filter((a) => a.code.startsWith(region)))))
}

/** One page of a level's targets: matching `q` (all without), page `page` (the server's first without). */
type TargetList = (q: string | undefined, page: number | undefined, pageSize: number) => Promise<Page<TargetOption>>

/**
 * The lists a level's targets come from, in the board's region on its day
 * (two for level 5: activists and candidates); none for villages and groups,
 * which are regions.
 */
function targetLists(scope: TargetScope, labels: Labels): TargetList[] {
  const { level, region, date } = scope
  if (level === 1) {
    // Entrepreneurs: the chamber's members on the day, each named by their enterprise.
    return [
      async (q, page, page_size) => {
        const found = await listMemberships({ q, region, date, page, page_size })
        return {
          total: found.total,
          items: found.items.map((m) => ({
            key: `person:${m.person.id}`,
            target: { kind: 'person', id: m.person.id, name: m.person.name, region: null },
            ref: m.person.id,
            meta: m.enterprise?.name ?? labels.chamberPost(m.post),
          })),
        }
      },
    ]
  }
  if (level === 4) {
    // Projects are targets from the day they start.
    return [
      async (q, page, page_size) => {
        const found = await listProjects({ q, region, page, page_size })
        return {
          total: found.total,
          items: found.items.map((p) => ({
            ...recordOption('project', p, [labels.projectKind(p.kind), p.region.name].join(' · ')),
            from: p.started_on,
          })),
        }
      },
    ]
  }
  if (level === 5) {
    // Activists (入党积极分子) and candidates (发展对象) are mentored.
    return (['activist', 'candidate'] as const).map((stage) => async (q, page, page_size) => {
      const found = await listPeople({ q, region, party_stage: stage, date, page, page_size })
      return {
        total: found.total,
        items: found.items.map((p) =>
          recordOption('person', p, [labels.partyStage(p.party_stage?.stage), p.region.name].filter(Boolean).join(' · ')),
        ),
      }
    })
  }
  if (level === 6) {
    // Enterprises, for the county's cadres.
    return [
      async (q, page, page_size) => {
        const found = await listEnterprises({ q, region, page, page_size })
        return {
          total: found.total,
          items: found.items.map((e) => recordOption('enterprise', e, [labels.industry(e.industry), e.region.name].join(' · '))),
        }
      },
    ]
  }
  return []
}

/**
 * The options of several lists as one: each target once, those that are
 * targets on the day, and in name order when the lists were several.
 */
function merged(lists: TargetOption[][], date: string): TargetOption[] {
  const seen = new Set<string>()
  const out = lists.flat().filter((o) => (!o.from || o.from <= date) && !seen.has(o.key) && !!seen.add(o.key))
  if (lists.length > 1) out.sort((a, b) => collator.compare(a.target.name, b.target.name) || a.target.id - b.target.id)
  return out
}

/**
 * The targets of a level whose names match the text (the first ones without
 * text), in the board's region. The server still checks each on save.
 */
export async function searchTargets(scope: TargetScope, text: string, labels: Labels): Promise<TargetOption[]> {
  const q = text.trim() || undefined
  const place = REGION_LEVELS[scope.level]
  if (place) return searchPlaces(place, scope.region, q ?? '')
  const pages = await Promise.all(targetLists(scope, labels).map((list) => list(q, undefined, SEARCH_PAGE)))
  return merged(pages.map((page) => page.items), scope.date)
}

/** The ledger a level's targets are read from (villages and groups are regions: none). */
const TARGET_READS: Partial<Record<PairingLevel, string>> = {
  1: 'memberships.read',
  4: 'projects.read',
  5: 'people.read',
  6: 'enterprises.read',
}

/**
 * Every target of a level in the board's region on its day, up to `limit`
 * (for a board no coverage rule judges, which has no gaps to go by); null
 * for villages and groups, or when the user may not read the ledger.
 */
export async function loadLevelTargets(
  scope: TargetScope,
  labels: Labels,
  can: (permission: string) => boolean,
  limit = 2000,
): Promise<TargetOption[] | null> {
  const read = TARGET_READS[scope.level]
  if (!read || !can(read)) return null
  const lists = targetLists(scope, labels)
  const pages = await Promise.all(lists.map((list) => collectPages((page, size) => list(undefined, page, size), limit)))
  return merged(pages.map((page) => page.items), scope.date).slice(0, limit)
}
