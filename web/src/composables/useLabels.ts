import { useI18n } from 'vue-i18n'

/**
 * Translated names for server codes (roles, region levels, audit actions).
 * A code this build does not know yet is shown as the server sent it.
 */
export function useLabels() {
  const { t, te } = useI18n()
  const label = (prefix: string, code: string) => {
    const key = `${prefix}.${code}`
    return te(key) ? t(key) : code
  }
  return {
    role: (code: string) => label('roles', code),
    level: (code: string) => label('levels', code),
    auditAction: (code: string) => label('audit.actions', code),
  }
}
