import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/i18n'
import { routes } from '@/router/routes'
import { signedIn } from '@/test-support/users'
import SideMenu from './SideMenu.vue'

async function menu(permissions: string[], path = '/') {
  const pinia = signedIn({ permissions })
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  const wrapper = mount(SideMenu, { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, router }
}

/** Each group's title and its entries, as the menu shows them. */
const groups = (wrapper: Awaited<ReturnType<typeof menu>>['wrapper']) =>
  wrapper.findAll('.el-sub-menu').map((group) => [group.find('.el-sub-menu__title').text(), group.findAll('.el-menu-item').map((item) => item.text())])

describe('the side menu', () => {
  afterEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('puts 首页 first, then the town office’s pages in their groups, then 我的账号', async () => {
    const { wrapper } = await menu(['people.read', 'organizations.read', 'enterprises.read', 'memberships.read', 'land.read', 'income.read', 'regions.read', 'pairing.read', 'compliance.read', 'contacts.read', 'requests.read', 'events.read', 'projects.read', 'briefs.read', 'audit.read'])
    expect(wrapper.find('[data-test="nav-home"]').text()).toBe('首页')
    expect(groups(wrapper)).toEqual([
      ['台账', ['人员', '组织', '企业', '商会', '土地流转', '集体经济', '区划']],
      ['包保', ['包保关系', '落实情况', '走访联系', '诉求']],
      ['活动与项目', ['活动', '项目']],
      ['报表', ['工作简报']],
      ['系统', ['操作日志']],
    ])
    const items = wrapper.findAll('.el-menu-item').map((item) => item.attributes('data-test'))
    expect(items[0]).toBe('nav-home')
    expect(items.at(-1)).toBe('nav-account')
    wrapper.unmount()
  })

  it('shows only the entries the user may open, and no group without any', async () => {
    const { wrapper } = await menu(['people.read', 'requests.read', 'events.read'])
    expect(groups(wrapper)).toEqual([
      ['台账', ['人员']],
      ['包保', ['诉求']],
      ['活动与项目', ['活动']],
    ])
    expect(wrapper.find('[data-test="nav-group-system"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('gives the administrator 简报模板 under 系统', async () => {
    const { wrapper } = await menu(['briefs.read', 'briefs.manage', 'users.admin', 'audit.read'])
    expect(groups(wrapper)).toEqual([
      ['报表', ['工作简报']],
      ['系统', ['用户管理', '操作日志', '登录日志', '简报模板']],
    ])
    wrapper.unmount()
  })

  it('opens every group, folds one at a click on its title, and marks the page open', async () => {
    const { wrapper } = await menu(['people.read', 'events.read'], '/events')
    const ledgers = wrapper.find('[data-test="nav-group-ledgers"]')
    expect(ledgers.classes()).toContain('is-opened')
    expect(wrapper.find('[data-test="nav-group-work"]').classes()).toContain('is-opened')
    expect(wrapper.find('[data-test="nav-events"]').classes()).toContain('is-active')
    await ledgers.find('.el-sub-menu__title').trigger('click')
    await flushPromises()
    expect(ledgers.classes()).not.toContain('is-opened')
    wrapper.unmount()
  })

  it('goes to a page when an entry is chosen, and says so (the phone’s drawer closes)', async () => {
    const { wrapper, router } = await menu(['events.read'])
    await wrapper.find('[data-test="nav-events"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('events')
    expect(wrapper.emitted('navigate')).toHaveLength(1)
    wrapper.unmount()
  })

  it('names the groups in English', async () => {
    i18n.global.locale.value = 'en'
    const { wrapper } = await menu(['people.read', 'briefs.read'])
    expect(groups(wrapper).map(([title]) => title)).toEqual(['Ledgers', 'Reports'])
    expect(wrapper.find('[data-test="nav-home"]').text()).toBe('Home')
    wrapper.unmount()
  })
})
