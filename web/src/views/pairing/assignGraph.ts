// The ECharts option of a plan's graph: people in a column on the left,
// targets on the right, one line per pair; the moved ones drawn thick in the
// accent colour, new ones in green, pairs that go as faint dashes.
import type { ChartOption } from '@/plugins/echarts'
import type { LinkKind, PlanGraph } from './assign'

/** Pixels per row of the taller column. */
export const GRAPH_ROW = 22

export const LINK_STYLES: Record<LinkKind, { color: string; width: number; type: 'solid' | 'dashed'; opacity: number }> = {
  kept: { color: '#c0c4cc', width: 1, type: 'solid', opacity: 0.9 },
  moved: { color: '#e6a23c', width: 3, type: 'solid', opacity: 1 },
  new: { color: '#67c23a', width: 2.5, type: 'solid', opacity: 1 },
  was: { color: '#909399', width: 1, type: 'dashed', opacity: 0.6 },
}

/** The tooltips' sentences, in the user's language. */
export interface GraphTexts {
  /** "欧阳强 → 罗杰：调整". */
  link: (from: string, to: string, kind: LinkKind) => string
  /** "欧阳强：包保 4 个"; a target without a load is its name. */
  node: (name: string, load: number | undefined) => string
}

/** ECharts puts a tooltip's text into the page as HTML; names are the users' text. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** The chart's height for a graph, in pixels. */
export function graphHeight(graph: PlanGraph): number {
  return Math.max(200, graph.rows * GRAPH_ROW + 40)
}

export function graphOption(graph: PlanGraph, texts: GraphTexts): ChartOption {
  const sources = graph.nodes.filter((n) => n.side === 'source').length
  const targets = graph.nodes.length - sources
  // Each column spreads over the height of the taller one.
  const y = (row: number, count: number) => ((row + 0.5) * graph.rows * GRAPH_ROW) / Math.max(count, 1)
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]))
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params) => {
        const p = params as unknown as { dataType: string; data: { id?: string; load?: number; source?: string; target?: string; kind?: LinkKind } }
        if (p.dataType === 'edge') {
          const link = p.data
          return escapeHtml(texts.link(names.get(link.source ?? '') ?? '', names.get(link.target ?? '') ?? '', link.kind ?? 'kept'))
        }
        return escapeHtml(texts.node(names.get(p.data.id ?? '') ?? '', p.data.load))
      },
    },
    series: [
      {
        type: 'graph',
        layout: 'none',
        roam: false,
        left: 80,
        right: 150,
        top: 16,
        bottom: 16,
        symbolSize: 9,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 5,
        emphasis: { focus: 'adjacency', lineStyle: { width: 3 } },
        data: graph.nodes.map((n) => ({
          id: n.id,
          name: n.id,
          load: n.load,
          x: n.side === 'source' ? 0 : 400,
          y: y(n.row, n.side === 'source' ? sources : targets),
          symbol: n.side === 'source' ? 'circle' : 'rect',
          symbolSize: n.side === 'source' ? 12 : 8,
          itemStyle: {
            color: n.idle ? '#f56c6c' : n.side === 'source' ? '#409eff' : '#606266',
          },
          label: {
            show: true,
            position: n.side === 'source' ? 'left' : 'right',
            formatter: n.side === 'source' && n.load !== undefined ? `${n.name} · ${n.load}` : n.name,
            color: n.idle ? '#f56c6c' : '#303133',
            fontSize: 12,
          },
        })),
        links: graph.links.map((l) => ({
          source: l.source,
          target: l.target,
          kind: l.kind,
          lineStyle: { ...LINK_STYLES[l.kind], curveness: 0 },
        })),
      },
    ],
  } as ChartOption
}
