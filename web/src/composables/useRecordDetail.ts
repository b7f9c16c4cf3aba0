import { computed, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useI18n } from 'vue-i18n'
import { useConfirmDelete } from './useConfirmDelete'
import { useLoad } from './useLoad'

/**
 * A ledger record's own page: the record named by the address's id, loaded again
 * when the id changes, and what follows a change (the history reloads) or its deletion.
 */
export function useRecordDetail<R extends { id: number }>(options: {
  fetch: (id: number) => Promise<R>
  /** Deletes the record (the page offers 删除 when given). */
  remove?: (id: number) => Promise<unknown>
  /** The list's route name: where 返回列表 goes without history, and where a deletion ends. */
  list: string
}) {
  const route = useRoute()
  const router = useRouter()
  const { t } = useI18n()
  const confirmDelete = useConfirmDelete()

  const id = computed(() => Number(route.params.id))
  const { data: record, loading, error, load: read } = useLoad(options.fetch)
  /** Changes whenever the record did, to reload its history. */
  const historyKey = ref(0)

  async function load() {
    await read(id.value)
  }

  watch(id, () => void load(), { immediate: true })

  /** After a change made beside the record (a post, a member): the record and its history both move on. */
  async function refresh() {
    await load()
    historyKey.value++
  }

  /** After the edit dialog saved: its answer is the record now. */
  function edited(saved: Partial<R>) {
    if (record.value) record.value = { ...record.value, ...saved }
    historyKey.value++
  }

  /** Deletes the record after asking, then shows the list. */
  async function remove(name: string) {
    const current = record.value
    if (!current || !options.remove) return
    const removeRecord = options.remove
    if (await confirmDelete(t('registry.deleteConfirm', { name }), () => removeRecord(current.id))) {
      await router.push({ name: options.list })
    }
  }

  /** 返回列表: back where the user came from, or to the list when the page was opened directly. */
  function goBack() {
    if (window.history.state?.back) router.back()
    else void router.push({ name: options.list })
  }

  return { id, record, loading, error, historyKey, load, refresh, edited, remove, canRemove: !!options.remove, goBack }
}

/** What the detail page's shell (DetailPage) needs of a record's page. */
export type RecordDetail<R extends { id: number }> = ReturnType<typeof useRecordDetail<R>>
