import { describe, expect, it } from 'vitest'
import { homeRouteName, visibleNavItems } from './navigation'

function can(...permissions: string[]) {
  const held = new Set(permissions)
  return (permission: string) => held.has(permission)
}

describe('menu', () => {
  it('shows each registry page to holders of its read permission', () => {
    const town = can('regions.read', 'people.read', 'organizations.read', 'enterprises.read', 'memberships.read')
    expect(visibleNavItems(town).map((i) => i.route)).toEqual(['regions', 'people', 'organizations', 'enterprises', 'chamber'])

    const chamber = can('regions.read', 'people.read', 'enterprises.read', 'memberships.read')
    expect(visibleNavItems(chamber).map((i) => i.route)).toEqual(['regions', 'people', 'enterprises', 'chamber'])

    const village = can('regions.read', 'people.read')
    expect(visibleNavItems(village).map((i) => i.route)).toEqual(['regions', 'people'])
  })

  it('shows the pairing pages after the registry, each to holders of its permission', () => {
    const leader = can('regions.read', 'people.read', 'pairing.read', 'compliance.read', 'contacts.read', 'contacts.write')
    expect(visibleNavItems(leader).map((i) => i.route)).toEqual(['regions', 'people', 'pairing', 'compliance', 'contacts'])
    expect(homeRouteName(leader)).toBe('regions')
    expect(visibleNavItems(can('compliance.read')).map((i) => i.route)).toEqual(['compliance'])
  })

  it('shows 活动 after the visits', () => {
    const town = can('people.read', 'contacts.read', 'events.read', 'users.admin')
    expect(visibleNavItems(town).map((i) => i.route)).toEqual(['people', 'contacts', 'events', 'users', 'logins'])
  })

  it('shows 诉求 after the visits to holders of requests.read', () => {
    const leader = can('contacts.read', 'requests.read', 'events.read')
    expect(visibleNavItems(leader).map((i) => i.route)).toEqual(['contacts', 'requests', 'events'])
    expect(visibleNavItems(can('contacts.read')).map((i) => i.route)).toEqual(['contacts'])
  })

  it('shows 项目 after 活动 to holders of projects.read', () => {
    const county = can('events.read', 'projects.read', 'audit.read')
    expect(visibleNavItems(county).map((i) => i.route)).toEqual(['events', 'projects', 'audit'])
    expect(visibleNavItems(can('events.read')).map((i) => i.route)).toEqual(['events'])
  })

  it('keeps the region tree as home when the user may read it', () => {
    expect(homeRouteName(can('regions.read', 'people.read'))).toBe('regions')
    expect(homeRouteName(can('people.read'))).toBe('people')
    expect(homeRouteName(can())).toBe('account')
  })
})
