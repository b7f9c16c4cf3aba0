import { describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import { mount } from '@vue/test-utils'
import type { Compliance } from '@/api/types'
import { i18n } from '@/i18n'
import { useLabels, type Labels } from '@/composables/useLabels'
import {
  countsEvents,
  governingRules,
  levelRule,
  problemCount,
  quotaHeadings,
  quotaMissingText,
  quotaShort,
  quotaTask,
  ruleRelation,
  shownLevels,
  sourcesRange,
  townLevel,
  useTranslate,
  type Translate,
} from './describe'

/** The translate function (with plural forms) and labels of a component, in a language. */
function inLanguage(locale: 'zh-CN' | 'en'): { t: Translate; labels: Labels } {
  i18n.global.locale.value = locale
  let out!: { t: Translate; labels: Labels }
  mount(
    defineComponent({
      setup() {
        out = { t: useTranslate(), labels: useLabels() }
        return () => null
      },
    }),
    { global: { plugins: [i18n] } },
  )
  return out
}
const inChinese = () => inLanguage('zh-CN')
const translateIn = (locale: 'zh-CN' | 'en') => inLanguage(locale).t

const ZHOU = { kind: 'person' as const, id: 240, name: '周新', region: { code: '431127104002', name: '大麻居委会' } }

function county(): Compliance {
  return {
    region: { code: '431127', name: '蓝山县', level: 'county' },
    date: '2022-10-20',
    ok: false,
    levels: [
      { level: 1, targets: 37, covered: 36, uncovered: [{ target: ZHOU, sources: 0, min: 1, max: 1 }], uncovered_total: 1, over: [], over_total: 0 },
      { level: 2, targets: 36, covered: 21, uncovered: [], uncovered_total: 15, over: [], over_total: 0 },
      { level: 3, targets: 0, covered: 0, uncovered: [], uncovered_total: 0, over: [], over_total: 0 },
      { level: 4, targets: 7, covered: 7, uncovered: [], uncovered_total: 0, over: [], over_total: 0 },
    ],
    quotas: [
      {
        rule: 2,
        source_filter: 'leadership_team',
        target_filter: 'wealth_creator',
        period: 'year',
        from: '2022-01-01',
        person: { id: 1, name: '欧阳强' },
        required: 3,
        actual: 1,
        missing: 2,
      },
    ],
    quotas_total: 30,
    quotas_failing: 1,
    overdue: [
      {
        id: 12,
        owner: { kind: 'person', id: 2, name: '廖英杰' },
        requester: { kind: 'enterprise', id: 9, name: '蓝山县朋佳中草药种植有限公司' },
        category: 'labour',
        title: '协调招工',
        raised_on: '2022-04-10',
        due_on: '2022-04-24',
        days_overdue: 125,
      },
    ],
    overdue_total: 1,
    towns: [
      {
        region: { code: '431127104', name: '所城镇' },
        ok: false,
        gaps: 17,
        levels: [
          { level: 1, targets: 6, covered: 5 },
          { level: 2, targets: 18, covered: 3 },
          { level: 3, targets: 8, covered: 7 },
          { level: 4, targets: 0, covered: 0 },
        ],
        over: 0,
        quotas_failing: 0,
        overdue: 0,
      },
    ],
  }
}

describe('compliance in words', () => {
  it('says how many people a target needs', () => {
    const { t } = inChinese()
    expect(sourcesRange(t, 1, 1)).toBe('恰好 1 人')
    expect(sourcesRange(t, 1, null)).toBe('至少 1 人')
    expect(sourcesRange(t, 1, 3)).toBe('1–3 人')
  })

  it('writes a quota as the seed does', () => {
    const { t, labels } = inChinese()
    expect(quotaTask(t, labels, { source_filter: 'leadership_team', target_filter: 'wealth_creator', period: 'year', min_contacts: 3 })).toBe(
      '班子成员每年至少联系 3 个致富能手',
    )
    expect(quotaTask(t, labels, { source_filter: 'party_member resident_cadre', target_filter: 'activist', period: 'year', min_contacts: 1 })).toBe(
      '党员、驻村干部每年至少联系 1 个入党积极分子',
    )
  })

  it('writes a quota on events attended in times (次), in each language', () => {
    const rule = { source_filter: 'full_party_member', target_filter: 'event_party_training', period: 'year', min_contacts: 2 }
    expect(countsEvents(rule)).toBe(true)
    expect(countsEvents({ target_filter: 'party_member' })).toBe(false)
    const { t, labels } = inChinese()
    expect(quotaTask(t, labels, rule)).toBe('正式党员每年参加党务培训至少 2 次')
    expect(quotaShort(t, labels, { target_filter: 'event_party_training', period: 'year' })).toBe('每年参加党务培训')
    expect(quotaShort(t, labels, { target_filter: 'wealth_creator', period: 'quarter' })).toBe('每季度联系致富能手')
    expect(quotaMissingText(t, { target_filter: 'event_party_training', missing: 1 })).toBe('还差 1 次')
    expect(quotaMissingText(t, { target_filter: 'wealth_creator', missing: 2 })).toBe('还差 2 个')
    const english = inLanguage('en')
    expect(quotaTask(english.t, english.labels, rule)).toBe('Full party member: party affairs trainings attended per year, at least 2')
    expect(quotaShort(english.t, english.labels, { target_filter: 'event_meeting', period: 'month' })).toBe('meetings attended per month')
    i18n.global.locale.value = 'zh-CN'
  })

  it('heads a quota table’s figures by what its quotas count', () => {
    const { t } = inChinese()
    const contact = { target_filter: 'wealth_creator' as const }
    const training = { target_filter: 'event_party_training' as const }
    expect(quotaHeadings(t, [contact])).toEqual({ required: '应联系', actual: '已联系' })
    expect(quotaHeadings(t, [training])).toEqual({ required: '应参加', actual: '已参加' })
    expect(quotaHeadings(t, [contact, training])).toEqual({ required: '应完成', actual: '已完成' })
  })

  it('counts every problem: uncovered (listed or not), over, quotas missed, requests overdue', () => {
    expect(problemCount(county())).toBe(1 + 15 + 1 + 1)
  })
})

describe('the levels a report shows', () => {
  it('always the four of the seed; a campaign level (5, 6) only with judged targets', () => {
    const answer = county()
    answer.levels.push(
      { level: 5, targets: 0, covered: 0, uncovered: [], uncovered_total: 0, over: [], over_total: 0 },
      { level: 6, targets: 40, covered: 40, uncovered: [], uncovered_total: 0, over: [], over_total: 0 },
    )
    expect(shownLevels(answer).map((l) => l.level)).toEqual([1, 2, 3, 4, 6])
  })

  it('reads a town’s tally by level, zero for a level the town row lacks', () => {
    const town = county().towns![0]
    expect(townLevel(town, 2)).toEqual({ level: 2, targets: 18, covered: 3 })
    expect(townLevel(town, 6)).toEqual({ targets: 0, covered: 0 })
  })
})

describe('which rule governs', () => {
  const rule = (id: number, code: string, level: number, from = '2022-01-01', to: string | null = null) => ({
    id,
    region: { code },
    level,
    valid_from: from,
    valid_to: to,
  })

  it('places a rule above, at or below the region looked at', () => {
    expect(ruleRelation('431127', '431127103')).toBe('inherited')
    expect(ruleRelation('431127103', '431127103')).toBe('own')
    expect(ruleRelation('431127104', '431127')).toBe('below')
  })

  it('takes the deepest valid rule of each kind: a town’s overrides its county’s', () => {
    const rules = [
      rule(1, '431127', 1),
      rule(2, '431127', 2),
      rule(4, '431127103', 2),
      rule(5, '431127104', 2),
      rule(6, '431127103', 3, '2023-01-01'),
      rule(7, '431127', 3),
    ]
    expect([...governingRules(rules, '431127103', '2022-10-20', (r) => String(r.level))].sort()).toEqual([1, 4, 7])
    expect([...governingRules(rules, '431127103', '2023-06-01', (r) => String(r.level))].sort()).toEqual([1, 4, 6])
    expect([...governingRules(rules, '431127', '2022-10-20', (r) => String(r.level))].sort()).toEqual([1, 2, 7])
  })
})

describe('the rule behind a level, in a clerk’s words', () => {
  const PENGJIA = { code: '431127103224', name: '朋佳村', level: 'village' as const }
  const NANSHI = { code: '431127103', name: '楠市镇', level: 'town' as const }
  const LANSHAN = { code: '431127', name: '蓝山县' }
  const level = (n: 1 | 4 | 5, targets: number, rule: { min: number; max: number | null; region?: { code: string; name: string } } | null) => ({
    level: n,
    targets,
    covered: targets,
    uncovered: [],
    uncovered_total: 0,
    over: [],
    over_total: 0,
    rule: rule && { id: 1, region: rule.region ?? LANSHAN, ...rule },
  })

  it('names the rule and where it is written, and why a village has no entrepreneurs to judge', () => {
    const t = translateIn('zh-CN')
    expect(levelRule(t, level(1, 0, { min: 1, max: 1 }), PENGJIA)).toEqual({
      rule: '适用蓝山县的规则：每位企业家由 1 位镇领导包保',
      note: '企业家按所属商会所在的镇统计，村里不单独统计，所以这里没有考核对象。',
      missing: false,
    })
    expect(levelRule(t, level(4, 0, { min: 1, max: null }), NANSHI).note).toBe('楠市镇这一天没有已开始的项目（项目自开始日期起纳入包保）。')
    expect(levelRule(t, level(5, 3, { min: 1, max: 2, region: NANSHI }), NANSHI)).toEqual({
      rule: '适用楠市镇的规则：每名入党积极分子由 1–2 位培养联系人联系培养',
      note: '',
      missing: false,
    })
  })

  it('says no rule is set only when none governs the place or judges anything below it', () => {
    const t = translateIn('zh-CN')
    expect(levelRule(t, level(5, 0, null), NANSHI)).toEqual({ rule: '', note: '', missing: true })
    expect(levelRule(t, level(5, 18, null), { ...LANSHAN, level: 'county' })).toEqual({ rule: '按下级区划各自的规则检查', note: '', missing: false })
  })

  it('agrees in number in English', () => {
    const t = translateIn('en')
    expect(levelRule(t, level(1, 0, { min: 1, max: 1 }), PENGJIA).rule).toBe('Rule of 蓝山县: each entrepreneur has 1 town leader answering for them')
    expect(levelRule(t, level(5, 3, { min: 1, max: 2 }), NANSHI).rule).toBe('Rule of 蓝山县: each activist has 1–2 mentors')
    expect(levelRule(t, level(1, 3, { min: 1, max: null }), NANSHI).rule).toBe('Rule of 蓝山县: each entrepreneur has at least 1 town leader answering for them')
    i18n.global.locale.value = 'zh-CN'
  })
})
