import type { FigureDefinition, Summary, SummaryFigure } from '@/api/types'

// The names and units GET /stats/summary gives the figures specs use (zh-CN).
const NAMES: Record<string, [string, string]> = {
  'chamber.members': ['商会会员', '人'],
  'chamber.party_members': ['会员中的党员', '人'],
  'chamber.enterprises': ['会员企业', '家'],
  'chamber.registered_capital': ['会员企业注册资本', '元'],
  'people.total': ['在册人员', '人'],
  'people.party_members': ['党员', '人'],
  'people.activists': ['入党积极分子', '人'],
  'people.tag.wealth_creator': ['致富能手', '人'],
  'regions.groups': ['村民小组', '个'],
  'pairing.contacts': ['走访联系', '次'],
  'events.count': ['活动', '次'],
  'events.attendances': ['参加人次', '人次'],
  'events.group.meeting.count': ['会议', '次'],
  'events.group.training.count': ['培训', '次'],
  'projects.kind.investment.count': ['招商引资', '个'],
  'projects.stage.negotiating': ['洽谈', '个'],
  'projects.stage.producing': ['投产运营', '个'],
  'projects.indicator.investment_intended_fen': ['意向投资', '元'],
  'land.contracts': ['土地流转合同', '个'],
  'land.area': ['流转面积', '亩'],
  'land.rent_due': ['应收租金', '元'],
  'land.rent_received': ['实收租金', '元'],
  'land.rent_overdue': ['逾期未收租金', '元'],
  'income.total': ['村集体收入', '元'],
  'income.source.rent': ['土地流转租金', '元'],
  'income.source.subsidy': ['上级补助', '元'],
  'requests.total': ['企业诉求', '件'],
  'requests.open': ['办理中', '件'],
  'requests.overdue': ['逾期未办结', '件'],
  'requests.on_time_rate': ['按期办结率', '%'],
}

/** A figure as the server states it: its name, unit and section from its code, its phrase as given (default value and unit). */
export function figure(code: string, value: number, phrase?: string): SummaryFigure {
  const [name, unit] = NAMES[code] ?? [code, '']
  const coverage = /^pairing\.level\d\.(coverage)$/.test(code)
  const section = code.startsWith('income.') ? 'land' : code.startsWith('regions.') ? 'people' : code.split('.')[0]
  return {
    code,
    name: coverage ? '包保覆盖率' : name,
    unit: coverage ? '%' : unit,
    value,
    section,
    phrase: phrase ?? `${value}${coverage ? '%' : unit}`,
  }
}

/** A level's four figures (pairings, targets, covered, coverage); without targets, only its pairings (no rule governs it). */
export function level(n: number, targets: number | null, covered = targets ?? 0): SummaryFigure[] {
  const pairings = figure(`pairing.level${n}.pairings`, covered)
  if (targets === null) return [pairings]
  const rate = targets ? Math.round((covered / targets) * 1000) / 10 : 0
  return [pairings, figure(`pairing.level${n}.targets`, targets), figure(`pairing.level${n}.covered`, covered), figure(`pairing.level${n}.coverage`, rate)]
}

export const NANSHI = { code: '431127103', name: '楠市镇', level: 'town' as const }
export const LANSHAN = { code: '431127', name: '蓝山县', level: 'county' as const }
export const PENGJIA = { code: '431127103224', name: '朋佳村', level: 'village' as const }

export function summary(region: Summary['region'], from: string, to: string, figures: SummaryFigure[], children?: Summary['children']): Summary {
  const today = '2026-12-07'
  return { region, from, to, as_of: to < today ? to : today, aggregates: { read: 1, computed: 0 }, figures, ...(children ? { children } : {}) }
}

/** 楠市镇's states (they hold any year): the chamber and the four levels. */
export const TOWN_STATES: SummaryFigure[] = [
  figure('chamber.members', 31, '31人'),
  figure('chamber.party_members', 13, '13人'),
  figure('chamber.enterprises', 31, '31家'),
  figure('chamber.registered_capital', 9860000, '近千万元'),
  ...level(1, 31),
  ...level(2, 18),
  ...level(3, 108),
  ...level(4, 8),
]

/** 楠市镇's records of 2022: visits, events, requests, projects and land. */
export const TOWN_2022: SummaryFigure[] = [
  ...TOWN_STATES,
  figure('pairing.contacts', 57, '57次'),
  figure('events.count', 33, '33次'),
  figure('events.attendances', 502, '500余人次'),
  figure('events.group.meeting.count', 14, '14次'),
  figure('events.group.training.count', 12, '12次'),
  figure('projects.kind.investment.count', 3, '3个'),
  figure('projects.stage.negotiating', 2, '2个'),
  figure('projects.stage.producing', 4, '4个'),
  figure('projects.indicator.investment_intended_fen', 2000000, '200万元'),
  figure('requests.total', 40, '40件'),
  figure('requests.open', 4, '4件'),
  figure('requests.overdue', 1, '1件'),
  figure('requests.on_time_rate', 91.7, '91.7%'),
]

/** The definitions of the figures above (enough to tell records of a period from states). */
export const DEFINITIONS: FigureDefinition[] = Object.keys(NAMES).map((code) => ({
  code,
  name: NAMES[code][0],
  unit: NAMES[code][1],
  section: code.split('.')[0],
  ledger: code.split('.')[0],
  rollup: /^(chamber|people|regions)\.|^projects\.(stage|kind)\./.test(code) ? 'latest' : 'sum',
  query: '',
  approximate: false,
}))
