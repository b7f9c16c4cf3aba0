import { describe, expect, it } from 'vitest'
import type { PlanExplanation } from '@/api/types'
import { LIAO, LIAO_HAI, LUO, OUYANG, PAN, ZHOU, ZHOU_DE, infeasiblePlan, optimalPlan } from '@/test-support/plans'
import {
  alternativeVerdicts,
  canApply,
  capacitiesWithFixes,
  changeCounts,
  defaultForm,
  endedReason,
  explainedAssignments,
  explanationFinder,
  groupFixes,
  personLoads,
  planGraph,
  planRequest,
} from './assign'
import { graphHeight, graphOption } from './assignGraph'

const SCOPE = { level: 1 as const, region: '431127103', date: '2031-01-01' }

describe('the plan request', () => {
  it('sends the weights and the board’s level, region and day, and leaves out what is left at “none”', () => {
    expect(planRequest(SCOPE, defaultForm())).toEqual({
      level: 1,
      region: '431127103',
      date: '2031-01-01',
      keep_weight: 100,
      load_weight: 10,
    })
  })

  it('sends the industry weight for county cadres and enterprises (level 6) only', () => {
    const form = { ...defaultForm(), industryWeight: 1000 }
    expect(planRequest({ ...SCOPE, level: 6, region: '431127' }, defaultForm())).toMatchObject({ level: 6, industry_weight: 5 })
    expect(planRequest({ ...SCOPE, level: 6, region: '431127' }, form).industry_weight).toBe(1000)
    expect(planRequest(SCOPE, form)).not.toHaveProperty('industry_weight')
    expect(planRequest({ ...SCOPE, level: 5 }, form)).not.toHaveProperty('industry_weight')
  })

  it('sends bounds, per-person capacities and the people left out when chosen', () => {
    const form = {
      ...defaultForm(),
      keepWeight: 0,
      loadWeight: 100,
      minLoad: 1,
      maxLoad: 5,
      exclude: [9],
      capacities: { 2: { min: 0, max: null }, 3: { min: 1, max: 2 } },
    }
    expect(planRequest(SCOPE, form)).toEqual({
      level: 1,
      region: '431127103',
      date: '2031-01-01',
      keep_weight: 0,
      load_weight: 100,
      min_load: 1,
      max_load: 5,
      capacities: { '2': { min: 0, max: null }, '3': { min: 1, max: 2 } },
      exclude: [9],
    })
  })
})

describe('fixes as capacities', () => {
  it('raises maximums and lowers minimums from what the plan used, and leaves add_source to the user', () => {
    const { capacities, used } = capacitiesWithFixes(infeasiblePlan(), {})
    expect(capacities).toEqual({ [LIAO_HAI.id]: { min: 0, max: 2 }, [ZHOU_DE.id]: { min: 1, max: 3 } })
    expect(used).toBe(2)
  })

  it('keeps the bounds already chosen and changes only what a fix names', () => {
    const chosen = { [LIAO_HAI.id]: { min: 1, max: 1 }, 99: { min: 0, max: 4 } }
    const { capacities } = capacitiesWithFixes(infeasiblePlan(), chosen)
    expect(capacities[LIAO_HAI.id]).toEqual({ min: 1, max: 2 })
    expect(capacities[99]).toEqual({ min: 0, max: 4 })
    expect(chosen[LIAO_HAI.id]).toEqual({ min: 1, max: 1 })
  })

  it('groups the fixes of one kind and value into one sentence', () => {
    const plan = infeasiblePlan()
    plan.diagnosis!.fixes.push({ kind: 'raise_max', person: OUYANG, max: 2, amount: 1 })
    expect(groupFixes(plan.diagnosis!.fixes)).toEqual([
      { kind: 'raise_max', value: 2, names: ['廖海凌', '欧阳强'] },
      { kind: 'lower_min', value: 1, names: ['周德'] },
      { kind: 'add_source', value: 1, names: ['2组'] },
    ])
  })
})

describe('reading a plan', () => {
  it('applies only an optimal plan not applied yet', () => {
    expect(canApply(optimalPlan())).toBe(true)
    expect(canApply(infeasiblePlan())).toBe(false)
    expect(canApply({ ...optimalPlan(), applied_at: '2026-11-29T08:01:00Z' })).toBe(false)
    expect(canApply(null)).toBe(false)
  })

  it('counts the changes and gives each pair what it changes and why', () => {
    const plan = optimalPlan()
    expect(changeCounts(plan)).toEqual({ kept: 1, moved: 2, new: 1, ended: 0 })
    const rows = explainedAssignments(plan)
    expect(rows.map((r) => [r.target.name, r.source.name, r.change, r.from?.name ?? null])).toEqual([
      ['周梅凌', '欧阳强', 'kept', null],
      ['罗杰', '廖英杰', 'moved', '盘民'],
      ['邹发军', '欧阳强', 'moved', '盘民'],
      ['蒋新', '廖英杰', 'new', null],
    ])
    expect(rows[1].explanation).toMatchObject({ distance: 'village', alternative: { source: OUYANG, extra: 0 } })
  })

  it('gives each person’s load today (kept, moved away, ended) and in the plan', () => {
    expect(personLoads(optimalPlan()).map((l) => [l.person.name, l.before, l.after, l.eligible])).toEqual([
      ['欧阳强', 1, 2, true],
      ['廖英杰', 0, 2, true],
      ['盘民', 2, 0, false],
    ])
    expect(personLoads(infeasiblePlan()).map((l) => [l.person.name, l.before, l.after])).toEqual([
      ['廖海凌', 1, 1],
      ['周德', 1, 0],
    ])
  })
})

describe('why not the next best person', () => {
  const base = { target: 1, target_kind: 'person' as const, source: 1, cost: 10 }
  const alt = (partial: Partial<NonNullable<PlanExplanation['alternative']>>) => ({ source: LIAO, distance: 'town' as const, kept: false, load: 2, extra: 0, ...partial })

  it('names what the plan weighed: distance, the existing pair, the sector', () => {
    const [kept, moved] = optimalPlan().explanations
    expect(alternativeVerdicts(kept)).toEqual(['unkept'])
    expect(alternativeVerdicts(moved)).toEqual(['farther'])
    const industry = { ...base, distance: 'county' as const, industry: 'match' as const, kept: false, load: 1 }
    expect(alternativeVerdicts({ ...industry, alternative: alt({ distance: 'farther', industry: 'mismatch', extra: 60 }) })).toEqual(['farther', 'sector'])
    expect(alternativeVerdicts({ ...industry, alternative: null })).toEqual([])
  })

  it('says the loads decided when nothing else tells the two apart, or that either would do', () => {
    const pair = { ...base, distance: 'town' as const, kept: false, load: 2 }
    // The other is as near but already answers for as many: taking one more makes the loads less even.
    expect(alternativeVerdicts({ ...pair, alternative: alt({ load: 2 }) })).toEqual(['busier'])
    // Nearer, yet not chosen: the loads outweighed the distance.
    expect(alternativeVerdicts({ ...pair, alternative: alt({ distance: 'village', extra: -90, load: 1 }) })).toEqual(['busier'])
    expect(alternativeVerdicts({ ...pair, load: 3, alternative: alt({ load: 1 }) })).toEqual(['same'])
  })

  it('finds a pair’s explanation by target and person', () => {
    const find = explanationFinder(optimalPlan())
    expect(find({ kind: 'person', id: 198 }, LIAO.id)).toMatchObject({ distance: 'village' })
    expect(find({ kind: 'person', id: 198 }, OUYANG.id)).toBeNull()
  })
})

describe('why a pair ends with nobody taking over', () => {
  it('names the person left out or no longer eligible, and who still answers for the target', () => {
    const plan = optimalPlan()
    // 盘民 is left out of the plan; 周梅凌 keeps 欧阳强.
    expect(endedReason(plan, { target: ZHOU, source: PAN, pairing: 3 })).toEqual({ why: 'excluded', others: [OUYANG] })
    const ineligible = { ...plan, options: { ...plan.options, exclude: [] } }
    expect(endedReason(ineligible, { target: ZHOU, source: PAN, pairing: 3 })).toEqual({ why: 'ineligible', others: [OUYANG] })
    // 廖英杰 stays eligible: 罗杰 has as many people as the rule asks without a second.
    expect(endedReason(plan, { target: LUO, source: OUYANG, pairing: 4 })).toEqual({ why: 'covered', others: [LIAO] })
    const unpaired = { ...plan, assignments: plan.assignments.filter((a) => a.target.id !== LUO.id) }
    expect(endedReason(unpaired, { target: LUO, source: OUYANG, pairing: 4 })).toEqual({ why: 'unneeded', others: [] })
  })

  it('says a target of an infeasible plan is short of people', () => {
    const plan = infeasiblePlan()
    expect(endedReason(plan, plan.changes.ended[0])).toEqual({ why: 'short', others: [] })
  })
})

describe('the plan’s graph', () => {
  it('draws people left, targets right, grouped under who answers, with the old pairs of moved targets', () => {
    const graph = planGraph(optimalPlan())
    const sources = graph.nodes.filter((n) => n.side === 'source')
    const targets = graph.nodes.filter((n) => n.side === 'target')
    expect(sources.map((n) => [n.name, n.idle])).toEqual([
      ['欧阳强', false],
      ['廖英杰', false],
      ['盘民', true],
    ])
    expect(targets.map((n) => n.name)).toEqual(['周梅凌', '邹发军', '罗杰', '蒋新'])
    expect(graph.links.filter((l) => l.kind === 'moved')).toEqual([
      { source: `s:${LIAO.id}`, target: 't:person:198', kind: 'moved' },
      { source: `s:${OUYANG.id}`, target: 't:person:207', kind: 'moved' },
    ])
    expect(graph.links.filter((l) => l.kind === 'was').map((l) => l.source)).toEqual([`s:${PAN.id}`, `s:${PAN.id}`])
    expect(graph.rows).toBe(4)
  })

  it('shows only what changes when asked, and ended pairs as old pairs', () => {
    const graph = planGraph(optimalPlan(), true)
    expect(graph.links.some((l) => l.kind === 'kept')).toBe(false)
    expect(graph.nodes.map((n) => n.name)).not.toContain('周梅凌')

    const ended = planGraph(infeasiblePlan())
    expect(ended.links).toContainEqual({ source: `s:${ZHOU_DE.id}`, target: 't:region:252', kind: 'was' })
  })

  it('highlights the moved pairs in the chart and escapes names in its tooltips', () => {
    const graph = planGraph(optimalPlan())
    const option = graphOption(graph, { link: (from, to, kind) => `${from}|${to}|${kind}`, node: (name) => name })
    const series = (option.series as { links: { kind: string; lineStyle: { width: number } }[]; data: unknown[] }[])[0]
    const moved = series.links.filter((l) => l.kind === 'moved')
    const kept = series.links.filter((l) => l.kind === 'kept')
    expect(moved).toHaveLength(2)
    expect(Math.min(...moved.map((l) => l.lineStyle.width))).toBeGreaterThan(Math.max(...kept.map((l) => l.lineStyle.width)))
    expect(series.data).toHaveLength(graph.nodes.length)

    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter
    const evil = planGraph({ ...optimalPlan(), sources: [{ person: { id: 1, name: '<b>x</b>' }, eligible: true, load: 2, min: 0, max: null }] })
    const evilFormatter = (graphOption(evil, { link: (f) => f, node: (n) => n }).tooltip as { formatter: (p: unknown) => string }).formatter
    expect(evilFormatter({ dataType: 'node', data: { id: 's:1' } })).toBe('&#60;b&#62;x&#60;/b&#62;')
    expect(formatter({ dataType: 'edge', data: { source: 's:2', target: 't:person:198', kind: 'moved' } })).toBe('廖英杰|罗杰|moved')
    expect(graphHeight(graph)).toBeGreaterThanOrEqual(200)
  })
})
