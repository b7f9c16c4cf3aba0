import { http } from './client'
import { ledgerApi } from './ledger'
import type {
  Gender,
  Industry,
  PageQuery,
  PartyStage,
  PartyStageOrLeft,
  Person,
  PersonDetail,
  PersonTag,
  Post,
  PostKind,
} from './types'

export type PeopleSort = 'name' | '-updated_at'

/** Filters of GET /people (and of its export). */
export interface PeopleFilters {
  /** Name in characters, full pinyin or initials. */
  q?: string
  /** A region code: that region and everything below it. */
  region?: string
  tag?: PersonTag | ''
  /** A post kind held on `date`. */
  post?: PostKind | ''
  /** The party stage on `date`. */
  party_stage?: PartyStage | ''
  /** The day tag, post and party stage are held on (default today). */
  date?: string
  /** 'true': only people whose ID number clashes with a record outside the writer's view (people.sensitive). */
  id_conflict?: 'true' | ''
  sort?: PeopleSort
}

export type PeopleQuery = PeopleFilters & PageQuery

export interface PersonCreate {
  name: string
  region: string
  gender?: Gender | null
  birth_date?: string | null
  phone?: string | null
  id_card?: string | null
  notes?: string
  tags?: PersonTag[]
  party_stage?: { stage: PartyStage; since: string }
}

export type PersonPatch = Partial<Omit<PersonCreate, 'party_stage'>> & {
  /** The version the edit started from; a stale one answers 409. */
  version?: number
}

export interface PostCreate {
  kind: PostKind
  region: string
  valid_from: string
  title?: string
  leadership_team?: boolean
  /** The sector the post's department serves (联系行业); null or absent: none. */
  industry?: Industry | null
}

export interface PostPatch {
  valid_to?: string | null
  title?: string
  leadership_team?: boolean
  industry?: Industry | null
}

export interface PartyStageStep {
  stage: PartyStageOrLeft
  since: string
  /** The party organization (id) that took the step. */
  organization?: number
}

export const {
  list: listPeople,
  get: getPerson,
  create: createPerson,
  update: updatePerson,
  remove: deletePerson,
} = ledgerApi<Person, PeopleQuery, PersonCreate, PersonPatch, PersonDetail>('/people')

export function addPost(personId: number, input: PostCreate): Promise<Post> {
  return http.post<Post>(`/people/${personId}/posts`, input)
}

export function updatePost(id: number, patch: PostPatch): Promise<Post> {
  return http.patch<Post>(`/posts/${id}`, patch)
}

export function deletePost(id: number): Promise<void> {
  return http.delete<void>(`/posts/${id}`)
}

/** Moves a person one step along the party pipeline (or out of it); answers the person. */
export function addPartyStage(personId: number, step: PartyStageStep): Promise<Person> {
  return http.post<Person>(`/people/${personId}/party-stages`, step)
}
