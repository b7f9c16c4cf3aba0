import { ref, shallowRef } from 'vue'

/**
 * Requests of which only the newest counts: an answer that comes late, after
 * another request began, is dropped. The loading state and the failure are the
 * newest request's.
 */
export function useLatest() {
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let ticket = 0

  /**
   * Runs a request. While no later one has begun, its answer goes to `take`, or
   * its failure to `error` and `failed`. Answers whether `take` had the answer.
   */
  async function run<T>(request: () => Promise<T>, take: (answer: T) => void, failed?: () => void): Promise<boolean> {
    const mine = ++ticket
    loading.value = true
    error.value = null
    try {
      const answer = await request()
      if (mine !== ticket) return false
      take(answer)
      return true
    } catch (e) {
      if (mine === ticket) {
        error.value = e
        failed?.()
      }
      return false
    } finally {
      if (mine === ticket) loading.value = false
    }
  }

  /** Drops any answer still on its way, and the failure shown. */
  function drop() {
    ticket++
    loading.value = false
    error.value = null
  }

  return { loading, error, run, drop }
}

/**
 * Something read from the server, with its loading state and failure. Only the
 * latest request's answer counts: one that answers late after another began is dropped.
 */
export function useLoad<T, A extends unknown[] = []>(fetch: (...args: A) => Promise<T>) {
  const data = shallowRef<T | null>(null)
  const { loading, error, run } = useLatest()

  /** Reads it again; answers what came (null on a failure or when a later request overtook this one). */
  async function load(...args: A): Promise<T | null> {
    let taken: T | null = null
    await run(
      () => fetch(...args),
      (answer) => {
        data.value = taken = answer
      },
      () => {
        data.value = null
      },
    )
    return taken
  }

  return { data, loading, error, load }
}
