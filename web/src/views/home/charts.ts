// The home page's charts: horizontal bars (they keep their labels legible on
// a 390 px phone), each bar labelled with its value.
import type { ChartOption } from '@/plugins/echarts'

/** A bar: its name, its value, (optionally) its own colour and the words beside it (default the value). */
export interface Bar {
  name: string
  value: number
  color?: string
  text?: string
}

const BAR_COLOR = '#b3261e'

/** Coverage's colour: green when full, amber from 80%, red below. */
export function coverageColor(percent: number): string {
  return percent >= 100 ? '#67c23a' : percent >= 80 ? '#e6a23c' : '#f56c6c'
}

/** Bars from the top down in the order given, each labelled with its text; `max` fixes the scale (100 for percentages). */
export function barsChartOption(bars: readonly Bar[], options: { max?: number } = {}): ChartOption {
  const shown = [...bars].reverse()
  const label = (bar: Bar) => bar.text ?? String(bar.value)
  // Room at the right for the longest label beside its bar.
  const widest = Math.max(0, ...shown.map((bar) => textWidth(label(bar))))
  return {
    animation: false,
    grid: { left: 8, right: 16 + widest, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (items: unknown) => tooltipOf(items, shown, label) },
    xAxis: { type: 'value', minInterval: 1, max: options.max, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'category', data: shown.map((b) => b.name), axisLabel: { width: 112, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        data: shown.map((b) => ({ value: b.value, itemStyle: { color: b.color ?? BAR_COLOR } })),
        label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => label(shown[p.dataIndex]) },
      },
    ],
  } as ChartOption
}

function tooltipOf(items: unknown, shown: readonly Bar[], label: (bar: Bar) => string): string {
  const first = (Array.isArray(items) ? items[0] : items) as { dataIndex?: number } | undefined
  const bar = first?.dataIndex === undefined ? undefined : shown[first.dataIndex]
  return bar ? `${bar.name}: ${label(bar)}` : ''
}

/** About how wide a label is drawn at 12 px: CJK characters full width, others half. */
export function textWidth(text: string): number {
  return [...text].reduce((width, ch) => width + (/[\u2e80-\uffef]/.test(ch) ? 12 : 7), 0)
}

/** The height that gives each bar room (px). */
export function barsHeight(count: number): number {
  return 24 + Math.max(1, count) * 32
}
