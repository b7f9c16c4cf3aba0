// ECharts with only the parts the product draws, registered once here; a view
// imports `echarts` from this module (and so loads it only when it draws).
import { use, init, type ComposeOption } from 'echarts/core'
import { BarChart, GraphChart, LineChart, PieChart, type BarSeriesOption, type GraphSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts'
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, GraphChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

/** The options of the charts registered here. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | GraphSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>

export const echarts = { init }
