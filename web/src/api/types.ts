// Shapes of the server's JSON, as written in docs/api.md.

/** `{"items": [...], "total": N}`: every list answer. */
export interface Page<T> {
  items: T[]
  total: number
  /** A search that matched more than 10,000 rows: `total` is 10,000, a lower bound. */
  total_capped?: boolean
}

export interface PageQuery {
  page?: number
  page_size?: number
  q?: string
}

export type RegionLevel = 'province' | 'city' | 'county' | 'town' | 'village' | 'group'

export const REGION_LEVELS: readonly RegionLevel[] = [
  'province',
  'city',
  'county',
  'town',
  'village',
  'group',
]

/** A region as it appears inside another record. */
export interface RegionRef {
  code: string
  name: string
}

export interface RegionAncestor extends RegionRef {
  level: RegionLevel
}

export interface Region {
  /** The region's number (villagers' groups are changed by code, not by it). */
  id?: number
  code: string
  name: string
  official_name: string
  level: RegionLevel
  parent: string | null
  has_children: boolean
  path: string
  /** The day a villagers' group was retired (停用); null while in use. */
  retired_on?: string | null
}

/** A villagers' group (村民小组) as the village's list gives it. */
export interface VillagerGroup extends Region {
  id: number
  level: 'group'
  retired_on: string | null
}

/** A search hit or a single region: carries its ancestors from the root down. */
export interface RegionWithAncestors extends Region {
  ancestors: RegionAncestor[]
}

export interface User {
  id: number
  username: string
  display_name: string
  roles: string[]
  permissions: string[]
  view_region: RegionRef | null
  capture_region: RegionRef | null
  all_regions: boolean
  disabled: boolean
  demo_password: boolean
  /** The registry person this user is (a leader logging their own visits), when linked. */
  person_id?: number | null
  /** GET /users/{id} only: failed logins in the last 24 h not forgiven (login throttling). */
  failed_logins?: number
  created_at: string
  updated_at: string
  version: number
}

export interface Role {
  role: string
  permissions: string[]
}

export interface AuditEntry {
  id: number
  at: string
  user: { id: number; username: string } | null
  entity: string
  entity_id: number
  action: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

/** One attempt to sign in (登录日志). */
export interface LoginEntry {
  id: number
  at: string
  username: string
  address: string
  ok: boolean
  /** A failure an administrator forgave (解除锁定): it no longer counts towards the lock. */
  forgiven: boolean
}

// ---- Registry (docs/api.md, "Registry") ----

/** Fields every registry record carries. */
export interface Versioned {
  created_at: string
  updated_at: string
  version: number
}

/** A record as it appears inside another one. */
export interface NamedRef {
  id: number
  name: string
}

export type Gender = 'male' | 'female'
export const GENDERS: readonly Gender[] = ['male', 'female']

export type PersonTag = 'wealth_creator' | 'skilled_farmer' | 'returnee' | 'entrepreneur'
export const PERSON_TAGS: readonly PersonTag[] = ['wealth_creator', 'skilled_farmer', 'returnee', 'entrepreneur']

export type PostKind = 'town_leader' | 'town_cadre' | 'resident_cadre' | 'village_secretary' | 'village_cadre' | 'county_cadre'
export const POST_KINDS: readonly PostKind[] = [
  'town_leader',
  'town_cadre',
  'resident_cadre',
  'village_secretary',
  'village_cadre',
  'county_cadre',
]

/** The party-membership pipeline, in order; `left` ends it at any step. */
export type PartyStage = 'applicant' | 'activist' | 'candidate' | 'probationary' | 'full'
export const PARTY_STAGES: readonly PartyStage[] = ['applicant', 'activist', 'candidate', 'probationary', 'full']
export type PartyStageOrLeft = PartyStage | 'left'

/**
 * `external`: a body from outside the township (湖南农业大学, 市军分区), a partner of its events;
 * `government`: an office of the town government (自然资源所), which requests are forwarded to.
 */
export type OrganizationKind = 'party_committee' | 'party_branch' | 'chamber' | 'collective' | 'external' | 'government'
export const ORGANIZATION_KINDS: readonly OrganizationKind[] = [
  'party_committee',
  'party_branch',
  'chamber',
  'collective',
  'external',
  'government',
]

export type OrgMemberPost = 'secretary' | 'deputy_secretary' | 'committee_member' | 'member'
export const ORG_MEMBER_POSTS: readonly OrgMemberPost[] = ['secretary', 'deputy_secretary', 'committee_member', 'member']

export type ChamberPost = 'president' | 'vice_president' | 'director' | 'member'
export const CHAMBER_POSTS: readonly ChamberPost[] = ['president', 'vice_president', 'director', 'member']

export type DuesStatus = 'paid' | 'unpaid' | 'exempt'
export const DUES_STATUSES: readonly DuesStatus[] = ['paid', 'unpaid', 'exempt']

/** GB/T 4754 sections. */
export type Industry =
  | 'agriculture'
  | 'mining'
  | 'manufacturing'
  | 'utilities'
  | 'construction'
  | 'wholesale_retail'
  | 'transport'
  | 'hospitality'
  | 'it'
  | 'finance'
  | 'real_estate'
  | 'leasing_business'
  | 'research'
  | 'environment'
  | 'resident_services'
  | 'education'
  | 'health'
  | 'culture'
  | 'other'
export const INDUSTRIES: readonly Industry[] = [
  'agriculture',
  'mining',
  'manufacturing',
  'utilities',
  'construction',
  'wholesale_retail',
  'transport',
  'hospitality',
  'it',
  'finance',
  'real_estate',
  'leasing_business',
  'research',
  'environment',
  'resident_services',
  'education',
  'health',
  'culture',
  'other',
]

export interface Post {
  id: number
  kind: PostKind
  region: RegionRef
  title: string
  leadership_team: boolean
  /** The sector the holder's department serves (联系行业); null when none is set. */
  industry?: Industry | null
  valid_from: string
  valid_to: string | null
}

export interface PartyStageEntry {
  stage: PartyStageOrLeft
  since: string
  /** On history rows: the day the next step (or leaving) closed this one. */
  valid_to?: string | null
  organization?: NamedRef | null
}

export interface Person extends Versioned {
  id: number
  name: string
  gender: Gender | null
  /** Null without `people.sensitive` (personal data in full), or when unknown. */
  birth_date: string | null
  /** Whole years today, null when unknown; given even when the birth date is withheld. */
  age?: number | null
  /** Masked (`139****5678`) without `people.sensitive`. */
  phone: string | null
  id_card_masked: string | null
  /**
   * Only for `people.sensitive`: the ID number typed is already on file for a
   * person outside the writer's view (docs/api.md "ID cards on file elsewhere").
   */
  id_card_conflict?: boolean
  region: RegionRef
  notes: string
  tags: PersonTag[]
  party_stage: PartyStageEntry | null
  posts: Post[]
}

export interface PersonOrganization {
  id: number
  organization: NamedRef & { kind: OrganizationKind }
  post: OrgMemberPost
  valid_from: string
  valid_to: string | null
}

/** A chamber membership as the person's detail lists it. */
export interface PersonMembership {
  id: number
  chamber: NamedRef
  enterprise: NamedRef | null
  post: ChamberPost
  joined_on: string
  left_on: string | null
  dues_status: DuesStatus
}

/** GET /people/{id}: the person with their history and ties. */
export interface PersonDetail extends Person {
  party_stages: PartyStageEntry[]
  /** Every post, ended ones included (`posts` holds the current ones). */
  post_history?: Post[]
  organizations: PersonOrganization[]
  memberships: PersonMembership[]
  enterprises: (NamedRef & { uscc: string })[]
}

export interface Organization extends Versioned {
  id: number
  kind: OrganizationKind
  name: string
  region: RegionRef
  parent: NamedRef | null
  founded_on: string | null
  members: number
}

export interface OrgMember {
  id: number
  person: NamedRef
  post: OrgMemberPost
  valid_from: string
  valid_to: string | null
}

export interface OrganizationDetail extends Organization {
  member_list?: OrgMember[]
}

export interface Enterprise extends Versioned {
  id: number
  name: string
  uscc: string
  legal_representative: NamedRef | null
  industry: Industry
  registered_capital_fen: number | null
  region: RegionRef
  founded_on: string | null
}

export interface Membership {
  id: number
  chamber: NamedRef
  person: NamedRef
  enterprise: NamedRef | null
  post: ChamberPost
  joined_on: string
  left_on: string | null
  dues_status: DuesStatus
  party_member: boolean
  version: number
  created_at?: string
  updated_at?: string
}

export interface ChamberFigures {
  members: number
  party_members: number
  enterprises: number
  registered_capital_fen: number
}

/** The ledgers that go to and from Excel (templates, imports, exports). */
export type RegistryKind =
  | 'people'
  | 'organizations'
  | 'enterprises'
  | 'memberships'
  | 'pairings'
  | 'events'
  | 'attendance'
  | 'projects'
  | 'indicators'
  | 'land_contracts'
  | 'land_receipts'
  | 'groups'
  | 'requests'

export interface ImportError {
  row: number
  column: string
  message: string
}

/** A column a row changes: its header (in the user's language) and its text before and after. */
export interface ImportFieldChange {
  column: string
  before: string
  after: string
}

/** A row that creates or changes a record: what a dry run will do, or an import did. */
export interface ImportChange {
  /** The row number the spreadsheet shows. */
  row: number
  action: 'create' | 'update'
  /** The record's name. */
  label: string
  /** For an update: the columns it changes. */
  fields: ImportFieldChange[]
}

export interface ImportResult {
  rows: number
  created: number
  updated: number
  unchanged: number
  errors: ImportError[]
  /** The rows that create or change a record, in file order (at most 1000). */
  changes?: ImportChange[]
  /** How many errors the file has; `errors` lists at most 1000 of them. */
  error_count?: number
  dry_run?: boolean
  /** Whether the rows were written (a real import without errors). */
  saved?: boolean
  /**
   * From a background import whose file turned out to have errors after some
   * rows were written: how many of those could not be taken back (changed or
   * removed by someone else meanwhile).
   */
  undo_skipped?: number
}

// ---- Background jobs (/api/v1/jobs) ----

/**
 * queued → running (rows checked, or saved, in chunks) → done; or → undoing
 * (what was written is being taken back: the file had errors, or the server
 * stopped) → done or failed.
 */
export type JobState = 'queued' | 'running' | 'undoing' | 'done' | 'failed'

/** Work the server does in the background (an import of more than 1000 rows); only the caller's own. */
export interface Job<R = unknown> {
  id: number
  /** What kind of work: `import`. */
  kind: string
  /** What it works on: for an import, the registry kind (`people`). */
  subject: string
  file_name: string
  dry_run: boolean
  state: JobState
  rows_done: number
  rows_total: number
  created_at: string
  finished_at: string | null
  /** Why it failed, said in the caller's language. */
  failure: { code: string; message: string } | null
  /** When done: what it did (absent from lists). */
  result?: R
}

export type ImportJob = Job<ImportResult>

/** A 202 answer: the work goes on in the background as this job. */
export interface JobAccepted<R = unknown> {
  job: Job<R>
}

// ---- Pairing system (docs/api.md, "Pairing system (四级包保)") ----

/**
 * 1 镇领导→企业家, 2 驻村干部→村, 3 村干部→村民小组, 4 企业家→项目 (the four
 * levels of the seed), 5 党员→入党积极分子/发展对象 (培养联系人), 6 县直干部→企业 (百名干部联百企).
 */
export type PairingLevel = 1 | 2 | 3 | 4 | 5 | 6
export const PAIRING_LEVELS: readonly PairingLevel[] = [1, 2, 3, 4, 5, 6]
/** The levels the compliance page always shows; the others only when a rule judges targets at them. */
export const CORE_PAIRING_LEVELS: readonly PairingLevel[] = [1, 2, 3, 4]

/** What a pairing or a contact is about. */
export type TargetKind = 'person' | 'organization' | 'enterprise' | 'region' | 'project'
export const CONTACT_TARGET_KINDS: readonly TargetKind[] = ['person', 'organization', 'enterprise', 'region', 'project']

/** A pairing's or a contact's target: its kind, id, name and where it is (null when gone). */
export interface TargetRef {
  kind: TargetKind
  id: number
  name: string
  region: RegionRef | null
}

export interface Pairing {
  id: number
  level: PairingLevel
  source: NamedRef
  target: TargetRef
  valid_from: string
  /** The first day without the pairing; null while it holds. */
  valid_to: string | null
  /** `manual`, `import`, ... */
  origin: string
  created_at?: string
  updated_at?: string
  version: number
}

/** Traits a quota's source filter requires (all of them, space-separated). */
export type SourceTrait =
  | 'leadership_team'
  | 'town_cadre'
  | 'county_cadre'
  | 'resident_cadre'
  | 'village_cadre'
  | 'party_member'
  /** A party member past probation (预备党员 are not). */
  | 'full_party_member'
  | 'entrepreneur'
export const SOURCE_TRAITS: readonly SourceTrait[] = [
  'leadership_team',
  'town_cadre',
  'county_cadre',
  'resident_cadre',
  'village_cadre',
  'party_member',
  'full_party_member',
  'entrepreneur',
]

/**
 * Events attended (present), by group or by built-in kind: a quota on one
 * counts the distinct events the person attended in the period.
 */
export const EVENT_TARGET_TRAITS = [
  'event_meeting',
  'event_training',
  'event_trip',
  'event_activity',
  'event_party_committee',
  'event_chamber_symposium',
  'event_villager_representatives',
  'event_farmer_training',
  'event_party_training',
  'event_welfare_course',
] as const
export type EventTargetTrait = (typeof EVENT_TARGET_TRAITS)[number]

/** The one trait of the contacted target a quota counts, or the events attended. */
export type TargetTrait =
  | 'village_branch'
  | 'wealth_creator'
  | 'activist'
  | 'party_member'
  | 'entrepreneur'
  | 'enterprise'
  | 'village'
  | 'group'
  | 'project'
  | EventTargetTrait
export const TARGET_TRAITS: readonly TargetTrait[] = [
  'village_branch',
  'wealth_creator',
  'activist',
  'party_member',
  'entrepreneur',
  'enterprise',
  'village',
  'group',
  'project',
  ...EVENT_TARGET_TRAITS,
]

export type QuotaPeriod = 'year' | 'quarter' | 'month'
export const QUOTA_PERIODS: readonly QuotaPeriod[] = ['year', 'quarter', 'month']

export interface CoverageRule {
  id: number
  region: RegionRef
  level: PairingLevel
  min_sources: number
  /** null: no maximum. */
  max_sources: number | null
  valid_from: string
  valid_to: string | null
  notes: string
  version: number
}

export interface QuotaRule {
  id: number
  region: RegionRef
  /** Source traits, space-separated, all required ("party_member resident_cadre"). */
  source_filter: string
  target_filter: TargetTrait
  min_contacts: number
  period: QuotaPeriod
  valid_from: string
  valid_to: string | null
  notes: string
  version: number
}

export interface Rules {
  coverage: CoverageRule[]
  quota: QuotaRule[]
}

export type ContactKind = 'visit' | 'call' | 'meeting'

/** A request raised on a visit, as the visit names it. */
export interface ContactRequest {
  id: number
  title: string
  /** A request status's code. */
  status: string
}
export const CONTACT_KINDS: readonly ContactKind[] = ['visit', 'call', 'meeting']

export interface Contact {
  id: number
  person: NamedRef
  target: TargetRef
  occurred_on: string
  kind: ContactKind
  place: string
  notes: string
  /** The requests (诉求) raised on the visit. */
  requests: ContactRequest[]
  created_at?: string
  updated_at?: string
  version: number
}

export type ProjectKind = 'investment' | 'industry' | 'tourism' | 'welfare' | 'infrastructure' | 'other'
export const PROJECT_KINDS: readonly ProjectKind[] = ['investment', 'industry', 'tourism', 'welfare', 'infrastructure', 'other']

export type ProjectStage = 'negotiating' | 'signed' | 'building' | 'producing' | 'terminated'
export const PROJECT_STAGES: readonly ProjectStage[] = ['negotiating', 'signed', 'building', 'producing', 'terminated']

/** One step of a project's stage history. */
export interface ProjectStageStep {
  stage: ProjectStage
  on: string
}

/** A project's latest value of one indicator, actual (实际) or expected (预计). */
export interface ProjectLatestValue {
  indicator: string
  /** A decimal string (money in 分, areas with 2 decimals); never a float. */
  value: string
  from: string
  to: string
  expected: boolean
}

/** A project (项目), docs/api.md "Projects (项目)"; its figures are indicator values. */
export interface Project {
  id: number
  kind: ProjectKind
  name: string
  region: RegionRef
  /** The last step of `stages`; null when there is none. */
  stage: ProjectStage | null
  stage_on?: string | null
  /** The history, oldest first. */
  stages?: ProjectStageStep[]
  description?: string
  /** A level-4 target from this day. */
  started_on: string
  /** The enterprises that own it. */
  enterprises?: NamedRef[]
  /** Per indicator and per `expected`, the value of the latest period. */
  latest?: ProjectLatestValue[]
  created_at?: string
  updated_at?: string
  version: number
}

/** A judged target with too few (uncovered) or too many (over) sources on the day. */
export interface CoverageGap {
  /** Named and placed like a pairing's target. */
  target: TargetRef
  sources: number
  min: number
  max: number | null
}

/**
 * The coverage rule that governs the report's place at a level, and where it
 * is written (a village answers to its county's rule).
 */
export interface GoverningRule {
  id: number
  region: RegionRef
  min: number
  /** null: no maximum. */
  max: number | null
}

export interface LevelCompliance {
  level: PairingLevel
  /** The rule governing the place itself; null when none does (a rule of a place below may still judge targets). */
  rule?: GoverningRule | null
  /** Judged targets (those a coverage rule governs). */
  targets: number
  covered: number
  uncovered: CoverageGap[]
  uncovered_total: number
  over: CoverageGap[]
  over_total: number
}

/** One person's standing against one quota rule in the rule's current period. */
export interface QuotaStatus {
  rule: number
  source_filter: string
  target_filter: TargetTrait
  period: QuotaPeriod
  /** The period's first day. */
  from: string
  person: NamedRef
  /** The person's town (none above town level). */
  town?: RegionRef | null
  required: number
  actual: number
  missing: number
}

/** An open request (诉求) under the region past its due date on the day. */
export interface OverdueRequest {
  /** The request. */
  id: number
  owner: RequestOwner | null
  requester: RequestRequester | null
  /** A request category's code. */
  category: string
  title: string
  raised_on: string
  due_on: string
  /** Working days. */
  days_overdue: number
}

/** A town's tally in a county's (city's, province's) compliance. */
export interface TownCompliance {
  region: RegionRef
  ok: boolean
  /** Uncovered targets + over targets + failing quotas + overdue requests. */
  gaps: number
  levels: { level: PairingLevel; targets: number; covered: number }[]
  over: number
  quotas_failing: number
  overdue: number
}

export interface Compliance {
  region: RegionRef & { level: RegionLevel }
  date: string
  ok: boolean
  levels: LevelCompliance[]
  /** Most missing first. */
  quotas: QuotaStatus[]
  quotas_total: number
  quotas_failing: number
  /** Open requests under the region past their due date. */
  overdue: OverdueRequest[]
  overdue_total: number
  /** County, city or province: every town, the most gaps first. */
  towns?: TownCompliance[]
}

// ---- Automatic pairing (自动分配, docs/api.md "Automatic pairing") ----

/** How far a person is from a target: same village, same town, same county, farther. */
export type PlanDistance = 'village' | 'town' | 'county' | 'farther'

/** The options a plan was made with, as sent and with the server's defaults. */
export interface PlanOptions {
  level: PairingLevel
  region: string
  date: string
  keep_weight: number
  distance_weight: number
  load_weight: number
  /** Level 6: what a cadre whose post serves another industry than the enterprise's costs more. */
  industry_weight: number
  min_load: number
  /** null: no maximum. */
  max_load: number | null
  /** Per person id: overrides of min_load and max_load (max null: no limit). */
  capacities: Record<string, PlanCapacity>
  exclude: number[]
}

export interface PlanCapacity {
  min: number
  max: number | null
}

export interface PlanSource {
  person: NamedRef
  /** false: paired today but no longer eligible, or left out by the plan's options. */
  eligible: boolean
  /** How many targets the person answers for in the plan. */
  load: number
  min: number
  /** null: no limit. */
  max: number | null
}

export interface PlanAssignment {
  target: TargetRef
  source: NamedRef
  /** The pairing this continues; null for a new pair. */
  pairing: number | null
  kept: boolean
}

/**
 * Level 6: whether the cadre's post serves the enterprise's industry; null at
 * other levels or when either side has no industry.
 */
export type PlanIndustry = 'match' | 'mismatch' | null

/** Why a pair was chosen: its distance, whether it exists today, and the next best person. */
export interface PlanExplanation {
  /** The target's id (of `target_kind`). */
  target: number
  target_kind: TargetKind
  /** The person's id. */
  source: number
  distance: PlanDistance
  industry?: PlanIndustry
  kept: boolean
  /** The person's load in the plan. */
  load: number
  cost: number
  alternative: {
    source: NamedRef
    distance: PlanDistance
    industry?: PlanIndustry
    kept: boolean
    load: number
    /** How much more the plan would cost with this person instead. */
    extra: number
  } | null
}

export interface PlanChanges {
  kept: { target: TargetRef; source: NamedRef; pairing: number }[]
  moved: { target: TargetRef; from: NamedRef; to: NamedRef; pairing: number }[]
  new: { target: TargetRef; source: NamedRef }[]
  ended: { target: TargetRef; source: NamedRef; pairing: number }[]
}

/** A set of targets whose eligible people cannot give them what they need. */
export interface PlanShortage {
  targets: { target: TargetRef; demand: number; covered: number }[]
  sources: { person: NamedRef; load: number; max: number | null }[]
  needed: number
  available: number
  shortfall: number
}

export type PlanFix =
  | { kind: 'raise_max'; person: NamedRef; max: number; amount: number }
  | { kind: 'add_source'; target: TargetRef; amount: number }
  | { kind: 'lower_min'; person: NamedRef; min: number; amount: number }

export interface PlanDiagnosis {
  shortages: PlanShortage[]
  /** People whose minimum load cannot be met. */
  below_min: NamedRef[]
  fixes: PlanFix[]
  /** How many places stay uncovered in the best partial plan. */
  uncovered: number
}

export interface AssignmentPlan {
  id: number
  level: PairingLevel
  region: RegionRef
  date: string
  status: 'optimal' | 'infeasible'
  cost: number
  options: PlanOptions
  stats: {
    sources: number
    targets: number
    arcs: number
    components: number
    /** Targets no coverage rule governs (left out of the plan). */
    not_judged: number
    solve_ms: number
  }
  sources: PlanSource[]
  assignments: PlanAssignment[]
  changes: PlanChanges
  explanations: PlanExplanation[]
  /** Only when infeasible. */
  diagnosis?: PlanDiagnosis
  created_at: string
  applied_at: string | null
  /** After apply: how many pairings were ended, moved and added. */
  applied?: { ended: number; moved: number; new: number }
}

// ---- Events (活动, docs/api.md "Events") ----

/** 会议, 培训, 考察, 公益活动: what the kinds of event fall under. */
export type EventGroup = 'meeting' | 'training' | 'trip' | 'activity'
export const EVENT_GROUPS: readonly EventGroup[] = ['meeting', 'training', 'trip', 'activity']

/** A kind of event (党委会, 高素质农民培育): data an administrator keeps, named in each language. */
export interface EventKind {
  id: number
  code: string
  group: EventGroup
  /** By language: `zh-CN`, `zh-TW`, `en`. */
  names: Record<string, string>
  sort_order: number
  builtin: boolean
  /** No longer offered for new events; old ones keep it. */
  retired: boolean
  version: number
}

/** 主持, 主讲, 参加. */
export type AttendanceRole = 'host' | 'speaker' | 'participant'
export const ATTENDANCE_ROLES: readonly AttendanceRole[] = ['host', 'speaker', 'participant']

/** 出席, 缺席, 请假. */
export type AttendanceStatus = 'present' | 'absent' | 'excused'
export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = ['present', 'absent', 'excused']

/** How a row came: 点名 (the organizer's roll call), 扫码签到 (the person's own check-in), 导入. */
export type AttendanceSource = 'roll' | 'check_in' | 'import'

/** An organization as an event names it. */
export interface EventOrganization extends NamedRef {
  kind: OrganizationKind
}

export interface EventRecord extends Versioned {
  id: number
  /** An event kind's code. */
  kind: string
  group: EventGroup
  title: string
  region: RegionRef
  /** A day (`2022-03-10`) or a day and a time (`2022-03-10T09:00`), in China's time. */
  starts_at: string
  ends_at: string | null
  place: string
  organizers: EventOrganization[]
  partners: EventOrganization[]
  /** 议题. */
  agenda: string
  /** 决议. */
  decisions: string
  projects: NamedRef[]
  enterprises: NamedRef[]
  /** People who came but are not in the registry (未登记人数). */
  unregistered_count: number
  /** Registered people by status. */
  attendance: Record<AttendanceStatus, number>
}

/** One person's attendance at an event. */
export interface Attendance {
  person: {
    id: number
    name: string
    /** Absent when the person is outside the reader's view. */
    region?: RegionRef
    /** Whether the reader may open the person's page. */
    in_scope: boolean
  }
  role: AttendanceRole
  status: AttendanceStatus
  source: AttendanceSource
  updated_at: string
}

/** 场次, 人次, 人数 and 未登记人数 of a set of events. */
export interface EventFigures {
  events: number
  /** Present registered people, counted once per event (人次). */
  attendances: number
  /** Different registered people present (人数). */
  people: number
  unregistered: number
}

/** GET /stats/events: a region's events over a period, by group, by kind and (above a town) by town. */
export interface EventStats {
  region: RegionRef & { level: RegionLevel }
  from: string
  to: string
  totals: EventFigures
  groups: (EventFigures & { group: EventGroup })[]
  kinds: (EventFigures & { kind: string; group: EventGroup })[]
  /** Only for a region above town level. */
  towns?: (EventFigures & RegionRef)[]
}

/** A signed check-in code for an event's QR code: the code, when it ends, and the page it opens. */
export interface CheckInCode {
  code: string
  expires_at: string
  /** `/check-in?code=…`, to put after the site's address. */
  path: string
}

/** A person checked in: the event and their status there. */
export interface CheckInResult {
  event: Pick<EventRecord, 'id' | 'title' | 'starts_at'> & Partial<EventRecord>
  status: AttendanceStatus
}

// ---- Requests (诉求, docs/api.md "Requests") ----

/** Who raised a request: an enterprise or a person. */
export interface RequestRequester {
  kind: 'enterprise' | 'person'
  id: number
  name: string
}

/** Who owns a request: a person, or the town office of a town (every user who manages requests there). */
export type RequestOwner = { kind: 'person'; id: number; name: string } | { kind: 'office'; region: RegionRef }

/** An organization or a person the request was forwarded to (转办). */
export interface RequestHandler {
  kind: 'organization' | 'person'
  id: number
  name: string
  added_on: string
  note: string
}

/** 走访, 座谈, 直接反映. */
export type RequestSource = 'visit' | 'meeting' | 'direct'
export const REQUEST_SOURCES: readonly RequestSource[] = ['visit', 'meeting', 'direct']

/** A status's fixed type: still to be done, or done with. */
export type RequestStatusType = 'open' | 'closed'

/** How far up an overdue request has gone. */
export type RequestEscalation = 'none' | 'town' | 'county'

/** What can be done to a request, in the order its page offers them. */
export type RequestAction = 'accept' | 'forward' | 'progress' | 'resolve' | 'rate' | 'reopen' | 'escalate' | 'withdraw'
export const REQUEST_ACTIONS: readonly RequestAction[] = ['accept', 'forward', 'progress', 'resolve', 'rate', 'reopen', 'escalate', 'withdraw']

/** 满意, 基本满意, 不满意. */
export type RequestRating = 'satisfied' | 'basic' | 'unsatisfied'
export const REQUEST_RATINGS: readonly RequestRating[] = ['satisfied', 'basic', 'unsatisfied']

export interface RequestRecord extends Versioned {
  id: number
  region: RegionRef & { path?: string }
  /** Null only for old follow-ups of visits to a village or an organization. */
  requester: RequestRequester | null
  /** A category's code (`land`). */
  category: string
  title: string
  detail: string
  source: RequestSource
  contact_id: number | null
  event_id: number | null
  raised_on: string
  owner: RequestOwner | null
  handlers: RequestHandler[]
  due_on: string | null
  /** A status's code (`in_progress`). */
  status: string
  status_type: RequestStatusType
  /** Open and past `due_on` on the day asked. */
  overdue: boolean
  /** Working days. */
  days_overdue: number
  escalation: RequestEscalation
  resolution: string
  resolved_on: string | null
  rating: RequestRating | null
  rating_comment: string
  rated_on: string | null
  /** How many times it was reopened. */
  reopened: number
  /** What the caller may do now (empty for those who only read); on a single request only, not in lists. */
  actions?: RequestAction[]
}

/** One row of a request's timeline: `create` first, then each action. */
export interface RequestTimelineEntry {
  id: number
  /** `create` or a RequestAction. */
  action: string
  from_status: string | null
  to_status: string | null
  at: string
  actor: { user?: string | number | null; name: string } | null
  note: string
  handler: { kind: 'organization' | 'person'; id: number; name: string } | null
  rating: RequestRating | null
  /** The new due date it set (creation, reopening). */
  due_on: string | null
}

/** GET /requests/{id}: the request and its timeline. */
export interface RequestDetail extends RequestRecord {
  timeline: RequestTimelineEntry[]
}

/** A category of request (用地, 融资 ...): data the administrator keeps, named in each language. */
export interface RequestCategory {
  code: string
  /** By language: `zh-CN`, `zh-TW`, `en`. */
  names: Record<string, string>
  /** Working days to resolve. */
  time_limit_days: number
  /** Working days past due before it goes to the town (0: on the first day). */
  town_after_days: number
  county_after_days: number
  sort_order: number
  builtin: boolean
  version: number
}

/** A request status (data with a fixed type). */
export interface RequestStatus {
  code: string
  names: Record<string, string>
  type: RequestStatusType
  sort_order: number
}

/** A day off (holiday) or a weekend day worked instead (调休, workday). */
export interface Holiday {
  date: string
  kind: 'holiday' | 'workday'
  name: string
}

/** Counts of requests and their rates (null when nothing is counted). */
export interface RequestFigures {
  total: number
  open: number
  overdue: number
  resolved: number
  on_time_rate: number | null
  satisfaction_rate: number | null
}

/** GET /stats/requests: a region's requests raised between two days, by category and by child region. */
export interface RequestStats extends RequestFigures {
  region: RegionRef & { level: RegionLevel }
  from: string
  to: string
  on_time: number
  rated: number
  satisfied: number
  /** Calendar days from raising to resolution; null when none is resolved. */
  median_days_to_resolve: number | null
  by_category: (RequestFigures & { category: string })[]
  /** A town's villages, a county's towns. */
  by_child: (RequestFigures & { region: RegionRef; median_days_to_resolve: number | null })[]
}

// ---- To-do (待办, docs/api.md "To-do") ----

/** What a to-do item is about. */
export type TodoKind = 'request' | 'follow_up' | 'quota' | 'uncovered' | 'rent_overdue' | 'contract_ending'
export const TODO_KINDS: readonly TodoKind[] = ['request', 'follow_up', 'quota', 'uncovered', 'rent_overdue', 'contract_ending']

/** 已超期, 三个工作日内到期, 其他. */
export type TodoSeverity = 'late' | 'soon' | 'normal'
export const TODO_SEVERITIES: readonly TodoSeverity[] = ['late', 'soon', 'normal']

export interface TodoItem {
  kind: TodoKind | string
  /** In the caller's language. */
  title: string
  due: string | null
  severity: TodoSeverity
  /** The page of the interface that deals with it (`/requests/12`). */
  link: string
}

export interface TodoList {
  date: string
  /** Late first, then by due date. */
  items: TodoItem[]
}

export interface TodoCount {
  count: number
  late: number
}

// ---- Figures of any region and period (统计), and the work brief (docs/api.md) ----

/** One figure of a region over a period, as GET /stats/summary states it. */
export interface SummaryFigure {
  /** `chamber.members`, `pairing.level1.coverage`, `events.kind.party_training.count` ... */
  code: string
  /** In the caller's language. */
  name: string
  /** 人, 元, 亩, % ... (in the caller's language; '' for a plain count). */
  unit: string
  /** In the unit: money in 元, area in 亩, rates in percent. */
  value: number
  /** The brief's section it belongs to (chamber, people, pairing, events, projects, land, requests). */
  section: string
  /** The value as officials write it (31人, 近千万元, 200余人次). */
  phrase: string
}

/** The figures of a region over a period; a figure without records (or the caller may not read) is absent. */
export interface Summary {
  region: RegionRef & { level: RegionLevel }
  from: string
  to: string
  /** The day states (members, pairings in force) are taken on: `to`, or today when sooner. */
  as_of: string
  aggregates: { read: number; computed: number }
  figures: SummaryFigure[]
  /** With `by=child`: one per child region the caller sees (a county's towns). */
  children?: { region: RegionRef & { level: RegionLevel }; figures: SummaryFigure[] }[]
}

/** What a figure code stands for (GET /stats/figures). */
export interface FigureDefinition {
  code: string
  name: string
  unit: string
  section: string
  /** The ledger it is counted from (chamber, people, coverage, events ...). */
  ledger: string
  /** `sum` and `distinct` count the period; `latest` is a state on the period's last day. */
  rollup: 'sum' | 'latest' | 'distinct' | string
  /** What it counts, in words. */
  query: string
  /** Stated with 近/余/超过 (an estimate) rather than exactly. */
  approximate: boolean
}

export type BriefFormat = 'docx' | 'html' | 'xlsx'

/** A section of the work brief (or the sentence written for each item of a kind). */
export interface BriefTemplate {
  /** `chamber`, `pairing` ...; `item.industry` for an item template. */
  section: string
  kind: 'section' | 'item'
  position: number
  heading: string
  body: string
  updated_at: string
  version: number
}
