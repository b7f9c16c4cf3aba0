import { describe, expect, it } from 'vitest'
import { visibleNavGroups, visibleNavItems } from './navigation'

function can(...permissions: string[]) {
  const held = new Set(permissions)
  return (permission: string) => held.has(permission)
}

/** Each group's key and its entries' routes. */
const groups = (held: (permission: string) => boolean) => visibleNavGroups(held).map((g) => [g.key, g.items.map((i) => i.route)])

// The demo roles' permissions (what GET /session answers for them), the menu's part of them.
const TOWN_OFFICE = can(
  'regions.read', 'people.read', 'organizations.read', 'enterprises.read', 'memberships.read', 'land.read', 'income.read',
  'pairing.read', 'compliance.read', 'contacts.read', 'requests.read', 'events.read', 'projects.read', 'briefs.read', 'audit.read',
)
const ADMIN = can(
  'regions.read', 'people.read', 'organizations.read', 'enterprises.read', 'memberships.read', 'land.read', 'income.read',
  'pairing.read', 'compliance.read', 'contacts.read', 'requests.read', 'events.read', 'projects.read', 'briefs.read', 'briefs.manage',
  'audit.read', 'users.admin',
)

describe('menu', () => {
  it('groups the town office’s pages: 台账, 包保, 活动与项目, 报表, 系统', () => {
    expect(groups(TOWN_OFFICE)).toEqual([
      ['ledgers', ['people', 'organizations', 'enterprises', 'chamber', 'land', 'income', 'regions']],
      ['pairing', ['pairing', 'compliance', 'contacts', 'requests']],
      ['work', ['events', 'projects']],
      ['reports', ['briefs']],
      ['system', ['audit']],
    ])
    expect(visibleNavGroups(TOWN_OFFICE).map((g) => g.titleKey)).toEqual([
      'nav.groups.ledgers',
      'nav.groups.pairing',
      'nav.groups.work',
      'nav.groups.reports',
      'nav.groups.system',
    ])
  })

  it('gives the administrator the brief templates and the user pages under 系统', () => {
    expect(groups(ADMIN).at(-1)).toEqual(['system', ['users', 'audit', 'logins', 'brief-templates']])
    expect(groups(ADMIN).find(([key]) => key === 'reports')).toEqual(['reports', ['briefs']])
  })

  it('leaves out a group none of whose pages the user may open', () => {
    // A village secretary: no briefs, no system pages.
    const village = can('regions.read', 'people.read', 'organizations.read', 'enterprises.read', 'land.read', 'income.read', 'pairing.read', 'compliance.read', 'contacts.read', 'requests.read', 'events.read', 'projects.read')
    expect(groups(village).map(([key]) => key)).toEqual(['ledgers', 'pairing', 'work'])
    // The chamber's secretary: no pairing pages but requests.
    const chamber = can('regions.read', 'people.read', 'organizations.read', 'enterprises.read', 'memberships.read', 'requests.read', 'events.read', 'projects.read')
    expect(groups(chamber)).toEqual([
      ['ledgers', ['people', 'organizations', 'enterprises', 'chamber', 'regions']],
      ['pairing', ['requests']],
      ['work', ['events', 'projects']],
    ])
    expect(groups(can())).toEqual([])
  })

  it('lists the entries in menu order for holders of each permission', () => {
    expect(visibleNavItems(can('compliance.read')).map((i) => i.route)).toEqual(['compliance'])
    expect(visibleNavItems(can('briefs.read', 'events.read', 'people.read')).map((i) => i.route)).toEqual(['people', 'events', 'briefs'])
  })
})
