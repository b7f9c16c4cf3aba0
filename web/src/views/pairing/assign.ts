// Automatic pairing as plain data: the dialog's options as the request the
// server takes, a plan's fixes as capacity overrides, and the plan read for
// display (the changes per target, each pair with its explanation, each
// person's load before and after, and the graph of who answers for what).
import type { AssignmentPlanCreate } from '@/api/assignment'
import type {
  AssignmentPlan,
  NamedRef,
  PairingLevel,
  PlanCapacity,
  PlanChanges,
  PlanDistance,
  PlanExplanation,
  PlanFix,
  PlanSource,
  TargetRef,
} from '@/api/types'
import { targetKey } from './board'

/** Steps of "how strongly to keep existing pairs": 0 plans afresh, 100 is the server's default. */
export const KEEP_CHOICES = [0, 10, 100, 1000] as const
/** Steps of "how strongly to even loads": 10 is the server's default. */
export const LOAD_CHOICES = [0, 1, 10, 100] as const
/**
 * Steps of "how strongly a county cadre keeps to the sector their post serves"
 * (level 6): 5, the server's default, only chooses among equally even plans
 * (below one step of load, 10); 20 outweighs a step of load; 1000 nearly always wins.
 */
export const INDUSTRY_CHOICES = [0, 5, 20, 1000] as const
export const DEFAULT_KEEP_WEIGHT = 100
export const DEFAULT_LOAD_WEIGHT = 10
export const DEFAULT_INDUSTRY_WEIGHT = 5
/** The level whose plans weigh industries (干部联企: a cadre's post serves a sector, an enterprise is in one). */
export const INDUSTRY_LEVEL = 6

/** What the user chose in the dialog. */
export interface PlanForm {
  keepWeight: number
  loadWeight: number
  /** Level 6 only: what a cadre outside the enterprise's industry costs more. */
  industryWeight: number
  /** null: no minimum (the server's 0). */
  minLoad: number | null
  /** null: no maximum. */
  maxLoad: number | null
  /** People left out (person ids). */
  exclude: number[]
  /** Per person id: min and max overriding minLoad and maxLoad. */
  capacities: Record<number, PlanCapacity>
}

export function defaultForm(): PlanForm {
  return {
    keepWeight: DEFAULT_KEEP_WEIGHT,
    loadWeight: DEFAULT_LOAD_WEIGHT,
    industryWeight: DEFAULT_INDUSTRY_WEIGHT,
    minLoad: null,
    maxLoad: null,
    exclude: [],
    capacities: {},
  }
}

/** The board a plan is made for. */
export interface PlanScope {
  level: PairingLevel
  region: string
  date: string
}

/** The body of POST /assignment-plans; options left at "none", and the industry weight below level 6, are not sent. */
export function planRequest(scope: PlanScope, form: PlanForm): AssignmentPlanCreate {
  const body: AssignmentPlanCreate = {
    level: scope.level,
    region: scope.region,
    date: scope.date,
    keep_weight: form.keepWeight,
    load_weight: form.loadWeight,
  }
  if (scope.level === INDUSTRY_LEVEL) body.industry_weight = form.industryWeight
  if (form.minLoad !== null) body.min_load = form.minLoad
  if (form.maxLoad !== null) body.max_load = form.maxLoad
  const capacities = Object.entries(form.capacities)
  if (capacities.length) body.capacities = Object.fromEntries(capacities.map(([id, c]) => [id, { min: c.min, max: c.max }]))
  if (form.exclude.length) body.exclude = [...form.exclude]
  return body
}

/** A person's bounds in a plan: their override if the form has one, else what the plan used. */
export function capacityOf(plan: AssignmentPlan, capacities: Record<number, PlanCapacity>, person: number): PlanCapacity {
  const own = capacities[person]
  if (own) return { ...own }
  const source = plan.sources.find((s) => s.person.id === person)
  return { min: source?.min ?? 0, max: source?.max ?? null }
}

/**
 * The capacities after the plan's raise_max and lower_min fixes, on top of the
 * ones already chosen; `used` counts the people changed. add_source fixes need
 * people the registry does not have yet and are left to the user.
 */
export function capacitiesWithFixes(
  plan: AssignmentPlan,
  capacities: Record<number, PlanCapacity>,
): { capacities: Record<number, PlanCapacity>; used: number } {
  const next: Record<number, PlanCapacity> = { ...capacities }
  const changed = new Set<number>()
  for (const fix of plan.diagnosis?.fixes ?? []) {
    if (fix.kind === 'add_source') continue
    const id = fix.person.id
    const bounds = next[id] ? { ...next[id] } : capacityOf(plan, capacities, id)
    if (fix.kind === 'raise_max') bounds.max = bounds.max === null ? null : Math.max(bounds.max, fix.max)
    else bounds.min = Math.min(bounds.min, fix.min)
    next[id] = bounds
    changed.add(id)
  }
  return { capacities: next, used: changed.size }
}

/** Whether a plan can be applied: optimal and not applied yet. */
export function canApply(plan: AssignmentPlan | null): boolean {
  return !!plan && plan.status === 'optimal' && !plan.applied_at
}

export interface PlanCounts {
  kept: number
  moved: number
  new: number
  ended: number
}

export function changeCounts(plan: AssignmentPlan): PlanCounts {
  const c = plan.changes
  return { kept: c.kept.length, moved: c.moved.length, new: c.new.length, ended: c.ended.length }
}

/** What the plan does to a pair. */
export type PairChange = 'kept' | 'moved' | 'new'

export interface ExplainedAssignment {
  target: TargetRef
  source: NamedRef
  change: PairChange
  /** Who answered before, for a moved pair. */
  from: NamedRef | null
  explanation: PlanExplanation | null
}

const pairKey = (kind: string, target: number, source: number) => `${kind}:${target}:${source}`

/** Each pair of the plan with what it changes and why it was chosen. */
export function explainedAssignments(plan: AssignmentPlan): ExplainedAssignment[] {
  const why = new Map(plan.explanations.map((e) => [pairKey(e.target_kind, e.target, e.source), e]))
  const movedFrom = new Map(plan.changes.moved.map((m) => [pairKey(m.target.kind, m.target.id, m.to.id), m.from]))
  const added = new Set(plan.changes.new.map((n) => pairKey(n.target.kind, n.target.id, n.source.id)))
  return plan.assignments.map((a) => {
    const key = pairKey(a.target.kind, a.target.id, a.source.id)
    const from = movedFrom.get(key) ?? null
    const change: PairChange = from ? 'moved' : a.kept && !added.has(key) ? 'kept' : 'new'
    return { target: a.target, source: a.source, change, from, explanation: why.get(key) ?? null }
  })
}

/** The explanation of the pair of a target and a person, if the plan has it (the changes tab names pairs, not rows). */
export function explanationFinder(plan: AssignmentPlan): (target: Pick<TargetRef, 'kind' | 'id'>, source: number) => PlanExplanation | null {
  const why = new Map(plan.explanations.map((e) => [pairKey(e.target_kind, e.target, e.source), e]))
  return (target, source) => why.get(pairKey(target.kind, target.id, source)) ?? null
}

/** Nearer first: the same village, town, county, farther. */
const DISTANCE_RANK: Record<PlanDistance, number> = { village: 0, town: 1, county: 2, farther: 3 }

/**
 * Why the plan kept a target from the next best person, in the plan's terms:
 * they are farther, the target would leave the person who answers for it
 * now, their post serves another sector (level 6), or they would carry more
 * than the loads allow for (when nothing else tells them apart); `same` when
 * either would do as well.
 */
export type AlternativeVerdict = 'farther' | 'unkept' | 'sector' | 'busier' | 'same'

export function alternativeVerdicts(e: PlanExplanation): AlternativeVerdict[] {
  const alt = e.alternative
  if (!alt) return []
  const out: AlternativeVerdict[] = []
  if (DISTANCE_RANK[alt.distance] > DISTANCE_RANK[e.distance]) out.push('farther')
  if (e.kept && !alt.kept) out.push('unkept')
  if (alt.industry === 'mismatch' && e.industry !== 'mismatch') out.push('sector')
  if (out.length) return out
  // Nothing else tells them apart (or the other is nearer, or the present pair): the loads decided.
  return alt.extra < 0 || alt.load + 1 > e.load ? ['busier'] : ['same']
}

/**
 * Why a pair ends with nobody taking over, in the plan's terms: the person is
 * left out by the plan's options (`excluded`) or no longer eligible
 * (`ineligible`); the target still has others who answer for it, as many as
 * its rule asks (`covered`, with their names); there are not enough people
 * for it (`short`, an infeasible plan); or its rule no longer asks for anyone
 * (`unneeded`).
 */
export type EndedWhy = 'excluded' | 'ineligible' | 'covered' | 'short' | 'unneeded'

export interface EndedReason {
  why: EndedWhy
  /** Who still answers for the target in the plan. */
  others: NamedRef[]
}

export function endedReason(plan: AssignmentPlan, ended: PlanChanges['ended'][number]): EndedReason {
  const others = plan.assignments
    .filter((a) => a.target.kind === ended.target.kind && a.target.id === ended.target.id && a.source.id !== ended.source.id)
    .map((a) => a.source)
  const source = plan.sources.find((s) => s.person.id === ended.source.id)
  const short = plan.status === 'infeasible' && (plan.diagnosis?.shortages ?? []).some((s) =>
    s.targets.some((t) => t.target.kind === ended.target.kind && t.target.id === ended.target.id && t.covered < t.demand),
  )
  let why: EndedWhy
  if (plan.options.exclude.includes(ended.source.id)) why = 'excluded'
  else if (source && !source.eligible) why = 'ineligible'
  else if (short) why = 'short'
  else if (others.length) why = 'covered'
  else why = 'unneeded'
  return { why, others }
}

export interface PersonLoad {
  person: NamedRef
  eligible: boolean
  /** Targets the person answers for today (kept, moved away and ended). */
  before: number
  /** Targets in the plan. */
  after: number
  min: number
  max: number | null
}

/** Each person's load today and in the plan, in the plan's order. */
export function personLoads(plan: AssignmentPlan): PersonLoad[] {
  const before = new Map<number, number>()
  const add = (person: NamedRef) => before.set(person.id, (before.get(person.id) ?? 0) + 1)
  for (const k of plan.changes.kept) add(k.source)
  for (const m of plan.changes.moved) add(m.from)
  for (const e of plan.changes.ended) add(e.source)
  return plan.sources.map((s: PlanSource) => ({
    person: s.person,
    eligible: s.eligible,
    before: before.get(s.person.id) ?? 0,
    after: s.load,
    min: s.min,
    max: s.max,
  }))
}

/** The people a fix or a shortage names, for a sentence. */
export function fixSubject(fix: PlanFix): string {
  return fix.kind === 'add_source' ? fix.target.name : fix.person.name
}

// ---- The graph: people on the left, targets on the right ----

export type LinkKind = 'kept' | 'moved' | 'new' | 'was'

export interface GraphNode {
  id: string
  name: string
  side: 'source' | 'target'
  /** Row on its side, from 0. */
  row: number
  /** A person left out or no longer eligible; a target nobody answers for. */
  idle: boolean
  load?: number
}

export interface GraphLink {
  source: string
  target: string
  kind: LinkKind
}

export interface PlanGraph {
  nodes: GraphNode[]
  links: GraphLink[]
  /** Rows of the taller side. */
  rows: number
}

/**
 * The plan as a two-column graph: a link per pair (kept, moved in, new) and a
 * faint one per pair that goes (moved away, ended). Targets are grouped under
 * the person who answers for them so that most links run level. With
 * `onlyChanges`, just the pairs that change and the people and targets they touch.
 */
export function planGraph(plan: AssignmentPlan, onlyChanges = false): PlanGraph {
  const rows = explainedAssignments(plan)
  const links: GraphLink[] = []
  const sourceId = (id: number) => `s:${id}`
  for (const r of rows) {
    if (onlyChanges && r.change === 'kept') continue
    links.push({ source: sourceId(r.source.id), target: `t:${targetKey(r.target)}`, kind: r.change })
    if (r.from) links.push({ source: sourceId(r.from.id), target: `t:${targetKey(r.target)}`, kind: 'was' })
  }
  for (const e of plan.changes.ended) links.push({ source: sourceId(e.source.id), target: `t:${targetKey(e.target)}`, kind: 'was' })

  const used = new Set(links.flatMap((l) => [l.source, l.target]))
  const sources = plan.sources.filter((s) => !onlyChanges || used.has(sourceId(s.person.id)))
  const nodes: GraphNode[] = sources.map((s, row) => ({
    id: sourceId(s.person.id),
    name: s.person.name,
    side: 'source',
    row,
    idle: !s.eligible,
    load: s.load,
  }))

  // Targets in the order of the people who answer for them; the uncovered last.
  const order = new Map(sources.map((s, i) => [sourceId(s.person.id), i]))
  const named = new Map<string, TargetRef>()
  for (const t of [...plan.assignments.map((a) => a.target), ...plan.changes.ended.map((e) => e.target)]) {
    named.set(`t:${targetKey(t)}`, t)
  }
  const targets = new Map<string, { target: TargetRef; rank: number }>()
  for (const l of links) {
    const rank = l.kind === 'was' ? Number.MAX_SAFE_INTEGER : (order.get(l.source) ?? Number.MAX_SAFE_INTEGER)
    const seen = targets.get(l.target)
    const target = named.get(l.target)
    if (target && (!seen || rank < seen.rank)) targets.set(l.target, { target, rank })
  }
  const covered = new Set(links.filter((l) => l.kind !== 'was').map((l) => l.target))
  const sorted = [...targets.entries()].sort((a, b) => a[1].rank - b[1].rank)
  sorted.forEach(([id, { target }], row) => {
    nodes.push({ id, name: target.name, side: 'target', row, idle: !covered.has(id) })
  })
  const shown = new Set(nodes.map((n) => n.id))
  return {
    nodes,
    links: links.filter((l) => shown.has(l.source) && shown.has(l.target)),
    rows: Math.max(sources.length, sorted.length),
  }
}

/** Fixes of one kind and value together: "把 A、B 的上限提高到 2 个" reads better than a line each. */
export interface FixGroup {
  kind: PlanFix['kind']
  /** The new max (raise_max), the new min (lower_min) or how many more people (add_source). */
  value: number
  names: string[]
}

export function groupFixes(fixes: readonly PlanFix[]): FixGroup[] {
  const groups = new Map<string, FixGroup>()
  for (const fix of fixes) {
    const value = fix.kind === 'raise_max' ? fix.max : fix.kind === 'lower_min' ? fix.min : fix.amount
    const key = `${fix.kind}:${value}`
    let group = groups.get(key)
    if (!group) {
      group = { kind: fix.kind, value, names: [] }
      groups.set(key, group)
    }
    group.names.push(fixSubject(fix))
  }
  return [...groups.values()]
}
