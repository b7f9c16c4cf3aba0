import { reactive, ref, shallowRef } from 'vue'
import { listUsers } from '@/api/users'
import type { User } from '@/api/types'

/** The user list: search text, paging and the rows of the current page. */
export function useUserList() {
  const query = reactive({ q: '', page: 1, pageSize: 20 })
  const items = shallowRef<User[]>([])
  const total = ref(0)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let ticket = 0

  async function reload() {
    const mine = ++ticket
    loading.value = true
    error.value = null
    try {
      const page = await listUsers({
        q: query.q.trim() || undefined,
        page: query.page,
        page_size: query.pageSize,
      })
      if (mine !== ticket) return
      items.value = page.items
      total.value = page.total
    } catch (e) {
      if (mine === ticket) error.value = e
    } finally {
      if (mine === ticket) loading.value = false
    }
  }

  /** Replaces one row after an edit, without reloading the page. */
  function replace(user: User) {
    items.value = items.value.map((u) => (u.id === user.id ? user : u))
  }

  return { query, items, total, loading, error, reload, replace }
}

/** Usernames the server accepts (kept in step with its `username_format` rule). */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/
export const PASSWORD_MIN_LENGTH = 8
