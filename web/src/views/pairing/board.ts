// The 包保 board as plain data: who answers for what on a day (one column per
// person), the targets nobody answers for, and what a re-pairing would change.
import type { CoverageGap, LevelCompliance, NamedRef, Pairing, PairingLevel, TargetRef } from '@/api/types'
import type { TargetOption } from './targets'

/** A target's identity across pairings and compliance answers. */
export function targetKey(target: Pick<TargetRef, 'kind' | 'id'>): string {
  return `${target.kind}:${target.id}`
}

/** Whether two references name one target; a village or group chosen by its code has no id yet. */
export function sameTarget(a: TargetRef, b: TargetRef): boolean {
  if (a.kind !== b.kind) return false
  if (a.kind === 'region' && (a.id === 0 || b.id === 0)) return !!a.region && a.region.code === b.region?.code
  return a.id === b.id
}

export interface BoardColumn {
  source: NamedRef
  /** The pairings this person holds on the board's day. */
  pairings: Pairing[]
  /** How many targets the person answers for. */
  load: number
}

export interface Board {
  /** One per person: everyone holding a pairing, and the eligible people holding none. */
  columns: BoardColumn[]
  /** Targets with fewer people than their rule asks (most often: nobody). */
  gaps: CoverageGap[]
  /** Gaps the compliance answer counted but did not list (beyond its limit). */
  gapsNotShown: number
  /** Keys of targets with more people than their rule allows. */
  over: Set<string>
  /** Loads across the columns. */
  loads: { min: number; max: number; mean: number }
}

const collator = new Intl.Collator('zh-CN')

/**
 * Builds the board from the day's pairings of one level, the people who could
 * answer (columns even without pairings) and that level's compliance (gaps).
 * Columns come in name order (pinyin for Chinese names).
 */
export function buildBoard(
  pairings: readonly Pairing[],
  candidates: readonly NamedRef[] = [],
  compliance: LevelCompliance | null = null,
): Board {
  const bySource = new Map<number, BoardColumn>()
  for (const pairing of pairings) {
    let column = bySource.get(pairing.source.id)
    if (!column) {
      column = { source: pairing.source, pairings: [], load: 0 }
      bySource.set(pairing.source.id, column)
    }
    column.pairings.push(pairing)
    column.load++
  }
  for (const person of candidates) {
    if (!bySource.has(person.id)) bySource.set(person.id, { source: person, pairings: [], load: 0 })
  }
  const columns = [...bySource.values()].sort(
    (a, b) => collator.compare(a.source.name, b.source.name) || a.source.id - b.source.id,
  )
  const gaps = compliance?.uncovered ?? []
  return {
    columns,
    gaps,
    gapsNotShown: Math.max(0, (compliance?.uncovered_total ?? 0) - gaps.length),
    over: new Set((compliance?.over ?? []).map((g) => targetKey(g.target))),
    loads: loadsOf(columns),
  }
}

/** The least, most and mean load of the columns (zeros without columns). */
export function loadsOf(columns: readonly BoardColumn[]): Board['loads'] {
  const loads = columns.map((c) => c.load)
  return {
    min: loads.length ? Math.min(...loads) : 0,
    max: loads.length ? Math.max(...loads) : 0,
    mean: loads.length ? loads.reduce((s, n) => s + n, 0) / loads.length : 0,
  }
}

/** A level's targets the board found itself (no rule judges them), by whether anyone answers for them on the day. */
export interface OpenTargets {
  total: number
  /** How many of them someone answers for. */
  covered: number
  /** The others, in the order found. */
  unpaired: TargetOption[]
}

export function openTargets(targets: readonly TargetOption[], pairings: readonly Pairing[]): OpenTargets {
  const paired = new Set(pairings.map((p) => targetKey(p.target)))
  const unpaired = targets.filter((o) => !paired.has(targetKey(o.target)))
  return { total: targets.length, covered: targets.length - unpaired.length, unpaired }
}

/** Past this many people without targets, the board folds them away (86 full party members could mentor in 楠市镇). */
export const IDLE_FOLD_OVER = 12

/**
 * The columns to draw: all of them, or when more than `over` people answer for
 * nothing, only those who do; `folded` counts the people left out.
 */
export function foldIdle(columns: readonly BoardColumn[], over = IDLE_FOLD_OVER): { shown: BoardColumn[]; folded: number } {
  const idle = columns.filter((c) => c.load === 0).length
  if (idle <= over) return { shown: [...columns], folded: 0 }
  return { shown: columns.filter((c) => c.load > 0), folded: idle }
}

/** Columns whose people or targets match the text (name or place); all of them without text. */
export function filterColumns(columns: readonly BoardColumn[], text: string): BoardColumn[] {
  const needle = text.trim().toLowerCase()
  if (!needle) return [...columns]
  const has = (value: string | undefined | null) => (value ?? '').toLowerCase().includes(needle)
  const out: BoardColumn[] = []
  for (const column of columns) {
    if (has(column.source.name)) {
      out.push(column)
      continue
    }
    const hits = column.pairings.filter((p) => has(p.target.name) || has(p.target.region?.name))
    if (hits.length) out.push({ ...column, pairings: hits })
  }
  return out
}

/** What the user is about to change: a pairing to hand on, a gap to fill, or a new pairing whose target is still to choose. */
export type BoardChange =
  | { kind: 'repair'; pairing: Pairing }
  | { kind: 'assign'; level: PairingLevel; target: TargetRef }
  | { kind: 'new'; level: PairingLevel }

/** A change whose target is known. */
export type TargetedChange = Exclude<BoardChange, { kind: 'new' }>

export type ChangeProblem = 'no_person' | 'same_person' | 'no_date' | 'before_start' | 'after_end' | 'already_paired'

export interface ChangePreview {
  target: TargetRef
  /** Who answers now; null for a gap. */
  from: NamedRef | null
  to: NamedRef | null
  validFrom: string
  /**
   * The new person starts on the old pairing's first day: the server replaces
   * the old row instead of ending it (a correction, leaving no history).
   */
  replacesOld: boolean
  /** Each person's load on the board before and after. */
  loads: { person: NamedRef; before: number; after: number }[]
  /** Why it cannot be saved as it stands, else null. */
  problem: ChangeProblem | null
}

/** The earliest day a re-pairing may start: the old pairing's first day. */
export function earliestStart(change: BoardChange): string | null {
  return change.kind === 'repair' ? change.pairing.valid_from : null
}

/** The first day a re-pairing may no longer start: the old pairing's end. */
export function latestEnd(change: BoardChange): string | null {
  return change.kind === 'repair' ? change.pairing.valid_to : null
}

/** The day a change starts unless the user says otherwise: the board's day, not before the old pairing's start. */
export function defaultStart(change: BoardChange, boardDate: string): string {
  const earliest = earliestStart(change)
  return earliest && earliest > boardDate ? earliest : boardDate
}

/** The preview of handing a target to `to` from `validFrom`, against the board as it stands. */
export function previewChange(
  board: { columns: readonly BoardColumn[] },
  change: TargetedChange,
  to: NamedRef | null,
  validFrom: string,
): ChangePreview {
  const target = change.kind === 'repair' ? change.pairing.target : change.target
  const from = change.kind === 'repair' ? change.pairing.source : null
  const loadOf = (id: number) => board.columns.find((c) => c.source.id === id)?.load ?? 0
  const answersAlready = (id: number) =>
    board.columns.some((c) => c.source.id === id && c.pairings.some((p) => sameTarget(p.target, target)))

  const loads: ChangePreview['loads'] = []
  if (from) loads.push({ person: from, before: loadOf(from.id), after: loadOf(from.id) - (to && to.id !== from.id ? 1 : 0) })
  if (to && to.id !== from?.id) loads.push({ person: to, before: loadOf(to.id), after: loadOf(to.id) + 1 })

  let problem: ChangeProblem | null = null
  const earliest = earliestStart(change)
  const end = latestEnd(change)
  if (!to) problem = 'no_person'
  else if (from && to.id === from.id) problem = 'same_person'
  else if (!validFrom) problem = 'no_date'
  else if (earliest && validFrom < earliest) problem = 'before_start'
  else if (end && validFrom >= end) problem = 'after_end'
  else if (answersAlready(to.id)) problem = 'already_paired'

  return {
    target,
    from,
    to,
    validFrom,
    replacesOld: change.kind === 'repair' && validFrom === change.pairing.valid_from,
    loads,
    problem,
  }
}
