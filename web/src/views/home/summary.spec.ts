import { describe, expect, it } from 'vitest'
import { figure, level } from '@/test-support/summary'
import { changeNote, exactText, figureText, figureTiles, indexFigures, levelOfCode, overallCoverage } from './summary'

// The texts of the notes, as the page's i18n gives them in Chinese.
const TEXTS: Record<string, string> = {
  'home.change.none': '上年同期无记录',
  'home.change.same': '与上年同期持平',
  'home.change.points': '比上年同期 {delta} 个百分点',
  'home.change.delta': '比上年同期 {delta}',
  'home.change.deltaPercent': '比上年同期 {delta}（{percent}）',
}
const t = (key: string, params: Record<string, unknown> = {}) => (TEXTS[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]))

describe('a figure as the home page writes it', () => {
  const capital = figure('chamber.registered_capital', 9860000, '近千万元')

  it('states the official’s phrase, in Traditional characters for zh-TW, and the number and unit in English', () => {
    expect(figureText(capital, 'zh-CN')).toBe('近千万元')
    expect(figureText(capital, 'zh-TW')).toBe('近千萬元')
    expect(figureText(figure('events.attendances', 502, '500余人次'), 'zh-TW')).toBe('500餘人次')
    expect(figureText({ ...capital, unit: 'yuan' }, 'en')).toBe('9,860,000 yuan')
    expect(figureText({ ...figure('pairing.level1.coverage', 97.3), unit: '%' }, 'en')).toBe('97.3%')
    expect(figureText({ ...figure('regions.groups', 108), unit: '' }, 'en')).toBe('108')
    expect(figureText({ ...figure('requests.overdue', 1), unit: 'requests' }, 'en')).toBe('1 request')
    expect(figureText({ ...figure('chamber.members', 1), unit: 'people' }, 'en')).toBe('1 person')
    expect(figureText({ ...figure('chamber.members', 0), unit: 'people' }, 'en')).toBe('0 people')
    expect(exactText(capital, 'zh-CN')).toBe('9860000元')
  })

  it('says the change from a year earlier, in the figure’s unit and in percent, green or red as the figure goes', () => {
    const before = indexFigures([figure('chamber.members', 28), figure('requests.overdue', 0), figure('requests.on_time_rate', 89.6), figure('land.rent_received', 30000)])
    expect(changeNote(figure('chamber.members', 31), before, t, 'zh-CN')).toEqual({ text: '比上年同期 +3人（+10.7%）', tone: 'good' })
    expect(changeNote(figure('chamber.members', 28), before, t, 'zh-CN')).toEqual({ text: '与上年同期持平', tone: 'neutral' })
    // More overdue is bad; from zero there is no percentage.
    expect(changeNote(figure('requests.overdue', 2), before, t, 'zh-CN')).toEqual({ text: '比上年同期 +2件', tone: 'bad' })
    expect(changeNote(figure('requests.on_time_rate', 91.7), before, t, 'zh-CN')).toEqual({ text: '比上年同期 +2.1 个百分点', tone: 'good' })
    expect(changeNote(figure('land.rent_received', 40000), before, t, 'zh-CN')?.text).toBe('比上年同期 +1万元（+33.3%）')
    expect(changeNote(figure('land.rent_received', 20000), before, t, 'zh-CN')).toEqual({ text: '比上年同期 −1万元（−33.3%）', tone: 'bad' })
  })

  it('says a figure had no records a year earlier only where its ledger had some, and nothing while not comparing', () => {
    const before = indexFigures([figure('chamber.members', 28)])
    expect(changeNote(figure('chamber.party_members', 13), before, t, 'zh-CN')).toEqual({ text: '上年同期无记录', tone: 'neutral' })
    expect(changeNote(figure('events.count', 33), before, t, 'zh-CN')).toBeNull()
    expect(changeNote(figure('chamber.members', 31), null, t, 'zh-CN')).toBeNull()
  })

  it('tiles only the figures present, in the order asked, red where asked above zero', () => {
    const figures = { now: indexFigures([figure('requests.overdue', 1), figure('requests.total', 40, '40件')]), before: null }
    const tiles = figureTiles(figures, [{ code: 'requests.total', label: '诉求总数' }, { code: 'requests.open' }, { code: 'requests.overdue', alertAboveZero: true }], t, 'zh-CN')
    expect(tiles.map((tile) => [tile.key, tile.label, tile.value(figures), tile.alert?.(figures) ?? false])).toEqual([
      ['requests-total', '诉求总数', '40件', false],
      ['requests-overdue', '逾期未办结', '1件', true],
    ])
  })
})

describe('coverage', () => {
  it('adds up the levels a rule governs; none governed is no coverage at all', () => {
    expect(overallCoverage(indexFigures([...level(1, 31), ...level(2, 18, 9), ...level(3, null)]))).toBe(81.6)
    expect(overallCoverage(indexFigures([...level(1, null), ...level(2, 0)]))).toBeNull()
  })

  it('knows a region’s level by its code', () => {
    expect(['43', '4311', '431127', '431127103', '431127103224', '431127103224001'].map(levelOfCode)).toEqual(['province', 'city', 'county', 'town', 'village', 'group'])
  })
})
