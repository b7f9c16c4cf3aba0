import { useI18n } from 'vue-i18n'

/**
 * Translated names for server codes (roles, region levels, audit actions and the
 * registry's enumerations). A code this build does not know yet is shown as the
 * server sent it.
 */
export function useLabels() {
  const { t, te } = useI18n()
  const label = (prefix: string, code: string | null | undefined) => {
    if (code === null || code === undefined || code === '') return ''
    const key = `${prefix}.${code}`
    return te(key) ? t(key) : code
  }
  return {
    role: (code: string) => label('roles', code),
    level: (code: string) => label('levels', code),
    auditAction: (code: string) => label('audit.actions', code),
    gender: (code: string | null | undefined) => label('labels.genders', code),
    tag: (code: string) => label('labels.tags', code),
    postKind: (code: string) => label('labels.postKinds', code),
    partyStage: (code: string | null | undefined) => label('labels.partyStages', code),
    organizationKind: (code: string) => label('labels.organizationKinds', code),
    orgMemberPost: (code: string) => label('labels.orgMemberPosts', code),
    chamberPost: (code: string) => label('labels.chamberPosts', code),
    dues: (code: string) => label('labels.dues', code),
    industry: (code: string) => label('labels.industries', code),
    registryKind: (code: string) => label('labels.registryKinds', code),
  }
}

export type Labels = ReturnType<typeof useLabels>
