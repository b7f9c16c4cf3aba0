import { describe, expect, it, vi } from 'vitest'
import { ApiError, configureClient, http } from './client'
import { configureClientPerTest } from '@/test-support/client'
import { apiError, emptyPage, json, stubFetch } from '@/test-support/fetch'

describe('API client', () => {
  const onUnauthorized = configureClientPerTest('zh-CN')

  it('marks every state-changing request with X-Requested-With and never a GET', async () => {
    const sent = stubFetch(() => json(200, {}))
    await http.get('/regions')
    await http.post('/users', { username: 'li' })
    await http.patch('/users/3', { disabled: true })
    await http.delete('/session')

    expect(sent.map((r) => [r.method, r.headers['x-requested-with'] ?? null])).toEqual([
      ['GET', null],
      ['POST', 'shuanglun'],
      ['PATCH', 'shuanglun'],
      ['DELETE', 'shuanglun'],
    ])
  })

  it('sends the session cookie, JSON bodies and query parameters under /api/v1', async () => {
    const sent = stubFetch(emptyPage)
    await http.get('/regions', { q: '朋佳', page: 2, parent: undefined, region: '' })
    await http.post('/session', { username: 'nanshi', password: 'shuanglun' })

    expect(sent[0].url).toBe('/api/v1/regions?q=%E6%9C%8B%E4%BD%B3&page=2')
    expect(sent[0].credentials).toBe('same-origin')
    expect(sent[1].headers['content-type']).toBe('application/json')
    expect(sent[1].body).toEqual({ username: 'nanshi', password: 'shuanglun' })
  })

  it('asks for messages in the current interface language', async () => {
    const sent = stubFetch(() => json(200, {}))
    let language = 'zh-CN'
    configureClient({ language: () => language })
    await http.get('/session')
    language = 'en'
    await http.get('/session')
    language = 'zh-TW'
    await http.post('/users', {})

    expect(sent.map((r) => r.headers['accept-language'])).toEqual(['zh-CN', 'en', 'zh-TW'])
  })

  it('turns an error body into an ApiError with status, code, message and field messages', async () => {
    stubFetch(() =>
      apiError(422, 'invalid', '提交的内容有误，请检查标出的字段', {
        username: '用户名已被使用',
        password: '密码至少 10 个字符',
      }),
    )
    const error = await http.post('/users', {}).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      status: 422,
      code: 'invalid',
      message: '提交的内容有误，请检查标出的字段',
      fields: { username: '用户名已被使用', password: '密码至少 10 个字符' },
    })
  })

  it('keeps Retry-After of a throttled login', async () => {
    stubFetch(() =>
      json(429, { error: { code: 'too_many_attempts', message: '尝试次数过多，请 60 秒后再试' } }, { 'Retry-After': '60' }),
    )
    const error = (await http.post('/session', {}, { expectUnauthenticated: true }).catch((e) => e)) as ApiError
    expect(error.status).toBe(429)
    expect(error.message).toBe('尝试次数过多，请 60 秒后再试')
    expect(error.retryAfter).toBe(60)
    expect(error.fields).toEqual({})
  })

  it('reports errors without a JSON body and unreachable servers by status', async () => {
    stubFetch(() => new Response('<html>Bad Gateway</html>', { status: 502 }))
    await expect(http.get('/regions')).rejects.toMatchObject({ status: 502, code: 'http_502', message: '' })

    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')))
    await expect(http.get('/regions')).rejects.toMatchObject({ status: 0, code: 'network' })
  })

  it('answers undefined for 204 No Content', async () => {
    stubFetch(() => new Response(null, { status: 204 }))
    await expect(http.delete('/session')).resolves.toBeUndefined()
  })

  it('reports an ended session once, but not a wrong password or the session probe', async () => {
    stubFetch((r) =>
      r.url.endsWith('/session') && r.method === 'POST'
        ? apiError(401, 'bad_credentials', '用户名或密码错误')
        : apiError(401, 'unauthenticated', '请先登录'),
    )

    await expect(http.get('/regions')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' })
    expect(onUnauthorized).toHaveBeenCalledTimes(1)

    await expect(http.post('/session', {}, { expectUnauthenticated: true })).rejects.toMatchObject({
      code: 'bad_credentials',
    })
    await expect(http.get('/session', undefined, { expectUnauthenticated: true })).rejects.toBeInstanceOf(ApiError)
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
  })
})
