import { describe, expect, it } from 'vitest'
import { json, stubFetch } from '@/test-support/fetch'
import {
  act,
  createRequest,
  getRequest,
  getRequestStats,
  listHolidays,
  listRequestCategories,
  listRequests,
  listRequestStatuses,
  updateRequest,
} from './requests'

describe('requests API module', () => {
  it('lists requests with the filters the server takes, leaving out empty ones', async () => {
    const sent = stubFetch(() => json(200, { items: [], total: 0 }))
    await listRequests({ region: '431127103', status: 'open', category: '', owner: 'me', overdue: true, escalation: 'town', q: '晾晒', page: 2, page_size: 50 })
    await listRequests({ requester_enterprise: 9, status: 'closed', from: '2022-01-01', to: '2022-12-31' })
    await listRequests()
    expect(sent.map((r) => decodeURIComponent(r.url))).toEqual([
      '/api/v1/requests?region=431127103&status=open&owner=me&overdue=true&escalation=town&q=晾晒&page=2&page_size=50',
      '/api/v1/requests?requester_enterprise=9&status=closed&from=2022-01-01&to=2022-12-31',
      '/api/v1/requests',
    ])
  })

  it('reads, raises, changes and acts on requests at their addresses', async () => {
    const sent = stubFetch(() => json(200, {}))
    await getRequest(12)
    await createRequest({
      requester: { enterprise_id: 9 },
      region: '431127103224',
      category: 'land',
      title: '晾晒棚用地审批',
      detail: '需新建晾晒棚',
      raised_on: '2022-03-07',
      source: 'direct',
    })
    await updateRequest(12, { title: '晾晒棚用地', version: 3 })
    await act(12, { action: 'forward', handler: { organization_id: 17 }, note: '请核实用地性质', version: 3 })
    await act(12, { action: 'rate', rating: 'basic', note: '还算及时', version: 6 })
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/requests/12',
      'POST /api/v1/requests',
      'PATCH /api/v1/requests/12',
      'POST /api/v1/requests/12/actions',
      'POST /api/v1/requests/12/actions',
    ])
    expect(sent[1].body).toEqual({
      requester: { enterprise_id: 9 },
      region: '431127103224',
      category: 'land',
      title: '晾晒棚用地审批',
      detail: '需新建晾晒棚',
      raised_on: '2022-03-07',
      source: 'direct',
    })
    expect(sent[3].body).toEqual({ action: 'forward', handler: { organization_id: 17 }, note: '请核实用地性质', version: 3 })
    expect(sent[4].body).toEqual({ action: 'rate', rating: 'basic', note: '还算及时', version: 6 })
  })

  it('reads the categories, the statuses, a year’s holidays and the figures', async () => {
    const sent = stubFetch(() => json(200, { items: [] }))
    await listRequestCategories()
    await listRequestStatuses()
    await listHolidays(2022)
    await listHolidays()
    await getRequestStats({ region: '431127103', from: '2022-01-01', to: '2022-12-31' })
    await getRequestStats()
    expect(sent.map((r) => r.url)).toEqual([
      '/api/v1/request-categories',
      '/api/v1/request-statuses',
      '/api/v1/holidays?year=2022',
      '/api/v1/holidays',
      '/api/v1/stats/requests?region=431127103&from=2022-01-01&to=2022-12-31',
      '/api/v1/stats/requests',
    ])
  })
})
