import { computed, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { listEventKinds } from '@/api/events'
import { EVENT_GROUPS, type EventGroup, type EventKind } from '@/api/types'

// The kinds are the same for everyone and change rarely: read once per page load, shared.
const kinds = shallowRef<EventKind[]>([])
const error = shallowRef<unknown>(null)
let loaded = false
let loading: Promise<void> | null = null

/** Reads the kinds of event (again, after an administrator changed them). */
export function reloadEventKinds(): Promise<void> {
  loading ??= listEventKinds()
    .then((answer) => {
      kinds.value = answer.items
      error.value = null
      loaded = true
    })
    .catch((e: unknown) => {
      error.value = e
    })
    .finally(() => {
      loading = null
    })
  return loading
}

/** A kind's name in a language: its own, else the Simplified Chinese one, else its code. */
export function kindName(kind: EventKind | undefined, code: string, locale: string): string {
  return kind?.names[locale] || kind?.names['zh-CN'] || code
}

/** A kind's name from the kinds read so far (without reading them): for the change log's values. */
export function knownKindName(code: string, locale: string): string {
  return kindName(kinds.value.find((k) => k.code === code), code, locale)
}

export interface KindGroup {
  group: EventGroup
  kinds: EventKind[]
}

/**
 * The kinds a picker offers, under their groups in the groups' order, each
 * group by sort order; retired kinds only when `retired` (a filter of past
 * events) or when the kind is `keep` (the one an event already has).
 */
export function kindsByGroup(all: readonly EventKind[], options: { retired?: boolean; keep?: string } = {}): KindGroup[] {
  const offered = all.filter((k) => !k.retired || options.retired || k.code === options.keep)
  return EVENT_GROUPS.map((group) => ({
    group,
    kinds: offered.filter((k) => k.group === group).sort((a, b) => a.sort_order - b.sort_order || a.code.localeCompare(b.code)),
  })).filter((g) => g.kinds.length > 0)
}

/** The kinds of event (党委会, 高素质农民培育 ...), named in the interface language. */
export function useEventKinds() {
  const { locale } = useI18n()
  if (!loaded) void reloadEventKinds()
  const byCode = computed(() => new Map(kinds.value.map((k) => [k.code, k])))
  return {
    kinds,
    error,
    /** A kind's name; its code while the kinds load or when it is unknown. */
    name: (code: string) => kindName(byCode.value.get(code), code, locale.value),
    group: (code: string): EventGroup | undefined => byCode.value.get(code)?.group,
    byGroup: (options: { retired?: boolean; keep?: string } = {}) => kindsByGroup(kinds.value, options),
    reload: reloadEventKinds,
  }
}
