import { useI18n } from 'vue-i18n'
import { knownKindName } from './useEventKinds'
import { useLabels } from './useLabels'
import { useMoney } from './useMoney'

export type RegistryEntity = 'person' | 'organization' | 'enterprise' | 'membership' | 'event' | 'project'

/** A visit's fields in the change log (操作日志), by the labels its form uses. */
export const CONTACT_FIELDS: Record<string, string> = {
  person: 'contacts.person',
  target_kind: 'contacts.targetKind',
  target: 'contacts.target',
  occurred_on: 'contacts.occurredOn',
  kind: 'contacts.kind',
  place: 'contacts.place',
  notes: 'contacts.notes',
  request: 'contacts.request',
  // Rows logged before follow-ups became requests (migration 17).
  follow_up: 'contacts.history.followUp',
  follow_up_due: 'contacts.history.followUpDue',
  follow_up_done_on: 'contacts.history.followUpDone',
  reason: 'contactReason.label',
  delete_reason: 'contactReason.label',
}

/** Field -> i18n key of its label, in the order the forms show them; the history uses both. */
export const HISTORY_FIELDS: Record<RegistryEntity, Record<string, string>> = {
  person: {
    name: 'people.name',
    gender: 'people.gender',
    birth_date: 'people.birthDate',
    phone: 'people.phone',
    id_card_masked: 'people.idCard',
    region: 'people.region',
    tags: 'people.tags',
    party_stage: 'people.partyStage',
    posts: 'people.posts',
    notes: 'people.notes',
    // A post added, changed or removed.
    kind: 'people.postKind',
    title: 'people.postTitle',
    leadership_team: 'people.leadershipTeam',
    valid_from: 'registry.since',
    valid_to: 'registry.until',
  },
  organization: {
    kind: 'organizations.kind',
    name: 'organizations.name',
    region: 'organizations.region',
    parent: 'organizations.parent',
    founded_on: 'organizations.foundedOn',
    members: 'organizations.members',
    // A member added, changed or ended.
    person: 'organizations.person',
    post: 'organizations.memberPost',
    valid_from: 'registry.since',
    valid_to: 'registry.until',
    organization: 'organizations.title',
  },
  enterprise: {
    name: 'enterprises.name',
    uscc: 'enterprises.uscc',
    legal_representative: 'enterprises.legalRepresentative',
    industry: 'enterprises.industry',
    registered_capital_fen: 'enterprises.capital',
    region: 'enterprises.region',
    founded_on: 'enterprises.foundedOn',
  },
  membership: {
    chamber: 'chamber.chamber',
    person: 'chamber.person',
    enterprise: 'chamber.enterprise',
    post: 'chamber.post',
    joined_on: 'chamber.joinedOn',
    left_on: 'chamber.leftOn',
    dues_status: 'chamber.dues',
    party_member: 'chamber.partyMember',
  },
  event: {
    kind: 'events.kind',
    group: 'events.group',
    title: 'events.name',
    region: 'events.region',
    starts_at: 'events.startsAt',
    ends_at: 'events.endsAt',
    place: 'events.place',
    organizers: 'events.organizers',
    partners: 'events.partners',
    agenda: 'events.agenda',
    decisions: 'events.decisions',
    projects: 'events.projects',
    project_ids: 'events.projects',
    enterprises: 'events.enterprises',
    enterprise_ids: 'events.enterprises',
    unregistered_count: 'events.unregistered',
    // A person's attendance recorded, changed or removed.
    person_id: 'events.person',
    person: 'events.person',
    role: 'events.role',
    status: 'events.status',
    source: 'events.source',
  },
  project: {
    kind: 'projects.kind',
    name: 'projects.name',
    region: 'projects.region',
    stage: 'projects.stage',
    stage_on: 'projects.stageOn',
    stages: 'projects.stagesTitle',
    started_on: 'projects.startedOn',
    enterprises: 'projects.enterprises',
    enterprise_ids: 'projects.enterprises',
    description: 'projects.description',
  },
}

/**
 * Readable values for a registry record's history: enumerations by their names,
 * money in 万元, posts and stages as short phrases. Undefined leaves the default.
 */
export function useRegistryHistoryFormat() {
  const labels = useLabels()
  const money = useMoney()
  const { locale } = useI18n()

  const enumOf: Record<RegistryEntity, Record<string, (code: string) => string>> = {
    person: { gender: labels.gender, tags: labels.tag, kind: labels.postKind },
    organization: { kind: labels.organizationKind, post: labels.orgMemberPost },
    enterprise: { industry: labels.industry },
    membership: { post: labels.chamberPost, dues_status: labels.dues },
    event: {
      kind: (code) => knownKindName(code, locale.value),
      group: labels.eventGroup,
      role: labels.attendanceRole,
      status: labels.attendanceStatus,
      source: labels.attendanceSource,
    },
    project: { kind: labels.projectKind, stage: labels.projectStage },
  }

  return (entity: RegistryEntity) =>
    (field: string, value: unknown): string | undefined => {
      const named = enumOf[entity][field]
      if (named && typeof value === 'string') return named(value)
      if (field === 'registered_capital_fen' && typeof value === 'number') return money.exact(value)
      if (field === 'stages' && Array.isArray(value)) {
        return (value as { stage?: string; on?: string }[]).map((step) => [labels.projectStage(step.stage), step.on].filter(Boolean).join(' ')).join(' → ')
      }
      if (field === 'posts' && value && typeof value === 'object' && !Array.isArray(value)) {
        const post = value as { kind?: string; title?: string; valid_from?: string; valid_to?: string | null }
        const name = post.title || (post.kind ? labels.postKind(post.kind) : '')
        const span = [post.valid_from, post.valid_to].filter(Boolean).join(' – ')
        return [name, span].filter(Boolean).join(' ')
      }
      return undefined
    }
}
