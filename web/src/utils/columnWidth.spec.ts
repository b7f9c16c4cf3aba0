import { describe, expect, it } from 'vitest'
import { tagsWidth, wordsWidth } from './columnWidth'

describe('wordsWidth', () => {
  it('keeps the width chosen for Chinese labels', () => {
    expect(wordsWidth(64, '性别', '男', '女')).toBe(64)
    expect(wordsWidth(96, '法定代表人')).toBe(96)
    expect(tagsWidth(76, '走访', '电话', '座谈')).toBe(76)
  })

  it('grows to the longest English word, so that no word breaks, but not to the whole label', () => {
    const gender = wordsWidth(64, 'Gender', 'Male', 'Female')
    expect(gender).toBeGreaterThan(64)
    const legal = wordsWidth(96, 'Legal representative')
    expect(legal).toBe(wordsWidth(0, 'representative'))
    expect(legal).toBeLessThan(wordsWidth(0, 'Legal_representative'))
  })

  it('grows a column of tags to its longest tag, which does not wrap', () => {
    expect(tagsWidth(76, 'Visit', 'Call', 'Meeting')).toBe(tagsWidth(0, 'Meeting'))
    expect(tagsWidth(76, 'Visit', 'Call', 'Meeting')).toBeGreaterThan(76)
  })
})
