import { useI18n } from 'vue-i18n'
import { ElMessageBox } from 'element-plus'
import { isApiError } from '@/api/client'

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
export function useWithReason() {
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
