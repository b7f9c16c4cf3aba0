// Figures of any region and period (统计): docs/api.md, "Figures of any region and period".
import { http } from './client'
import type { FigureDefinition, Summary } from './types'

export interface SummaryQuery {
  /** A region code the caller sees in full. */
  region: string
  /** First and last day, inclusive (YYYY-MM-DD). */
  from: string
  to: string
  /** Also each child region's figures (a county's towns). */
  by?: 'child'
}

/** The figures of a region over a period; only those with records that the caller may read. */
export function getSummary(query: SummaryQuery): Promise<Summary> {
  return http.get<Summary>('/stats/summary', { ...query })
}

/** Every figure code and what it counts. */
export function listFigureDefinitions(): Promise<{ figures: FigureDefinition[] }> {
  return http.get<{ figures: FigureDefinition[] }>('/stats/figures')
}
