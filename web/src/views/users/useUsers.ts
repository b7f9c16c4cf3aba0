import { listUsers } from '@/api/users'
import type { User } from '@/api/types'
import { useRecordList } from '@/composables/useRecordList'

/** The user list: search text and paging kept in the address, and the rows of the current page. */
export function useUserList() {
  return useRecordList<User, { q: string }>({ q: '' }, (filters, page, pageSize) => listUsers({ ...filters, page, page_size: pageSize }))
}

/** Usernames the server accepts (kept in step with its `username_format` rule). */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/
export { PASSWORD_MIN_LENGTH } from '@/utils/password'
