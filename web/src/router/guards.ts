import type { LocationQueryValue, RouteLocationRaw, Router } from 'vue-router'
import { configureClient } from '@/api/client'
import { useSessionStore } from '@/stores/session'

/** A redirect target from the query, accepted only when it stays on this site. */
export function safeRedirect(value: LocationQueryValue | LocationQueryValue[] | undefined): string | null {
  const target = Array.isArray(value) ? value[0] : value
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return null
  if (target.startsWith('/login')) return null
  return target
}

function loginLocation(fullPath: string, expired = false): RouteLocationRaw {
  const query: Record<string, string> = {}
  if (fullPath !== '/') query.redirect = fullPath
  if (expired) query.expired = '1'
  return { name: 'login', query }
}

/**
 * Signed-out users go to the login page (and come back after), users without a
 * page's permission see the 403 page, and a session that ends mid-work sends
 * the user to log in again.
 */
export function installGuards(router: Router): void {
  router.beforeEach(async (to) => {
    const session = useSessionStore()
    if (!session.restored) {
      try {
        await session.restore()
      } catch {
        // The server could not be asked. Public pages still work; others explain.
        if (!to.meta.public) return { name: 'error', query: { from: to.fullPath } }
      }
    }

    if (to.meta.public) {
      if (to.name === 'login' && session.isAuthenticated) {
        return safeRedirect(to.query.redirect) ?? { name: 'home' }
      }
      return true
    }
    if (!session.isAuthenticated) return loginLocation(to.fullPath)

    const permission = to.meta.permission
    if (permission && !session.can(permission)) {
      return { name: 'forbidden', query: { from: to.fullPath } }
    }
    return true
  })

  configureClient({
    onUnauthorized: () => {
      const session = useSessionStore()
      session.clear()
      const current = router.currentRoute.value
      if (!current.meta.public) void router.replace(loginLocation(current.fullPath, true))
    },
  })

  router.onError((error) => {
    // A page's code could not be loaded (e.g. the server was updated meanwhile).
    console.error(error)
    void router.replace({ name: 'error' })
  })
}
