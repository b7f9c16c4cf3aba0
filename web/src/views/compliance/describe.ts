// Rules and compliance answers in words, shared by the compliance page, the
// rules panel and a person's page.
import { useI18n } from 'vue-i18n'
import {
  CORE_PAIRING_LEVELS,
  EVENT_TARGET_TRAITS,
  type Compliance,
  type CoverageGap,
  type GoverningRule,
  type LevelCompliance,
  type PairingLevel,
  type QuotaStatus,
  type RegionLevel,
  type RegionRef,
  type TownCompliance,
} from '@/api/types'
import type { Labels } from '@/composables/useLabels'

/** The translate function, as the views hold it; `plural` picks a plural form (English). */
export type Translate = (key: string, params?: Record<string, unknown>, plural?: number) => string

/** A component's translate function in the form the helpers here take. */
export function useTranslate(): Translate {
  const { t } = useI18n()
  return (key, params, plural) => (plural === undefined ? t(key, params ?? {}) : t(key, params ?? {}, plural))
}

/** "恰好 1 人", "至少 1 人", "1–3 人". */
export function sourcesRange(t: Translate, min: number, max: number | null): string {
  if (max === null) return t('rules.atLeast', { n: min })
  if (max === min) return t('rules.exactly', { n: min })
  return t('rules.between', { min, max })
}

/** Whether a quota counts events attended (参加 … 次) rather than targets contacted (联系 … 个). */
export function countsEvents(quota: { target_filter: string }): boolean {
  return (EVENT_TARGET_TRAITS as readonly string[]).includes(quota.target_filter)
}

/** "班子成员每年至少联系 3 个致富能手", "正式党员每年参加党务培训至少 2 次". */
export function quotaTask(
  t: Translate,
  labels: Labels,
  rule: { source_filter: string; target_filter: string; period: string; min_contacts?: number },
): string {
  return t(countsEvents(rule) ? 'rules.quotaTextEvents' : 'rules.quotaText', {
    sources: labels.sourceFilter(rule.source_filter),
    period: labels.period(rule.period),
    n: rule.min_contacts ?? '',
    target: labels.targetTrait(rule.target_filter),
  })
}

/** "每年联系致富能手", "每年参加党务培训" (the number asked is in its own column). */
export function quotaShort(t: Translate, labels: Labels, quota: Pick<QuotaStatus, 'target_filter' | 'period'>): string {
  return t(countsEvents(quota) ? 'compliance.quotaShortEvents' : 'compliance.quotaShort', {
    period: labels.period(quota.period),
    target: labels.targetTrait(quota.target_filter),
  })
}

/** "还差 2 个" (targets to contact), "还差 1 次" (events to attend). */
export function quotaMissingText(t: Translate, quota: Pick<QuotaStatus, 'target_filter' | 'missing'>): string {
  return t(countsEvents(quota) ? 'people.quotaMissingTimes' : 'people.quotaMissing', { n: quota.missing })
}

/**
 * The headings of a table of quotas' figures: 应联系 / 已联系 for contact quotas,
 * 应参加 / 已参加 for events attended, 应完成 / 已完成 when it holds both.
 */
export function quotaHeadings(t: Translate, quotas: readonly Pick<QuotaStatus, 'target_filter'>[]): { required: string; actual: string } {
  const events = quotas.filter(countsEvents).length
  if (events === 0) return { required: t('compliance.requiredCount'), actual: t('compliance.actual') }
  if (events === quotas.length) return { required: t('compliance.requiredTimes'), actual: t('compliance.actualTimes') }
  return { required: t('compliance.requiredAny'), actual: t('compliance.actualAny') }
}

/** Everything the answer finds wrong: uncovered and over targets, quotas missed, requests overdue. */
export function problemCount(compliance: Compliance): number {
  const coverage = compliance.levels.reduce((n, l) => n + l.uncovered_total + l.over_total, 0)
  return coverage + compliance.quotas_failing + compliance.overdue_total
}

/** Share covered (0–100); a level nothing is judged at counts as complete. */
export function coveredPercent(level: Pick<LevelCompliance, 'targets' | 'covered'>): number {
  return level.targets === 0 ? 100 : Math.floor((level.covered / level.targets) * 100)
}

/**
 * The levels a report shows: the seed's four always, the others (培养联系,
 * 干部联企) only where a coverage rule governs the place or judges targets
 * below it — a campaign the region has not started is not a gap.
 */
export function shownLevels(compliance: Pick<Compliance, 'levels'>): LevelCompliance[] {
  return compliance.levels.filter((l) => CORE_PAIRING_LEVELS.includes(l.level) || l.targets > 0 || !!l.rule)
}

/** " 1 位", "至少 1 位", " 1–2 位": how many people a governing rule asks for each target. */
function ruleRange(t: Translate, rule: Pick<GoverningRule, 'min' | 'max'>): string {
  if (rule.max === null) return t('compliance.ruleRange.atLeast', { n: rule.min })
  if (rule.max === rule.min) return t('compliance.ruleRange.exactly', { n: rule.min })
  return t('compliance.ruleRange.between', { min: rule.min, max: rule.max })
}

/** "适用蓝山县的规则：每位企业家由 1 位镇领导包保". */
export function governingRuleText(t: Translate, level: PairingLevel, rule: GoverningRule): string {
  const asks = t(`compliance.ruleFor.${level}`, { range: ruleRange(t, rule) }, rule.max ?? rule.min)
  return t('compliance.ruleApplies', { region: rule.region.name, rule: asks })
}

/**
 * Why a place a rule governs has nothing to judge at a level, in plain words:
 * a village has no entrepreneurs of its own (they are counted at their
 * chamber's town), a town no projects started yet, and so on.
 */
export function noTargetsText(t: Translate, level: PairingLevel, place: RegionRef & { level: RegionLevel }): string {
  if (level === 1 && (place.level === 'village' || place.level === 'group')) return t('compliance.noTargets.chamberTown')
  return t(`compliance.noTargets.${level}`, { region: place.name })
}

/** What a report says of the rule behind one of its levels. */
export interface LevelRule {
  /** The governing rule and where it is written, or that the places below judge by their own; '' when neither. */
  rule: string
  /** Why nothing is judged although a rule applies; '' otherwise. */
  note: string
  /** No rule governs the place or anything below it: nothing is judged. */
  missing: boolean
}

export function levelRule(t: Translate, level: LevelCompliance, place: RegionRef & { level: RegionLevel }): LevelRule {
  if (level.rule) {
    return {
      rule: governingRuleText(t, level.level, level.rule),
      note: level.targets === 0 ? noTargetsText(t, level.level, place) : '',
      missing: false,
    }
  }
  if (level.targets > 0) return { rule: t('compliance.rulesBelow'), note: '', missing: false }
  return { rule: '', note: '', missing: true }
}

/** A town's tally at a level (zero when the answer has none for it). */
export function townLevel(town: TownCompliance, level: number): { targets: number; covered: number } {
  return town.levels.find((l) => l.level === level) ?? { targets: 0, covered: 0 }
}

/** Gaps of every level, with the level beside each (for one table). */
export function gapsOf(compliance: Compliance, list: 'uncovered' | 'over'): (CoverageGap & { level: number })[] {
  return compliance.levels.flatMap((l) => l[list].map((gap) => ({ ...gap, level: l.level })))
}

/** How a rule's region stands to the region looked at. */
export type RuleRelation = 'own' | 'inherited' | 'below'

/** Region codes nest by prefix: 43 ⊃ 4311 ⊃ 431127 ⊃ 431127103 ⊃ 431127103224 ⊃ 431127103224-02. */
export function ruleRelation(ruleRegion: string, looked: string): RuleRelation {
  if (ruleRegion === looked) return 'own'
  return looked.startsWith(ruleRegion) ? 'inherited' : 'below'
}

interface DatedRule {
  id: number
  region: { code: string }
  valid_from: string
  valid_to: string | null
}

/** Whether a rule holds on a day (its end is the first day without it). */
export function ruleValidOn(rule: DatedRule, day: string): boolean {
  return rule.valid_from <= day && (rule.valid_to === null || rule.valid_to > day)
}

/**
 * The rules that govern the region itself on a day: for each kind (a level, or a
 * quota's source and target filters) the valid rule of the deepest region
 * containing it — a town's rule overrides its county's, as the server judges.
 */
export function governingRules<R extends DatedRule>(rules: readonly R[], looked: string, day: string, kindOf: (rule: R) => string): Set<number> {
  const best = new Map<string, R>()
  for (const rule of rules) {
    if (!ruleValidOn(rule, day) || ruleRelation(rule.region.code, looked) === 'below') continue
    const kind = kindOf(rule)
    const current = best.get(kind)
    if (!current || rule.region.code.length > current.region.code.length) best.set(kind, rule)
  }
  return new Set([...best.values()].map((r) => r.id))
}
