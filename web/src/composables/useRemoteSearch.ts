import { ref, shallowRef, type Ref } from 'vue'

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
  const loading = ref(false)
  let latest = 0
  let searchedOnce = false

  async function run(text: string) {
    const ticket = ++latest
    loading.value = true
    try {
      const found = await search(text)
      if (ticket !== latest) return
      const keep = chosen()
      options.value = keep && !found.some((o) => same(o, keep)) ? [keep, ...found] : found
      searchedOnce = true
    } catch {
      if (ticket === latest) options.value = []
    } finally {
      if (ticket === latest) loading.value = false
    }
  }

  /** For the select's visible-change: the first opening searches with no text. */
  function onVisible(open: boolean) {
    if (open && !searchedOnce) void run('')
  }

  /** Starts over with these options (a new scope): answers still on their way are dropped. */
  function reset(initial: T[]) {
    latest++
    loading.value = false
    options.value = initial
    searchedOnce = false
  }

  return { options, loading, run, onVisible, reset }
}
