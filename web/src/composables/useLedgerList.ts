import { computed, onMounted } from 'vue'
import { useI18n } from 'vue-i18n'
import { listEnterprises } from '@/api/enterprises'
import { listOrganizations } from '@/api/organizations'
import { listPeople } from '@/api/people'
import type { Page } from '@/api/types'
import type { RecordPages } from '@/components/recordPages'
import { useSessionStore } from '@/stores/session'
import type { FilterValues } from '@/utils/listQuery'
import { useDialog } from './useDialog'
import { useRecordList } from './useRecordList'

/** The ledgers with a list page and a page for each record: the record's route name, the list's call, the name column. */
const LEDGERS = {
  // Many columns: the name stays in view as the table scrolls.
  people: { record: 'person', list: listPeople, nameWidth: 96, nameFixed: true },
  organizations: { record: 'organization', list: listOrganizations, nameWidth: 200, nameFixed: false },
  enterprises: { record: 'enterprise', list: listEnterprises, nameWidth: 180, nameFixed: false },
} as const

type Ledger = keyof typeof LEDGERS
type LedgerRow<L extends Ledger> = Awaited<ReturnType<(typeof LEDGERS)[L]['list']>>['items'][number]

/**
 * A ledger's list page (people, organizations, enterprises): the list, filtered
 * by `defaults`' keys (their names and values are the server's) and read on
 * opening; whether the user may write the ledger; the record dialog; and what
 * the page's shell (RecordListPage) is given: `${ledger}.title`, the Excel kind, the
 * create button (`${ledger}.create`, `${record}-create`) opening the dialog, the
 * search box (`${ledger}.searchPlaceholder`) and the region filter, and each
 * row's link to its record (`${ledger}.name`) with the edit button opening the dialog.
 */
export function useLedgerList<L extends Ledger, F extends FilterValues & { q: string; region: string }>(ledger: L, defaults: F) {
  const { t } = useI18n()
  const session = useSessionStore()
  const { record, list: fetch, nameWidth, nameFixed } = LEDGERS[ledger]
  const list = useRecordList<LedgerRow<L>, F>(defaults, (filters, page, pageSize) =>
    (fetch as (query: Record<string, string | number>) => Promise<Page<LedgerRow<L>>>)({ ...filters, page, page_size: pageSize }),
  )
  const canWrite = computed(() => session.can(`${ledger}.write`))
  const form = useDialog<LedgerRow<L>>()
  onMounted(() => void list.reload())

  const shell = computed(() => ({
    list,
    title: t(`${ledger}.title`),
    test: ledger,
    excel: ledger,
    canWrite: canWrite.value,
    createLabel: t(`${ledger}.create`),
    createTest: `${record}-create`,
    searchPlaceholder: t(`${ledger}.searchPlaceholder`),
    record: { route: record, nameLabel: t(`${ledger}.name`), nameWidth, nameFixed } satisfies RecordPages,
    search: list.filters.q,
    'onUpdate:search': (q: string | undefined) => (list.filters.q = (q ?? '') as F['q']),
    region: list.filters.region,
    'onUpdate:region': (region: string | undefined) => (list.filters.region = (region ?? '') as F['region']),
    onCreate: () => form.show(),
    onEdit: (row: LedgerRow<L>) => form.show(row),
  }))

  return { list, filters: list.filters, canWrite, form, shell }
}
