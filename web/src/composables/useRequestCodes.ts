import { computed, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { listRequestCategories, listRequestStatuses } from '@/api/requests'
import type { RequestCategory, RequestStatus, RequestStatusType } from '@/api/types'

// The categories and statuses of requests are data, the same for everyone and
// rarely changed: read once per page load, shared by every page that names them.
const categories = shallowRef<RequestCategory[]>([])
const statuses = shallowRef<RequestStatus[]>([])
const error = shallowRef<unknown>(null)
let loaded = false
let loading: Promise<void> | null = null

/** Reads the categories and the statuses (again). */
export function reloadRequestCodes(): Promise<void> {
  loading ??= Promise.all([listRequestCategories(), listRequestStatuses()])
    .then(([c, s]) => {
      categories.value = [...c.items].sort((a, b) => a.sort_order - b.sort_order || a.code.localeCompare(b.code))
      statuses.value = [...s.items].sort((a, b) => a.sort_order - b.sort_order || a.code.localeCompare(b.code))
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

/** Forgets what was read (specs start each page afresh). */
export function resetRequestCodes(): void {
  categories.value = []
  statuses.value = []
  error.value = null
  loaded = false
}

/** The statuses built in, in their order, with their types: what the pages know before the server says. */
export const BUILTIN_STATUSES: readonly { code: string; type: RequestStatusType }[] = [
  { code: 'registered', type: 'open' },
  { code: 'accepted', type: 'open' },
  { code: 'in_progress', type: 'open' },
  { code: 'reopened', type: 'open' },
  { code: 'resolved', type: 'closed' },
  { code: 'rated', type: 'closed' },
  { code: 'withdrawn', type: 'closed' },
]

/**
 * The categories (用地, 融资 ...) and statuses (受理, 办理中 ...) of requests,
 * named in the interface language: the server's names, else the built-in
 * ones' own texts while they load, else the code.
 */
export function useRequestCodes() {
  const { t, te, locale } = useI18n()
  if (!loaded) void reloadRequestCodes()

  const byCategory = computed(() => new Map(categories.value.map((c) => [c.code, c])))
  const byStatus = computed(() => new Map(statuses.value.map((s) => [s.code, s])))

  function named(names: Record<string, string> | undefined, key: string, code: string): string {
    const own = names?.[locale.value] || names?.['zh-CN']
    if (own) return own
    return te(key) ? t(key) : code
  }

  /** The statuses in their order (the built-in ones until the server's come). */
  const statusList = computed<{ code: string; type: RequestStatusType }[]>(() =>
    statuses.value.length ? statuses.value.map((s) => ({ code: s.code, type: s.type })) : [...BUILTIN_STATUSES],
  )

  return {
    categories,
    statuses,
    statusList,
    error,
    /** The categories' codes in their order. */
    categoryCodes: computed(() => categories.value.map((c) => c.code)),
    categoryName: (code: string) => named(byCategory.value.get(code)?.names, `requests.categories.${code}`, code),
    statusName: (code: string) => named(byStatus.value.get(code)?.names, `requests.statuses.${code}`, code),
    /** A status's type: the server's, the built-in one's, else open. */
    statusType: (code: string): RequestStatusType =>
      byStatus.value.get(code)?.type ?? BUILTIN_STATUSES.find((s) => s.code === code)?.type ?? 'open',
    reload: reloadRequestCodes,
  }
}
