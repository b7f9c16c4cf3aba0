import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError } from '@/api/client'
import { createSession, deleteSession, fetchSession } from '@/api/session'
import type { User } from '@/api/types'

/** Who is signed in and what they may do; the server's session cookie is the truth. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  /** Whether the server has been asked about the session since the page loaded. */
  const restored = ref(false)
  let restoring: Promise<void> | null = null

  const isAuthenticated = computed(() => user.value !== null)
  const permissions = computed(() => new Set(user.value?.permissions ?? []))

  function can(permission: string): boolean {
    return permissions.value.has(permission)
  }

  /** Asks the server once whether a session cookie is still valid. */
  function restore(): Promise<void> {
    if (restored.value) return Promise.resolve()
    restoring ??= fetchSession()
      .then((current) => {
        user.value = current
        restored.value = true
      })
      .finally(() => {
        restoring = null
      })
    return restoring
  }

  async function login(username: string, password: string): Promise<User> {
    const signedIn = await createSession(username, password)
    user.value = signedIn
    restored.value = true
    return signedIn
  }

  /** Ends the session; one that had already expired counts as ended. */
  async function logout(): Promise<void> {
    try {
      await deleteSession()
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error
    } finally {
      clear()
    }
  }

  /** Forgets the user locally (the server already ended the session). */
  function clear(): void {
    user.value = null
    restored.value = true
  }

  return { user, restored, isAuthenticated, permissions, can, restore, login, logout, clear }
})
