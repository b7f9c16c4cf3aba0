import { computed, onMounted, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { getRegion, listRootRegions } from '@/api/regions'
import { getSummary } from '@/api/stats'
import type { RegionAncestor, RegionRef, Summary } from '@/api/types'
import { useDataYears } from '@/composables/useDataYears'
import { useLatest } from '@/composables/useLoad'
import { useSessionStore } from '@/stores/session'
import { todayIso } from '@/utils/dates'
import { queryText } from '@/utils/listQuery'
import { comparisonPeriod, periodFromQuery, yearPeriod, type Period } from '@/utils/period'
import { homeLayout, layoutBlocks, usesSummary } from './layouts'
import { indexFigures, levelOfCode, type HomeFigures } from './summary'

/**
 * The home page's state: the region shown (the address's `region`, else the
 * user's own, else the top of an administrator's view), the period (the
 * address's `from` and `to`, else this year or the latest year with
 * records), the layout and its sections, and the figures of the period and
 * of the same span a year earlier while comparing. The address holds what
 * the user picked, so Back leaves a town for its county.
 */
export function useHome() {
  const route = useRoute()
  const router = useRouter()
  const session = useSessionStore()
  const today = todayIso()

  const homeRegion = computed<RegionRef | null>(() => session.user?.view_region ?? null)
  const root = shallowRef<RegionRef | null>(null)
  onMounted(async () => {
    if (homeRegion.value || !session.user?.all_regions) return
    try {
      root.value = (await listRootRegions()).items[0] ?? null
    } catch {
      // Without a region the page still shows the to-do list.
    }
  })
  const ownCode = computed(() => homeRegion.value?.code ?? root.value?.code ?? '')
  const asked = computed(() => queryText(route.query.region))
  const regionCode = computed(() => asked.value || ownCode.value)
  const own = computed(() => !asked.value || asked.value === ownCode.value)
  const level = computed(() => levelOfCode(regionCode.value))

  const layout = computed(() => homeLayout(session.user, level.value, own.value))
  const blocks = computed(() => layoutBlocks(layout.value, own.value, session.can))

  // ---- The period ----
  const { years, fallback } = useDataYears(() => regionCode.value)
  const chosen = computed(() => periodFromQuery(route.query.from, route.query.to))
  // Without a region (a user whose account has none) there are no years to look in: this year.
  const period = computed<Period | null>(() => chosen.value ?? fallback.value?.period ?? (regionCode.value ? null : yearPeriod(Number(today.slice(0, 4)))))
  /** The year shown in place of this one, which has no records (null when this year is shown, or a period was picked). */
  const fellBack = computed(() => (chosen.value ? null : (fallback.value?.fellBack ?? null)))
  function pickPeriod(next: Period) {
    void router.replace({ query: { ...route.query, from: next.from, to: next.to } })
  }
  function showThisYear() {
    pickPeriod(yearPeriod(Number(today.slice(0, 4))))
  }
  /** The day states are taken on: the period's last, or today when sooner. */
  const asOf = computed(() => (period.value ? (period.value.to < today ? period.value.to : today) : today))

  const compare = ref(true)
  const before = computed(() => (period.value ? comparisonPeriod(period.value, today) : null))

  // ---- The figures ----
  const now = shallowRef<Summary | null>(null)
  const earlier = shallowRef<Summary | null>(null)
  const { loading, error, run } = useLatest()
  async function load() {
    const code = regionCode.value
    const shown = period.value
    if (!code || !shown || !usesSummary(layout.value)) {
      now.value = null
      earlier.value = null
      return
    }
    const byChild = layout.value === 'region' ? ('child' as const) : undefined
    const span = before.value
    await run(
      () =>
        Promise.all([
          getSummary({ region: code, ...shown, by: byChild }),
          compare.value && span ? getSummary({ region: code, ...span }).catch(() => null) : Promise.resolve(null),
        ]),
      ([current, previous]) => {
        now.value = current
        earlier.value = previous
      },
      () => {
        now.value = null
        earlier.value = null
      },
    )
  }
  watch(
    () => [regionCode.value, period.value?.from, period.value?.to, compare.value, layout.value],
    (next, previous) => {
      // Another region's figures are not shown while this one's come.
      if (previous && next[0] !== previous[0]) now.value = null
      void load()
    },
    { immediate: true },
  )

  /** Comparing, and the year before had no records at all: there is nothing to compare with (no note on every tile). */
  const nothingBefore = computed(() => compare.value && earlier.value !== null && earlier.value.figures.length === 0)
  const figures = computed<HomeFigures | null>(() =>
    now.value
      ? { now: indexFigures(now.value.figures), before: compare.value && earlier.value && !nothingBefore.value ? indexFigures(earlier.value.figures) : null }
      : null,
  )

  // ---- Where the region sits: its ancestors in the user's view, to go back up ----
  const ancestors = shallowRef<RegionAncestor[]>([])
  const regionName = shallowRef('')
  watch(
    regionCode,
    async (code) => {
      ancestors.value = []
      regionName.value = own.value ? (homeRegion.value?.name ?? root.value?.name ?? '') : ''
      if (!code || own.value) return
      try {
        const region = await getRegion(code)
        if (code !== regionCode.value) return
        regionName.value = region.name
        const scope = ownCode.value
        ancestors.value = region.ancestors.filter((a) => session.user?.all_regions || (scope && a.code.startsWith(scope)))
      } catch {
        // The figures' answer says what is wrong with the region.
      }
    },
    { immediate: true },
  )
  const shownName = computed(() => now.value?.region.name || regionName.value || homeRegion.value?.name || root.value?.name || '')

  /** A region's home, keeping the period picked. */
  function regionLink(code: string) {
    const query: Record<string, string> = {}
    if (code !== ownCode.value) query.region = code
    if (chosen.value) Object.assign(query, chosen.value)
    return { name: 'home', query }
  }

  return {
    session,
    today,
    regionCode,
    own,
    level,
    layout,
    blocks,
    years,
    period,
    fellBack,
    pickPeriod,
    showThisYear,
    asOf,
    compare,
    before,
    now,
    figures,
    nothingBefore,
    loading,
    error,
    ancestors,
    shownName,
    regionLink,
  }
}
