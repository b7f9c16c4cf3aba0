import { describe, expect, it } from 'vitest'
import { optimalPlan } from '@/test-support/plans'
import { apiError, json, stubFetch } from '@/test-support/fetch'
import { applyAssignmentPlan, createAssignmentPlan, getAssignmentPlan } from './assignment'
import { isApiError } from './client'

describe('assignment plans API module', () => {
  it('makes a plan with the options as the body, reads it back and applies it', async () => {
    const sent = stubFetch((r) => json(r.method === 'POST' && !r.url.endsWith('/apply') ? 201 : 200, optimalPlan()))
    const body = { level: 1 as const, region: '431127103', date: '2031-01-01', keep_weight: 100, load_weight: 10, exclude: [9] }
    const made = await createAssignmentPlan(body)
    await getAssignmentPlan(made.id)
    await applyAssignmentPlan(made.id)
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/v1/assignment-plans',
      'GET /api/v1/assignment-plans/7',
      'POST /api/v1/assignment-plans/7/apply',
    ])
    expect(sent[0].body).toEqual(body)
    expect(sent[2].body).toBeUndefined()
    // Writes carry the CSRF header.
    expect(sent[0].headers['x-requested-with']).toBe('shuanglun')
    expect(sent[2].headers['x-requested-with']).toBe('shuanglun')
    expect(made.changes.moved).toHaveLength(2)
  })

  it('turns a stale plan’s 409 into an ApiError with its code and message', async () => {
    stubFetch(() => apiError(409, 'plan_stale', '方案生成后数据已有变化，请重新生成'))
    const failure = await applyAssignmentPlan(7).catch((e: unknown) => e)
    expect(isApiError(failure) && [failure.status, failure.code, failure.message]).toEqual([
      409,
      'plan_stale',
      '方案生成后数据已有变化，请重新生成',
    ])
  })

  it('gives the option fields’ messages of a 422', async () => {
    stubFetch(() => apiError(422, 'invalid', '提交的内容有误', { max_load: '数值超出范围' }))
    const failure = await createAssignmentPlan({ level: 1, region: '431127103', max_load: -1 }).catch((e: unknown) => e)
    expect(isApiError(failure) && failure.fields).toEqual({ max_load: '数值超出范围' })
  })
})
