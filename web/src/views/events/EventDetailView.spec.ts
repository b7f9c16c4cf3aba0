import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { ElSelect } from 'element-plus'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import ExcelActions from '@/components/ExcelActions.vue'
import { i18n } from '@/i18n'
import { EVENT_KINDS, makeAttendance, makeEvent } from '@/test-support/events'
import { json, stubFetch } from '@/test-support/fetch'
import { signedIn } from '@/test-support/users'
import { saveFile } from '@/utils/download'
import EventDetailView from './EventDetailView.vue'

vi.mock('@/utils/download', async (original) => ({
  ...(await original<typeof import('@/utils/download')>()),
  saveFile: vi.fn(),
}))

const COMMITTEE = makeEvent({
  agenda: '1. 研究商会换届\n2. 部署春耕',
  decisions: '同意商会于3月18日成立',
  projects: [{ id: 3, name: '十三道面条扩产' }],
  unregistered_count: 2,
})
const ATTENDANCE = [
  makeAttendance(8, '雷建国', { role: 'host' }),
  makeAttendance(7, '周小明', { status: 'absent', source: 'check_in' }),
  // Someone from outside the reader's view: named, not linked.
  { person: { id: 30, name: '欧阳春', in_scope: false }, role: 'speaker' as const, status: 'present' as const, source: 'import' as const, updated_at: '' },
]

async function openEvent(permissions: string[]) {
  const sent = stubFetch((r) => {
    if (r.url.includes('.xlsx')) return new Response('PK', { status: 200 })
    if (r.url === '/api/v1/events/1') return json(200, COMMITTEE)
    if (r.url === '/api/v1/events/1/attendance' && r.method === 'GET') return json(200, { items: ATTENDANCE, total: 3 })
    if (r.url.startsWith('/api/v1/event-kinds')) return json(200, { items: EVENT_KINDS })
    if (r.method === 'POST') return json(200, { ...ATTENDANCE[0], ...(r.body as object) })
    return json(200, { items: [], total: 0 })
  })
  const pinia = signedIn({ permissions })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/events', name: 'events', component: { render: () => null } },
      { path: '/events/:id', name: 'event', component: EventDetailView },
      { path: '/events/:id/roll-call', name: 'event-roll-call', component: { render: () => null } },
      { path: '/people/:id', name: 'person', component: { render: () => null } },
      { path: '/organizations/:id', name: 'organization', component: { render: () => null } },
    ],
  })
  await router.push('/events/1')
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, sent, router }
}

describe('EventDetailView', () => {
  it('shows the event and who attended, linking the people the reader may open', async () => {
    const { wrapper } = await openEvent(['events.read', 'people.read', 'organizations.read'])
    expect(wrapper.find('[data-test="event-title"]').text()).toBe('3月份党委会')
    expect(wrapper.find('[data-test="event-when"]').text()).toBe('2022-03-10 09:00')
    await vi.waitFor(() => expect(wrapper.find('[data-test="event-kind"]').text()).toBe('党委会'))
    expect(wrapper.find('[data-test="event-organizers"] a').text()).toBe('中共楠市镇委员会')
    expect(wrapper.find('[data-test="event-projects"]').text()).toBe('十三道面条扩产')
    expect(wrapper.find('[data-test="event-agenda"]').text()).toContain('2. 部署春耕')
    expect(wrapper.find('[data-test="event-attendance-counts"]').text()).toBe('出席 2 人 · 缺席 1 人 · 请假 0 人 · 未登记 2 人')

    const table = wrapper.find('[data-test="event-attendance-table"]')
    expect(table.findAll('.el-table__body tr').map((row) => row.find('td').text())).toEqual(['雷建国', '欧阳春', '周小明'])
    expect(table.findAll('a').map((a) => a.text())).toEqual(['雷建国', '周小明'])
    expect(table.text()).toContain('扫码签到')
    // Readers get no buttons.
    expect(wrapper.find('[data-test="event-roll-call"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="attendance-add"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('lets writers take the roll call and change a row in place, keeping its role', async () => {
    const { wrapper, sent, router } = await openEvent(['events.read', 'events.write', 'people.read'])
    const status = wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'attendance-status-8')!
    status.vm.$emit('update:modelValue', 'excused')
    await flushPromises()
    expect(sent.filter((r) => r.method === 'POST').map((r) => [r.url, r.body])).toEqual([
      ['/api/v1/events/1/attendance', { person_id: 8, role: 'host', status: 'excused' }],
    ])
    await vi.waitFor(() => expect(wrapper.find('[data-test="event-attendance-counts"]').text()).toContain('请假 1 人'))

    await wrapper.find('[data-test="event-roll-call"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/events/1/roll-call')
    wrapper.unmount()
  })

  it('exports the event’s sign-in sheet for readers, and lets writers import one, reloading who attended', async () => {
    const reader = await openEvent(['events.read'])
    const section = () => document.querySelector('[data-test="event-attendance"]')!
    expect([...section().querySelectorAll<HTMLElement>('[data-test^="attendance-excel-"]')].map((b) => b.dataset.test)).toEqual(['attendance-excel-export'])
    ;(section().querySelector('[data-test="attendance-excel-export"]') as HTMLElement).click()
    await flushPromises()
    expect(reader.sent.filter((r) => r.url.includes('.xlsx')).map((r) => r.url)).toEqual(['/api/v1/exports/attendance.xlsx?event=1'])
    expect(vi.mocked(saveFile).mock.calls.at(-1)?.[1]).toMatch(/^签到表_/)
    reader.wrapper.unmount()

    const { wrapper, sent } = await openEvent(['events.read', 'events.write'])
    expect([...section().querySelectorAll('[data-test^="attendance-excel-"]')].map((b) => b.textContent?.trim())).toEqual([
      '下载签到表模板',
      '导入签到表',
      '导出签到表',
    ])
    const rolls = () => sent.filter((r) => r.url === '/api/v1/events/1/attendance' && r.method === 'GET').length
    const events = () => sent.filter((r) => r.url === '/api/v1/events/1').length
    const before = { rolls: rolls(), events: events() }
    wrapper.findComponent(ExcelActions).vm.$emit('imported', { rows: 2, created: 1, updated: 1, unchanged: 0, errors: [] })
    await flushPromises()
    // The list and the event's counts (and history) as they now stand.
    expect(rolls()).toBe(before.rolls + 1)
    expect(events()).toBe(before.events + 1)
    wrapper.unmount()
  })
})
