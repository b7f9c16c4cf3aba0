import { http } from './client'
import type { Page, PageQuery, User } from './types'

export interface UserCreate {
  username: string
  password: string
  roles: string[]
  display_name?: string
  view_region?: string
  capture_region?: string
  all_regions?: boolean
}

export interface UserPatch {
  display_name?: string
  password?: string
  roles?: string[]
  view_region?: string
  capture_region?: string
  all_regions?: boolean
  disabled?: boolean
  /** The version the edit started from; a stale one answers 409. */
  version?: number
}

export function listUsers(query: PageQuery = {}): Promise<Page<User>> {
  return http.get<Page<User>>('/users', { ...query })
}

export function getUser(id: number): Promise<User> {
  return http.get<User>(`/users/${id}`)
}

export function createUser(input: UserCreate): Promise<User> {
  return http.post<User>('/users', input)
}

export function updateUser(id: number, patch: UserPatch): Promise<User> {
  return http.patch<User>(`/users/${id}`, patch)
}
