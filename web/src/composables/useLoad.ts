import { ref, shallowRef } from 'vue'

/**
 * Something read from the server, with its loading state and failure. Only the
 * latest request's answer counts: one that answers late after another began is dropped.
 */
export function useLoad<T, A extends unknown[] = []>(fetch: (...args: A) => Promise<T>) {
  const data = shallowRef<T | null>(null)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let ticket = 0

  /** Reads it again; answers what came (null on a failure or when a later request overtook this one). */
  async function load(...args: A): Promise<T | null> {
    const mine = ++ticket
    loading.value = true
    error.value = null
    try {
      const answer = await fetch(...args)
      if (mine !== ticket) return null
      data.value = answer
      return answer
    } catch (e) {
      if (mine === ticket) {
        error.value = e
        data.value = null
      }
      return null
    } finally {
      if (mine === ticket) loading.value = false
    }
  }

  return { data, loading, error, load }
}
