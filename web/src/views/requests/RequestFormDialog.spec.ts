import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { ElSelect } from 'element-plus'
import EnterpriseSelect from '@/components/EnterpriseSelect.vue'
import PersonSelect from '@/components/PersonSelect.vue'
import { resetRequestCodes } from '@/composables/useRequestCodes'
import { i18n } from '@/i18n'
import { dialogSpecPerTest } from '@/test-support/dialogs'
import { json, stubFetch } from '@/test-support/fetch'
import { makeRequest, requestCodes } from '@/test-support/requests'
import { signedIn } from '@/test-support/users'
import RequestFormDialog from './RequestFormDialog.vue'

const PENGJIA = { code: '431127103224', name: '朋佳村' }
const GANXI = { code: '431127103228', name: '甘溪村' }

async function openDialog() {
  resetRequestCodes()
  const pinia = signedIn({ permissions: ['requests.read', 'requests.write'] })
  const sent = stubFetch((r) => {
    const codes = requestCodes(r.url)
    if (codes) return codes
    if (r.url === '/api/v1/enterprises/9') return json(200, { id: 9, name: '蓝山县朋佳中草药种植有限公司', region: PENGJIA })
    if (r.url === '/api/v1/people/219') return json(200, { id: 219, name: '蒋金家', region: GANXI })
    if (r.url.startsWith('/api/v1/regions/')) return json(200, { ...PENGJIA, ancestors: [] })
    if (r.method === 'POST') return json(201, makeRequest({ id: 30, status: 'registered' }))
    return json(200, { items: [], total: 0 })
  })
  const wrapper = mount(RequestFormDialog, { props: { open: false }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
  await wrapper.setProps({ open: true })
  await flushPromises()
  return { wrapper, sent, posts: () => sent.filter((r) => r.method === 'POST') }
}

async function type(test: string, value: string) {
  const element = document.querySelector(`input[data-test="${test}"], textarea[data-test="${test}"]`) as HTMLInputElement
  element.value = value
  element.dispatchEvent(new Event('input'))
  await flushPromises()
}

function choose(wrapper: VueWrapper, test: string, value: unknown) {
  wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === test)!.vm.$emit('update:modelValue', value)
}

async function save() {
  ;(document.querySelector('[data-test="request-save"]') as HTMLElement).click()
  await flushPromises()
}

describe('the request form', () => {
  dialogSpecPerTest()

  it('registers an enterprise’s request in its village, the category chosen by name', async () => {
    const { wrapper, posts } = await openDialog()
    expect(document.querySelector('.el-dialog__title')?.textContent).toBe('登记诉求')
    const categories = document.querySelector('[data-test="request-category"]')
    expect(categories).not.toBeNull()

    wrapper.findComponent(EnterpriseSelect).vm.$emit('update:modelValue', 9)
    await flushPromises()
    choose(wrapper, 'request-category', 'land')
    await type('request-title', ' 晾晒棚用地审批 ')
    await type('request-detail', '需新建晾晒棚约 300 平方米')
    await save()

    expect(posts().map((r) => r.body)).toEqual([
      {
        requester: { enterprise_id: 9 },
        region: '431127103224',
        category: 'land',
        title: '晾晒棚用地审批',
        detail: '需新建晾晒棚约 300 平方米',
        raised_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        source: 'direct',
      },
    ])
    expect(wrapper.emitted('saved')?.[0][1]).toBe(true)
  })

  it('takes a person’s region for a villager’s request', async () => {
    const { wrapper, posts } = await openDialog()
    ;(document.querySelector('[data-test="request-requester-person"] input') as HTMLInputElement).click()
    await flushPromises()
    wrapper.findComponent(PersonSelect).vm.$emit('update:modelValue', 219)
    await flushPromises()
    choose(wrapper, 'request-category', 'labour')
    await type('request-title', '协调招工')
    await save()
    expect(posts().map((r) => r.body)).toEqual([expect.objectContaining({ requester: { person_id: 219 }, region: '431127103228', category: 'labour' })])
  })

  it('asks for the requester, the category and the title before sending anything', async () => {
    // The rules' library says in the console which failed: that is what this test wants.
    vi.stubGlobal('ASYNC_VALIDATOR_NO_WARNING', true)
    const { posts } = await openDialog()
    await save()
    expect(posts()).toEqual([])
    await vi.waitFor(() => {
      const errors = [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim())
      expect(errors).toEqual(expect.arrayContaining(['请选择提出人', '请选择所在区划', '请选择类别', '请填写诉求标题']))
    })
  })
})
