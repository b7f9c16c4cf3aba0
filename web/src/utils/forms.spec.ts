import { describe, expect, it } from 'vitest'
import { changedValues, givenValues } from './forms'

describe('form bodies', () => {
  it('creates from the values given, leaving out nulls, empty text and empty lists but not false', () => {
    expect(givenValues({ name: '李四', phone: null, notes: '', tags: [], all_regions: false, region: '431127' })).toEqual({
      name: '李四',
      all_regions: false,
      region: '431127',
    })
  })

  it('patches the version and only what differs from the record, a list by its members whatever their order', () => {
    const before = { name: '李四', phone: '138****0000', tags: ['returnee', 'wealth_creator'], founded_on: null }
    expect(changedValues(3, { name: '李四', phone: '138****0000', tags: ['wealth_creator', 'returnee'], founded_on: null }, before)).toEqual({
      version: 3,
    })
    expect(changedValues(3, { name: '李四', phone: null, tags: ['returnee'], founded_on: '2020-01-01' }, before)).toEqual({
      version: 3,
      phone: null,
      tags: ['returnee'],
      founded_on: '2020-01-01',
    })
  })
})
