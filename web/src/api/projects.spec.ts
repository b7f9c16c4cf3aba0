import { describe, expect, it } from 'vitest'
import { json, stubFetch } from '@/test-support/fetch'
import { listEvents } from './events'
import {
  createProject,
  deleteProject,
  deleteProjectValue,
  getProject,
  getProjectStats,
  listIndicators,
  listProjects,
  listProjectValues,
  saveProjectValue,
  updateProject,
} from './projects'

describe('projects API module', () => {
  it('lists projects with the filters the server takes, leaving out empty ones', async () => {
    const sent = stubFetch(() => json(200, { items: [], total: 0 }))
    await listProjects({ region: '431127103', kind: 'tourism', stage: '', q: 'ygy', page: 2, page_size: 20 })
    await listProjects({ enterprise: 4, stage: 'producing' })
    expect(sent.map((r) => r.url)).toEqual([
      '/api/v1/projects?region=431127103&kind=tourism&q=ygy&page=2&page_size=20',
      '/api/v1/projects?enterprise=4&stage=producing',
    ])
  })

  it('reads, creates, changes and deletes projects at their addresses, the edit with its version', async () => {
    const sent = stubFetch((r) => (r.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, {})))
    await getProject(7)
    await createProject({ kind: 'tourism', name: '愚公岩旅游区', region: '431127103203', stage: 'negotiating', enterprise_ids: [4] })
    await updateProject(7, { stage: 'producing', stage_on: '2021-05-01', version: 3 })
    await deleteProject(7)
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/projects/7',
      'POST /api/v1/projects',
      'PATCH /api/v1/projects/7',
      'DELETE /api/v1/projects/7',
    ])
    expect(sent[2].body).toEqual({ stage: 'producing', stage_on: '2021-05-01', version: 3 })
  })

  it('reads the indicators and a project’s values, records one as a decimal string and deletes one', async () => {
    const sent = stubFetch((r) => (r.method === 'DELETE' ? new Response(null, { status: 204 }) : json(r.method === 'POST' ? 201 : 200, { items: [] })))
    await listIndicators()
    await listProjectValues(7)
    await listProjectValues(7, 'visitors')
    await saveProjectValue(7, { indicator: 'area_mu', value: '450.25', year: 2022, expected: false, source: '测绘' })
    await deleteProjectValue(7, 31)
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/indicators',
      'GET /api/v1/projects/7/indicators',
      'GET /api/v1/projects/7/indicators?indicator=visitors',
      'POST /api/v1/projects/7/indicators',
      'DELETE /api/v1/projects/7/indicators/31',
    ])
    // Never a float: the value goes as the string typed.
    expect(sent[3].body).toEqual({ indicator: 'area_mu', value: '450.25', year: 2022, expected: false, source: '测绘' })
  })

  it('asks for the figures of a region and year, by child region when asked, and for a project’s events', async () => {
    const sent = stubFetch(() => json(200, { items: [], total: 0 }))
    await getProjectStats({ region: '431127', year: 2022, by: 'child' })
    await getProjectStats()
    await listEvents({ project: 7, page_size: 20 })
    expect(sent.map((r) => r.url)).toEqual([
      '/api/v1/stats/projects?region=431127&year=2022&by=child',
      '/api/v1/stats/projects',
      '/api/v1/events?project=7&page_size=20',
    ])
  })
})
