import { describe, expect, it } from 'vitest'
import type { Person, Post } from '@/api/types'
import { json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { candidateRegion, countyOf, loadCandidates } from './useBoard'

const LANSHAN = { code: '431127', name: '蓝山县' }
const NANSHI = { code: '431127103', name: '楠市镇' }

function post(kind: Post['kind'], region = LANSHAN, extra: Partial<Post> = {}): Post {
  return { id: 1, kind, region, title: '', leadership_team: false, industry: null, valid_from: '2020-01-01', valid_to: null, ...extra }
}

function person(id: number, name: string, posts: Post[] = [], region = NANSHI): Person {
  return {
    id,
    name,
    gender: null,
    birth_date: null,
    phone: null,
    id_card_masked: null,
    region,
    notes: '',
    tags: [],
    party_stage: null,
    posts,
    created_at: '',
    updated_at: '',
    version: 1,
  }
}

const everything = () => true
const peopleAsked = (sent: SentRequest[]) => sent.filter((r) => r.url.startsWith('/api/v1/people?')).map((r) => r.url)

describe('who could answer at a level', () => {
  it('looks for county cadres (level 6) in the whole county, and keeps those posted on the board’s path', async () => {
    const inCounty = person(1, '雷建国', [post('county_cadre', LANSHAN, { industry: 'agriculture' })])
    const otherCounty = person(2, '唐小兵', [post('county_cadre', { code: '431128', name: '新田县' })], { code: '431128101', name: '龙泉镇' })
    const sent = stubFetch(() => json(200, { items: [inCounty, otherCounty], total: 2 }))

    const found = await loadCandidates(6, '431127103', '2032-01-01', everything)

    expect(peopleAsked(sent)).toEqual(['/api/v1/people?post=county_cadre&region=431127&date=2032-01-01&page_size=200'])
    expect(found).toEqual([{ id: 1, name: '雷建国' }])
  })

  it('offers the full party members of the region as mentors of activists (level 5)', async () => {
    const sent = stubFetch(() => json(200, { items: [person(5, '欧阳红'), person(6, '李德明')], total: 2 }))

    const found = await loadCandidates(5, '431127103', '2033-01-01', everything)

    expect(peopleAsked(sent)).toEqual(['/api/v1/people?party_stage=full&region=431127103&date=2033-01-01&page_size=200'])
    expect(found.map((p) => p.name)).toEqual(['欧阳红', '李德明'])
  })

  it('lists a village cadre who is also the secretary once (level 3), and asks nothing without people.read', async () => {
    const both = person(7, '周德', [post('village_cadre'), post('village_secretary')])
    const sent = stubFetch(() => json(200, { items: [both], total: 1 }))

    expect(await loadCandidates(3, '431127103', '2022-10-20', everything)).toEqual([{ id: 7, name: '周德' }])
    expect(peopleAsked(sent)).toHaveLength(2)

    expect(await loadCandidates(6, '431127103', '2032-01-01', () => false)).toEqual([])
    expect(peopleAsked(sent)).toHaveLength(2)
  })

  it('finds the county of a region by its code', () => {
    expect(countyOf('431127103224')).toBe('431127')
    expect(countyOf('431127')).toBe('431127')
    expect(countyOf('4311')).toBe('4311')
    expect(candidateRegion(6, '431127103')).toBe('431127')
    expect(candidateRegion(1, '431127103')).toBe('431127103')
  })
})
