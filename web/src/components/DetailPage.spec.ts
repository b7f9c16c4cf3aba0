// A record's page, the list it comes from and the app shell are three tiny components here.
/* eslint-disable vue/one-component-per-file */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { ElTag } from 'element-plus'
import { ApiError } from '@/api/client'
import { i18n } from '@/i18n'
import { useRecordDetail } from '@/composables/useRecordDetail'
import { emptyPage, stubFetch } from '@/test-support/fetch'
import { signedIn } from '@/test-support/users'
import DetailPage from './DetailPage.vue'
import DetailSection from './DetailSection.vue'

interface Thing {
  id: number
  name: string
  industry: string
}

/** A record's page as a ledger would write one: tags, fields and a section in the shell. */
async function openPage(permissions: string[], fetch: (id: number) => Promise<Thing>) {
  const sent = stubFetch(emptyPage)
  const removed = vi.fn(async () => {})
  const edits = vi.fn()
  const Page = defineComponent({
    setup() {
      const detail = useRecordDetail({ fetch, remove: removed, list: 'things' })
      return () =>
        h(
          DetailPage<Thing>,
          {
            detail,
            title: detail.record.value?.name ?? '',
            test: 'thing',
            canWrite: permissions.includes('enterprises.write'),
            history: 'enterprise',
            onEdit: edits,
          },
          {
            tags: () => h(ElTag, () => detail.record.value?.industry),
            default: () => h('p', { class: 'fields' }, `统一社会信用代码 ${detail.record.value?.id}`),
            sections: () => h('section', { class: 'sl-panel', 'data-test': 'thing-members' }, '会员'),
          },
        )
    },
  })
  const pinia = signedIn({ permissions })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/things', name: 'things', component: { render: () => h('p', '列表') } },
      { path: '/things/:id', name: 'thing', component: Page },
    ],
  })
  await router.push('/things/7')
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), {
    global: { plugins: [pinia, router, i18n] },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, router, sent, removed, edits }
}

const found = async (id: number): Promise<Thing> => ({ id, name: '蓝山县湘盛农业科技有限公司', industry: '农林牧渔业' })

describe('DetailPage', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the record: back link, title, tags, fields, the page’s sections and the history', async () => {
    const { wrapper, sent } = await openPage(['enterprises.read', 'audit.read'], found)
    expect(wrapper.find('.sl-detail-head button').text()).toBe('返回列表')
    expect(wrapper.find('[data-test="thing-title"]').text()).toBe('蓝山县湘盛农业科技有限公司')
    expect(wrapper.find('.el-tag').text()).toBe('农林牧渔业')
    expect(wrapper.find('.fields').text()).toBe('统一社会信用代码 7')
    expect(wrapper.find('[data-test="thing-members"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="record-history"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('变更记录')
    expect(sent.map((r) => r.url)).toEqual(['/api/v1/audit?entity=enterprise&id=7&page=1&page_size=20'])
    // A reader neither edits nor deletes.
    expect(wrapper.find('[data-test="thing-edit"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="thing-delete"]').exists()).toBe(false)
  })

  it('leaves the history out for a user who may not read it', async () => {
    const { wrapper, sent } = await openPage(['enterprises.read'], found)
    expect(wrapper.find('[data-test="thing-title"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="record-history"]').exists()).toBe(false)
    expect(sent).toEqual([])
  })

  it('offers a writer to edit, and to delete after asking, which ends on the list', async () => {
    const { wrapper, router, removed, edits } = await openPage(['enterprises.read', 'enterprises.write'], found)
    await wrapper.find('[data-test="thing-edit"]').trigger('click')
    expect(edits).toHaveBeenCalledOnce()

    await wrapper.find('[data-test="thing-delete"]').trigger('click')
    await flushPromises()
    const box = document.querySelector('.el-message-box')
    expect(box?.textContent).toContain('蓝山县湘盛农业科技有限公司')
    const confirm = [...box!.querySelectorAll('button')].find((b) => b.textContent?.trim() === '删除')
    confirm!.click()
    await vi.waitFor(() => expect(removed).toHaveBeenCalledWith(7))
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('things'))
  })

  it('says the record is not found, and goes back to the list when opened directly', async () => {
    const { wrapper, router } = await openPage(['enterprises.read'], async () => {
      throw new ApiError(404, 'not_found', '')
    })
    expect(wrapper.find('.el-alert').text()).toContain('找不到这条记录')
    expect(wrapper.find('[data-test="thing-title"]').exists()).toBe(false)
    await wrapper.find('.sl-detail-head button').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('things')
  })
})

describe('DetailSection', () => {
  const posts = [
    { id: 1, title: '村委委员', valid_to: null },
    { id: 2, title: '村委副主任', valid_to: '2021-12-31' },
  ]

  it('lists its rows under its title, greying the ended ones', () => {
    const wrapper = mount(DetailSection<(typeof posts)[number]>, {
      props: { title: '职务', rows: posts, empty: '暂无职务', ended: (post) => post.valid_to !== null },
      slots: { row: ({ row }: { row: (typeof posts)[number] }) => h('strong', row.title) },
    })
    expect(wrapper.find('h2').text()).toBe('职务')
    expect(wrapper.findAll('li').map((li) => [li.text(), li.classes('sl-ended')])).toEqual([
      ['村委委员', false],
      ['村委副主任', true],
    ])
  })

  it('says when there are no rows', () => {
    const wrapper = mount(DetailSection, { props: { title: '职务', rows: [], empty: '暂无职务' } })
    expect(wrapper.find('ul').exists()).toBe(false)
    expect(wrapper.find('p').text()).toBe('暂无职务')
  })
})
