import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessageBox } from 'element-plus'
import { isApiError } from '@/api/client'
import { deleteContact } from '@/api/pairing'
import type { Contact } from '@/api/types'
import { useConfirmDelete } from '@/composables/useConfirmDelete'
import { useSessionStore } from '@/stores/session'

/** The server wants a reason: the visit was logged longer ago than `contact_edit_days`. */
function reasonWanted(error: unknown): string | null {
  return isApiError(error) && error.status === 422 && 'reason' in error.fields ? error.fields.reason || '' : null
}

/**
 * Changing or deleting a visit, asking why when the server wants a reason: the
 * change is tried as it is; on 422 `reason` a small dialog (with the server's
 * words) asks for one and the change is sent again with it. Cancelling leaves
 * the server's refusal to be shown as any other; other refusals (403
 * `contact_not_own`) pass through untouched.
 */
function useWithReason() {
  const { t } = useI18n()

  return async function withReason<T>(change: (reason?: string) => Promise<T>): Promise<T> {
    try {
      return await change()
    } catch (error) {
      const wanted = reasonWanted(error)
      if (wanted === null) throw error
      let reason: string
      try {
        const answer = await ElMessageBox.prompt(wanted || t('contactReason.intro'), t('contactReason.title'), {
          inputPlaceholder: t('contactReason.label'),
          inputValidator: (value) => (value && value.trim() ? true : t('contactReason.required')),
          confirmButtonText: t('common.confirm'),
          cancelButtonText: t('common.cancel'),
          customClass: 'contact-reason',
        })
        reason = answer.value.trim()
      } catch {
        throw error
      }
      return change(reason)
    }
  }
}

/**
 * What a user may do to the visits listed: whether a visit offers its buttons
 * (one's own, or anyone's in the capture scope for the town office,
 * contacts.manage; the server has the last word) and its deletion, asking a
 * reason when the server wants one. `list` reads the page again.
 */
export function useContactChanges(list: { reload: () => Promise<void> }) {
  const { t } = useI18n()
  const session = useSessionStore()
  const confirmDelete = useConfirmDelete()
  const withReason = useWithReason()
  const canWrite = computed(() => session.can('contacts.write'))

  function mayChange(contact: Contact): boolean {
    const user = session.user
    if (!canWrite.value || !user) return false
    if (user.person_id != null && contact.person.id === user.person_id) return true
    if (!session.can('contacts.manage')) return false
    if (user.all_regions) return true
    const place = contact.target.region?.code
    return !!place && !!user.capture_region && place.startsWith(user.capture_region.code)
  }

  async function remove(contact: Contact) {
    const question = t('contacts.deleteConfirm', { name: contact.target.name, date: contact.occurred_on })
    if (await confirmDelete(question, () => withReason((reason) => deleteContact(contact.id, reason)))) void list.reload()
  }

  return { canWrite, mayChange, remove }
}
