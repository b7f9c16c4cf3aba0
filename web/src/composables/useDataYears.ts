import { ref, watch, type Ref } from 'vue'
import { getSummary, listFigureDefinitions } from '@/api/stats'
import type { FigureDefinition, Summary } from '@/api/types'
import { todayIso } from '@/utils/dates'
import { yearPeriod, type Period } from '@/utils/period'

/** How many years before this one the period picker looks for records in. */
export const YEARS_BACK = 6

// What a figure code counts is the same for everyone: read once per page load.
let definitions: Promise<FigureDefinition[]> | null = null
// The years with records of each region, asked once per page load.
const yearsOf = new Map<string, Promise<number[]>>()

/** Forgets what was read (specs start each page afresh; a new record may add a year). */
export function resetDataYears(): void {
  definitions = null
  yearsOf.clear()
}

function figureDefinitions(): Promise<FigureDefinition[]> {
  definitions ??= listFigureDefinitions()
    .then((answer) => answer.figures)
    .catch(() => {
      definitions = null
      return []
    })
  return definitions
}

/**
 * Whether a figure counts records made in the period (events held, visits
 * made, requests raised, rent due) rather than a state on its last day
 * (members, pairings in force, coverage): only those say a year has records.
 */
export function countsThePeriod(code: string, known: ReadonlyMap<string, FigureDefinition>): boolean {
  const definition = known.get(code)
  if (definition) return definition.rollup !== 'latest' && definition.ledger !== 'coverage'
  // A code the definitions do not name (they could not be read): judged by its ledger.
  return /^(events\.|requests\.|income\.|land\.(new_|rent_)|pairing\.contacts$|projects\.kind\.[^.]+\.new$|projects\.indicator\.)/.test(code)
}

/** Whether a year's figures hold any record made in the year. */
export function hasRecords(summary: Pick<Summary, 'figures'>, known: ReadonlyMap<string, FigureDefinition>): boolean {
  return summary.figures.some((f) => countsThePeriod(f.code, known))
}

/**
 * The years, newest first, from this year back YEARS_BACK years, in which the
 * region has records made in the year (one figures request per year; a year
 * that cannot be read counts as without).
 */
export function dataYears(region: string, today: string = todayIso()): Promise<number[]> {
  const key = `${region}|${today.slice(0, 4)}`
  let years = yearsOf.get(key)
  if (!years) {
    const thisYear = Number(today.slice(0, 4))
    const candidates = Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear - i)
    years = figureDefinitions().then(async (list) => {
      const known = new Map(list.map((d) => [d.code, d]))
      const found = await Promise.all(
        candidates.map((year) =>
          getSummary({ region, ...yearPeriod(year) })
            .then((summary) => hasRecords(summary, known))
            .catch(() => false),
        ),
      )
      return candidates.filter((_, i) => found[i])
    })
    yearsOf.set(key, years)
  }
  return years
}

/**
 * The period shown before the user picks one: this year when it has records,
 * else the latest year that has (the demo's story is 2022; a new year's first
 * days have none yet), else this year all the same. `fellBack` is the year
 * shown in place of this one, or null.
 */
export function defaultPeriod(years: readonly number[], today: string = todayIso()): { period: Period; fellBack: number | null } {
  const thisYear = Number(today.slice(0, 4))
  if (years.length === 0 || years.includes(thisYear)) return { period: yearPeriod(thisYear), fellBack: null }
  const latest = Math.max(...years)
  return { period: yearPeriod(latest), fellBack: latest }
}

/**
 * The years with records of the region shown (for the period picker) and the
 * period to show until the user picks one; read again when the region changes.
 */
export function useDataYears(region: () => string) {
  const years: Ref<number[]> = ref([])
  const fallback = ref<{ period: Period; fellBack: number | null } | null>(null)
  let ticket = 0
  watch(
    region,
    async (code) => {
      const mine = ++ticket
      years.value = []
      fallback.value = null
      if (!code) return
      const found = await dataYears(code)
      if (mine !== ticket) return
      years.value = found
      fallback.value = defaultPeriod(found)
    },
    { immediate: true },
  )
  return { years, fallback }
}
