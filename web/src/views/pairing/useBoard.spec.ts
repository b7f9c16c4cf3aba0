import { describe, expect, it } from 'vitest'
import type { Person, Post } from '@/api/types'
import { json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { candidateRegion, countyOf, loadCandidates, needsOwnTargets } from './useBoard'

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

  it('judges a leader by the posts held on the board’s day, not today’s (level 1)', async () => {
    const leader = (id: number, name: string, from: string, to: string | null) =>
      person(id, name, [post('town_leader', NANSHI, { leadership_team: true, valid_from: from, valid_to: to })])
    const sent = stubFetch(() =>
      json(200, {
        items: [
          leader(11, '欧阳强', '2021-06-01', null),
          // Left the town before the day: the server may still list them by another post.
          leader(12, '盘民', '2021-06-01', '2022-09-30'),
          // Took office after the day.
          leader(13, '唐卫东', '2023-01-01', null),
          person(14, '李四', [post('town_leader', NANSHI, { valid_from: '2021-01-01' })]),
        ],
        total: 4,
      }),
    )

    const found = await loadCandidates(1, '431127103', '2022-10-20', everything)

    expect(peopleAsked(sent)).toEqual(['/api/v1/people?post=town_leader&region=431127103&date=2022-10-20&page_size=200'])
    // 李四 is a town leader but not on the leadership team.
    expect(found).toEqual([{ id: 11, name: '欧阳强' }])
  })

  it('finds the county of a region by its code', () => {
    expect(countyOf('431127103224')).toBe('431127')
    expect(countyOf('431127')).toBe('431127')
    expect(countyOf('4311')).toBe('4311')
    expect(candidateRegion(6, '431127103')).toBe('431127')
    expect(candidateRegion(1, '431127103')).toBe('431127103')
  })
})

describe('where the board finds its targets itself', () => {
  const judged = { level: 5 as const, targets: 0, covered: 0, uncovered: [], uncovered_total: 0, over: [], over_total: 0 }

  it('is where no rule governs the level and nothing is judged, or compliance could not be read', () => {
    expect(needsOwnTargets({ ...judged, rule: null })).toBe(true)
    expect(needsOwnTargets(null)).toBe(true)
    // A village under the county's rule: nothing to judge, but the rule says so.
    expect(needsOwnTargets({ ...judged, rule: { id: 1, region: LANSHAN, min: 1, max: 1 } })).toBe(false)
    // The towns' own rules judge the county's activists.
    expect(needsOwnTargets({ ...judged, rule: null, targets: 18 })).toBe(false)
  })
})
