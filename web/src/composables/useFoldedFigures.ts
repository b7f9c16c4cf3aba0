import { ref, watch, type Ref } from 'vue'
import { todayIso } from '@/utils/dates'
import { useLoad } from './useLoad'
import { useNarrowScreen } from './useNarrowScreen'

/**
 * The figures of a folded panel (FiguresPanel) over a year: read when it opens,
 * and again while it is open whenever the region or the year changes; another
 * region's figures are not shown while this one's come. Unless told otherwise
 * the panel is open from the start on a desktop (a phone opens it when wanted)
 * and shows this year.
 */
export function useFoldedFigures<T>(
  /** Reads the figures of the year picked (YYYY). */
  fetch: (year: string) => Promise<T>,
  region: () => string,
  options: { open?: boolean; year?: Ref<string> } = {},
) {
  const open = ref(options.open ?? !useNarrowScreen().value)
  /** The year shown, as the picker keeps it (YYYY). */
  const year = options.year ?? ref(todayIso().slice(0, 4))
  const loaded = useLoad(() => fetch(year.value))
  watch(
    () => [open.value, region(), year.value] as const,
    ([isOpen, shown], before) => {
      if (before && shown !== before[1]) loaded.data.value = null
      if (isOpen) void loaded.load()
    },
    { immediate: true },
  )

  /** Reads the figures again where the panel is open (after the records changed). */
  function refresh() {
    if (open.value) void loaded.load()
  }

  return { ...loaded, open, year, refresh }
}
