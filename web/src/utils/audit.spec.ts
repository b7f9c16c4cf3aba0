import { describe, expect, it } from 'vitest'
import { changedFields } from './audit'

describe('changedFields', () => {
  it('lists only the fields an update changed, without bookkeeping', () => {
    const before = { display_name: '楠市镇党政办', disabled: false, roles: ['town_office'], version: 1 }
    const after = { display_name: '楠市镇党政办', disabled: true, roles: ['town_office'], version: 2 }
    expect(changedFields(before, after)).toEqual([{ field: 'disabled', before: false, after: true }])
  })

  it('shows every field of a newly created record', () => {
    const changes = changedFields(null, { username: 'zhang', roles: ['town_office'], updated_at: 'x' })
    expect(changes.map((c) => c.field)).toEqual(['username', 'roles'])
    expect(changes[0]).toEqual({ field: 'username', before: undefined, after: 'zhang' })
  })

  it('notices changes inside lists and objects', () => {
    const changes = changedFields(
      { roles: ['town_office'], view_region: { code: '431127103', name: '楠市镇' } },
      { roles: ['town_office', 'admin'], view_region: { code: '431127103', name: '楠市镇' } },
    )
    expect(changes.map((c) => c.field)).toEqual(['roles'])
  })
})
