// Projects (项目): the ledger, its indicators (面积, 投资, 产值, 游客 ...) as data,
// each project's values of them per period, and the figures of a region
// (docs/api.md, "Projects (项目)").
import { http } from './client'
import { ledgerApi } from './ledger'
import type { PageQuery, Project, ProjectKind, ProjectStage, ProjectStageStep, RegionLevel, RegionRef } from './types'

// ---- Projects ----

/** Filters of GET /projects (by pinyin; also what the export takes). */
export interface ProjectFilters {
  /** The name in characters, full pinyin or initials. */
  q?: string
  /** A region code: projects placed there or below. */
  region?: string
  kind?: ProjectKind | ''
  stage?: ProjectStage | ''
  /** The projects an enterprise owns (enterprise id). */
  enterprise?: number
}

export type ProjectQuery = ProjectFilters & PageQuery

export interface ProjectCreate {
  kind: ProjectKind
  name: string
  region: string
  stage?: ProjectStage | null
  /** The day of `stage` (default today). */
  stage_on?: string
  description?: string
  enterprise_ids?: number[]
  /** A level-4 target from this day (default today). */
  started_on?: string
}

export type ProjectPatch = Partial<ProjectCreate> & {
  /** Replaces the stage history (oldest first). */
  stages?: ProjectStageStep[]
  version?: number
}

export const {
  list: listProjects,
  get: getProject,
  create: createProject,
  update: updateProject,
  remove: deleteProject,
} = ledgerApi<Project, ProjectQuery, ProjectCreate, ProjectPatch>('/projects')

// ---- Indicators ----

/** A text in each language of the interface. */
export type LocalizedText = Record<string, string | undefined>

/** An indicator a project's figures are kept in: built in (面积, 游客 ...) or added by the administrator. */
export interface Indicator {
  code: string
  names: LocalizedText
  /** The unit values are stored in (亩, 分, 人次); money indicators end in `_fen`. */
  unit: LocalizedText
  /** Decimals a value may have (`area_mu`: 2, others 0). */
  scale: number
  /** Values add up across projects. */
  sum_projects: boolean
  /** Values of successive periods add up (flows such as visitors; not stocks such as area). */
  sum_periods: boolean
  builtin: boolean
}

/** The indicator definitions. */
export function listIndicators(): Promise<{ items: Indicator[] }> {
  return http.get<{ items: Indicator[] }>('/indicators')
}

// ---- Indicator values ----

/** One value of a project's indicator over a period: 实际 (actual) or 预计 (expected). */
export interface IndicatorValue {
  id: number
  indicator: string
  /** A decimal string: money in 分, areas with 2 decimals; never a float. */
  value: string
  from: string
  to: string
  expected: boolean
  source: string
  updated_at?: string
  version?: number
}

/**
 * A value to record: the period is a `year` (the whole year) or `from` and
 * `to`. The same indicator, period and `expected` again replaces the value.
 */
export interface IndicatorValueInput {
  indicator: string
  /** A decimal string in the indicator's unit (money in 分). */
  value: string
  year?: number
  from?: string
  to?: string
  expected: boolean
  source?: string
  /** The unit the value is in; refused unless it is the indicator's. */
  unit?: string
}

/** A project's values, by indicator then period; `indicator` keeps one indicator's. */
export function listProjectValues(projectId: number, indicator?: string): Promise<{ items: IndicatorValue[] }> {
  return http.get<{ items: IndicatorValue[] }>(`/projects/${projectId}/indicators`, { indicator })
}

/** Records a value (201), or replaces the one of the same indicator, period and `expected` (200); answers it. */
export function saveProjectValue(projectId: number, input: IndicatorValueInput): Promise<IndicatorValue> {
  return http.post<IndicatorValue>(`/projects/${projectId}/indicators`, input)
}

export function deleteProjectValue(projectId: number, valueId: number): Promise<void> {
  return http.delete<void>(`/projects/${projectId}/indicators/${valueId}`)
}

// ---- Figures ----

export interface ProjectStatsQuery {
  /** Default: the caller's region; the caller must see all of it. */
  region?: string
  /** Default: this year. */
  year?: number
  /** `child`: also the figures of each child region the caller sees. */
  by?: 'child'
}

/** Projects of a kind counted in the year, by the stage each had on the year's last day. */
export interface ProjectKindFigures {
  kind: ProjectKind
  projects: number
  by_stage: Partial<Record<ProjectStage, number>>
}

/** An indicator's total over the year: actual and expected are separate rows, never mixed. */
export interface IndicatorTotal {
  indicator: string
  /** A decimal string (money in 分). */
  value: string
  expected: boolean
}

export interface ProjectFigures {
  kinds: ProjectKindFigures[]
  indicators: IndicatorTotal[]
}

/** GET /stats/projects: a region's projects in a year, and (with `by=child`) each child region's. */
export interface ProjectStats extends ProjectFigures {
  region: RegionRef & { level: RegionLevel }
  year: number
  children?: (ProjectFigures & { region: RegionRef & { level: RegionLevel } })[]
}

export function getProjectStats(query: ProjectStatsQuery = {}): Promise<ProjectStats> {
  return http.get<ProjectStats>('/stats/projects', { ...query })
}
