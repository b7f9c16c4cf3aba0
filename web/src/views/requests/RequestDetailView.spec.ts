import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { ElMessage } from 'element-plus'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import type { RequestDetail } from '@/api/types'
import OrganizationSelect from '@/components/OrganizationSelect.vue'
import { resetRequestCodes } from '@/composables/useRequestCodes'
import { i18n } from '@/i18n'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { screen } from '@/test-support/land'
import { makeDetail, requestCodes } from '@/test-support/requests'
import { signedIn } from '@/test-support/users'
import RequestDetailView from './RequestDetailView.vue'

const VISIT = {
  id: 41,
  person: { id: 2, name: '廖英杰' },
  target: { kind: 'enterprise', id: 9, name: '蓝山县朋佳中草药种植有限公司', region: { code: '431127103224', name: '朋佳村' } },
  occurred_on: '2022-03-07',
  kind: 'visit',
  place: '',
  notes: '',
  requests: [{ id: 12, title: '晾晒棚用地审批', status: 'in_progress' }],
  version: 1,
}

const READER = ['requests.read', 'people.read', 'enterprises.read', 'organizations.read', 'contacts.read']

/**
 * The request's page with a server that keeps it: an action answers the
 * request (and the next GET shows it), unless `refuse` says otherwise.
 */
async function openRequest(options: { request?: RequestDetail; permissions?: string[]; refuse?: (r: SentRequest) => Response | undefined } = {}) {
  let request = options.request ?? makeDetail()
  const sent = stubFetch((r) => {
    const codes = requestCodes(r.url)
    if (codes) return codes
    if (r.url === '/api/v1/requests/12' && r.method === 'GET') return json(200, request)
    if (r.url === '/api/v1/requests/12/actions' && r.method === 'POST') {
      const refusal = options.refuse?.(r)
      if (refusal) return refusal
      const body = r.body as { action: string; note?: string }
      request = {
        ...request,
        version: request.version + 1,
        status: body.action === 'resolve' ? 'resolved' : request.status,
        timeline: [
          ...request.timeline,
          { id: 9, action: body.action, from_status: request.status, to_status: request.status, at: '2022-03-10T02:00:00Z', actor: { name: '楠市镇党政办' }, note: body.note ?? '', handler: null, rating: null, due_on: null },
        ],
      }
      return json(200, request)
    }
    if (r.url === '/api/v1/contacts/41') return json(200, VISIT)
    return json(200, { items: [], total: 0 })
  })
  const pinia = signedIn({ permissions: options.permissions ?? [...READER, 'requests.write', 'requests.manage'] })
  const stub = { render: () => null }
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/requests', name: 'requests', component: stub },
      { path: '/requests/:id', name: 'request', component: RequestDetailView },
      { path: '/people/:id', name: 'person', component: stub },
      { path: '/enterprises/:id', name: 'enterprise', component: stub },
      { path: '/organizations/:id', name: 'organization', component: stub },
      { path: '/contacts', name: 'contacts', component: stub },
      { path: '/events/:id', name: 'event', component: stub },
    ],
  })
  await router.push('/requests/12')
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  await flushPromises()
  await flushPromises()
  const reads = () => sent.filter((r) => r.method === 'GET' && r.url === '/api/v1/requests/12').length
  const posts = () => sent.filter((r) => r.method === 'POST').map((r) => r.body)
  return { wrapper, sent, reads, posts }
}

const $ = (test: string) => document.querySelector<HTMLElement>(`[data-test="${test}"]`)
const buttons = () => [...document.querySelectorAll<HTMLElement>('[data-test="request-actions"] button')].map((b) => b.dataset.test)

async function typeNote(text: string) {
  const note = document.querySelector<HTMLTextAreaElement>('textarea[data-test="request-action-note"]')!
  note.value = text
  note.dispatchEvent(new Event('input'))
  await flushPromises()
}
const fieldError = () => document.querySelector('.el-dialog .el-form-item__error')?.textContent?.trim()
async function save() {
  $('request-action-save')!.click()
  await flushPromises()
  await flushPromises()
}

describe('RequestDetailView', () => {
  beforeEach(() => {
    resetRequestCodes()
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows who raised it on which visit, who owns and handles it, when it is due, and its timeline', async () => {
    screen(false)
    const { wrapper } = await openRequest({ permissions: READER, request: makeDetail({ actions: [] }) })
    expect($('request-title')?.textContent).toBe('晾晒棚用地审批')
    expect($('request-category')?.textContent?.trim()).toBe('用地')
    expect($('request-status-in_progress')?.textContent?.trim()).toBe('办理中')
    expect($('request-requester')?.querySelector('a')?.getAttribute('href')).toBe('/enterprises/9')
    const visit = $('request-visit')!
    expect(visit.textContent).toBe('2022-03-07 廖英杰的走访')
    expect(visit.getAttribute('href')).toBe('/contacts?person=2&from=2022-03-07&to=2022-03-07')
    expect($('request-owner')?.querySelector('a')?.getAttribute('href')).toBe('/people/3')
    expect($('request-handlers')?.textContent?.replace(/\s+/g, ' ')).toContain('朋佳村股份经济合作社 · 2022-03-08 转办 · 请核实用地性质')
    expect($('request-due')?.textContent).toContain('2022-04-01')
    expect($('request-detail')?.textContent).toBe('需新建晾晒棚约 300 平方米')

    const entries = [...document.querySelectorAll<HTMLElement>('[data-test^="request-timeline-"]')].filter((e) => e.dataset.test !== 'request-timeline')
    expect(entries.map((e) => e.dataset.test)).toEqual(['request-timeline-create', 'request-timeline-forward'])
    expect(entries[0].textContent).toContain('登记')
    expect(entries[0].textContent).toContain('廖英杰')
    expect(entries[0].textContent).toContain('办理期限：2022-04-01')
    expect(entries[1].textContent).toContain('转办')
    expect(entries[1].textContent).toContain('转办给朋佳村股份经济合作社')
    expect(entries[1].textContent).toContain('请核实用地性质')
    // A reader is offered no action.
    expect($('request-actions')).toBeNull()
    wrapper.unmount()
  })

  it('marks a late request with the days late and how far it was escalated', async () => {
    screen(false)
    const { wrapper } = await openRequest({ request: makeDetail({ overdue: true, days_overdue: 12, escalation: 'county' }) })
    const due = $('request-due')!
    expect(due.querySelector('[data-test="request-overdue"]')?.textContent?.trim()).toBe('超期 12 天')
    expect(due.querySelector('[data-test="request-escalation"]')?.textContent?.trim()).toBe('已升级至县')
    wrapper.unmount()
  })

  it('offers only the actions the server lists, in the order of a request’s life', async () => {
    screen(false)
    const { wrapper } = await openRequest({ request: makeDetail({ actions: ['withdraw', 'resolve', 'forward', 'progress', 'escalate'] }) })
    expect(buttons()).toEqual(['request-action-forward', 'request-action-progress', 'request-action-resolve', 'request-action-escalate', 'request-action-withdraw'])
    wrapper.unmount()
  })

  it('forwards it to an organization with a note, then reads it again', async () => {
    screen(false)
    const success = vi.spyOn(ElMessage, 'success')
    const { wrapper, reads, posts } = await openRequest()
    const before = reads()
    $('request-action-forward')!.click()
    await flushPromises()
    expect(document.querySelector('[data-test="request-action-dialog-forward"] .el-dialog__title')?.textContent).toBe('转办诉求')

    // Nobody chosen: nothing is sent.
    await save()
    expect(posts()).toEqual([])
    await vi.waitFor(() => expect(fieldError()).toBe('请选择承办单位或个人'))

    wrapper.findComponent(OrganizationSelect).vm.$emit('update:modelValue', 17)
    await typeNote('请村集体核实用地性质')
    await save()
    expect(posts()).toEqual([{ action: 'forward', version: 3, note: '请村集体核实用地性质', handler: { organization_id: 17 } }])
    expect(success).toHaveBeenCalledWith('已转办')
    await vi.waitFor(() => expect(reads()).toBe(before + 1))
    wrapper.unmount()
  })

  it('needs the resolution to resolve, and records the requester’s rating', async () => {
    screen(false)
    const { wrapper, posts } = await openRequest()
    $('request-action-resolve')!.click()
    await flushPromises()
    await save()
    expect(posts()).toEqual([])
    await vi.waitFor(() => expect(fieldError()).toBe('请填写办理结果'))
    await typeNote('已协调自然资源所办理设施农用地备案')
    await save()
    expect(posts()).toEqual([{ action: 'resolve', version: 3, note: '已协调自然资源所办理设施农用地备案' }])
    wrapper.unmount()

    document.body.innerHTML = ''
    const resolved = await openRequest({ request: makeDetail({ status: 'resolved', status_type: 'closed', actions: ['rate', 'reopen'] }) })
    expect(buttons()).toEqual(['request-action-rate', 'request-action-reopen'])
    expect($('request-rating')?.textContent).toContain('尚未评价')
    $('request-action-rate')!.click()
    await flushPromises()
    $('request-rating-basic')!.querySelector('input')!.click()
    await flushPromises()
    await typeNote('办得还算及时')
    await save()
    expect(resolved.posts()).toEqual([{ action: 'rate', version: 3, note: '办得还算及时', rating: 'basic' }])
    resolved.wrapper.unmount()
  })

  it('says why an action no longer fits and reads the request again', async () => {
    screen(false)
    const error = vi.spyOn(ElMessage, 'error')
    const { wrapper, reads } = await openRequest({
      request: makeDetail({ actions: ['accept'] }),
      refuse: () => apiError(409, 'invalid_transition', '该诉求当前状态为“办理中”，不能受理。'),
    })
    const before = reads()
    $('request-action-accept')!.click()
    await flushPromises()
    await save()
    expect(error).toHaveBeenCalledWith('该诉求当前状态为“办理中”，不能受理。')
    await vi.waitFor(() => expect(reads()).toBe(before + 1))
    await vi.waitFor(() => expect(document.querySelector('[data-test="request-action-dialog-accept"]')?.closest('.el-overlay')?.getAttribute('style') ?? '').toContain('display: none'))
    wrapper.unmount()
  })

  it('gives a phone large buttons, two to a row', async () => {
    screen(true)
    const { wrapper } = await openRequest()
    const row = $('request-actions')!
    expect(row.classList).toContain('narrow')
    expect([...row.querySelectorAll('button')].every((b) => b.classList.contains('el-button--large'))).toBe(true)
    wrapper.unmount()
  })
})
