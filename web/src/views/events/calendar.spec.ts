import { describe, expect, it } from 'vitest'
import {
  eventDays,
  eventsByDay,
  eventWhen,
  isMonth,
  joinDateTime,
  monthSpan,
  monthWeeks,
  shiftMonth,
  splitDateTime,
} from './calendar'

function event(id: number, starts_at: string, ends_at: string | null = null, title = `活动${id}`) {
  return { id, title, starts_at, ends_at }
}

describe('months', () => {
  it('are told from other text, move across years and span their days', () => {
    expect(['2022-03', '2022-12'].map(isMonth)).toEqual([true, true])
    expect(['2022-13', '2022-3', '', '2022-03-01'].map(isMonth)).toEqual([false, false, false, false])
    expect(shiftMonth('2022-01', -1)).toBe('2021-12')
    expect(shiftMonth('2022-12', 1)).toBe('2023-01')
    expect(shiftMonth('2022-03', 14)).toBe('2023-05')
    expect(monthSpan('2022-02')).toEqual({ from: '2022-02-01', to: '2022-02-28' })
    expect(monthSpan('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' })
    expect(monthSpan('2022-12')).toEqual({ from: '2022-12-01', to: '2022-12-31' })
  })

  it('are laid out in weeks from Monday, the neighbouring days filling the first and last', () => {
    // March 2022 began on a Tuesday and ended on a Thursday.
    const weeks = monthWeeks('2022-03')
    expect(weeks).toHaveLength(5)
    expect(weeks[0]).toEqual(['2022-02-28', '2022-03-01', '2022-03-02', '2022-03-03', '2022-03-04', '2022-03-05', '2022-03-06'])
    expect(weeks[4][0]).toBe('2022-03-28')
    expect(weeks[4][6]).toBe('2022-04-03')
    expect(weeks.every((week) => week.length === 7)).toBe(true)
    // August 2022 began on a Monday.
    expect(monthWeeks('2022-08')[0][0]).toBe('2022-08-01')
  })
})

describe('an event’s days and times', () => {
  it('split and join as the server writes them', () => {
    expect(splitDateTime('2022-03-10T09:00')).toEqual({ date: '2022-03-10', time: '09:00' })
    expect(splitDateTime('2022-03-10')).toEqual({ date: '2022-03-10', time: '' })
    expect(splitDateTime(null)).toEqual({ date: '', time: '' })
    expect(joinDateTime('2022-03-10', '09:00')).toBe('2022-03-10T09:00')
    expect(joinDateTime('2022-03-10', '')).toBe('2022-03-10')
    expect(joinDateTime('', '09:00')).toBe('')
  })

  it('run from the start to a later end', () => {
    expect(eventDays(event(1, '2022-07-12T08:00', '2022-07-15T18:00'))).toEqual(['2022-07-12', '2022-07-13', '2022-07-14', '2022-07-15'])
    expect(eventDays(event(1, '2022-03-10T09:00', '2022-03-10T11:30'))).toEqual(['2022-03-10'])
    expect(eventDays(event(1, '2022-03-10', '2022-03-01'))).toEqual(['2022-03-10'])
    expect(eventDays(event(1, '2022-01-01', '2023-01-01'))).toHaveLength(62)
  })

  it('read as a list says them', () => {
    expect(eventWhen(event(1, '2022-03-10T09:00'))).toBe('2022-03-10 09:00')
    expect(eventWhen(event(1, '2022-03-10T09:00', '2022-03-10T11:30'))).toBe('2022-03-10 09:00–11:30')
    expect(eventWhen(event(1, '2022-03-10', '2022-03-10'))).toBe('2022-03-10')
    expect(eventWhen(event(1, '2022-07-12', '2022-07-15'))).toBe('2022-07-12 – 07-15')
    expect(eventWhen(event(1, '2022-07-12T08:00', '2022-07-15T18:00'))).toBe('2022-07-12 08:00 – 07-15 18:00')
    expect(eventWhen(event(1, '2022-12-30', '2023-01-02'))).toBe('2022-12-30 – 2023-01-02')
  })
})

describe('a month’s events by day', () => {
  it('puts each on its days in the month, the day’s in order of their start', () => {
    const committee = event(1, '2022-03-10T09:00', null, '党委会')
    const symposium = event(2, '2022-03-10T14:30', null, '商会骨干座谈会')
    const allDay = event(3, '2022-03-10', null, '党务培训')
    // A trip from the end of February into March shows on its March days only.
    const trip = event(4, '2022-02-27', '2022-03-02', '考察')
    const april = event(5, '2022-04-01T09:00')
    const days = eventsByDay([april, symposium, committee, trip, allDay], '2022-03')
    expect([...days.keys()]).toEqual(['2022-03-01', '2022-03-02', '2022-03-10'])
    expect(days.get('2022-03-10')?.map((e) => e.title)).toEqual(['党务培训', '党委会', '商会骨干座谈会'])
    expect(days.get('2022-03-01')).toEqual([trip])
    expect(eventsByDay([], '2022-03').size).toBe(0)
  })
})
