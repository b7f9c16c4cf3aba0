import { ref, shallowRef } from 'vue'

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
