import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import { json, stubFetch } from '@/test-support/fetch'
import { makeUser } from '@/test-support/users'
import UserLoginFailures from './UserLoginFailures.vue'

describe('a user’s failed logins', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('says how many there were and forgives them, then reads the user again', async () => {
    let failures = 7
    const sent = stubFetch((r) => {
      if (r.method === 'POST') failures = 0
      return json(200, makeUser({ id: 9, username: 'pengjia', failed_logins: failures }))
    })
    const wrapper = mount(UserLoginFailures, { props: { userId: 9 }, global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()

    expect(wrapper.find('[data-test="user-failed-logins"]').text()).toContain('近24小时登录失败 7 次')
    await wrapper.find('[data-test="user-unlock"]').trigger('click')
    await flushPromises()

    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/v1/users/9', 'POST /api/v1/users/9/unlock', 'GET /api/v1/users/9'])
    expect(wrapper.find('[data-test="user-failed-logins"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('says nothing when there were none', async () => {
    stubFetch(() => json(200, makeUser({ id: 9, failed_logins: 0 })))
    const wrapper = mount(UserLoginFailures, { props: { userId: 9 }, global: { plugins: [i18n] } })
    await flushPromises()
    expect(wrapper.html()).not.toContain('登录失败')
    wrapper.unmount()
  })
})
