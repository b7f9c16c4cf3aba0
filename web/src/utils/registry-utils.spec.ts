import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/client'
import type { Post } from '@/api/types'
import { openPosts, sortPosts } from '@/views/people/people'
import { addDays, ageOn, isoOfPickedDay, todayIso } from './dates'
import { annotatedFilename, safeFilename } from './download'
import { splitFieldErrors } from './forms'
import { filtersFromQuery, pagingFromQuery, queryFromState, serverFilters } from './listQuery'
import { isPartyMember, nextPartyStage } from './partyStage'

describe('list state in the address', () => {
  const defaults = { q: '', region: '', tag: '', sort: 'name' }

  it('reads known filters and paging, ignoring the rest and bad values', () => {
    expect(filtersFromQuery({ q: 'zjl', tag: ['returnee', 'x'], other: 'y' }, defaults)).toEqual({
      q: 'zjl',
      region: '',
      tag: 'returnee',
      sort: 'name',
    })
    expect(pagingFromQuery({ page: '3', size: '50' })).toEqual({ page: 3, pageSize: 50 })
    expect(pagingFromQuery({ page: '-1', size: '1000' })).toEqual({ page: 1, pageSize: 20 })
  })

  it('writes only what differs from the defaults', () => {
    expect(queryFromState({ ...defaults }, defaults, 1, 20)).toEqual({})
    expect(queryFromState({ ...defaults, q: 'zjl', sort: '-updated_at' }, defaults, 2, 50)).toEqual({
      q: 'zjl',
      sort: '-updated_at',
      page: '2',
      size: '50',
    })
  })

  it('sends the server only filters with a value, trimmed', () => {
    expect(serverFilters({ q: '  zjl ', region: '', tag: 'returnee' })).toEqual({ q: 'zjl', tag: 'returnee' })
  })
})

describe('field errors for forms', () => {
  it('puts messages beside the fields the form shows and keeps the rest for above it', () => {
    const error = new ApiError(422, 'invalid', '提交的内容有误', {
      id_card: '校验码不符',
      'party_stage.since': '必填',
      secret: '不应出现',
    })
    expect(splitFieldErrors(error, ['id_card', 'party_stage'])).toEqual({
      fields: { id_card: '校验码不符', party_stage: '必填' },
      unplaced: ['不应出现'],
    })
    expect(splitFieldErrors(new Error('x'), ['name'])).toEqual({ fields: {}, unplaced: [] })
  })
})

describe('party stages', () => {
  it('offers only the next step', () => {
    expect(nextPartyStage(null)).toBe('applicant')
    expect(nextPartyStage('applicant')).toBe('activist')
    expect(nextPartyStage('activist')).toBe('candidate')
    expect(nextPartyStage('candidate')).toBe('probationary')
    expect(nextPartyStage('probationary')).toBe('full')
    expect(nextPartyStage('full')).toBeNull()
    expect(nextPartyStage('left')).toBe('applicant')
  })

  it('counts probationary and full members as party members', () => {
    expect(isPartyMember('full')).toBe(true)
    expect(isPartyMember('probationary')).toBe(true)
    expect(isPartyMember('candidate')).toBe(false)
    expect(isPartyMember(null)).toBe(false)
  })
})

describe('posts', () => {
  const post = (id: number, from: string, to: string | null): Post => ({
    id,
    kind: 'village_cadre',
    region: { code: '431127103224', name: '朋佳村' },
    title: '',
    leadership_team: false,
    valid_from: from,
    valid_to: to,
  })

  it('tells current posts from ended ones and lists current ones first', () => {
    const posts = [post(1, '2015-01-01', '2021-01-01'), post(2, '2021-01-01', null), post(3, '2018-01-01', '2026-11-29')]
    expect(openPosts(posts, '2026-11-29').map((p) => p.id)).toEqual([2])
    expect(openPosts(posts, '2026-11-28').map((p) => p.id)).toEqual([2, 3])
    expect(sortPosts(posts, '2026-11-29').map((p) => p.id)).toEqual([2, 3, 1])
  })
})

describe('dates and file names', () => {
  it('tells today in China and ages in full years', () => {
    expect(todayIso(new Date('2026-11-28T17:00:00Z'))).toBe('2026-11-29') // 01:00 in Beijing
    expect(ageOn('1978-05-02', '2026-05-01')).toBe(47)
    expect(ageOn('1978-05-02', '2026-05-02')).toBe(48)
    expect(ageOn(null)).toBeNull()
    expect(ageOn('2030-01-01', '2026-01-01')).toBeNull()
  })

  it('moves days across month and year ends and reads a picked day as the calendar shows it', () => {
    expect(addDays('2022-03-01', -1)).toBe('2022-02-28')
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29')
    expect(addDays('2022-12-31', 1)).toBe('2023-01-01')
    expect(isoOfPickedDay(new Date(2026, 10, 29))).toBe('2026-11-29')
  })

  it('names downloaded files safely', () => {
    expect(annotatedFilename('人员 2026.csv', '标注错误')).toBe('人员 2026_标注错误.xlsx')
    expect(annotatedFilename('noext', 'errors')).toBe('noext_errors.xlsx')
    expect(safeFilename('a/b:c?.xlsx')).toBe('a_b_c_.xlsx')
    expect(safeFilename('\u0001')).toBe('download')
  })
})
