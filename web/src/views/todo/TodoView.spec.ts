import { beforeEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import type { TodoList } from '@/api/types'
import { i18n } from '@/i18n'
import { json, stubFetch } from '@/test-support/fetch'
import { signedIn } from '@/test-support/users'
import TodoView from './TodoView.vue'

const LIST: TodoList = {
  date: '2022-11-20',
  items: [
    { kind: 'request', title: '晾晒棚用地审批（用地）', due: '2022-11-18', severity: 'late', link: '/requests/12' },
    { kind: 'rent_overdue', title: '朋佳村 中草药种植 租金逾期 30 天', due: '2022-10-20', severity: 'late', link: '/land/3' },
    { kind: 'quota', title: '还差 3 户致富能手', due: '2022-11-23', severity: 'soon', link: '/compliance?region=431127103' },
    { kind: 'uncovered', title: '新会员 张三 尚未包保', due: null, severity: 'normal', link: '/pairing?level=1' },
  ],
}

async function openTodo(list: TodoList) {
  const sent = stubFetch(() => json(200, list))
  const pinia = signedIn()
  const stub = { render: () => null }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/todo', name: 'todo', component: TodoView },
      { path: '/:rest(.*)*', component: stub },
    ],
  })
  await router.push('/todo')
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, sent, router }
}

describe('TodoView', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('lists what the user owes under 已超期, 即将到期 and 其他待办, each leading to its page', async () => {
    const { wrapper, sent, router } = await openTodo(LIST)
    expect(sent.map((r) => r.url)).toEqual(['/api/v1/todo'])
    expect(wrapper.find('[data-test="todo-date"]').text()).toBe('截至 2022-11-20')
    expect(wrapper.findAll('[data-test^="todo-"] > h2').map((h) => h.text().replace(/\s+/g, ''))).toEqual(['已超期2', '即将到期1', '其他待办1'])
    const late = wrapper.find('[data-test="todo-late"]')
    const first = late.find('[data-test="todo-item-request"]')
    expect(first.text()).toContain('晾晒棚用地审批（用地）')
    expect(first.text()).toContain('诉求')
    expect(first.find('[data-test="todo-due"]').text()).toBe('期限 2022-11-18')
    expect(first.find('a').attributes('href')).toBe('/requests/12')
    expect(late.find('[data-test="todo-item-rent_overdue"]').text()).toContain('租金逾期')
    expect(wrapper.find('[data-test="todo-soon"] a').attributes('href')).toBe('/compliance?region=431127103')
    expect(wrapper.find('[data-test="todo-normal"] [data-test="todo-due"]').text()).toBe('无期限')

    await first.find('a').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/requests/12')
    wrapper.unmount()
  })

  it('says why there is nothing to do', async () => {
    const { wrapper } = await openTodo({ date: '2022-11-20', items: [] })
    const empty = wrapper.find('[data-test="todo-empty"]')
    expect(empty.text()).toContain('今天没有待办事项')
    expect(empty.text()).toContain('没有超期或临近期限')
    wrapper.unmount()
  })

  it('speaks English to an English reader', async () => {
    i18n.global.locale.value = 'en'
    const { wrapper } = await openTodo(LIST)
    expect(wrapper.find('[data-test="todo-late"] h2').text()).toContain('Late')
    expect(wrapper.find('[data-test="todo-item-request"] [data-test="todo-due"]').text()).toBe('due 2022-11-18')
    wrapper.unmount()
  })
})
