import { http } from './client'
import { ledgerApi } from './ledger'
import type { PageQuery, User } from './types'

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

// Accounts are disabled, never deleted.
export const {
  list: listUsers,
  get: getUser,
  create: createUser,
  update: updateUser,
} = ledgerApi<User, PageQuery, UserCreate, UserPatch>('/users')

/** Forgives the account's failed logins (login throttling); answers the user with failed_logins 0. Audited as `unlock`. */
export const unlockUser = (id: number): Promise<User> => http.post<User>(`/users/${id}/unlock`)
