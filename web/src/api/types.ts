// Shapes of the server's JSON, as written in docs/api.md.

/** `{"items": [...], "total": N}`: every list answer. */
export interface Page<T> {
  items: T[]
  total: number
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
  code: string
  name: string
  official_name: string
  level: RegionLevel
  parent: string | null
  has_children: boolean
  path: string
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

export type PostKind = 'town_leader' | 'town_cadre' | 'resident_cadre' | 'village_secretary' | 'village_cadre'
export const POST_KINDS: readonly PostKind[] = [
  'town_leader',
  'town_cadre',
  'resident_cadre',
  'village_secretary',
  'village_cadre',
]

/** The party-membership pipeline, in order; `left` ends it at any step. */
export type PartyStage = 'applicant' | 'activist' | 'candidate' | 'probationary' | 'full'
export const PARTY_STAGES: readonly PartyStage[] = ['applicant', 'activist', 'candidate', 'probationary', 'full']
export type PartyStageOrLeft = PartyStage | 'left'

export type OrganizationKind = 'party_committee' | 'party_branch' | 'chamber' | 'collective'
export const ORGANIZATION_KINDS: readonly OrganizationKind[] = ['party_committee', 'party_branch', 'chamber', 'collective']

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
  birth_date: string | null
  phone: string | null
  id_card_masked: string | null
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

export type RegistryKind = 'people' | 'organizations' | 'enterprises' | 'memberships'

export interface ImportError {
  row: number
  column: string
  message: string
}

export interface ImportResult {
  rows: number
  created: number
  updated: number
  unchanged: number
  errors: ImportError[]
}
