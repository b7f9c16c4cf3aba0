// The options of the projects' charts: an indicator's values per period
// (actual solid, expected dashed, never one series), and the projects of each
// kind stacked by stage.
import type { IndicatorValue, ProjectKindFigures } from '@/api/projects'
import { PROJECT_STAGES, type ProjectStage } from '@/api/types'
import type { ChartOption } from '@/plugins/echarts'
import { chartNumber } from './values'

/** The stages' colours, as their tags show them. */
export const STAGE_COLORS: Record<ProjectStage, string> = {
  negotiating: '#909399',
  signed: '#409eff',
  building: '#e6a23c',
  producing: '#67c23a',
  terminated: '#f56c6c',
}

const ACTUAL_COLOR = '#409eff'
const EXPECTED_COLOR = '#e6a23c'

/** The periods of an indicator's values, in time order (by first day, then last). */
export function periodsOf(values: readonly Pick<IndicatorValue, 'from' | 'to'>[]): { from: string; to: string }[] {
  const seen = new Map<string, { from: string; to: string }>()
  for (const v of values) seen.set(`${v.from}|${v.to}`, { from: v.from, to: v.to })
  return [...seen.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to))
}

/** The series of one kind of value (actual or expected) over the periods: null where it has none. */
export function seriesOf(
  values: readonly IndicatorValue[],
  periods: readonly { from: string; to: string }[],
  expected: boolean,
  toNumber: (value: string) => number,
): (number | null)[] {
  return periods.map((p) => {
    const found = values.find((v) => v.expected === expected && v.from === p.from && v.to === p.to)
    return found ? toNumber(found.value) : null
  })
}

/**
 * One indicator's values per period: a line of actual values and a dashed line
 * of expected ones (each only when there are any); money in 万元 (元 for `yuan`).
 */
export function valuesChartOption(
  code: string,
  values: readonly IndicatorValue[],
  texts: { actual: string; expected: string; unit: string; period: (from: string, to: string) => string; yuan: boolean },
): ChartOption {
  const periods = periodsOf(values)
  const toNumber = (value: string) => chartNumber(code, value, texts.yuan)
  const actual = seriesOf(values, periods, false, toNumber)
  const expected = seriesOf(values, periods, true, toNumber)
  const series: NonNullable<ChartOption['series']> = []
  if (actual.some((v) => v !== null)) {
    series.push({ type: 'line', name: texts.actual, data: actual, connectNulls: true, symbolSize: 7, itemStyle: { color: ACTUAL_COLOR }, lineStyle: { type: 'solid', width: 2 } })
  }
  if (expected.some((v) => v !== null)) {
    series.push({ type: 'line', name: texts.expected, data: expected, connectNulls: true, symbolSize: 7, itemStyle: { color: EXPECTED_COLOR }, lineStyle: { type: 'dashed', width: 2 } })
  }
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: series.map((s) => String(s.name)) },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: periods.map((p) => texts.period(p.from, p.to)), boundaryGap: true },
    yAxis: { type: 'value', name: texts.unit, nameTextStyle: { align: 'left' } },
    series,
  } as ChartOption
}

/** The projects of each kind as a horizontal bar, stacked by stage. */
export function stagesChartOption(
  kinds: readonly ProjectKindFigures[],
  texts: { kind: (code: string) => string; stage: (code: string) => string },
): ChartOption {
  const shown = [...kinds].reverse()
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((k) => texts.kind(k.kind)) },
    series: PROJECT_STAGES.map((stage) => ({
      type: 'bar' as const,
      name: texts.stage(stage),
      stack: 'projects',
      barMaxWidth: 18,
      itemStyle: { color: STAGE_COLORS[stage] },
      data: shown.map((k) => k.by_stage[stage] ?? 0),
    })),
  } as ChartOption
}
