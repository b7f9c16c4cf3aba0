import { useI18n } from 'vue-i18n'
import { formatDateTime } from '@/utils/format'

/**
 * Translated names for server codes (roles, region levels, audit actions and the
 * registry's enumerations), and the server's moments in the reader's language. A
 * code this build does not know yet is shown as the server sent it.
 */
export function useLabels() {
  const { t, te, locale } = useI18n()
  const label = (prefix: string, code: string | null | undefined) => {
    if (code === null || code === undefined || code === '') return ''
    const key = `${prefix}.${code}`
    return te(key) ? t(key) : code
  }
  return {
    role: (code: string) => label('roles', code),
    level: (code: string) => label('levels', code),
    /** An audit action: the history's names, then the change log's (解除登录锁定). */
    auditAction: (code: string) => (te(`audit.actions.${code}`) ? t(`audit.actions.${code}`) : label('logs.actions', code)),
    /** A kind of record in the change log (人员, 走访). */
    auditEntity: (code: string) => label('logs.entities', code),
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
    /** "镇领导包保企业家" for 1. */
    pairingLevel: (level: number | string) => label('labels.pairingLevels', String(level)),
    /** "第一级" for 1. */
    levelOrdinal: (level: number | string) => label('labels.levelOrdinals', String(level)),
    /** Who answers at a level: "镇领导". */
    levelSource: (level: number | string) => label('labels.levelSources', String(level)),
    /** What is answered for at a level: "企业家". */
    levelTarget: (level: number | string) => label('labels.levelTargets', String(level)),
    targetKind: (code: string) => label('labels.targetKinds', code),
    /** A quota's source filter: its traits joined ("党员、驻村干部"). */
    sourceFilter: (filter: string) =>
      filter
        .split(' ')
        .filter(Boolean)
        .map((trait) => label('labels.sourceTraits', trait))
        .join(t('common.listSeparator')),
    sourceTrait: (code: string) => label('labels.sourceTraits', code),
    targetTrait: (code: string) => label('labels.targetTraits', code),
    period: (code: string) => label('labels.periods', code),
    contactKind: (code: string) => label('labels.contactKinds', code),
    projectKind: (code: string) => label('labels.projectKinds', code),
    projectStage: (code: string | null | undefined) => label('labels.projectStages', code),
    /** 会议, 培训, 考察, 公益活动 (a kind of event's own name comes from useEventKinds). */
    eventGroup: (code: string) => label('labels.eventGroups', code),
    attendanceRole: (code: string) => label('labels.attendanceRoles', code),
    attendanceStatus: (code: string) => label('labels.attendanceStatuses', code),
    attendanceSource: (code: string) => label('labels.attendanceSources', code),
    /** An age in whole years ("45 岁"); '' when unknown. */
    age: (years: number | null | undefined) => (years === null || years === undefined ? '' : t('people.ageValue', { n: years }, years)),
    /** A moment the server stamped (created, changed), as a date and time in the interface language. */
    dateTime: (iso: string | null | undefined) => formatDateTime(iso, locale.value),
  }
}

export type Labels = ReturnType<typeof useLabels>
