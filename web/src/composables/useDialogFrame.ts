import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import { useNarrowScreen } from '@/composables/useNarrowScreen'

/**
 * How the app's dialogs sit, for `v-bind` on ElDialog: `width` on a wide
 * screen, the whole screen on a phone; a stray click beside the dialog does not
 * close it (and lose what was typed); its content is made afresh on each opening.
 */
export function useDialogFrame(width: MaybeRefOrGetter<string>) {
  const narrow = useNarrowScreen()
  const frame = computed(() => ({
    width: narrow.value ? '100%' : toValue(width),
    fullscreen: narrow.value,
    closeOnClickModal: false,
    destroyOnClose: true,
  }))
  return { narrow, frame }
}
