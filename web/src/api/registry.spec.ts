import { describe, expect, it } from 'vitest'
import { emptyPage, json, stubFetch } from '@/test-support/fetch'
import { stubXhr } from '@/test-support/xhr'
import { downloadExport, downloadTemplate, annotateFile, importFile, isImportJob } from './excel'
import { getJob, listJobs } from './jobs'
import { createEnterprise, listEnterprises, updateEnterprise } from './enterprises'
import { createMembership, getChamberFigures, listMemberships, updateMembership } from './memberships'
import {
  addOrgMember,
  createOrganization,
  listOrganizations,
  listOrgMembers,
  updateOrgMember,
} from './organizations'
import {
  addPartyStage,
  addPost,
  createPerson,
  deletePerson,
  deletePost,
  getPerson,
  listPeople,
  updatePerson,
  updatePost,
} from './people'

describe('registry API modules', () => {
  it('lists people with the search, filters and sort the server takes, leaving out empty ones', async () => {
    const sent = stubFetch(emptyPage)
    await listPeople({ q: 'zjl', region: '431127103', tag: 'wealth_creator', post: '', party_stage: 'full', sort: 'name', page: 2, page_size: 50 })
    await listPeople()
    expect(sent.map((r) => r.url)).toEqual([
      '/api/v1/people?q=zjl&region=431127103&tag=wealth_creator&party_stage=full&sort=name&page=2&page_size=50',
      '/api/v1/people',
    ])
  })

  it('reads, creates, changes and deletes people, posts and party stages at their addresses', async () => {
    const sent = stubFetch((r) => (r.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, {})))
    await getPerson(12)
    await createPerson({ name: '曾进龙', region: '431127103224', party_stage: { stage: 'activist', since: '2024-03-01' } })
    await updatePerson(12, { phone: '13800001234', version: 3 })
    await deletePerson(12)
    await addPost(12, { kind: 'village_cadre', region: '431127103224', valid_from: '2021-01-01', title: '村委委员' })
    await updatePost(3, { valid_to: '2026-11-29' })
    await deletePost(3)
    await addPartyStage(12, { stage: 'candidate', since: '2025-06-01' })

    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/people/12',
      'POST /api/v1/people',
      'PATCH /api/v1/people/12',
      'DELETE /api/v1/people/12',
      'POST /api/v1/people/12/posts',
      'PATCH /api/v1/posts/3',
      'DELETE /api/v1/posts/3',
      'POST /api/v1/people/12/party-stages',
    ])
    expect(sent[1].body).toEqual({ name: '曾进龙', region: '431127103224', party_stage: { stage: 'activist', since: '2024-03-01' } })
    expect(sent[2].body).toEqual({ phone: '13800001234', version: 3 })
    expect(sent[5].body).toEqual({ valid_to: '2026-11-29' })
    expect(sent[7].body).toEqual({ stage: 'candidate', since: '2025-06-01' })
  })

  it('lists organizations by kind and manages their members', async () => {
    const sent = stubFetch(() => json(200, { items: [], total: 0 }))
    await listOrganizations({ kind: 'chamber', region: '431127103', page_size: 200 })
    await createOrganization({ kind: 'party_branch', name: '楠市镇商会党支部', region: '431127103', parent: 1 })
    await listOrgMembers(2)
    await listOrgMembers(2, '2022-12-31')
    await addOrgMember(2, { person: 12, post: 'secretary', valid_from: '2022-03-01' })
    await updateOrgMember(7, { valid_to: '2026-11-29' })
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/organizations?kind=chamber&region=431127103&page_size=200',
      'POST /api/v1/organizations',
      'GET /api/v1/organizations/2/members',
      'GET /api/v1/organizations/2/members?date=2022-12-31',
      'POST /api/v1/organizations/2/members',
      'PATCH /api/v1/org-members/7',
    ])
    expect(sent[4].body).toEqual({ person: 12, post: 'secretary', valid_from: '2022-03-01' })
  })

  it('sends enterprise capital in fen', async () => {
    const sent = stubFetch(() => json(200, { items: [], total: 0 }))
    await listEnterprises({ q: '91431127', industry: 'manufacturing' })
    await createEnterprise({
      name: '蓝山县楠市面条加工有限公司',
      uscc: '91350100M000100Y43',
      industry: 'manufacturing',
      region: '431127103003',
      registered_capital_fen: 50_000_000,
    })
    await updateEnterprise(5, { registered_capital_fen: null, version: 2 })
    expect(sent[0].url).toBe('/api/v1/enterprises?q=91431127&industry=manufacturing')
    expect(sent[1].body).toMatchObject({ registered_capital_fen: 50_000_000 })
    expect(sent[2]).toMatchObject({ method: 'PATCH', url: '/api/v1/enterprises/5', body: { registered_capital_fen: null, version: 2 } })
  })

  it('asks for chamber members on a day, former ones only when wanted, and the chamber figures', async () => {
    const sent = stubFetch(() => json(200, { items: [], total: 0 }))
    await listMemberships({ chamber: 3, q: '面条', date: '2022-12-31', all: false })
    await listMemberships({ chamber: 3, all: true })
    await createMembership({ chamber: 3, person: 12, post: 'president', joined_on: '2022-03-01', dues_status: 'paid' })
    await updateMembership(9, { left_on: '2026-11-29', version: 1 })
    await getChamberFigures({ region: '431127103', date: '2022-12-31' })
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/memberships?chamber=3&q=%E9%9D%A2%E6%9D%A1&date=2022-12-31',
      'GET /api/v1/memberships?chamber=3&all=true',
      'POST /api/v1/memberships',
      'PATCH /api/v1/memberships/9',
      'GET /api/v1/stats/chamber?region=431127103&date=2022-12-31',
    ])
  })

  it('downloads templates and exports (with the list filters) as files', async () => {
    const sent = stubFetch(() => new Response('PK', { status: 200 }))
    await downloadTemplate('people')
    await downloadExport('enterprises', { q: '面条', region: '431127103' })
    await downloadExport('memberships', { chamber: '3', all: 'true' })
    expect(sent.map((r) => r.url)).toEqual([
      '/api/v1/templates/people.xlsx',
      '/api/v1/exports/enterprises.xlsx?q=%E9%9D%A2%E6%9D%A1&region=431127103',
      '/api/v1/exports/memberships.xlsx?chamber=3&all=true',
    ])
  })

  it('takes the pairing ledger (包保台账) as a kind: template, export with the board filters, import', async () => {
    const sent = stubFetch(() => new Response('PK', { status: 200 }))
    await downloadTemplate('pairings')
    await downloadExport('pairings', { region: '431127103', level: 2, date: '2022-10-20' })
    await downloadExport('pairings', { all: true, source: 6, region: '' })
    expect(sent.map((r) => r.url)).toEqual([
      '/api/v1/templates/pairings.xlsx',
      '/api/v1/exports/pairings.xlsx?region=431127103&level=2&date=2022-10-20',
      '/api/v1/exports/pairings.xlsx?all=true&source=6',
    ])

    const posted = stubXhr((r) =>
      r.url.includes('/annotated')
        ? { status: 200, body: new Blob(['PK']) }
        : { status: 200, body: JSON.stringify({ rows: 1, created: 0, updated: 1, unchanged: 0, errors: [] }) },
    )
    const file = new File(['PK'], '包保台账.xlsx')
    await importFile('pairings', file, true)
    await importFile('pairings', file, false)
    await annotateFile('pairings', file)
    expect(posted.map((r) => r.url)).toEqual([
      `/api/v1/imports?kind=pairings&dry_run=true&filename=${encodeURIComponent('包保台账.xlsx')}`,
      `/api/v1/imports?kind=pairings&dry_run=false&filename=${encodeURIComponent('包保台账.xlsx')}`,
      '/api/v1/imports/annotated?kind=pairings',
    ])
    expect(posted[0].headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  })

  it('imports as a dry run first, then for real, and asks for the annotated file', async () => {
    const result = { rows: 2, created: 2, updated: 0, unchanged: 0, errors: [] }
    const sent = stubXhr((r) =>
      r.url.includes('/annotated')
        ? { status: 200, body: new Blob(['PK']) }
        : { status: 200, body: JSON.stringify(result) },
    )
    const file = new File(['姓名,所属区划\n'], '人员.csv', { type: 'text/csv' })
    await expect(importFile('people', file, true)).resolves.toEqual(result)
    await importFile('people', file, false)
    await annotateFile('people', file)
    expect(sent.map((r) => r.url)).toEqual([
      `/api/v1/imports?kind=people&dry_run=true&filename=${encodeURIComponent('人员.csv')}`,
      `/api/v1/imports?kind=people&dry_run=false&filename=${encodeURIComponent('人员.csv')}`,
      '/api/v1/imports/annotated?kind=people',
    ])
    expect(sent.every((r) => r.headers['content-type'] === 'text/csv' && r.body === file)).toBe(true)
  })

  it('tells a report from the job a large file becomes, and asks about jobs', async () => {
    const job = { id: 7, kind: 'import', subject: 'people', state: 'queued', rows_done: 0, rows_total: 0 }
    stubXhr(() => ({ status: 202, body: JSON.stringify({ job }), headers: { Location: '/api/v1/jobs/7' } }))
    const answer = await importFile('people', new File(['PK'], '人员.xlsx'), true)
    expect(isImportJob(answer) && answer.job.id).toBe(7)
    expect(isImportJob({ rows: 0, created: 0, updated: 0, unchanged: 0, errors: [] })).toBe(false)

    const sent = stubFetch(() => json(200, { items: [] }))
    await getJob(7)
    await listJobs({ kind: 'import', subject: 'people', active: true })
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/jobs/7',
      'GET /api/v1/jobs?kind=import&subject=people&active=true',
    ])
  })
})
