import { describe, expect, it } from 'vitest'
import { choiceOf, comparisonPeriod, fullYearOf, isIsoDay, monthPeriod, periodFromQuery, periodOfChoice, yearEarlier, yearPeriod } from './period'

const TODAY = '2026-12-07'

describe('periods', () => {
  it('knows real days', () => {
    expect(isIsoDay('2022-02-28')).toBe(true)
    expect(isIsoDay('2022-02-29')).toBe(false)
    expect(isIsoDay('2024-02-29')).toBe(true)
    expect(isIsoDay('2022-2-1')).toBe(false)
    expect(isIsoDay(undefined)).toBe(false)
  })

  it('reads a period from an address only when both days are given in order', () => {
    expect(periodFromQuery('2022-01-01', '2022-12-31')).toEqual({ from: '2022-01-01', to: '2022-12-31' })
    expect(periodFromQuery('2022-12-31', '2022-01-01')).toBeNull()
    expect(periodFromQuery('2022-01-01', undefined)).toBeNull()
    expect(periodFromQuery(['2022-01-01'], '2022-12-31')).toBeNull()
  })

  it('has years and months', () => {
    expect(yearPeriod(2022)).toEqual({ from: '2022-01-01', to: '2022-12-31' })
    expect(monthPeriod('2026-12-07')).toEqual({ from: '2026-12-01', to: '2026-12-31' })
    expect(monthPeriod('2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' })
    expect(fullYearOf(yearPeriod(2022))).toBe(2022)
    expect(fullYearOf({ from: '2022-01-01', to: '2022-06-30' })).toBeNull()
  })

  it('names a period as the picker offers it, and back', () => {
    expect(choiceOf(yearPeriod(2026), TODAY)).toBe('thisYear')
    expect(choiceOf(yearPeriod(2025), TODAY)).toBe('lastYear')
    expect(choiceOf(yearPeriod(2022), TODAY)).toBe('year:2022')
    expect(choiceOf(monthPeriod(TODAY), TODAY)).toBe('thisMonth')
    expect(choiceOf({ from: '2022-03-01', to: '2022-09-30' }, TODAY)).toBe('custom')
    expect(periodOfChoice('thisYear', TODAY)).toEqual(yearPeriod(2026))
    expect(periodOfChoice('lastYear', TODAY)).toEqual(yearPeriod(2025))
    expect(periodOfChoice('thisMonth', TODAY)).toEqual({ from: '2026-12-01', to: '2026-12-31' })
    expect(periodOfChoice('year:2022', TODAY)).toEqual(yearPeriod(2022))
    expect(periodOfChoice('custom', TODAY)).toBeNull()
  })

  it('compares with the same span a year earlier, a running period up to the same day', () => {
    expect(yearEarlier('2024-02-29')).toBe('2023-02-28')
    expect(comparisonPeriod(yearPeriod(2022), TODAY)).toEqual(yearPeriod(2021))
    expect(comparisonPeriod(yearPeriod(2026), TODAY)).toEqual({ from: '2025-01-01', to: '2025-12-07' })
    expect(comparisonPeriod(monthPeriod(TODAY), TODAY)).toEqual({ from: '2025-12-01', to: '2025-12-07' })
    expect(comparisonPeriod({ from: '2027-01-01', to: '2027-12-31' }, TODAY)).toEqual(yearPeriod(2026))
  })
})
