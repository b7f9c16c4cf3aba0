import { computed, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'

/** A dialog opened for one record (or for none, to create one): whether it is open, and for what. */
export function useDialog<T>() {
  const open = ref(false)
  const target = shallowRef<T | null>(null)

  function show(record: T | null = null) {
    target.value = record
    open.value = true
  }

  return { open, target, show }
}

/**
 * A dialog asking when a record ended (an EndDateDialog, given `props`): the
 * record it is open for, named in the heading (结束：name, 结束日期 and the
 * registry's hint, unless the page gives its own); the day it began, which the
 * end must follow; and `end`, which ends it on the day chosen under the server's
 * name of the field (`valid_to`, `left_on`).
 */
export function useEndDialog<T>(options: {
  field: string
  name?: (record: T) => string
  start: (record: T) => string | null
  end: (record: T, date: string) => Promise<unknown>
}) {
  const { t } = useI18n()
  const dialog = useDialog<T>()

  async function save(date: string) {
    const record = dialog.target.value
    if (record) await options.end(record, date)
  }

  /** EndDateDialog's props (v-bind). */
  const props = computed(() => {
    const record = dialog.target.value
    return {
      open: dialog.open.value,
      'onUpdate:open': (open: boolean) => (dialog.open.value = open),
      title: t('registry.endTitle', { name: record && options.name ? options.name(record) : '' }),
      label: t('registry.endOn'),
      hint: t('registry.endHint'),
      field: options.field,
      min: record ? options.start(record) : null,
      save,
    }
  })

  return { ...dialog, props }
}
