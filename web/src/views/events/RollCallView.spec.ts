import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { i18n } from '@/i18n'
import { makeAttendance, makeEvent } from '@/test-support/events'
import { json, stubFetch } from '@/test-support/fetch'
import { makePerson } from '@/test-support/people'
import { signedIn } from '@/test-support/users'
import RollCallView from './RollCallView.vue'

const TRAINING = makeEvent({ id: 2, kind: 'farmer_training', group: 'training', title: '高素质农民培育（第一期）', region: { code: '431127103224', name: '朋佳村' } })
const QI = makePerson({ id: 9, name: '祁雨柔' })

async function openRollCall() {
  const sent = stubFetch((r) => {
    if (r.url === '/api/v1/events/2') return json(200, TRAINING)
    if (r.url === '/api/v1/events/2/attendance' && r.method === 'GET')
      return json(200, { items: [makeAttendance(7, '周小明', { status: 'absent' }), makeAttendance(8, '雷建国')], total: 2 })
    if (r.url.startsWith('/api/v1/people')) return json(200, { items: [QI], total: 1 })
    if (r.method === 'POST') return json(200, makeAttendance(9, '祁雨柔'))
    return json(404, {})
  })
  const pinia = signedIn({ permissions: ['events.read', 'events.write', 'people.read'] })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/events/:id/roll-call', name: 'event-roll-call', component: RollCallView },
      { path: '/events/:id', name: 'event', component: { render: () => null } },
    ],
  })
  await router.push('/events/2/roll-call')
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, sent }
}

describe('RollCallView', () => {
  it('finds people of the event’s town by initials and counts them present as they are ticked', async () => {
    const { wrapper, sent } = await openRollCall()
    expect(wrapper.find('[data-test="roll-count"]').text()).toBe('已到 1')
    expect(wrapper.find('[data-test="roll-expected"]').text()).toContain('应到 2')
    expect(wrapper.findAll('[data-test="roll-list"] .name').map((n) => n.text())).toEqual(['雷建国', '周小明'])

    await wrapper.find('input[data-test="roll-search"]').setValue('qyr')
    await vi.waitFor(() => expect(wrapper.find('[data-test="roll-person-9"]').exists()).toBe(true))
    const search = sent.find((r) => r.url.startsWith('/api/v1/people'))
    expect(Object.fromEntries(new URL(search?.url ?? '', 'http://x').searchParams)).toEqual({ q: 'qyr', region: '431127103', page_size: '20' })

    const target = wrapper.find('[data-test="roll-person-9"]')
    expect(target.attributes('aria-pressed')).toBe('false')
    await target.trigger('click')
    expect(wrapper.find('[data-test="roll-person-9"]').attributes('aria-pressed')).toBe('true')
    expect(wrapper.find('[data-test="roll-person-9"]').classes()).toContain('present')
    expect(wrapper.find('[data-test="roll-count"]').text()).toBe('已到 2')
    await flushPromises()
    expect(sent.filter((r) => r.method === 'POST').map((r) => [r.url, r.body])).toEqual([
      ['/api/v1/events/2/attendance', { person_id: 9, status: 'present', role: 'participant' }],
    ])
    // Found above, the person is not listed twice below.
    expect(wrapper.findAll('[data-test="roll-person-9"]')).toHaveLength(1)

    await wrapper.find('input[data-test="roll-search"]').setValue('')
    await flushPromises()
    expect(wrapper.findAll('[data-test="roll-list"] .name').map((n) => n.text())).toEqual(['祁雨柔', '雷建国', '周小明'])
    wrapper.unmount()
  })
})
