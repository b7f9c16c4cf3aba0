// Which home a user gets, and the sections (blocks) of each: the town office's
// desk, a leader's own work, a village, the chamber, and a county or province
// comparing its towns. The figures each section tiles.
import type { RegionLevel, User } from '@/api/types'
import { codesMatching, type FigureIndex, type TileSpec, type Translate } from './summary'

export type HomeLayout = 'town' | 'leader' | 'village' | 'chamber' | 'region'

/** A section of a home page. */
export type HomeBlock =
  | 'todo'
  | 'overview'
  | 'coverage'
  | 'quota'
  | 'activity'
  | 'requests'
  | 'projects'
  | 'land'
  | 'chamber'
  | 'people'
  | 'income'
  | 'ranking'
  | 'myPairings'
  | 'myQuota'
  | 'myRequests'

/**
 * The home of a user looking at a region: on their own region a leader (a user
 * linked to their person) sees their own work and the chamber's secretary the
 * chamber; otherwise the region's level decides — a village, a town, or a
 * county (city, province) comparing the regions below it.
 */
export function homeLayout(user: Pick<User, 'roles' | 'person_id'> | null, level: RegionLevel, own: boolean): HomeLayout {
  const roles = user?.roles ?? []
  if (own && roles.includes('leader') && user?.person_id) return 'leader'
  if (own && roles.includes('chamber_secretary')) return 'chamber'
  if (level === 'village' || level === 'group') return 'village'
  if (level === 'town') return 'town'
  return 'region'
}

const BLOCKS: Record<HomeLayout, readonly HomeBlock[]> = {
  town: ['todo', 'coverage', 'quota', 'activity', 'requests', 'projects', 'land', 'chamber'],
  leader: ['myPairings', 'myQuota', 'myRequests', 'todo'],
  village: ['todo', 'people', 'land', 'income'],
  chamber: ['chamber', 'activity', 'todo'],
  region: ['overview', 'todo', 'coverage', 'ranking'],
}

/** What a section needs the user to hold (the figures sections need nothing: the server leaves out what they may not read). */
const NEEDS: Partial<Record<HomeBlock, string>> = {
  coverage: 'pairing.read',
  quota: 'compliance.read',
  myPairings: 'pairing.read',
  myQuota: 'compliance.read',
  myRequests: 'requests.read',
}

/** The sections of a layout this user may see; 待办 only on their own home (it is theirs, not the region's). */
export function layoutBlocks(layout: HomeLayout, own: boolean, can: (permission: string) => boolean): HomeBlock[] {
  return BLOCKS[layout].filter((block) => (block !== 'todo' || own) && (!NEEDS[block] || can(NEEDS[block] as string)))
}

/** Whether the layout shows the region's figures (a leader's shows only their own work). */
export function usesSummary(layout: HomeLayout): boolean {
  return layout !== 'leader'
}

/** The figures sections: their tiles, in order (a figure absent has none). */
export type FiguresBlock = 'overview' | 'activity' | 'requests' | 'projects' | 'land' | 'chamber' | 'people' | 'income'

const plain = (...codes: string[]): TileSpec[] => codes.map((code) => ({ code }))

export function blockTiles(block: FiguresBlock, index: FigureIndex, t: Translate): TileSpec[] {
  switch (block) {
    case 'overview':
      return [
        ...plain('chamber.members', 'people.party_members', 'pairing.contacts', 'events.count', 'requests.total', 'requests.on_time_rate'),
        ...plain('projects.indicator.investment_intended_fen', 'land.area', 'income.total'),
      ]
    case 'activity':
      return plain('pairing.contacts', 'events.count', 'events.attendances', 'events.people')
    case 'requests':
      return [
        { code: 'requests.total', label: t('home.figures.requestsTotal') },
        { code: 'requests.open' },
        { code: 'requests.overdue', alertAboveZero: true },
        ...plain('requests.resolved', 'requests.on_time_rate', 'requests.satisfaction_rate'),
      ]
    case 'projects':
      return [
        ...plain(...codesMatching(index, /^projects\.kind\.[^.]+\.count$/)),
        ...plain('projects.indicator.investment_intended_fen', 'projects.indicator.investment_actual_fen', 'projects.indicator.output_value_fen'),
      ]
    case 'land':
      return [
        ...plain('land.contracts', 'land.area', 'land.jobs', 'land.rent_due', 'land.rent_received'),
        { code: 'land.rent_overdue', alertAboveZero: true },
        ...plain('income.total'),
      ]
    case 'chamber':
      return plain('chamber.members', 'chamber.party_members', 'chamber.enterprises', 'chamber.registered_capital')
    case 'people':
      return [
        ...plain('people.total', 'people.party_members', 'people.activists', 'regions.groups'),
        ...plain(...codesMatching(index, /^people\.tag\./)),
      ]
    case 'income':
      return plain('income.total', ...codesMatching(index, /^income\.source\./))
  }
}

/** Where a figures section's records are kept (its title's link), and the permission that opens it. */
export const BLOCK_LINKS: Record<FiguresBlock, { route: string; permission: string } | null> = {
  overview: null,
  activity: { route: 'events', permission: 'events.read' },
  requests: { route: 'requests', permission: 'requests.read' },
  projects: { route: 'projects', permission: 'projects.read' },
  land: { route: 'land', permission: 'land.read' },
  chamber: { route: 'chamber', permission: 'memberships.read' },
  people: { route: 'people', permission: 'people.read' },
  income: { route: 'income', permission: 'income.read' },
}
