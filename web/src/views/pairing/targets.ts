// What can be answered for at each level, found by name for the board's 新增包保:
// chamber members (1), villages (2), villager groups (3), projects (4),
// activists and candidates for party membership (5), enterprises (6).
import { listEnterprises } from '@/api/enterprises'
import { listMemberships } from '@/api/memberships'
import { listProjects } from '@/api/pairing'
import { listPeople } from '@/api/people'
import { listChildRegions, searchRegions } from '@/api/regions'
import type { PairingLevel, Region, RegionLevel, TargetRef } from '@/api/types'
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

/**
 * The targets of a level whose names match the text (the first ones without
 * text), in the board's region. The server still checks each on save.
 */
export async function searchTargets(scope: TargetScope, text: string, labels: Labels): Promise<TargetOption[]> {
  const q = text.trim() || undefined
  const { level, region, date } = scope
  const place = REGION_LEVELS[level]
  if (place) return searchPlaces(place, region, q ?? '')

  if (level === 1) {
    // Entrepreneurs: the chamber's members on the day.
    const page = await listMemberships({ q, region, date, page_size: SEARCH_PAGE })
    const seen = new Set<number>()
    const out: TargetOption[] = []
    for (const m of page.items) {
      if (seen.has(m.person.id)) continue
      seen.add(m.person.id)
      out.push({
        key: `person:${m.person.id}`,
        target: { kind: 'person', id: m.person.id, name: m.person.name, region: null },
        ref: m.person.id,
        meta: m.enterprise?.name ?? labels.chamberPost(m.post),
      })
    }
    return out
  }

  if (level === 4) {
    const page = await listProjects({ q, region, page_size: SEARCH_PAGE })
    return page.items.map((p) => recordOption('project', p, [labels.projectKind(p.kind), p.region.name].join(' · ')))
  }

  if (level === 5) {
    // Activists (入党积极分子) and candidates (发展对象) are mentored.
    const pages = await Promise.all(
      (['activist', 'candidate'] as const).map((stage) => listPeople({ q, region, party_stage: stage, date, page_size: SEARCH_PAGE })),
    )
    const people = pages.flatMap((page) => page.items).sort((a, b) => collator.compare(a.name, b.name) || a.id - b.id)
    return people.map((p) =>
      recordOption('person', p, [labels.partyStage(p.party_stage?.stage), p.region.name].filter(Boolean).join(' · ')),
    )
  }

  // Level 6: enterprises, for the county's cadres.
  const page = await listEnterprises({ q, region, page_size: SEARCH_PAGE })
  return page.items.map((e) => recordOption('enterprise', e, [labels.industry(e.industry), e.region.name].join(' · ')))
}
