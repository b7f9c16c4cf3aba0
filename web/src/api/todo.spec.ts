import { describe, expect, it } from 'vitest'
import { json, stubFetch } from '@/test-support/fetch'
import { todo, todoCount } from './todo'

describe('to-do API module', () => {
  it('reads the to-do list (of a day, when given) and its count', async () => {
    const sent = stubFetch((r) => json(200, r.url.endsWith('/count') ? { count: 2, late: 1 } : { date: '2022-11-20', items: [] }))
    await todo()
    await todo('2022-11-20')
    expect(await todoCount()).toEqual({ count: 2, late: 1 })
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/todo',
      'GET /api/v1/todo?date=2022-11-20',
      'GET /api/v1/todo/count',
    ])
  })
})
