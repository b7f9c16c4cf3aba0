import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory } from 'vue-router'
import { i18n } from '@/i18n'
import { createAppRouter } from '@/router'
import { useLocaleStore } from '@/stores/locale'
import { apiError, emptyPage, json, stubFetch } from '@/test-support/fetch'
import { makeUser } from '@/test-support/users'
import LoginView from './LoginView.vue'

async function renderLogin(path = '/login') {
  const pinia = createPinia()
  setActivePinia(pinia)
  useLocaleStore().setLocale('zh-CN')
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  const wrapper = mount(LoginView, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  return { wrapper, router }
}

async function submit(wrapper: Awaited<ReturnType<typeof renderLogin>>['wrapper'], username: string, password: string) {
  await wrapper.find('input[name="username"]').setValue(username)
  await wrapper.find('input[name="password"]').setValue(password)
  await wrapper.find('form').trigger('submit')
  await flushPromises()
  await new Promise((resolve) => setTimeout(resolve, 0))
  await flushPromises()
}

describe('login page', () => {
  beforeEach(() => {
    localStorage.clear()
    document.body.innerHTML = ''
  })

  it('asks for the missing fields beside them, without calling the server', async () => {
    const sent = stubFetch(() => apiError(401, 'unauthenticated', '请先登录'))
    const { wrapper } = await renderLogin()
    const before = sent.length

    await submit(wrapper, '', '')

    await vi.waitFor(() => {
      expect(wrapper.text()).toContain('请输入用户名')
      expect(wrapper.text()).toContain('请输入密码')
    })
    expect(sent.length).toBe(before)
  })

  it('shows the server’s message for a wrong password', async () => {
    stubFetch((r) =>
      r.method === 'POST'
        ? apiError(401, 'bad_credentials', '用户名或密码错误')
        : apiError(401, 'unauthenticated', '请先登录'),
    )
    const { wrapper, router } = await renderLogin()

    await submit(wrapper, 'nanshi', 'wrong-password')

    expect(wrapper.find('[data-test="login-error"]').text()).toContain('用户名或密码错误')
    expect(router.currentRoute.value.name).toBe('login')
  })

  it('shows the server’s message when throttled, and when a long wait ends as a time of day', async () => {
    stubFetch((r) =>
      r.method === 'POST'
        ? json(429, { error: { code: 'too_many_attempts', message: '尝试次数过多，请 900 秒后再试' } }, { 'Retry-After': '900' })
        : apiError(401, 'unauthenticated', '请先登录'),
    )
    const { wrapper } = await renderLogin()

    await submit(wrapper, 'nanshi', 'shuanglun')

    const alert = wrapper.find('[data-test="login-error"]').text()
    expect(alert).toContain('尝试次数过多，请 900 秒后再试')
    expect(alert).toMatch(/请在 \d{2}:\d{2} 之后再试/)
  })

  it('signs in and returns to the page the user asked for', async () => {
    const sent = stubFetch((r) => {
      if (r.method === 'POST') return json(200, { user: makeUser() })
      if (r.url === '/api/v1/session') return apiError(401, 'unauthenticated', '请先登录')
      return emptyPage()
    })
    const { wrapper, router } = await renderLogin('/login?redirect=/regions')

    await submit(wrapper, ' nanshi ', 'shuanglun')

    expect(sent.find((r) => r.method === 'POST')?.body).toEqual({ username: 'nanshi', password: 'shuanglun' })
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/regions'), { timeout: 5000 })
  })
})
