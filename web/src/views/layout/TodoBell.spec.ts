import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { i18n } from '@/i18n'
import { json, stubFetch } from '@/test-support/fetch'
import { signedIn } from '@/test-support/users'
import TodoBell from './TodoBell.vue'

async function openBell(counts: { count: number; late: number }[]) {
  let n = 0
  const sent = stubFetch(() => json(200, counts[Math.min(n++, counts.length - 1)]))
  const pinia = signedIn()
  const page = { render: () => null }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/todo', name: 'todo', component: page },
      { path: '/requests', name: 'requests', component: page },
      { path: '/land', name: 'land', component: page },
    ],
  })
  await router.push('/requests')
  const wrapper = mount(defineComponent({ render: () => h('div', [h(TodoBell), h(RouterView)]) }), {
    global: { plugins: [pinia, router, i18n] },
    attachTo: document.body,
  })
  await flushPromises()
  const asked = () => sent.filter((r) => r.url === '/api/v1/todo/count').length
  return { wrapper, router, asked }
}

const badge = () => document.querySelector('[data-test="todo-badge"] .el-badge__content')

describe('the header’s to-do bell', () => {
  let hidden = false
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
    hidden = false
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => (hidden ? 'hidden' : 'visible'))
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('shows the count, red when some are late, and opens 待办事项', async () => {
    const { wrapper, router } = await openBell([{ count: 6, late: 2 }])
    const bell = wrapper.find('[data-test="todo-bell"]')
    expect(bell.attributes('href')).toBe('/todo')
    expect(bell.attributes('aria-label')).toBe('待办事项 6 项，其中 2 项已超期')
    expect(badge()?.textContent?.trim()).toBe('6')
    expect(badge()?.classList).toContain('el-badge__content--danger')
    await bell.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('todo')
    wrapper.unmount()
  })

  it('is not red when nothing is late, and has no number when there is nothing to do', async () => {
    const some = await openBell([{ count: 3, late: 0 }])
    expect(badge()?.textContent?.trim()).toBe('3')
    expect(badge()?.classList).not.toContain('el-badge__content--danger')
    expect(some.wrapper.find('[data-test="todo-bell"]').attributes('aria-label')).toBe('待办事项 3 项')
    some.wrapper.unmount()

    document.body.innerHTML = ''
    const none = await openBell([{ count: 0, late: 0 }])
    expect((badge() as HTMLElement | null)?.style.display ?? 'none').toBe('none')
    none.wrapper.unmount()
  })

  it('asks again every minute while the tab is in view, on coming back to it and on each change of page', async () => {
    const { wrapper, router, asked } = await openBell([{ count: 1, late: 0 }, { count: 2, late: 1 }])
    expect(asked()).toBe(1)
    vi.advanceTimersByTime(60_000)
    await flushPromises()
    expect(asked()).toBe(2)
    expect(badge()?.textContent?.trim()).toBe('2')

    // A tab in the background is not asked.
    hidden = true
    vi.advanceTimersByTime(120_000)
    await flushPromises()
    expect(asked()).toBe(2)
    hidden = false
    document.dispatchEvent(new Event('visibilitychange'))
    await flushPromises()
    expect(asked()).toBe(3)

    await router.push('/land')
    await flushPromises()
    expect(asked()).toBe(4)
    wrapper.unmount()
  })
})
