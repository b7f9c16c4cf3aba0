import { computed, onMounted } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Page } from '@/api/types'
import { useRecordList } from '@/composables/useRecordList'
import type { FilterValues } from '@/utils/listQuery'

/**
 * One of the two logs (操作日志 `audit`, 登录日志 `login`): its list, filtered by
 * `defaults`' keys (the server's names; `user`, a username, is the search box
 * and waits for a pause like the other `typed` ones) and read on opening; and
 * what its shell (RecordListPage) is given: `logs.${log}Title`,
 * `logs.${log}Empty`, the search's placeholder and each card's `data-test`.
 */
export function useLogList<T extends { id: number }, F extends FilterValues & { user: string }>(
  log: 'audit' | 'login',
  defaults: F,
  fetch: (query: Record<string, string | number>) => Promise<Page<T>>,
  options: { searchPlaceholder: string; typed?: readonly (keyof F & string)[] },
) {
  const { t } = useI18n()
  const list = useRecordList<T, F>(defaults, (filters, page, pageSize) => fetch({ ...filters, page, page_size: pageSize }), {
    typed: ['user', ...(options.typed ?? [])],
  })
  onMounted(() => void list.reload())

  const shell = computed(() => ({
    list,
    title: t(`logs.${log}Title`),
    test: `${log}-log`,
    searchPlaceholder: t(options.searchPlaceholder),
    emptyText: t(`logs.${log}Empty`),
    cardAttrs: (row: T) => ({ 'data-test': `${log}-${row.id}` }),
  }))

  return { list, filters: list.filters, shell }
}
