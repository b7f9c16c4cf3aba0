import { describe, expect, it } from 'vitest'
import { makeCountyStats, makeValue } from '@/test-support/projects'
import { periodsOf, stagesChartOption, valuesChartOption } from './charts'
import { childComparison, indicatorRows, kindRows, projectCount, stageTotals } from './stats'

const ORDER = ['area_mu', 'investment_actual_fen', 'visitors']

describe('the projects’ figures', () => {
  it('orders the kinds and sums the stages as whole numbers', () => {
    const stats = makeCountyStats(2022)
    const kinds = kindRows([...stats.kinds].reverse().concat({ kind: 'welfare', projects: 0, by_stage: {} }))
    expect(kinds.map((k) => k.kind)).toEqual(['industry', 'tourism'])
    expect(stageTotals(kinds)).toEqual({ byStage: { negotiating: 0, signed: 0, building: 2, producing: 2, terminated: 0 }, projects: 4 })
    expect(projectCount(stats)).toBe(4)
  })

  it('keeps actual and expected totals apart, one row per indicator', () => {
    const rows = indicatorRows(makeCountyStats(2022).indicators, ORDER)
    expect(rows).toEqual([
      { code: 'investment_actual_fen', actual: '2900000000', expected: null },
      { code: 'visitors', actual: '29000', expected: '35000' },
    ])
  })

  it('compares child regions on one kind of value at a time', () => {
    const children = makeCountyStats(2022).children!
    const actual = childComparison(children, false, ORDER)
    expect(actual.codes).toEqual(['investment_actual_fen', 'visitors'])
    expect(actual.rows.map((r) => [r.name, r.projects, r.values])).toEqual([
      ['楠市镇', 3, { visitors: '29000' }],
      ['所城镇', 1, { investment_actual_fen: '2900000000' }],
    ])
    const expected = childComparison(children, true, ORDER)
    expect(expected.codes).toEqual(['visitors'])
    expect(expected.rows[0].values).toEqual({ visitors: '35000' })
  })

  it('charts an indicator’s periods in time order, expected dashed and money in 万元', () => {
    const values = [
      makeValue(2, 'investment_actual_fen', '2900000000'),
      makeValue(1, 'investment_actual_fen', '1000000000', { from: '2021-01-01', to: '2021-12-31' }),
      makeValue(3, 'investment_actual_fen', '5000000000', { expected: true, from: '2023-01-01', to: '2023-12-31' }),
    ]
    expect(periodsOf(values).map((p) => p.from)).toEqual(['2021-01-01', '2022-01-01', '2023-01-01'])
    const option = valuesChartOption('investment_actual_fen', values, {
      actual: '实际',
      expected: '预计',
      unit: '万元',
      period: (from) => from.slice(0, 4),
      yuan: false,
    }) as unknown as { series: { name: string; data: (number | null)[]; lineStyle: { type: string } }[] }
    expect(option.series.map((s) => [s.name, s.lineStyle.type, s.data])).toEqual([
      ['实际', 'solid', [1000, 2900, null]],
      ['预计', 'dashed', [null, null, 5000]],
    ])
  })

  it('stacks the projects of each kind by stage', () => {
    const option = stagesChartOption(makeCountyStats(2022).kinds, { kind: (c) => c, stage: (c) => c }) as unknown as {
      yAxis: { data: string[] }
      series: { name: string; data: number[] }[]
    }
    // The first kind on top.
    expect(option.yAxis.data).toEqual(['tourism', 'industry'])
    expect(option.series.find((s) => s.name === 'building')?.data).toEqual([0, 2])
  })
})
