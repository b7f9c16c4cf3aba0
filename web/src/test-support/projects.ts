import type { Indicator, IndicatorValue, ProjectStats } from '@/api/projects'
import type { Project } from '@/api/types'

/** A project as the server describes one (docs/api.md): 愚公岩旅游区, in operation since May 2021. */
export function makeProject(overrides: Partial<Project> = {}): Project {
  return {
    id: 7,
    kind: 'tourism',
    name: '愚公岩旅游区',
    region: { code: '431127103203', name: '甘溪村' },
    stage: 'producing',
    stage_on: '2021-05-01',
    stages: [
      { stage: 'negotiating', on: '2019-03-01' },
      { stage: 'building', on: '2019-10-01' },
      { stage: 'producing', on: '2021-05-01' },
    ],
    description: '依托愚公岩溶洞开发的乡村旅游景区',
    started_on: '2019-03-01',
    enterprises: [{ id: 4, name: '愚公岩生态旅游有限公司' }],
    latest: [],
    created_at: '2019-03-01T01:00:00Z',
    updated_at: '2022-12-31T01:00:00Z',
    version: 3,
    ...overrides,
  }
}

function indicator(code: string, zh: string, tw: string, en: string, unit: [string, string, string], scale = 0, flow = true): Indicator {
  return {
    code,
    names: { 'zh-CN': zh, 'zh-TW': tw, en },
    unit: { 'zh-CN': unit[0], 'zh-TW': unit[1], en: unit[2] },
    scale,
    sum_projects: true,
    sum_periods: flow,
    builtin: true,
  }
}

/** Some of the built-in indicators. */
export const INDICATORS: Indicator[] = [
  indicator('area_mu', '面积', '面積', 'Area', ['亩', '畝', 'mu'], 2, false),
  indicator('investment_intended_fen', '意向投资', '意向投資', 'Intended investment', ['分', '分', 'fen']),
  indicator('investment_actual_fen', '实际投资', '實際投資', 'Investment made', ['分', '分', 'fen']),
  indicator('jobs', '就业岗位', '就業崗位', 'Jobs', ['个', '個', 'jobs'], 0, false),
  indicator('visitors', '游客', '遊客', 'Visitors', ['人次', '人次', 'visits']),
]

/** A value of a project's indicator, actual over 2022 unless said otherwise. */
export function makeValue(id: number, indicator: string, value: string, overrides: Partial<IndicatorValue> = {}): IndicatorValue {
  return { id, indicator, value, from: '2022-01-01', to: '2022-12-31', expected: false, source: '', updated_at: '', version: 1, ...overrides }
}

/** 蓝山县's figures for a year, compared by town. */
export function makeCountyStats(year: number): ProjectStats {
  return {
    region: { code: '431127', name: '蓝山县', level: 'county' },
    year,
    kinds: [
      { kind: 'industry', projects: 3, by_stage: { building: 2, producing: 1 } },
      { kind: 'tourism', projects: 1, by_stage: { producing: 1 } },
    ],
    indicators: [
      { indicator: 'visitors', value: '29000', expected: false },
      { indicator: 'visitors', value: '35000', expected: true },
      { indicator: 'investment_actual_fen', value: '2900000000', expected: false },
    ],
    children: [
      {
        region: { code: '431127103', name: '楠市镇', level: 'town' },
        kinds: [
          { kind: 'industry', projects: 2, by_stage: { building: 1, producing: 1 } },
          { kind: 'tourism', projects: 1, by_stage: { producing: 1 } },
        ],
        indicators: [
          { indicator: 'visitors', value: '29000', expected: false },
          { indicator: 'visitors', value: '35000', expected: true },
        ],
      },
      {
        region: { code: '431127104', name: '所城镇', level: 'town' },
        kinds: [{ kind: 'industry', projects: 1, by_stage: { building: 1 } }],
        indicators: [{ indicator: 'investment_actual_fen', value: '2900000000', expected: false }],
      },
    ],
  }
}
