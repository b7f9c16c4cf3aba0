import { ApiError, http } from './client'
import type { User } from './types'

interface SessionAnswer {
  user: User
}

/** Signs in; the server sets the session cookie. Rejects with 401 `bad_credentials` or 429. */
export async function createSession(username: string, password: string): Promise<User> {
  const answer = await http.post<SessionAnswer>(
    '/session',
    { username, password },
    { expectUnauthenticated: true },
  )
  return answer.user
}

/** The signed-in user, or null when there is no session. */
export async function fetchSession(): Promise<User | null> {
  try {
    const answer = await http.get<SessionAnswer>('/session', undefined, {
      expectUnauthenticated: true,
    })
    return answer.user
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null
    throw error
  }
}

/** Signs out and clears the cookie. */
export async function deleteSession(): Promise<void> {
  await http.delete<void>('/session', { expectUnauthenticated: true })
}

/**
 * Changes the signed-in user's password (204); the account's other sessions end.
 * Rejects with 422 naming `old_password` (wrong) or `password` (too short, common).
 */
export async function changePassword(oldPassword: string, password: string): Promise<void> {
  await http.put<void>('/session/password', { old_password: oldPassword, password })
}
