import { isApiError } from '@/api/client'
import { i18n } from '@/i18n'

/**
 * The text to show for a failed call: the server's own message (already in the
 * user's language) when it sent one, else a fallback in the interface language.
 * A plain function (the app has one i18n), so it needs no setup to be used.
 */
export function errorMessage(error: unknown): string {
  const { t } = i18n.global
  if (isApiError(error)) {
    if (error.message) return error.message
    if (error.code === 'network') return t('errors.network')
    return t('errors.unexpected', { status: error.status })
  }
  return t('errors.unexpected', { status: '?' })
}

