// Rules and compliance answers in words, shared by the compliance page, the
// rules panel and a person's page.
import { CORE_PAIRING_LEVELS, type Compliance, type CoverageGap, type LevelCompliance, type QuotaStatus, type TownCompliance } from '@/api/types'
import type { Labels } from '@/composables/useLabels'

/** The translate function, as the views hold it. */
export type Translate = (key: string, params?: Record<string, unknown>) => string

/** "恰好 1 人", "至少 1 人", "1–3 人". */
export function sourcesRange(t: Translate, min: number, max: number | null): string {
  if (max === null) return t('rules.atLeast', { n: min })
  if (max === min) return t('rules.exactly', { n: min })
  return t('rules.between', { min, max })
}

/** "班子成员每年至少联系 3 个致富能手". */
export function quotaTask(
  t: Translate,
  labels: Labels,
  rule: { source_filter: string; target_filter: string; period: string; min_contacts?: number },
): string {
  return t('rules.quotaText', {
    sources: labels.sourceFilter(rule.source_filter),
    period: labels.period(rule.period),
    n: rule.min_contacts ?? '',
    target: labels.targetTrait(rule.target_filter),
  })
}

/** "每年联系致富能手" (the number asked is in its own column). */
export function quotaShort(t: Translate, labels: Labels, quota: Pick<QuotaStatus, 'target_filter' | 'period'>): string {
  return t('compliance.quotaShort', { period: labels.period(quota.period), target: labels.targetTrait(quota.target_filter) })
}

/** Everything the answer finds wrong: uncovered and over targets, quotas missed, follow-ups overdue. */
export function problemCount(compliance: Compliance): number {
  const coverage = compliance.levels.reduce((n, l) => n + l.uncovered_total + l.over_total, 0)
  return coverage + compliance.quotas_failing + compliance.overdue_total
}

/** Whole days from a due date to the day asked (how late a follow-up is). */
export function daysLate(due: string, day: string): number {
  const ms = Date.parse(`${day}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)
  return Number.isFinite(ms) ? Math.max(0, Math.round(ms / 86_400_000)) : 0
}

/** Share covered (0–100); a level nothing is judged at counts as complete. */
export function coveredPercent(level: Pick<LevelCompliance, 'targets' | 'covered'>): number {
  return level.targets === 0 ? 100 : Math.floor((level.covered / level.targets) * 100)
}

/**
 * The levels a report shows: the seed's four always, the others (培养联系,
 * 干部联企) only where a coverage rule judges targets — a campaign the region
 * has not started is not a gap.
 */
export function shownLevels(compliance: Pick<Compliance, 'levels'>): LevelCompliance[] {
  return compliance.levels.filter((l) => CORE_PAIRING_LEVELS.includes(l.level) || l.targets > 0)
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
