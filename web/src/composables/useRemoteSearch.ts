import { shallowRef, type Ref } from 'vue'
import { useLatest } from './useLoad'

/**
 * The list of a search-as-you-type select: the latest answer wins (an older
 * one arriving late is dropped), the chosen item stays listed so that its
 * label survives other results, and the first choices load when the list
 * first opens.
 */
export function useRemoteSearch<T>(
  search: (text: string) => Promise<T[]>,
  chosen: () => T | null | undefined,
  same: (a: T, b: T) => boolean,
) {
  const options = shallowRef<T[]>([]) as Ref<T[]>
  const { loading, run: latest, drop } = useLatest()
  let searchedOnce = false

  async function run(text: string) {
    await latest(
      () => search(text),
      (found) => {
        const keep = chosen()
        options.value = keep && !found.some((o) => same(o, keep)) ? [keep, ...found] : found
        searchedOnce = true
      },
      () => (options.value = []),
    )
  }

  /** For the select's visible-change: the first opening searches with no text. */
  function onVisible(open: boolean) {
    if (open && !searchedOnce) void run('')
  }

  /** Starts over with these options (a new scope): answers still on their way are dropped. */
  function reset(initial: T[]) {
    drop()
    options.value = initial
    searchedOnce = false
  }

  return { options, loading, run, onVisible, reset }
}
