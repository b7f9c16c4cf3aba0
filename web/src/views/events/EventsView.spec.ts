import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import type { EventRecord, EventStats } from '@/api/types'
import ExcelActions from '@/components/ExcelActions.vue'
import { i18n } from '@/i18n'
import { EVENT_KINDS, makeEvent } from '@/test-support/events'
import { json, stubFetch } from '@/test-support/fetch'
import { signedIn } from '@/test-support/users'
import { saveFile } from '@/utils/download'
import EventsView from './EventsView.vue'

vi.mock('@/utils/download', async (original) => ({
  ...(await original<typeof import('@/utils/download')>()),
  saveFile: vi.fn(),
}))

const COMMITTEE = makeEvent({ attendance: { present: 12, absent: 1, excused: 0 } })
const TRAINING = makeEvent({
  id: 2,
  kind: 'farmer_training',
  group: 'training',
  title: '高素质农民培育（第一期）',
  starts_at: '2022-03-15',
  ends_at: '2022-03-16',
  organizers: [],
  partners: [{ id: 9, name: '湖南农业大学', kind: 'external' }],
  unregistered_count: 6,
  attendance: { present: 30, absent: 0, excused: 2 },
})

const STATS: EventStats = {
  region: { code: '431127103', name: '楠市镇', level: 'town' },
  from: '2022-01-01',
  to: '2022-12-31',
  totals: { events: 2, attendances: 42, people: 35, unregistered: 6 },
  groups: [
    { group: 'meeting', events: 1, attendances: 12, people: 12, unregistered: 0 },
    { group: 'training', events: 1, attendances: 30, people: 30, unregistered: 6 },
  ],
  kinds: [
    { kind: 'farmer_training', group: 'training', events: 1, attendances: 30, people: 30, unregistered: 6 },
    { kind: 'party_committee', group: 'meeting', events: 1, attendances: 12, people: 12, unregistered: 0 },
  ],
}

async function openEvents(path: string, items: EventRecord[] = [COMMITTEE, TRAINING], permissions = ['events.read', 'events.write']) {
  const sent = stubFetch((r) => {
    if (r.url.includes('.xlsx')) return new Response('PK', { status: 200 })
    if (r.url.startsWith('/api/v1/event-kinds')) return json(200, { items: EVENT_KINDS })
    if (r.url.startsWith('/api/v1/stats/events')) return json(200, STATS)
    if (r.url.startsWith('/api/v1/events')) return json(200, { items, total: items.length })
    return json(404, {})
  })
  const pinia = signedIn({ permissions })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/events', name: 'events', component: EventsView },
      { path: '/events/:id', name: 'event', component: { render: () => null } },
    ],
  })
  await router.push(path)
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), {
    global: { plugins: [pinia, router, i18n] },
    attachTo: document.body,
  })
  await flushPromises()
  const asked = (path = '/api/v1/events?') =>
    sent.filter((r) => r.url.startsWith(path) || r.url === path.replace('?', '')).map((r) => new URL(r.url, 'http://x').searchParams)
  return { wrapper, router, asked, sent }
}

describe('EventsView', () => {
  it('shows the month in the address as a calendar, each event on its days, and moves by month', async () => {
    const { wrapper, router, asked } = await openEvents('/events?month=2022-03')
    expect(Object.fromEntries(asked().at(-1) ?? [])).toEqual({ from: '2022-03-01', to: '2022-03-31', page: '1', page_size: '200' })
    const tenth = wrapper.find('[data-test="events-day-2022-03-10"]')
    expect(tenth.find('[data-test="event-chip-1"]').text()).toBe('09:00 3月份党委会')
    // A two-day training shows on both days.
    expect(wrapper.find('[data-test="events-day-2022-03-15"] [data-test="event-chip-2"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="events-day-2022-03-16"] [data-test="event-chip-2"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="events-month"]').text()).toBe('2022年3月')

    await wrapper.find('[data-test="events-next-month"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ month: '2022-04' })
    expect(asked().at(-1)?.get('from')).toBe('2022-04-01')
    wrapper.unmount()
  })

  it('turns into a list with the dates chosen, remembering the view in the address', async () => {
    const { wrapper, router, asked } = await openEvents('/events?month=2022-03&group=meeting')
    await wrapper.find('[data-test="events-view-list"] input').setValue(true)
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ view: 'list', month: '2022-03', group: 'meeting' })
    expect(Object.fromEntries(asked().at(-1) ?? [])).toEqual({ group: 'meeting', page: '1', page_size: '20' })
    await vi.waitFor(() => expect(wrapper.find('[data-test="events-table"]').text()).toContain('高素质农民培育（第一期）'))
    const text = wrapper.find('[data-test="events-table"]').text()
    expect(text).toContain('2022-03-10 09:00')
    expect(text).toContain('党委会')
    expect(text).toContain('中共楠市镇委员会')
    expect(text).toContain('12 人次')
    expect(text).toContain('未登记 6 人')
    wrapper.unmount()
  })

  it('opens the figures of the region and the year looked at', async () => {
    const { wrapper, asked } = await openEvents('/events?month=2022-03')
    expect(asked('/api/v1/stats/events')).toHaveLength(0)
    await wrapper.find('[data-test="event-stats"] .el-collapse-item__header').trigger('click')
    await flushPromises()
    expect(Object.fromEntries(asked('/api/v1/stats/events?').at(-1) ?? [])).toEqual({ region: '431127103', from: '2022-01-01', to: '2022-12-31' })
    const row = wrapper.find('[data-test="event-stats-farmer_training"]')
    expect(row.text()).toContain('高素质农民培育')
    expect(row.find('[data-test="attendances"]').text()).toBe('30')
    expect(wrapper.find('[data-test="event-stats-total"] [data-test="events"]').text()).toBe('2')
    wrapper.unmount()
  })

  it('offers the sign-in sheets of the events listed beside the events’ own Excel buttons', async () => {
    const { wrapper, sent } = await openEvents('/events?view=list&group=training&from=2022-03-01&to=2022-03-31')
    // The events' own buttons keep their names; the sheets have theirs, in one menu.
    for (const name of ['excel-template', 'excel-import', 'excel-export']) expect(wrapper.find(`[data-test="${name}"]`).exists()).toBe(true)
    expect(wrapper.find('[data-test="attendance-excel-menu"]').text()).toBe('签到表')
    await wrapper.find('[data-test="attendance-excel-menu"]').trigger('click')
    await flushPromises()
    const items = [...document.querySelectorAll<HTMLElement>('.el-dropdown-menu [data-test^="attendance-excel-"]')]
    expect(items.map((item) => item.textContent?.trim())).toEqual(['下载签到表模板', '导入签到表', '导出签到表'])

    items[2].click()
    await flushPromises()
    expect(sent.filter((r) => r.url.includes('.xlsx')).map((r) => r.url)).toEqual([
      '/api/v1/exports/attendance.xlsx?group=training&from=2022-03-01&to=2022-03-31',
    ])
    expect(vi.mocked(saveFile).mock.calls.at(-1)?.[1]).toMatch(/^签到表_\d{4}-\d{2}-\d{2}\.xlsx$/)

    // An imported sheet changes the counts: the list comes again.
    const loads = sent.filter((r) => r.url.startsWith('/api/v1/events?')).length
    const sheets = wrapper.findAllComponents(ExcelActions).find((c) => c.props('kind') === 'attendance')!
    sheets.vm.$emit('imported', { rows: 3, created: 3, updated: 0, unchanged: 0, errors: [] })
    await flushPromises()
    expect(sent.filter((r) => r.url.startsWith('/api/v1/events?')).length).toBe(loads + 1)
    wrapper.unmount()
  })

  it('lets a reader export the sign-in sheets, not import them', async () => {
    const { wrapper } = await openEvents('/events?month=2022-03', undefined, ['events.read'])
    await wrapper.find('[data-test="attendance-excel-menu"]').trigger('click')
    await flushPromises()
    expect([...document.querySelectorAll<HTMLElement>('.el-dropdown-menu [data-test^="attendance-excel-"]')].map((i) => i.dataset.test)).toEqual([
      'attendance-excel-export',
    ])
    wrapper.unmount()
  })
})
