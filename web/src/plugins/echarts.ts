// ECharts with only the parts the product draws, registered once here; a view
// imports `echarts` from this module (and so loads it only when it draws).
import { use, init, type ComposeOption } from 'echarts/core'
import { GraphChart, type GraphSeriesOption } from 'echarts/charts'
import { LegendComponent, TooltipComponent, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([GraphChart, LegendComponent, TooltipComponent, CanvasRenderer])

/** The options of the charts registered here. */
export type ChartOption = ComposeOption<GraphSeriesOption | LegendComponentOption | TooltipComponentOption>

export const echarts = { init }
