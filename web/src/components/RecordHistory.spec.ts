import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { AuditEntry } from '@/api/types'
import { i18n } from '@/i18n'
import { emptyPage, json, stubFetch } from '@/test-support/fetch'
import { makeUser } from '@/test-support/users'
import UserHistoryDrawer from '@/views/users/UserHistoryDrawer.vue'
import RecordHistory from './RecordHistory.vue'

function entry(id: number, action: string, before: Record<string, unknown> | null, after: Record<string, unknown> | null): AuditEntry {
  return { id, at: '2026-11-29T02:00:00Z', user: { id: 1, username: 'admin' }, entity: 'user', entity_id: 7, action, before, after }
}

/** Each timeline entry as its heading and its rows of field, before and after. */
function timeline() {
  return [...document.querySelectorAll('.el-timeline-item')].map((item) => ({
    head: item.querySelector('.entry-head')?.textContent?.replace(/\s+/g, ' ').trim(),
    changes: [...item.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent?.trim())),
  }))
}

describe('RecordHistory', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows each change as field, before and after, newest first, and reads more on request', async () => {
    const sent = stubFetch((r) => {
      const page = new URL(r.url, 'http://x').searchParams.get('page')
      if (page === '1') {
        return json(200, {
          items: [entry(2, 'update', { name: '罗桂鑫', phone: '13800000000', version: 1 }, { name: '罗桂鑫', phone: '13900000000', version: 2 })],
          total: 2,
        })
      }
      return json(200, { items: [entry(1, 'create', null, { name: '罗桂鑫', phone: '13800000000', notes: '' })], total: 2 })
    })
    setActivePinia(createPinia())
    const wrapper = mount(RecordHistory, {
      props: { entity: 'person', id: 7, fields: { name: 'people.name', phone: 'people.phone', notes: 'people.notes' } },
      global: { plugins: [i18n] },
      attachTo: document.body,
    })
    await flushPromises()
    expect(sent[0].url).toBe('/api/v1/audit?entity=person&id=7&page=1&page_size=20')
    expect(timeline()).toEqual([{ head: '修改操作人: admin', changes: [['联系电话', '13800000000', '13900000000']] }])

    await wrapper.find('button.more').trigger('click')
    await flushPromises()
    const entries = timeline()
    expect(entries).toHaveLength(2)
    // A creation lists what it filled in, not the fields it left empty.
    expect(entries[1]).toEqual({
      head: '创建操作人: admin',
      changes: [
        ['姓名', '—', '罗桂鑫'],
        ['联系电话', '—', '13800000000'],
      ],
    })
    expect(wrapper.find('button.more').exists()).toBe(false)
    wrapper.unmount()
  })

  it('says so when there is no history, and shows the server’s reason when it fails', async () => {
    stubFetch(emptyPage)
    setActivePinia(createPinia())
    const empty = mount(RecordHistory, { props: { entity: 'enterprise', id: 3, fields: {} }, global: { plugins: [i18n] } })
    await flushPromises()
    expect(empty.text()).toContain('暂无变更记录')

    stubFetch(() => json(403, { error: { code: 'forbidden', message: '没有查看变更记录的权限' } }))
    const failed = mount(RecordHistory, { props: { entity: 'enterprise', id: 3, fields: {} }, global: { plugins: [i18n] } })
    await flushPromises()
    expect(failed.find('.el-alert').text()).toContain('没有查看变更记录的权限')
  })

  it('is the timeline of a user’s history drawer, read again on every opening, with roles by name and passwords hidden', async () => {
    const sent = stubFetch(() =>
      json(200, {
        items: [entry(5, 'update', { roles: ['town_office'], disabled: false, password: 'x' }, { roles: ['town_office', 'admin'], disabled: true, password: 'y' })],
        total: 1,
      }),
    )
    setActivePinia(createPinia())
    const user = makeUser({ id: 7, display_name: '楠市镇党政办干事' })
    const wrapper = mount(UserHistoryDrawer, { props: { user, open: false }, global: { plugins: [i18n] }, attachTo: document.body })
    await wrapper.setProps({ open: true })
    await flushPromises()
    expect(document.querySelector('[data-test="user-history"]')?.textContent).toContain('变更记录：楠市镇党政办干事')
    expect(timeline()).toEqual([
      {
        head: '修改操作人: admin',
        changes: [
          ['密码', '（已隐藏）', '（已隐藏）'],
          ['角色', '镇党政办', '镇党政办、系统管理员'],
          ['停用账号', '否', '是'],
        ],
      },
    ])
    expect(sent.map((r) => r.url)).toEqual(['/api/v1/audit?entity=user&id=7&page=1&page_size=20'])

    // Closed and opened again (after another edit, say): the history is read anew.
    await wrapper.setProps({ open: false })
    await flushPromises()
    await wrapper.setProps({ open: true })
    await flushPromises()
    expect(sent).toHaveLength(2)
    wrapper.unmount()
  })
})
