import { describe, expect, it } from 'vitest'
import { emptyPage, json, stubFetch } from '@/test-support/fetch'
import {
  createContact,
  createCoverageRule,
  createPairing,
  createQuotaRule,
  deleteContact,
  deleteCoverageRule,
  deletePairing,
  downloadComplianceReport,
  endPairing,
  getCompliance,
  getContact,
  getPairing,
  listAllPairings,
  listContacts,
  listPairings,
  listRules,
  repairPairing,
  updateContact,
  updateCoverageRule,
  updateQuotaRule,
} from './pairing'
import { createProject, listProjects } from './projects'

describe('pairing API module', () => {
  it('lists pairings on a day, by level, region and person, and the whole history only when asked', async () => {
    const sent = stubFetch(emptyPage)
    await listPairings({ level: 1, region: '431127103', date: '2022-10-20' })
    await listPairings({ source: 2, level: 1, page_size: 200 })
    await listPairings({ all: true, region: '431127103' })
    await listPairings({ all: false })
    expect(sent.map((r) => r.url)).toEqual([
      '/api/v1/pairings?level=1&region=431127103&date=2022-10-20',
      '/api/v1/pairings?source=2&level=1&page_size=200',
      '/api/v1/pairings?region=431127103&all=true',
      '/api/v1/pairings',
    ])
  })

  it('reads every page of a board, and stops at the limit', async () => {
    const row = (id: number) => ({ id })
    const sent = stubFetch((r) => {
      const page = Number(new URL(r.url, 'http://x').searchParams.get('page'))
      const items = page < 3 ? Array.from({ length: 200 }, (_, i) => row(page * 1000 + i)) : [row(9999)]
      return json(200, { items, total: 401 })
    })
    const all = await listAllPairings({ level: 3, region: '431127' })
    expect(all.total).toBe(401)
    expect(all.items).toHaveLength(401)
    expect(sent.map((r) => r.url)).toEqual([
      '/api/v1/pairings?level=3&region=431127&page=1&page_size=200',
      '/api/v1/pairings?level=3&region=431127&page=2&page_size=200',
      '/api/v1/pairings?level=3&region=431127&page=3&page_size=200',
    ])

    sent.length = 0
    const cut = await listAllPairings({ level: 3 }, 200)
    expect(cut).toMatchObject({ total: 401 })
    expect(cut.items).toHaveLength(200)
    expect(sent).toHaveLength(1)
  })

  it('creates, re-pairs, ends and deletes pairings with the bodies docs/api.md names', async () => {
    const sent = stubFetch((r) => (r.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, {})))
    await getPairing(40)
    await createPairing({ level: 2, source: 7, target: '431127103224', valid_from: '2022-03-01' })
    await createPairing({ level: 1, source: 3, target: 120 })
    await repairPairing(40, { source: 9, valid_from: '2026-11-29', version: 2 })
    await endPairing(40, '2026-12-31')
    await endPairing(40, '')
    await deletePairing(40)
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/pairings/40',
      'POST /api/v1/pairings',
      'POST /api/v1/pairings',
      'PATCH /api/v1/pairings/40',
      'PATCH /api/v1/pairings/40',
      'PATCH /api/v1/pairings/40',
      'DELETE /api/v1/pairings/40',
    ])
    expect(sent[1].body).toEqual({ level: 2, source: 7, target: '431127103224', valid_from: '2022-03-01' })
    expect(sent[2].body).toEqual({ level: 1, source: 3, target: 120 })
    expect(sent[3].body).toEqual({ source: 9, valid_from: '2026-11-29', version: 2 })
    expect(sent[4].body).toEqual({ valid_to: '2026-12-31' })
    expect(sent[5].body).toEqual({ valid_to: '' })
  })

  it('reads the rules of a region on a day (or all of them) and writes coverage and quota rules', async () => {
    const sent = stubFetch((r) => (r.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, { coverage: [], quota: [] })))
    await listRules({ region: '431127103', date: '2022-10-20' })
    await listRules({ region: '431127', all: true })
    await createCoverageRule({ region: '431127', level: 1, min_sources: 1, max_sources: 1, valid_from: '2022-01-01' })
    await updateCoverageRule(4, { max_sources: null, version: 1 })
    await deleteCoverageRule(4)
    await createQuotaRule({
      region: '431127103',
      source_filter: 'party_member resident_cadre',
      target_filter: 'activist',
      min_contacts: 1,
      period: 'year',
      valid_from: '2022-01-01',
    })
    await updateQuotaRule(3, { valid_to: '2026-12-31', version: 1 })
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/rules?region=431127103&date=2022-10-20',
      'GET /api/v1/rules?region=431127&all=true',
      'POST /api/v1/rules/coverage',
      'PATCH /api/v1/rules/coverage/4',
      'DELETE /api/v1/rules/coverage/4',
      'POST /api/v1/rules/quota',
      'PATCH /api/v1/rules/quota/3',
    ])
    // "No maximum" is sent as null, not left out.
    expect(sent[3].body).toEqual({ max_sources: null, version: 1 })
    expect(sent[5].body).toMatchObject({ source_filter: 'party_member resident_cadre', target_filter: 'activist' })
  })

  it('logs contacts without a person (the signed-in user’s own) and lists them by person and dates', async () => {
    const sent = stubFetch((r) => (r.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, { items: [], total: 0 })))
    await createContact({ target_kind: 'person', target: 219, occurred_on: '2026-11-29', kind: 'visit', place: '车间' })
    await createContact({ target_kind: 'region', target: '431127103224', occurred_on: '2026-11-28', kind: 'meeting', person: 3 })
    await createContact({
      target_kind: 'enterprise',
      target: 9,
      occurred_on: '2026-11-27',
      kind: 'visit',
      request: { category: 'land', title: '晾晒棚用地审批', detail: '需新建晾晒棚约 300 平方米' },
    })
    await listContacts({ person: 2, from: '2026-01-01', to: '2026-11-29', page: 1, page_size: 20 })
    await getContact(7)
    await updateContact(7, { notes: '补充情况', version: 1, reason: '补录' })
    await deleteContact(7)
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/v1/contacts',
      'POST /api/v1/contacts',
      'POST /api/v1/contacts',
      'GET /api/v1/contacts?person=2&from=2026-01-01&to=2026-11-29&page=1&page_size=20',
      'GET /api/v1/contacts/7',
      'PATCH /api/v1/contacts/7',
      'DELETE /api/v1/contacts/7',
    ])
    expect(sent[0].body).toEqual({ target_kind: 'person', target: 219, occurred_on: '2026-11-29', kind: 'visit', place: '车间' })
    expect(sent[0].body).not.toHaveProperty('person')
    expect(sent[1].body).toMatchObject({ target: '431127103224', person: 3 })
    // The visit's request goes with it, in one call.
    expect(sent[2].body).toMatchObject({ request: { category: 'land', title: '晾晒棚用地审批', detail: '需新建晾晒棚约 300 平方米' } })
    expect(sent[5].body).toEqual({ notes: '补充情况', version: 1, reason: '补录' })
  })

  it('asks for projects and for the compliance of a region on a day', async () => {
    const sent = stubFetch(emptyPage)
    await listProjects({ q: '愚公岩', kind: 'industry' })
    await createProject({ kind: 'investment', name: '佛山考察签约项目', region: '431127103' })
    await getCompliance({ region: '431127103', date: '2022-10-20' })
    await getCompliance({ region: '431127', limit: 1000 })
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/projects?q=%E6%84%9A%E5%85%AC%E5%B2%A9&kind=industry',
      'POST /api/v1/projects',
      'GET /api/v1/compliance?region=431127103&date=2022-10-20',
      'GET /api/v1/compliance?region=431127&limit=1000',
    ])
  })

  it('downloads the compliance report as a workbook for a region on a day, with the name the server gives', async () => {
    const sent = stubFetch(
      () =>
        new Response('PK', {
          status: 200,
          headers: { 'Content-Disposition': "attachment; filename=\"export.xlsx\"; filename*=UTF-8''%E5%8C%85%E4%BF%9D.xlsx" },
        }),
    )
    const file = await downloadComplianceReport({ region: '431127103', date: '2022-10-20' })
    await downloadComplianceReport({ region: '431127' })
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/compliance/export?region=431127103&date=2022-10-20',
      'GET /api/v1/compliance/export?region=431127',
    ])
    expect(sent[0].headers['accept-language']).toBeTruthy()
    expect(file.filename).toBe('包保.xlsx')
    expect(await file.blob.text()).toBe('PK')
  })
})
