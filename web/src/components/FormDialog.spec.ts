import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Component } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { ElSelect } from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import type { Enterprise, Organization } from '@/api/types'
import RegionSelect from '@/components/RegionSelect.vue'
import { i18n } from '@/i18n'
import { apiError, json, stubFetch } from '@/test-support/fetch'
import EnterpriseFormDialog from '@/views/enterprises/EnterpriseFormDialog.vue'
import OrganizationFormDialog from '@/views/organizations/OrganizationFormDialog.vue'
import UserFormDialog from '@/views/users/UserFormDialog.vue'

// The form dialogs share one shell (FormDialog) and one submit sequence
// (useFormDialog); these tests go through real dialogs, as a user meets them.

const BRANCH: Organization = {
  id: 7,
  kind: 'party_branch',
  name: '朋佳村党支部',
  region: { code: '431127103224', name: '朋佳村' },
  parent: null,
  founded_on: null,
  members: 12,
  created_at: '',
  updated_at: '',
  version: 3,
}

/** Mounts a dialog closed, then opens it (a dialog fills itself when it opens). */
async function opened(component: Component, props: Record<string, unknown>): Promise<VueWrapper> {
  const wrapper = mount(component, {
    props: { open: false, ...props } as never,
    global: { plugins: [i18n] },
    attachTo: document.body,
  }) as VueWrapper
  await wrapper.setProps({ open: true })
  await flushPromises()
  return wrapper
}

function click(test: string) {
  ;(document.querySelector(`[data-test="${test}"]`) as HTMLElement).click()
}

/** The message shown beside the form item labelled `label`. */
function fieldMessage(label: string): string {
  const item = [...document.querySelectorAll('.el-form-item')].find(
    (el) => el.querySelector('.el-form-item__label')?.textContent?.trim() === label,
  )
  return item?.querySelector('.el-form-item__error')?.textContent?.trim() ?? ''
}

function alertText(): string {
  return document.querySelector('.el-alert')?.textContent?.trim() ?? ''
}

async function fillOrganization(wrapper: VueWrapper) {
  wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'organization-kind')!.vm.$emit('update:modelValue', 'party_branch')
  await wrapper.find('input[data-test="organization-name"]').setValue('熊家村党支部')
  wrapper.findComponent(RegionSelect).vm.$emit('update:modelValue', '431127103225')
  await flushPromises()
}

/** A new organization, filled in and saved; the server answers `refusal`. */
async function refusedWith(refusal: Response): Promise<VueWrapper> {
  stubFetch(() => refusal.clone())
  const wrapper = await opened(OrganizationFormDialog, { organization: null })
  await fillOrganization(wrapper)
  click('organization-save')
  await flushPromises()
  return wrapper
}

describe('a form dialog', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('opens with the title of what it does and says what is missing before sending anything', async () => {
    const sent = stubFetch(() => json(201, {}))
    const wrapper = await opened(OrganizationFormDialog, { organization: null })
    expect(document.querySelector('.el-dialog__title')?.textContent).toBe('新增组织')

    click('organization-save')
    await flushPromises()
    // Each message renders through its form item, a tick apart on a loaded machine.
    await vi.waitFor(() =>
      expect(['类型', '名称', '所属区划'].map(fieldMessage)).toEqual(['请选择组织类型', '请输入组织名称', '请选择所属区划']),
    )
    expect(sent).toEqual([])
    expect(wrapper.emitted('saved')).toBeUndefined()
    wrapper.unmount()
  })

  it('adds the record, says so, hands it over and closes', async () => {
    const created = { ...BRANCH, id: 8, name: '熊家村党支部', version: 1 }
    const sent = stubFetch(() => json(201, created))
    const wrapper = await opened(OrganizationFormDialog, { organization: null })
    await fillOrganization(wrapper)

    click('organization-save')
    await flushPromises()
    const posts = sent.filter((r) => r.method !== 'GET')
    expect(posts.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v1/organizations'])
    expect(posts[0].body).toEqual({ kind: 'party_branch', name: '熊家村党支部', region: '431127103225' })
    expect(wrapper.emitted('saved')).toEqual([[created, true]])
    expect(wrapper.emitted('update:open')).toEqual([[false]])
    await vi.waitFor(() => expect(document.body.textContent).toContain('已添加：熊家村党支部'))
    wrapper.unmount()
  })

  it('closes on Cancel without sending anything', async () => {
    const sent = stubFetch(() => json(201, {}))
    const wrapper = await opened(OrganizationFormDialog, { organization: BRANCH })
    ;([...document.querySelectorAll('.el-dialog__footer .el-button')].find((b) => b.textContent?.trim() === '取消') as HTMLElement).click()
    await flushPromises()
    expect(wrapper.emitted('update:open')).toEqual([[false]])
    expect(sent.filter((r) => r.method !== 'GET')).toEqual([])
    wrapper.unmount()
  })

  it('shows the server’s objection beside its field, and above the form what no field shows', async () => {
    const wrapper = await refusedWith(apiError(422, 'invalid', '提交的内容有误', { name: '同一区划已有同名组织', level: '不是已知的层级' }))
    await vi.waitFor(() => expect(fieldMessage('名称')).toBe('同一区划已有同名组织'))
    expect(alertText()).toBe('不是已知的层级')
    expect(wrapper.emitted('saved')).toBeUndefined()
    expect(wrapper.emitted('update:open')).toBeUndefined()
    wrapper.unmount()
  })

  it('points to the marked fields when every objection stands beside one', async () => {
    const wrapper = await refusedWith(apiError(422, 'invalid', '提交的内容有误', { founded_on: '不能晚于今天' }))
    await vi.waitFor(() => expect(fieldMessage('成立日期')).toBe('不能晚于今天'))
    expect(alertText()).toBe('有些内容需要修改，请查看标出的项目。')
    wrapper.unmount()
  })

  it('says the server’s message when nothing names a field', async () => {
    const wrapper = await refusedWith(apiError(403, 'forbidden', '无权在此区划登记'))
    await vi.waitFor(() => expect(alertText()).toBe('无权在此区划登记'))
    wrapper.unmount()
  })

  it('fetches a record someone else changed meanwhile (409), shows it and says so; the next save sends its version', async () => {
    const theirs = { ...BRANCH, name: '朋佳村党总支', version: 4 }
    let patches = 0
    const sent = stubFetch((request) => {
      if (request.method === 'GET') return json(200, theirs)
      patches++
      return patches === 1 ? apiError(409, 'version_conflict', '记录已被修改') : json(200, { ...theirs, founded_on: '2001-07-01', version: 5 })
    })
    const wrapper = await opened(OrganizationFormDialog, { organization: BRANCH })
    expect(document.querySelector('.el-dialog__title')?.textContent).toBe('编辑组织：朋佳村党支部')
    expect((document.querySelector('input[data-test="organization-name"]') as HTMLInputElement).value).toBe('朋佳村党支部')

    click('organization-save')
    await flushPromises()
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual(['PATCH /api/v1/organizations/7', 'GET /api/v1/organizations/7'])
    await vi.waitFor(() => expect(alertText()).toBe('此记录已被他人修改，已重新加载最新内容，请再次确认后保存。'))
    expect((document.querySelector('input[data-test="organization-name"]') as HTMLInputElement).value).toBe('朋佳村党总支')
    expect(document.querySelector('.el-dialog__title')?.textContent).toBe('编辑组织：朋佳村党总支')
    expect(wrapper.emitted('saved')).toBeUndefined()

    click('organization-save')
    await flushPromises()
    expect(sent[2]).toMatchObject({ method: 'PATCH', body: { version: 4 } })
    expect(wrapper.emitted('saved')?.[0]?.[1]).toBe(false)
    await vi.waitFor(() => expect(document.body.textContent).toContain('已保存'))
    wrapper.unmount()
  })

  it('places a message the server gives under another name beside the field the user typed it in', async () => {
    stubFetch(() => apiError(422, 'invalid', '提交的内容有误', { registered_capital_fen: '注册资本不能为负数' }))
    const firm: Enterprise = {
      id: 12,
      name: '楠市花生合作社',
      uscc: '93431127MA4L0XYZ1B',
      legal_representative: null,
      industry: 'agriculture',
      registered_capital_fen: 5_000_000,
      region: { code: '431127103224', name: '朋佳村' },
      founded_on: null,
      created_at: '',
      updated_at: '',
      version: 1,
    }
    const wrapper = await opened(EnterpriseFormDialog, { enterprise: firm })
    expect((document.querySelector('input[data-test="enterprise-capital"]') as HTMLInputElement).value).toBe('5')
    await wrapper.find('input[data-test="enterprise-capital"]').setValue('6')

    click('enterprise-save')
    await flushPromises()
    await vi.waitFor(() => expect(fieldMessage('注册资本')).toBe('注册资本不能为负数'))
    wrapper.unmount()
  })

  it('puts a taken username beside the username, and only there', async () => {
    setActivePinia(createPinia())
    stubFetch(() => apiError(409, 'username_taken', '用户名已被使用'))
    const roles = [{ role: 'town_office', permissions: [] }]
    const wrapper = await opened(UserFormDialog, { user: null, roles })
    await wrapper.find('input[data-test="user-username"]').setValue('nanshi')
    await wrapper.find('input[data-test="user-password"]').setValue('clerk-password')
    wrapper.findAll('.el-checkbox input').at(0)!.setValue(true)
    await flushPromises()

    click('user-save')
    await flushPromises()
    await vi.waitFor(() => expect(fieldMessage('用户名')).toBe('用户名已被使用'))
    expect(document.querySelector('[data-test="user-form-error"]')).toBeNull()
    wrapper.unmount()
  })
})
