import { onBeforeUnmount, ref, type Ref } from 'vue'

/** Phone widths: below this the side menu becomes a drawer and panels stack. */
export const NARROW_MAX_WIDTH = 767

/** True while the viewport is phone-sized; follows rotation and resizing. */
export function useNarrowScreen(maxWidth = NARROW_MAX_WIDTH): Ref<boolean> {
  const query =
    typeof window !== 'undefined' && window.matchMedia
      ? window.matchMedia(`(max-width: ${maxWidth}px)`)
      : null
  const narrow = ref(query?.matches ?? false)
  const update = (event: MediaQueryListEvent) => {
    narrow.value = event.matches
  }
  query?.addEventListener('change', update)
  onBeforeUnmount(() => query?.removeEventListener('change', update))
  return narrow
}
