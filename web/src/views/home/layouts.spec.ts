import { describe, expect, it } from 'vitest'
import { homeLayout, layoutBlocks } from './layouts'

const can = (...held: string[]) => (permission: string) => held.includes(permission)
const ALL = can('pairing.read', 'compliance.read', 'requests.read', 'rules.write')

describe('which home a user gets', () => {
  it('follows the user on their own region and the region’s level elsewhere', () => {
    const office = { roles: ['town_office'], person_id: null }
    const leader = { roles: ['leader'], person_id: 2 }
    const chamber = { roles: ['chamber_secretary'], person_id: null }
    expect(homeLayout(office, 'town', true)).toBe('town')
    expect(homeLayout(leader, 'town', true)).toBe('leader')
    expect(homeLayout({ roles: ['leader'], person_id: null }, 'town', true)).toBe('town')
    expect(homeLayout(chamber, 'town', true)).toBe('chamber')
    expect(homeLayout({ roles: ['village_secretary'] }, 'village', true)).toBe('village')
    expect(homeLayout({ roles: ['county_org'] }, 'county', true)).toBe('region')
    expect(homeLayout({ roles: ['admin'] }, 'province', true)).toBe('region')
    // Opening a town from the county's ranking: the town's home, whoever looks.
    expect(homeLayout({ roles: ['county_org'] }, 'town', false)).toBe('town')
    expect(homeLayout(leader, 'village', false)).toBe('village')
  })

  it('gives each home its sections, 待办 only on one’s own, and none the user may not read', () => {
    expect(layoutBlocks('town', true, ALL)).toEqual(['todo', 'coverage', 'quota', 'activity', 'requests', 'projects', 'land', 'chamber'])
    expect(layoutBlocks('town', false, ALL)).toEqual(['coverage', 'quota', 'activity', 'requests', 'projects', 'land', 'chamber'])
    expect(layoutBlocks('town', true, can())).toEqual(['todo', 'activity', 'requests', 'projects', 'land', 'chamber'])
    expect(layoutBlocks('leader', true, ALL)).toEqual(['myPairings', 'myQuota', 'myRequests', 'todo'])
    expect(layoutBlocks('village', true, ALL)).toEqual(['todo', 'people', 'land', 'income'])
    expect(layoutBlocks('chamber', true, can('requests.read'))).toEqual(['chamber', 'activity', 'todo'])
    expect(layoutBlocks('region', true, ALL)).toEqual(['overview', 'todo', 'coverage', 'ranking'])
  })
})
