import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useSessionStore } from './session'
import { apiError, json, stubFetch } from '@/test-support/fetch'
import { makeUser } from '@/test-support/users'

describe('session store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('logging in remembers the user and what they may do', async () => {
    const sent = stubFetch(() => json(200, { user: makeUser() }))
    const session = useSessionStore()

    await session.login('nanshi', 'shuanglun')

    expect(sent[0]).toMatchObject({ method: 'POST', url: '/api/v1/session' })
    expect(sent[0].body).toEqual({ username: 'nanshi', password: 'shuanglun' })
    expect(session.isAuthenticated).toBe(true)
    expect(session.user?.display_name).toBe('楠市镇党政办')
    expect(session.can('regions.read')).toBe(true)
    expect(session.can('users.admin')).toBe(false)
  })

  it('a wrong password leaves the user signed out with the server’s reason', async () => {
    stubFetch(() => apiError(401, 'bad_credentials', '用户名或密码错误'))
    const session = useSessionStore()

    await expect(session.login('nanshi', 'wrong')).rejects.toMatchObject({ message: '用户名或密码错误' })
    expect(session.isAuthenticated).toBe(false)
    expect(session.can('regions.read')).toBe(false)
  })

  it('logging out ends the session on the server and forgets the user', async () => {
    const sent = stubFetch((r) => (r.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, { user: makeUser() })))
    const session = useSessionStore()
    await session.login('nanshi', 'shuanglun')

    await session.logout()

    expect(sent.at(-1)).toMatchObject({ method: 'DELETE', url: '/api/v1/session' })
    expect(session.user).toBeNull()
    expect(session.can('regions.read')).toBe(false)
  })

  it('logging out of an already expired session just signs out', async () => {
    stubFetch(() => json(200, { user: makeUser() }))
    const session = useSessionStore()
    await session.login('nanshi', 'shuanglun')
    stubFetch(() => apiError(401, 'unauthenticated', '请先登录'))

    await expect(session.logout()).resolves.toBeUndefined()
    expect(session.isAuthenticated).toBe(false)
  })

  it('forgets the user even when the server cannot be reached on logout', async () => {
    stubFetch(() => json(200, { user: makeUser() }))
    const session = useSessionStore()
    await session.login('nanshi', 'shuanglun')
    stubFetch(() => {
      throw new TypeError('Failed to fetch')
    })

    await expect(session.logout()).rejects.toMatchObject({ code: 'network' })
    expect(session.isAuthenticated).toBe(false)
  })

  it('restores a session from the cookie once per page load', async () => {
    const sent = stubFetch(() => json(200, { user: makeUser({ permissions: ['users.admin'] }) }))
    const session = useSessionStore()

    await Promise.all([session.restore(), session.restore()])
    await session.restore()

    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ method: 'GET', url: '/api/v1/session' })
    expect(session.can('users.admin')).toBe(true)
  })

  it('treats 401 on restore as signed out, not as an error', async () => {
    stubFetch(() => apiError(401, 'unauthenticated', '请先登录'))
    const session = useSessionStore()

    await session.restore()

    expect(session.restored).toBe(true)
    expect(session.isAuthenticated).toBe(false)
  })
})
