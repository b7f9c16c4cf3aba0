import type { AssignmentPlan, TargetRef } from '@/api/types'

const person = (id: number, name: string) => ({ id, name })
const entrepreneur = (id: number, name: string, code: string, village: string): TargetRef => ({
  kind: 'person',
  id,
  name,
  region: { code, name: village },
})

export const OUYANG = person(1, '欧阳强')
export const LIAO = person(2, '廖英杰')
export const PAN = person(9, '盘民')

export const ZHOU = entrepreneur(190, '周梅凌', '431127103213', '大元井村')
export const LUO = entrepreneur(198, '罗杰', '431127103210', '上下村')
export const ZOU = entrepreneur(207, '邹发军', '431127103232', '竹岭村')
export const NEWCOMER = entrepreneur(230, '蒋新', '431127103224', '朋佳村')

/**
 * A level-1 plan for 楠市镇 with 盘民 left out: his two entrepreneurs move,
 * one entrepreneur is new, one pair is kept.
 */
export function optimalPlan(): AssignmentPlan {
  return {
    id: 7,
    level: 1,
    region: { code: '431127103', name: '楠市镇' },
    date: '2031-01-01',
    status: 'optimal',
    cost: 1050,
    options: {
      level: 1,
      region: '431127103',
      date: '2031-01-01',
      keep_weight: 100,
      distance_weight: 10,
      load_weight: 10,
      industry_weight: 5,
      min_load: 0,
      max_load: null,
      capacities: {},
      exclude: [9],
    },
    stats: { sources: 3, targets: 4, arcs: 10, components: 1, not_judged: 0, solve_ms: 1.9 },
    sources: [
      { person: OUYANG, eligible: true, load: 2, min: 0, max: null },
      { person: LIAO, eligible: true, load: 2, min: 0, max: null },
      { person: PAN, eligible: false, load: 0, min: 0, max: 0 },
    ],
    assignments: [
      { target: ZHOU, source: OUYANG, pairing: 1, kept: true },
      { target: LUO, source: LIAO, pairing: 9, kept: false },
      { target: ZOU, source: OUYANG, pairing: 18, kept: false },
      { target: NEWCOMER, source: LIAO, pairing: null, kept: false },
    ],
    changes: {
      kept: [{ target: ZHOU, source: OUYANG, pairing: 1 }],
      moved: [
        { target: LUO, from: PAN, to: LIAO, pairing: 9 },
        { target: ZOU, from: PAN, to: OUYANG, pairing: 18 },
      ],
      new: [{ target: NEWCOMER, source: LIAO }],
      ended: [],
    },
    explanations: [
      {
        target: 190,
        target_kind: 'person',
        source: 1,
        distance: 'town',
        kept: true,
        load: 2,
        cost: 10,
        alternative: { source: LIAO, distance: 'town', kept: false, load: 2, extra: 100 },
      },
      {
        target: 198,
        target_kind: 'person',
        source: 2,
        distance: 'village',
        kept: false,
        load: 2,
        cost: 100,
        alternative: { source: OUYANG, distance: 'town', kept: false, load: 2, extra: 0 },
      },
      { target: 207, target_kind: 'person', source: 1, distance: 'county', kept: false, load: 2, cost: 120, alternative: null },
      { target: 230, target_kind: 'person', source: 2, distance: 'town', kept: false, load: 2, cost: 110, alternative: null },
    ],
    created_at: '2026-11-29T08:00:00Z',
    applied_at: null,
  }
}

const GROUP_1: TargetRef = { kind: 'region', id: 251, name: '1组', region: { code: '431127103213-01', name: '1组' } }
const GROUP_2: TargetRef = { kind: 'region', id: 252, name: '2组', region: { code: '431127103213-02', name: '2组' } }
export const LIAO_HAI = person(10, '廖海凌')
export const ZHOU_DE = person(11, '周德')

/**
 * A level-3 plan that cannot be met: two groups, two cadres at most one each
 * but 周德 is asked for at least 2; the fixes raise 廖海凌's maximum, lower
 * 周德's minimum and ask for one more person for 2组.
 */
export function infeasiblePlan(): AssignmentPlan {
  const plan = optimalPlan()
  return {
    ...plan,
    id: 8,
    level: 3,
    status: 'infeasible',
    cost: 0,
    options: { ...plan.options, level: 3, max_load: 1, exclude: [] },
    stats: { sources: 2, targets: 3, arcs: 4, components: 1, not_judged: 0, solve_ms: 0.8 },
    sources: [
      { person: LIAO_HAI, eligible: true, load: 1, min: 0, max: 1 },
      { person: ZHOU_DE, eligible: true, load: 0, min: 2, max: 3 },
    ],
    assignments: [{ target: GROUP_1, source: LIAO_HAI, pairing: 124, kept: true }],
    changes: { kept: [{ target: GROUP_1, source: LIAO_HAI, pairing: 124 }], moved: [], new: [], ended: [{ target: GROUP_2, source: ZHOU_DE, pairing: 125 }] },
    explanations: [
      { target: 251, target_kind: 'region', source: 10, distance: 'village', kept: true, load: 1, cost: 0, alternative: null },
    ],
    diagnosis: {
      shortages: [
        {
          targets: [
            { target: GROUP_1, demand: 1, covered: 1 },
            { target: GROUP_2, demand: 1, covered: 0 },
          ],
          sources: [{ person: LIAO_HAI, load: 1, max: 1 }],
          needed: 2,
          available: 1,
          shortfall: 1,
        },
      ],
      below_min: [ZHOU_DE],
      fixes: [
        { kind: 'raise_max', person: LIAO_HAI, max: 2, amount: 1 },
        { kind: 'lower_min', person: ZHOU_DE, min: 1, amount: 1 },
        { kind: 'add_source', target: GROUP_2, amount: 1 },
      ],
      uncovered: 1,
    },
  }
}

const enterprise = (id: number, name: string): TargetRef => ({
  kind: 'enterprise',
  id,
  name,
  region: { code: '431127103224', name: '朋佳村' },
})
export const LEI = person(51, '雷建国')
export const TANG = person(52, '唐卫东')
export const PEANUTS = enterprise(12, '楠市花生合作社')
export const NOODLES = enterprise(13, '金家粉业')

/**
 * A level-6 plan (百名干部联百企) for 蓝山县: the agriculture cadre takes the
 * peanut cooperative (same sector), the manufacturing one the noodle workshop;
 * the next best for each is of the other sector and dearer by the industry weight.
 */
export function industryPlan(): AssignmentPlan {
  const plan = optimalPlan()
  return {
    ...plan,
    id: 9,
    level: 6,
    region: { code: '431127', name: '蓝山县' },
    date: '2032-01-01',
    cost: 40,
    options: { ...plan.options, level: 6, region: '431127', date: '2032-01-01', exclude: [] },
    stats: { sources: 2, targets: 2, arcs: 4, components: 1, not_judged: 0, solve_ms: 0.4 },
    sources: [
      { person: LEI, eligible: true, load: 1, min: 0, max: null },
      { person: TANG, eligible: true, load: 1, min: 0, max: null },
    ],
    assignments: [
      { target: PEANUTS, source: LEI, pairing: null, kept: false },
      { target: NOODLES, source: TANG, pairing: null, kept: false },
    ],
    changes: { kept: [], moved: [], new: [{ target: PEANUTS, source: LEI }, { target: NOODLES, source: TANG }], ended: [] },
    explanations: [
      {
        target: 12,
        target_kind: 'enterprise',
        source: 51,
        distance: 'county',
        industry: 'match',
        kept: false,
        load: 1,
        cost: 20,
        alternative: { source: TANG, distance: 'county', industry: 'mismatch', kept: false, load: 2, extra: 30 },
      },
      { target: 13, target_kind: 'enterprise', source: 52, distance: 'county', industry: null, kept: false, load: 1, cost: 20, alternative: null },
    ],
  }
}
