import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import { errorMessage } from './useErrorMessage'

/**
 * Deleting something after asking: the question, the deletion, then 已删除 or
 * the server's reason. Answers whether it was deleted, for what follows.
 */
export function useConfirmDelete() {
  const { t } = useI18n()

  return async (question: string, remove: () => Promise<unknown>): Promise<boolean> => {
    try {
      await ElMessageBox.confirm(question, t('registry.deleteTitle'), {
        type: 'warning',
        confirmButtonText: t('common.delete'),
        cancelButtonText: t('common.cancel'),
      })
    } catch {
      return false
    }
    try {
      await remove()
      ElMessage.success(t('registry.deleted'))
      return true
    } catch (e) {
      ElMessage.error(errorMessage(e))
      return false
    }
  }
}
