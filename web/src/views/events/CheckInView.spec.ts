import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { i18n } from '@/i18n'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { signedIn } from '@/test-support/users'
import CheckInView from './CheckInView.vue'

async function openCheckIn(path: string, answer: (request: SentRequest) => Response, permissions = ['events.read']) {
  const sent = stubFetch(answer)
  const pinia = signedIn({ permissions })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/check-in', name: 'check-in', component: CheckInView },
      { path: '/events/:id', name: 'event', component: { render: () => null } },
    ],
  })
  await router.push(path)
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, sent }
}

// Expires 2122: far in the future for the page's own check.
const CODE = '17.4813712000.c2lnbmF0dXJl'

describe('CheckInView', () => {
  it('names the event of the code and checks in with it', async () => {
    const { wrapper, sent } = await openCheckIn(`/check-in?code=${CODE}`, () =>
      json(200, { event: { id: 17, title: '高素质农民培育（第二期）', starts_at: '2022-05-20T09:00' }, status: 'present' }),
    )
    expect(wrapper.find('[data-test="check-in-event-id"]').text()).toBe('活动编号 17')
    await wrapper.find('[data-test="check-in-confirm"]').trigger('click')
    await flushPromises()
    expect(sent.map((r) => [r.method, r.url, r.body])).toEqual([['POST', '/api/v1/events/17/check-in', { code: CODE }]])
    expect(wrapper.find('[data-test="check-in-done"]').text()).toContain('已签到：高素质农民培育（第二期）')
    expect(wrapper.find('[data-test="check-in-event"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('says the server’s reason for a refusal, and offers no event to those who may not read events', async () => {
    const { wrapper } = await openCheckIn(`/check-in?code=${CODE}`, () => apiError(403, 'check_in_no_person', '您的账号没有关联人员档案，不能签到'), [])
    await wrapper.find('[data-test="check-in-confirm"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test="check-in-refused"]').text()).toContain('您的账号没有关联人员档案，不能签到')
    expect(wrapper.find('[data-test="check-in-done"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('refuses an address whose code is cut or mistyped without asking the server', async () => {
    const { wrapper, sent } = await openCheckIn('/check-in?code=17.48137', () => json(500, {}))
    expect(wrapper.find('[data-test="check-in-bad-code"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="check-in-confirm"]').exists()).toBe(false)
    expect(sent).toHaveLength(0)
    wrapper.unmount()
  })
})
