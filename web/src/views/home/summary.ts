// The figures of GET /stats/summary in the home page's terms: found by code,
// written as officials write them (the server's phrase) or, in English, as a
// number and its unit, compared with the same span a year earlier, and the
// coverage of the four pairing levels.
import type { SummaryFigure } from '@/api/types'
import type { Figure, FigureNote } from '@/components/figures'

/** A period's figures by code: a code that is absent has no records (or the user may not read it). */
export type FigureIndex = ReadonlyMap<string, SummaryFigure>

/** What the tiles show: the period's figures, and those of a year earlier while comparing (else null). */
export interface HomeFigures {
  now: FigureIndex
  before: FigureIndex | null
}

export function indexFigures(figures: readonly SummaryFigure[] | undefined): FigureIndex {
  return new Map((figures ?? []).map((f) => [f.code, f]))
}

/** The codes present that match, in the server's order (its figures' order is the definitions'). */
export function codesMatching(index: FigureIndex, pattern: RegExp): string[] {
  return [...index.keys()].filter((code) => pattern.test(code))
}

// The phrase is written in Simplified characters; these are the ones its numbers and units use.
const TRADITIONAL: Record<string, string> = { 万: '萬', 亿: '億', 余: '餘', 个: '個', 对: '對', 户: '戶', 亩: '畝', 项: '項', 过: '過', 场: '場' }

function traditional(text: string): string {
  return [...text].map((ch) => TRADITIONAL[ch] ?? ch).join('')
}

function englishNumber(value: number, digits = 1): string {
  return new Intl.NumberFormat('en', { maximumFractionDigits: digits }).format(value)
}

// The server's English units are plurals; one of them is said in the singular.
const SINGULAR: Record<string, string> = { people: 'person', times: 'time' }

/** A unit after an English number: "31 people", "1 request", "450 mu", "100%", a bare count. */
function englishUnit(unit: string, value = 2): string {
  if (unit === '%') return '%'
  if (!unit) return ''
  const one = Math.abs(value) === 1 ? (SINGULAR[unit] ?? unit.replace(/(?<=[a-z])s$/, '')) : unit
  return ` ${one}`
}

/** A figure as the tile shows it: the official's phrase (近千万元, 31人), in English the number and its unit. */
export function figureText(figure: SummaryFigure, locale: string): string {
  if (locale === 'en') return `${englishNumber(figure.value)}${englishUnit(figure.unit, figure.value)}`
  const phrase = figure.phrase || `${figure.value}${figure.unit}`
  return locale === 'zh-TW' ? traditional(phrase) : phrase
}

/** The exact value behind a phrase (9860000元 behind 近千万元), for a tooltip. */
export function exactText(figure: SummaryFigure, locale: string): string {
  if (locale === 'en') return `${englishNumber(figure.value, 2)}${englishUnit(figure.unit, figure.value)}`
  const unit = locale === 'zh-TW' ? traditional(figure.unit) : figure.unit
  return `${Number(figure.value.toFixed(2))}${unit}`
}

/** A difference written short: 3, 1.5万, 2.35亿 (English: 3, 15K, 235M). */
function shortNumber(value: number, locale: string): string {
  const size = Math.abs(value)
  if (locale === 'en') return new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(value)
  const trim = (n: number) => String(Number(n.toFixed(2)))
  const [wan, yi] = locale === 'zh-TW' ? ['萬', '億'] : ['万', '亿']
  if (size >= 1e8) return `${trim(value / 1e8)}${yi}`
  if (size >= 1e4) return `${trim(value / 1e4)}${wan}`
  return trim(value)
}

function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : value < 0 ? `−${text.replace(/^-/, '')}` : text
}

// Figures where less is better (in red when they grow), and those that are neither good nor bad.
const LESS_IS_BETTER = /(^requests\.(open|overdue)$|^land\.rent_overdue$|^pairing\.quotas_failing$)/
const NEITHER = /^(requests\.total|land\.rent_due|people\.total|regions\.groups)$/

export type Translate = (key: string, params?: Record<string, unknown>) => string

const sectionsOf = new WeakMap<FigureIndex, Set<string>>()
/** The sections (chamber, events …) a period's figures have records in. */
function sectionsWithRecords(index: FigureIndex): Set<string> {
  let sections = sectionsOf.get(index)
  if (!sections) {
    sections = new Set([...index.values()].map((f) => f.section))
    sectionsOf.set(index, sections)
  }
  return sections
}

/**
 * The change from the same span a year earlier, below a tile: "比上年同期 +3人（+10.7%）",
 * "+2.1 个百分点" for a rate, 持平, or "上年同期无记录" where that period had
 * records of the same kind but none for this figure. Green where the figure
 * went the good way, red the bad; null while not comparing, or where the
 * ledger had no records at all a year earlier (the page says so once).
 */
export function changeNote(now: SummaryFigure, before: FigureIndex | null, t: Translate, locale: string): FigureNote | null {
  if (!before) return null
  const earlier = before.get(now.code)
  if (!earlier) return sectionsWithRecords(before).has(now.section) ? { text: t('home.change.none'), tone: 'neutral' } : null
  const delta = now.value - earlier.value
  if (Math.abs(delta) < 1e-9) return { text: t('home.change.same'), tone: 'neutral' }
  const tone: FigureNote['tone'] = NEITHER.test(now.code) ? 'neutral' : delta > 0 !== LESS_IS_BETTER.test(now.code) ? 'good' : 'bad'
  if (now.unit === '%') {
    return { text: t('home.change.points', { delta: signed(String(Number(Math.abs(delta).toFixed(1))), delta) }), tone }
  }
  const unit = locale === 'en' ? englishUnit(now.unit, delta) : locale === 'zh-TW' ? traditional(now.unit) : now.unit
  const text = `${signed(shortNumber(Math.abs(delta), locale), delta)}${unit}`
  if (earlier.value > 0) {
    const percent = (delta / earlier.value) * 100
    return { text: t('home.change.deltaPercent', { delta: text, percent: `${signed(String(Number(Math.abs(percent).toFixed(1))), percent)}%` }), tone }
  }
  return { text: t('home.change.delta', { delta: text }), tone }
}

/** What a tile needs besides its code: its label where not the server's name, and when it is red. */
export interface TileSpec {
  code: string
  /** Default: the figure's name as the server gives it. */
  label?: string
  /** In red while above zero (超期, 逾期). */
  alertAboveZero?: boolean
}

/**
 * The tiles of the figures present, in the order given: a figure without
 * records has no tile (never a zero made up); each tile says its change
 * from a year earlier while comparing.
 */
export function figureTiles(figures: HomeFigures, specs: readonly TileSpec[], t: Translate, locale: string): Figure<HomeFigures>[] {
  return specs
    .filter((spec) => figures.now.has(spec.code))
    .map((spec) => {
      const figure = () => figures.now.get(spec.code) as SummaryFigure
      return {
        key: spec.code.replaceAll('.', '-'),
        label: spec.label ?? figure().name,
        value: () => figureText(figure(), locale),
        detail: () => exactText(figure(), locale),
        note: (shown: HomeFigures) => changeNote(figure(), shown.before, t, locale),
        alert: spec.alertAboveZero ? () => figure().value > 0 : undefined,
      }
    })
}

export const PAIRING_LEVELS = [1, 2, 3, 4] as const
export type HomePairingLevel = (typeof PAIRING_LEVELS)[number]

/** A pairing level's figures: null where the figure is absent (targets absent: no coverage rule governs it). */
export interface LevelCoverage {
  level: HomePairingLevel
  pairings: number | null
  targets: number | null
  covered: number | null
  /** Percent. */
  coverage: number | null
}

export function levelCoverage(index: FigureIndex, level: HomePairingLevel): LevelCoverage {
  const value = (name: string) => index.get(`pairing.level${level}.${name}`)?.value ?? null
  return { level, pairings: value('pairings'), targets: value('targets'), covered: value('covered'), coverage: value('coverage') }
}

/** Whether the figures say anything of pairing at all (the user may read it, the region has some). */
export function hasPairing(index: FigureIndex): boolean {
  return codesMatching(index, /^pairing\.level\d\./).length > 0
}

/**
 * The four levels' coverage together, percent: the targets covered over the
 * targets of every level a rule governs; null where no rule governs any.
 */
export function overallCoverage(index: FigureIndex): number | null {
  let targets = 0
  let covered = 0
  for (const level of PAIRING_LEVELS) {
    const figures = levelCoverage(index, level)
    if (figures.targets === null || figures.targets === 0) continue
    targets += figures.targets
    covered += figures.covered ?? 0
  }
  return targets === 0 ? null : Math.round((covered / targets) * 1000) / 10
}

/** The region level a statistical code is of (2 digits a province … 12 a village). */
export function levelOfCode(code: string): 'province' | 'city' | 'county' | 'town' | 'village' | 'group' {
  if (code.length <= 2) return 'province'
  if (code.length <= 4) return 'city'
  if (code.length <= 6) return 'county'
  if (code.length <= 9) return 'town'
  if (code.length <= 12) return 'village'
  return 'group'
}
