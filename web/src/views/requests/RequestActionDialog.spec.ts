import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { ElMessage } from 'element-plus'
import type { RequestAction, RequestRecord } from '@/api/types'
import OrganizationSelect from '@/components/OrganizationSelect.vue'
import PersonSelect from '@/components/PersonSelect.vue'
import { i18n } from '@/i18n'
import { dialogSpecPerTest } from '@/test-support/dialogs'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { makeRequest } from '@/test-support/requests'
import { signedIn } from '@/test-support/users'
import RequestActionDialog from './RequestActionDialog.vue'

const REQUEST = makeRequest()

/**
 * The dialog of `action` on 晾晒棚用地审批 (version 3), opened as the request's
 * page opens it; the server answers an action with `answer` (by default the
 * request one version on).
 */
async function openDialog(action: RequestAction, answer?: (r: SentRequest) => Response, request: RequestRecord = REQUEST) {
  const pinia = signedIn({ permissions: ['requests.read', 'requests.write', 'organizations.read', 'people.read'] })
  const sent = stubFetch((r) => {
    if (r.method === 'POST' && r.url === `/api/v1/requests/${request.id}/actions`) return answer?.(r) ?? json(200, { ...request, version: request.version + 1 })
    return json(200, { items: [], total: 0 })
  })
  const wrapper = mount(RequestActionDialog, {
    props: { open: false, request, action, 'onUpdate:open': (open: boolean) => wrapper.setProps({ open }) },
    global: { plugins: [pinia, i18n] },
    attachTo: document.body,
  }) as VueWrapper
  await flushPromises()
  await wrapper.setProps({ open: true })
  await flushPromises()
  const posts = () => sent.filter((r) => r.method === 'POST').map((r) => [r.url, r.body])
  return { wrapper, sent, posts }
}

const dialog = () => document.querySelector<HTMLElement>('.el-dialog')!
const title = () => dialog().querySelector('.el-dialog__title')?.textContent
const labels = () => [...dialog().querySelectorAll('.el-form-item__label')].map((l) => l.textContent?.trim())
const saveButton = () => document.querySelector<HTMLButtonElement>('[data-test="request-action-save"]')!

/** The message beside the form item labelled `label`. */
function fieldError(label: string): string {
  const item = [...dialog().querySelectorAll('.el-form-item')].find((el) => el.querySelector('.el-form-item__label')?.textContent?.trim() === label)
  return item?.querySelector('.el-form-item__error')?.textContent?.trim() ?? ''
}

async function typeNote(text: string) {
  const note = document.querySelector<HTMLTextAreaElement>('textarea[data-test="request-action-note"]')!
  note.value = text
  note.dispatchEvent(new Event('input'))
  await flushPromises()
}

async function save() {
  saveButton().click()
  await flushPromises()
  await flushPromises()
}

/** The dialog closed itself (its `open` given back as false). */
const closed = (wrapper: VueWrapper) => wrapper.emitted<[boolean]>('update:open')?.at(-1)?.[0] === false

describe('RequestActionDialog', () => {
  dialogSpecPerTest()

  it('accepts with only its words, which may be left out', async () => {
    const success = vi.spyOn(ElMessage, 'success')
    const { wrapper, posts } = await openDialog('accept')
    expect(title()).toBe('受理诉求')
    expect(dialog().textContent).toContain('受理后由您负责办理，可以转办给承办单位或个人。')
    expect(labels()).toEqual(['受理意见'])
    expect(dialog().querySelector('[data-test="request-handler-kind"]')).toBeNull()
    expect(dialog().querySelector('[data-test="request-rating"]')).toBeNull()
    expect(saveButton().textContent?.trim()).toBe('受理')
    expect(saveButton().classList).toContain('el-button--primary')

    await save()
    expect(posts()).toEqual([['/api/v1/requests/12/actions', { action: 'accept', version: 3 }]])
    expect(success).toHaveBeenCalledWith('已受理')
    expect(wrapper.emitted('done')).toEqual([[{ ...REQUEST, version: 4 }]])
    expect(closed(wrapper)).toBe(true)
    wrapper.unmount()
  })

  it.each([
    ['progress', '记录进展', '进展情况', '已记录进展'],
    ['resolve', '办结诉求', '办理结果', '已办结'],
    ['reopen', '重办诉求', '重办原因', '已重办，办理期限重新计算'],
  ] as const)('%s asks for its words (%s: %s) and sends nothing without them', async (action, heading, label, saved) => {
    // The rules' library says in the console which failed: that is what this test wants.
    vi.stubGlobal('ASYNC_VALIDATOR_NO_WARNING', true)
    const success = vi.spyOn(ElMessage, 'success')
    const { wrapper, posts } = await openDialog(action)
    expect(title()).toBe(heading)
    expect(labels()).toEqual([label])
    expect(dialog().querySelector('[data-test="request-handler-kind"]')).toBeNull()
    expect(dialog().querySelector('[data-test="request-rating"]')).toBeNull()

    await save()
    await vi.waitFor(() => expect(fieldError(label)).toBe(`请填写${label}`))
    // Spaces are not words.
    await typeNote('   ')
    await save()
    await vi.waitFor(() => expect(fieldError(label)).toBe(`请填写${label}`))
    expect(posts()).toEqual([])
    expect(wrapper.emitted('done')).toBeUndefined()

    await typeNote('  已协调自然资源所办理设施农用地备案  ')
    await save()
    expect(posts()).toEqual([['/api/v1/requests/12/actions', { action, version: 3, note: '已协调自然资源所办理设施农用地备案' }]])
    expect(success).toHaveBeenCalledWith(saved)
    expect(closed(wrapper)).toBe(true)
    wrapper.unmount()
  })

  it('forwards to an organization or a person, and needs one of them', async () => {
    const { wrapper, posts } = await openDialog('forward')
    expect(title()).toBe('转办诉求')
    expect(labels()).toEqual(['承办单位或个人', '转办说明'])
    const kinds = [...dialog().querySelectorAll('[data-test="request-handler-kind"] .el-radio-button')].map((b) => b.textContent?.trim())
    expect(kinds).toEqual(['单位', '个人'])
    // An organization first.
    expect(wrapper.findComponent(OrganizationSelect).exists()).toBe(true)
    expect(wrapper.findComponent(PersonSelect).exists()).toBe(false)

    await save()
    await vi.waitFor(() => expect(fieldError('承办单位或个人')).toBe('请选择承办单位或个人'))
    expect(posts()).toEqual([])

    wrapper.findComponent(OrganizationSelect).vm.$emit('update:modelValue', 17)
    await flushPromises()
    await save()
    expect(posts()).toEqual([['/api/v1/requests/12/actions', { action: 'forward', version: 3, handler: { organization_id: 17 } }]])
    wrapper.unmount()
  })

  it('forwards to a person, with a note', async () => {
    const { wrapper, posts } = await openDialog('forward')
    dialog().querySelector<HTMLInputElement>('[data-test="request-handler-person"] input')!.click()
    await flushPromises()
    expect(wrapper.findComponent(OrganizationSelect).exists()).toBe(false)
    // Nobody chosen yet among people either.
    await save()
    await vi.waitFor(() => expect(fieldError('承办单位或个人')).toBe('请选择承办单位或个人'))
    expect(posts()).toEqual([])

    wrapper.findComponent(PersonSelect).vm.$emit('update:modelValue', 51)
    await typeNote('请雷建国联系自然资源所')
    await save()
    expect(posts()).toEqual([
      ['/api/v1/requests/12/actions', { action: 'forward', version: 3, note: '请雷建国联系自然资源所', handler: { person_id: 51 } }],
    ])
    wrapper.unmount()
  })

  it('records the requester’s rating, which must be chosen; their words may be left out', async () => {
    // The rules' library says in the console which failed: that is what this test wants.
    vi.stubGlobal('ASYNC_VALIDATOR_NO_WARNING', true)
    const resolved = makeRequest({ status: 'resolved', status_type: 'closed', actions: ['rate', 'reopen'] })
    const { wrapper, posts } = await openDialog('rate', undefined, resolved)
    expect(title()).toBe('记录评价')
    expect(labels()).toEqual(['评价', '提出人的意见'])
    expect([...dialog().querySelectorAll('[data-test="request-rating"] .el-radio-button')].map((b) => b.textContent?.trim())).toEqual(['满意', '基本满意', '不满意'])
    expect(dialog().querySelector('[data-test="request-handler-kind"]')).toBeNull()

    await save()
    await vi.waitFor(() => expect(fieldError('评价')).toBe('请选择评价'))
    expect(posts()).toEqual([])

    dialog().querySelector<HTMLInputElement>('[data-test="request-rating-unsatisfied"] input')!.click()
    await flushPromises()
    await save()
    expect(posts()).toEqual([['/api/v1/requests/12/actions', { action: 'rate', version: 3, rating: 'unsatisfied' }]])
    wrapper.unmount()
  })

  it('withdraws with a red button', async () => {
    const { wrapper, posts } = await openDialog('withdraw')
    expect(title()).toBe('撤回诉求')
    expect(labels()).toEqual(['撤回原因'])
    expect(saveButton().textContent?.trim()).toBe('撤回')
    expect(saveButton().classList).toContain('el-button--danger')
    await typeNote('企业已自行解决')
    await save()
    expect(posts()).toEqual([['/api/v1/requests/12/actions', { action: 'withdraw', version: 3, note: '企业已自行解决' }]])
    wrapper.unmount()
  })

  it('shows the server’s objections beside their fields and stays open', async () => {
    const { wrapper, posts } = await openDialog('forward', () =>
      apiError(422, 'invalid', '输入有误', { 'handler.organization_id': '没有这个组织', note: '说明太长' }),
    )
    wrapper.findComponent(OrganizationSelect).vm.$emit('update:modelValue', 99)
    await typeNote('请核实')
    await save()
    expect(posts()).toHaveLength(1)
    await vi.waitFor(() => expect(['承办单位或个人', '转办说明'].map(fieldError)).toEqual(['没有这个组织', '说明太长']))
    expect(document.querySelector('[data-test="request-action-error"]')?.textContent).toContain('有些内容需要修改，请查看标出的项目。')
    expect(wrapper.emitted('done')).toBeUndefined()
    expect(closed(wrapper)).toBe(false)
    wrapper.unmount()
  })

  it('says the server’s words above the form when they name no field', async () => {
    const { wrapper } = await openDialog('escalate', () => apiError(403, 'request_not_yours', '只有责任人、承办人或镇党政办可以办理这条诉求'))
    await save()
    await vi.waitFor(() =>
      expect(document.querySelector('[data-test="request-action-error"]')?.textContent).toContain('只有责任人、承办人或镇党政办可以办理这条诉求'),
    )
    expect(closed(wrapper)).toBe(false)
    wrapper.unmount()
  })

  it('when the request moved on meanwhile, says why, closes and asks for it to be read again', async () => {
    const error = vi.spyOn(ElMessage, 'error')
    const { wrapper } = await openDialog('accept', () => apiError(409, 'invalid_transition', '该诉求当前状态为“办理中”，不能受理。'))
    await save()
    expect(error).toHaveBeenCalledWith('该诉求当前状态为“办理中”，不能受理。')
    expect(wrapper.emitted('stale')).toHaveLength(1)
    expect(wrapper.emitted('done')).toBeUndefined()
    expect(closed(wrapper)).toBe(true)
    wrapper.unmount()
  })

  it('starts empty each time it opens', async () => {
    const { wrapper } = await openDialog('progress')
    await typeNote('已联系村委')
    await wrapper.setProps({ open: false })
    await flushPromises()
    await wrapper.setProps({ action: 'resolve' })
    await wrapper.setProps({ open: true })
    await flushPromises()
    expect(title()).toBe('办结诉求')
    expect(document.querySelector<HTMLTextAreaElement>('textarea[data-test="request-action-note"]')!.value).toBe('')
    expect(fieldError('办理结果')).toBe('')
    wrapper.unmount()
  })

  it('sends nothing when cancelled', async () => {
    const { wrapper, posts } = await openDialog('resolve')
    await typeNote('已办结')
    ;[...dialog().querySelectorAll<HTMLElement>('.el-dialog__footer .el-button')].find((b) => b.textContent?.trim() === '取消')!.click()
    await flushPromises()
    expect(posts()).toEqual([])
    expect(closed(wrapper)).toBe(true)
    wrapper.unmount()
  })
})
