import { describe, expect, it } from 'vitest'
import { json, stubFetch } from '@/test-support/fetch'
import {
  checkIn,
  createEvent,
  createEventKind,
  deleteEvent,
  getCheckInCode,
  getEvent,
  getEventStats,
  listAttendance,
  listEventKinds,
  listEvents,
  markAttendance,
  removeAttendance,
  replaceAttendance,
  updateEvent,
  updateEventKind,
} from './events'

describe('events API module', () => {
  it('lists events with the filters the server takes, leaving out empty ones', async () => {
    const sent = stubFetch(() => json(200, { items: [], total: 0 }))
    await listEvents({ region: '431127103', group: 'training', kind: '', from: '2022-03-01', to: '2022-03-31', q: 'dwh', page: 2, page_size: 200 })
    await listEvents({ person: 7, page_size: 20 })
    await listEvents()
    expect(sent.map((r) => r.url)).toEqual([
      '/api/v1/events?region=431127103&group=training&from=2022-03-01&to=2022-03-31&q=dwh&page=2&page_size=200',
      '/api/v1/events?person=7&page_size=20',
      '/api/v1/events',
    ])
  })

  it('reads, creates, changes and deletes events, their kinds and their attendance at their addresses', async () => {
    const sent = stubFetch((r) => (r.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, {})))
    await getEvent(3)
    await createEvent({ kind: 'party_committee', title: '3月份党委会', region: '431127103', starts_at: '2022-03-10T09:00', organizers: [5] })
    await updateEvent(3, { unregistered_count: 4, version: 2 })
    await deleteEvent(3)
    await listEventKinds()
    await createEventKind({ code: 'village_meeting', group: 'meeting', name_zh_cn: '村民大会', name_zh_tw: '村民大會', name_en: 'Village assembly', sort_order: 35 })
    await updateEventKind(8, { retired: true, version: 1 })
    await listAttendance(3)
    await markAttendance(3, { person_id: 7, status: 'present', role: 'participant' })
    await replaceAttendance(3, [{ person_id: 7, role: 'host', status: 'present' }])
    await removeAttendance(3, 7)
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/events/3',
      'POST /api/v1/events',
      'PATCH /api/v1/events/3',
      'DELETE /api/v1/events/3',
      'GET /api/v1/event-kinds',
      'POST /api/v1/event-kinds',
      'PATCH /api/v1/event-kinds/8',
      'GET /api/v1/events/3/attendance',
      'POST /api/v1/events/3/attendance',
      'PUT /api/v1/events/3/attendance',
      'DELETE /api/v1/events/3/attendance/7',
    ])
    expect(sent[2].body).toEqual({ unregistered_count: 4, version: 2 })
    expect(sent[8].body).toEqual({ person_id: 7, status: 'present', role: 'participant' })
    expect(sent[9].body).toEqual({ items: [{ person_id: 7, role: 'host', status: 'present' }] })
  })

  it('fetches a check-in code, checks in with it, and reads the figures of a region and a period', async () => {
    const sent = stubFetch(() => json(200, {}))
    await getCheckInCode(3)
    await checkIn(3, '3.1657612800.abc')
    await getEventStats({ region: '431127', from: '2022-01-01', to: '2022-12-31' })
    await getEventStats()
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/events/3/check-in-code',
      'POST /api/v1/events/3/check-in',
      'GET /api/v1/stats/events?region=431127&from=2022-01-01&to=2022-12-31',
      'GET /api/v1/stats/events',
    ])
    expect(sent[1].body).toEqual({ code: '3.1657612800.abc' })
    expect(sent[1].headers['x-requested-with']).toBe('shuanglun')
  })
})
