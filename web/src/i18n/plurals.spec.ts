import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from '.'

const t = i18n.global.t

describe('counts in English', () => {
  afterEach(() => {
    i18n.global.locale.value = 'zh-CN'
  })

  it('agree with the noun they count', () => {
    i18n.global.locale.value = 'en'
    expect([0, 1, 3].map((n) => t('pairing.gapsCount', { n }, n))).toEqual(['no gaps', '1 gap', '3 gaps'])
    expect([1, 2].map((n) => t('excel.rows', { n }, n))).toEqual(['1 row', '2 rows'])
    expect(t('compliance.problems', { n: 1 }, 1)).toBe('1 problem')
    expect(t('assign.capacities', { n: 1 }, 1)).toBe('Own bounds set for 1 person')
    expect(t('pairing.loadChange', { name: 'Deng', before: 0, after: 1 }, 1)).toBe('Deng: 0 → 1 target')
    expect([1, 2].map((n) => t('rules.peopleUnit', n))).toEqual(['person', 'people'])
  })

  it('leave Chinese as it is', () => {
    i18n.global.locale.value = 'zh-CN'
    expect(t('excel.rows', { n: 1 }, 1)).toBe(t('excel.rows', { n: 1 }))
    expect(t('rules.peopleUnit', 2)).toBe('人')
  })
})
