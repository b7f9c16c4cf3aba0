// The figures panel's tables: projects by kind and stage, indicator totals
// (actual and expected side by side, never added together), and child regions.
import type { IndicatorTotal, ProjectFigures, ProjectKindFigures, ProjectStats } from '@/api/projects'
import { PROJECT_KINDS, PROJECT_STAGES, type ProjectStage } from '@/api/types'

/** Items ordered as `order` has their codes, codes it lacks after them by code. */
function ordered<T>(items: readonly T[], code: (item: T) => string, order: readonly string[]): T[] {
  const rank = (c: string) => {
    const i = order.indexOf(c)
    return i < 0 ? Number.MAX_SAFE_INTEGER : i
  }
  return [...items].sort((a, b) => rank(code(a)) - rank(code(b)) || code(a).localeCompare(code(b)))
}

/** The kinds counted, in the kinds' order, those without projects left out. */
export function kindRows(kinds: readonly ProjectKindFigures[]): ProjectKindFigures[] {
  return ordered(
    kinds.filter((k) => k.projects > 0),
    (k) => k.kind,
    PROJECT_KINDS,
  )
}

/** The column sums: projects in each stage, and in all (integers). */
export function stageTotals(kinds: readonly ProjectKindFigures[]): { byStage: Record<ProjectStage, number>; projects: number } {
  const byStage = Object.fromEntries(PROJECT_STAGES.map((s) => [s, 0])) as Record<ProjectStage, number>
  let projects = 0
  for (const k of kinds) {
    projects += k.projects
    for (const s of PROJECT_STAGES) byStage[s] += k.by_stage[s] ?? 0
  }
  return { byStage, projects }
}

/** Projects counted in a region's figures. */
export function projectCount(figures: Pick<ProjectFigures, 'kinds'>): number {
  return figures.kinds.reduce((sum, k) => sum + k.projects, 0)
}

/** An indicator's actual and expected totals, each a decimal string or null. */
export interface IndicatorRow {
  code: string
  actual: string | null
  expected: string | null
}

/** One row per indicator with a total, in the indicators' order: actual and expected apart. */
export function indicatorRows(totals: readonly IndicatorTotal[], order: readonly string[]): IndicatorRow[] {
  const rows = new Map<string, IndicatorRow>()
  for (const total of totals) {
    const row = rows.get(total.indicator) ?? { code: total.indicator, actual: null, expected: null }
    if (total.expected) row.expected = total.value
    else row.actual = total.value
    rows.set(total.indicator, row)
  }
  return ordered([...rows.values()], (r) => r.code, order)
}

/** A child region's line of the comparison: its projects and its totals of one kind (actual or expected). */
export interface ChildRow {
  code: string
  name: string
  projects: number
  values: Record<string, string>
}

/**
 * The child regions compared on actual values, or on expected ones (never
 * both in one cell), with the indicators any of them has, in the indicators' order.
 */
export function childComparison(
  children: NonNullable<ProjectStats['children']>,
  expected: boolean,
  order: readonly string[],
): { codes: string[]; rows: ChildRow[] } {
  const codes = new Set<string>()
  const rows = children.map((child) => {
    const values: Record<string, string> = {}
    for (const total of child.indicators) {
      if (total.expected !== expected) continue
      values[total.indicator] = total.value
      codes.add(total.indicator)
    }
    return { code: child.region.code, name: child.region.name, projects: projectCount(child), values }
  })
  return { codes: ordered([...codes], (c) => c, order), rows }
}
