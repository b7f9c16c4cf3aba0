import { onBeforeUnmount, ref, shallowRef } from 'vue'
import { briefHtml, type BriefQuery } from '@/api/briefs'

/**
 * The brief's HTML for the preview, generated again for each region and
 * period: a generation still running when another is asked for is cancelled,
 * and its answer never shown.
 */
export function useBriefPreview() {
  const html = shallowRef<string | null>(null)
  const generating = ref(false)
  const error = shallowRef<unknown>(null)
  let running: AbortController | null = null

  async function generate(query: BriefQuery) {
    running?.abort()
    const mine = new AbortController()
    running = mine
    generating.value = true
    error.value = null
    try {
      const page = await briefHtml(query, mine.signal)
      if (running === mine) html.value = page
    } catch (e) {
      if (running !== mine || (e instanceof DOMException && e.name === 'AbortError')) return
      error.value = e
      html.value = null
    } finally {
      if (running === mine) {
        generating.value = false
        running = null
      }
    }
  }

  /** Forgets the preview (no region chosen). */
  function clear() {
    running?.abort()
    running = null
    generating.value = false
    error.value = null
    html.value = null
  }

  onBeforeUnmount(() => running?.abort())
  return { html, generating, error, generate, clear }
}
