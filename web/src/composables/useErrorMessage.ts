import { useI18n } from 'vue-i18n'
import { isApiError } from '@/api/client'

/**
 * The text to show for a failed call: the server's own message (already in the
 * user's language) when it sent one, else a translated fallback.
 */
export function useErrorMessage() {
  const { t } = useI18n()
  return (error: unknown): string => {
    if (isApiError(error)) {
      if (error.message) return error.message
      if (error.code === 'network') return t('errors.network')
      return t('errors.unexpected', { status: error.status })
    }
    return t('errors.unexpected', { status: '?' })
  }
}
