import { describe, expect, it } from 'vitest'
import { BUILTIN_STATUSES } from '@/composables/useRequestCodes'
import { makeRequest, REQUEST_STATS } from '@/test-support/requests'
import {
  actionInput,
  boardColumns,
  categoryChartOption,
  childrenChartOption,
  emptyActionForm,
  lateFirst,
  ownerText,
  rateText,
  statusTag,
} from './requests'

const late = (id: number, days: number) => makeRequest({ id, overdue: true, days_overdue: days, due_on: '2022-03-01' })
const due = (id: number, day: string | null, status = 'in_progress') => makeRequest({ id, due_on: day, status })

describe('requests in the pages’ terms', () => {
  it('colours each built-in status its own way, others by their type', () => {
    expect(statusTag('resolved', 'closed')).toBe('success')
    expect(statusTag('reopened', 'open')).toBe('danger')
    expect(statusTag('waiting_funds', 'open')).toBe('primary')
    expect(statusTag('archived', 'closed')).toBe('info')
  })

  it('puts late ones first, the longest late first, then by due date (none last)', () => {
    const rows = [due(1, null), due(2, '2022-05-01'), late(3, 2), due(4, '2022-04-01'), late(5, 9)]
    expect(rows.sort(lateFirst).map((r) => r.id)).toEqual([5, 3, 4, 2, 1])
  })

  it('makes a board column per status, in order, each late first; the filter keeps its type or its status', () => {
    const rows = [due(1, '2022-05-01'), late(2, 3), due(3, '2022-04-01', 'registered'), due(4, null, 'rated'), due(5, null, 'parked')]
    rows[4].status_type = 'open'
    const all = boardColumns(rows, BUILTIN_STATUSES)
    expect(all.map((c) => [c.status, c.items.map((r) => r.id)])).toEqual([
      ['registered', [3]],
      ['accepted', []],
      ['in_progress', [2, 1]],
      ['reopened', []],
      ['resolved', []],
      ['rated', [4]],
      ['withdrawn', []],
      // A status the page does not know yet still has its column.
      ['parked', [5]],
    ])
    expect(boardColumns(rows.slice(0, 3), BUILTIN_STATUSES, 'open').map((c) => c.status)).toEqual(['registered', 'accepted', 'in_progress', 'reopened'])
    expect(boardColumns([], BUILTIN_STATUSES, 'closed').map((c) => c.status)).toEqual(['resolved', 'rated', 'withdrawn'])
    expect(boardColumns(rows.slice(0, 2), BUILTIN_STATUSES, 'in_progress').map((c) => c.status)).toEqual(['in_progress'])
  })

  it('names the owner: a person, or the town office', () => {
    const office = (region: string) => `${region}党政办`
    expect(ownerText({ kind: 'person', id: 3, name: '曾进龙' }, office)).toBe('曾进龙')
    expect(ownerText({ kind: 'office', region: { code: '431127103', name: '楠市镇' } }, office)).toBe('楠市镇党政办')
    expect(ownerText(null, office)).toBe('')
  })

  it('sends only what an action takes', () => {
    const form = { ...emptyActionForm(), note: '  请核实用地性质 ', handler_organization: 17, handler_person: 5, rating: 'basic' as const }
    expect(actionInput('forward', form, 3)).toEqual({ action: 'forward', version: 3, note: '请核实用地性质', handler: { organization_id: 17 } })
    expect(actionInput('forward', { ...form, handler_kind: 'person' }, 3)).toEqual({
      action: 'forward',
      version: 3,
      note: '请核实用地性质',
      handler: { person_id: 5 },
    })
    expect(actionInput('rate', { ...form, note: '' }, 6)).toEqual({ action: 'rate', version: 6, rating: 'basic' })
    expect(actionInput('accept', { ...form, note: ' ' }, 1)).toEqual({ action: 'accept', version: 1 })
  })

  it('writes rates as percentages, a dash where there is none', () => {
    expect(rateText(0.9429, 'zh-CN')).toBe('94.3%')
    expect(rateText(1, 'en')).toBe('100%')
    expect(rateText(null, 'zh-CN')).toBe('—')
  })

  it('charts each category’s requests stacked, and the regions’ rates in %', () => {
    const category = categoryChartOption(REQUEST_STATS.by_category.slice(0, 2), {
      category: (c) => ({ land: '用地', labour: '用工' })[c] ?? c,
      resolved: '已办结',
      inTime: '在办',
      overdue: '超期',
    }) as { yAxis: { data: string[] }; series: { name: string; data: number[] }[] }
    // The first category on top.
    expect(category.yAxis.data).toEqual(['用工', '用地'])
    expect(category.series.map((s) => [s.name, s.data])).toEqual([
      ['已办结', [30, 8]],
      ['在办', [1, 1]],
      ['超期', [1, 1]],
    ])
    const children = childrenChartOption(REQUEST_STATS.by_child, { onTime: '按期办结率', satisfied: '满意率' }) as {
      series: { data: (number | null)[] }[]
    }
    expect(children.series.map((s) => s.data)).toEqual([
      [80, null],
      [90, null],
    ])
  })
})
