import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { User } from '@/api/types'
import { useSessionStore } from '@/stores/session'

/** A user as the server describes one (docs/api.md), with overrides. */
export function makeUser(overrides: Partial<User> = {}): User {
  return {
    id: 3,
    username: 'nanshi',
    display_name: '楠市镇党政办',
    roles: ['town_office'],
    permissions: ['audit.read', 'regions.read'],
    view_region: { code: '431127103', name: '楠市镇' },
    capture_region: { code: '431127103', name: '楠市镇' },
    all_regions: false,
    disabled: false,
    demo_password: true,
    created_at: '2026-11-29T02:00:00Z',
    updated_at: '2026-11-29T02:00:00Z',
    version: 1,
    ...overrides,
  }
}

/**
 * A fresh Pinia made the active one, with a user (makeUser with `overrides`)
 * signed in: for a mount's `global.plugins`.
 */
export function signedIn(overrides: Partial<User> = {}): Pinia {
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().user = makeUser(overrides)
  return pinia
}
