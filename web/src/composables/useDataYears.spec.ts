import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEFINITIONS, figure, NANSHI, summary, TOWN_2022, TOWN_STATES } from '@/test-support/summary'
import { json, stubFetch } from '@/test-support/fetch'
import { dataYears, defaultPeriod, resetDataYears, YEARS_BACK } from './useDataYears'

describe('the years with records', () => {
  beforeEach(() => resetDataYears())
  afterEach(() => vi.unstubAllGlobals())

  it('asks each year back to YEARS_BACK and keeps those with records made in the year, not only states', async () => {
    const sent = stubFetch((r) => {
      if (r.url === '/api/v1/stats/figures') return json(200, { figures: DEFINITIONS })
      const params = new URL(r.url, 'http://x').searchParams
      const from = params.get('from') ?? ''
      const figures = from.startsWith('2022') ? TOWN_2022 : from.startsWith('2024') ? [...TOWN_STATES, figure('land.rent_due', 40000)] : TOWN_STATES
      return json(200, summary(NANSHI, from, params.get('to') ?? '', figures))
    })
    expect(await dataYears('431127103', '2026-12-07')).toEqual([2024, 2022])
    const asked = sent.filter((r) => r.url.startsWith('/api/v1/stats/summary')).map((r) => new URL(r.url, 'http://x').searchParams.get('from'))
    expect(asked).toHaveLength(YEARS_BACK + 1)
    expect(asked[0]).toBe('2026-01-01')
    // Asked once per page load.
    await dataYears('431127103', '2026-12-07')
    expect(sent.filter((r) => r.url.startsWith('/api/v1/stats/summary'))).toHaveLength(YEARS_BACK + 1)
  })

  it('shows this year when it has records, else the latest year that has, else this year all the same', () => {
    expect(defaultPeriod([2026, 2022], '2026-12-07')).toEqual({ period: { from: '2026-01-01', to: '2026-12-31' }, fellBack: null })
    expect(defaultPeriod([2024, 2022], '2026-12-07')).toEqual({ period: { from: '2024-01-01', to: '2024-12-31' }, fellBack: 2024 })
    expect(defaultPeriod([], '2026-12-07')).toEqual({ period: { from: '2026-01-01', to: '2026-12-31' }, fellBack: null })
  })
})
