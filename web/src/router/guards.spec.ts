import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory } from 'vue-router'
import { createAppRouter } from '.'
import { http } from '@/api/client'
import { useSessionStore } from '@/stores/session'
import { apiError, json, stubFetch } from '@/test-support/fetch'
import { makeUser } from '@/test-support/users'
import type { User } from '@/api/types'

function serverWith(user: User | null) {
  return stubFetch((r) => {
    if (r.url === '/api/v1/session') {
      return user ? json(200, { user }) : apiError(401, 'unauthenticated', '请先登录')
    }
    return json(200, { items: [], total: 0 })
  })
}

async function open(path: string) {
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  return router
}

describe('route guards', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('sends a signed-out visitor to the login page, remembering where they were going', async () => {
    serverWith(null)
    const router = await open('/users?q=li')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/users?q=li')
  })

  it.each([
    ['opens the home page, whatever the user may open', makeUser(), '/', 'home'],
    ['opens the home page of a user without any ledger', makeUser({ permissions: [] }), '/', 'home'],
    ['shows the 403 page for a page the user has no permission for', makeUser({ permissions: ['regions.read'] }), '/users', 'forbidden'],
    [
      'lets an administrator into user administration',
      makeUser({ username: 'admin', permissions: ['users.admin', 'regions.read', 'audit.read'] }),
      '/users',
      'users',
    ],
    ['shows the 404 page for an unknown address', makeUser(), '/no/such/page', 'not-found'],
    ['does not follow a redirect to another site', makeUser(), '/login?redirect=//evil.example/', 'home'],
    ['opens the briefs to a holder of briefs.read, and not to others', makeUser({ permissions: ['briefs.read'] }), '/briefs', 'briefs'],
    ['keeps the brief templates to the administrator', makeUser({ permissions: ['briefs.read'] }), '/brief-templates', 'forbidden'],
  ])('%s', async (_case, user, path, name) => {
    serverWith(user)
    const router = await open(path)
    expect(router.currentRoute.value.name).toBe(name)
  })

  it('sends a signed-in user away from the login page to where they were going', async () => {
    serverWith(makeUser())
    const router = await open('/login?redirect=/regions%3Fcode%3D431127103')
    expect(router.currentRoute.value.fullPath).toBe('/regions?code=431127103')
  })

  it('explains when the server cannot be reached', async () => {
    stubFetch(() => new Response('bad gateway', { status: 502 }))
    const router = await open('/regions')
    expect(router.currentRoute.value.name).toBe('error')
  })

  it('a session that ends mid-work clears the user and asks to log in again', async () => {
    serverWith(makeUser())
    const router = await open('/regions?code=431127103')
    expect(router.currentRoute.value.name).toBe('regions')

    stubFetch(() => apiError(401, 'unauthenticated', '请先登录'))
    await http.get('/regions').catch(() => {})
    await new Promise((resolve) => setTimeout(resolve))

    expect(useSessionStore().isAuthenticated).toBe(false)
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query).toEqual({ redirect: '/regions?code=431127103', expired: '1' })
  })
})

describe('registry pages', () => {
  beforeEach(() => setActivePinia(createPinia()))

  const registry = ['people.read', 'organizations.read', 'enterprises.read', 'memberships.read']

  it('open for users holding their read permission, detail pages included', async () => {
    serverWith(makeUser({ permissions: ['regions.read', ...registry] }))
    for (const [path, name] of [
      ['/people', 'people'],
      ['/people/12', 'person'],
      ['/organizations', 'organizations'],
      ['/organizations/2', 'organization'],
      ['/enterprises', 'enterprises'],
      ['/enterprises/5', 'enterprise'],
      ['/chamber', 'chamber'],
    ]) {
      const router = await open(path)
      expect(router.currentRoute.value.name, path).toBe(name)
    }
  })

  it('answer 403 without the permission (a village secretary has no enterprises or chamber)', async () => {
    serverWith(makeUser({ username: 'pengjia', permissions: ['regions.read', 'people.read', 'people.write'] }))
    expect((await open('/people')).currentRoute.value.name).toBe('people')
    for (const path of ['/enterprises', '/enterprises/5', '/chamber', '/organizations/2']) {
      expect((await open(path)).currentRoute.value.name, path).toBe('forbidden')
    }
  })
})
