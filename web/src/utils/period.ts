// The periods figures are asked for (统计期间): calendar years and months, a
// span of days, and the same span a year earlier (同期) to compare with.

/** A span of days, first and last inclusive (YYYY-MM-DD). */
export interface Period {
  from: string
  to: string
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether a text is a real calendar day written YYYY-MM-DD. */
export function isIsoDay(text: unknown): text is string {
  if (typeof text !== 'string') return false
  const match = DAY.exec(text)
  if (!match) return false
  const [y, m, d] = match.slice(1).map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

export function yearPeriod(year: number): Period {
  return { from: `${year}-01-01`, to: `${year}-12-31` }
}

/** The calendar month a day falls in. */
export function monthPeriod(day: string): Period {
  const [y, m] = day.split('-').map(Number)
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  const month = String(m).padStart(2, '0')
  return { from: `${y}-${month}-01`, to: `${y}-${month}-${String(last).padStart(2, '0')}` }
}

/** A period from an address's `from` and `to`, or null unless both are days in order. */
export function periodFromQuery(from: unknown, to: unknown): Period | null {
  if (!isIsoDay(from) || !isIsoDay(to) || from > to) return null
  return { from, to }
}

/** The year a period covers in full (1 January to 31 December), else null. */
export function fullYearOf(period: Period): number | null {
  const year = Number(period.from.slice(0, 4))
  return period.from === `${year}-01-01` && period.to === `${year}-12-31` ? year : null
}

/** What a period is in a picker's terms: this year, last year, this month, another year, or days of one's own. */
export type PeriodChoice = 'thisYear' | 'lastYear' | 'thisMonth' | `year:${number}` | 'custom'

export function choiceOf(period: Period, today: string): PeriodChoice {
  const thisYear = Number(today.slice(0, 4))
  const year = fullYearOf(period)
  if (year === thisYear) return 'thisYear'
  if (year === thisYear - 1) return 'lastYear'
  if (year !== null) return `year:${year}`
  const month = monthPeriod(today)
  if (period.from === month.from && period.to === month.to) return 'thisMonth'
  return 'custom'
}

/** The period a choice stands for (null for `custom`: the user gives the days). */
export function periodOfChoice(choice: PeriodChoice, today: string): Period | null {
  const thisYear = Number(today.slice(0, 4))
  if (choice === 'thisYear') return yearPeriod(thisYear)
  if (choice === 'lastYear') return yearPeriod(thisYear - 1)
  if (choice === 'thisMonth') return monthPeriod(today)
  if (choice.startsWith('year:')) return yearPeriod(Number(choice.slice(5)))
  return null
}

/** The same day a year earlier; 29 February becomes 28 February. */
export function yearEarlier(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate()
  return `${y - 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`
}

/**
 * The same span a year earlier (上年同期). A period still running today is
 * compared up to the same day of last year: this year so far against last
 * year to the same day, not against all of last year.
 */
export function comparisonPeriod(period: Period, today: string): Period {
  const end = period.to > today && today >= period.from ? today : period.to
  return { from: yearEarlier(period.from), to: yearEarlier(end) }
}
