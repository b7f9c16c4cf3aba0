import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { ElSelect } from 'element-plus'
import type { User } from '@/api/types'
import { resetDataYears } from '@/composables/useDataYears'
import { i18n } from '@/i18n'
import { routes } from '@/router/routes'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { DEFINITIONS, NANSHI, summary, TOWN_2022, TOWN_STATES } from '@/test-support/summary'
import { signedIn } from '@/test-support/users'
import { saveFile } from '@/utils/download'
import PeriodPicker from '@/components/PeriodPicker.vue'
import BriefsView from './BriefsView.vue'

vi.mock('@/utils/download', async (original) => ({
  ...(await original<typeof import('@/utils/download')>()),
  saveFile: vi.fn(),
}))

const HTML = '<!DOCTYPE html><html lang="zh-CN"><head><title>楠市镇2022年“党建+商会”工作简报</title></head><body><article class="sheet"><p>注册资本近千万元。</p><p>召开会议14次。</p></article></body></html>'
const disposition = (ext: string) => `attachment; filename="brief.${ext}"; filename*=UTF-8''${encodeURIComponent(`楠市镇2022年“党建+商会”工作简报.${ext}`)}`

interface Answers {
  /** The brief in a format; default the HTML above, or a file. */
  brief?: (format: string, r: SentRequest) => Response | Promise<Response>
}

async function openBriefs(path: string, user: Partial<User> = {}, answers: Answers = {}) {
  const sent = stubFetch((r) => {
    const url = new URL(r.url, 'http://x')
    const query = Object.fromEntries(url.searchParams)
    if (url.pathname === '/api/v1/stats/figures') return json(200, { figures: DEFINITIONS })
    if (url.pathname === '/api/v1/stats/summary') return json(200, summary(NANSHI, query.from, query.to, query.from.startsWith('2022') ? TOWN_2022 : TOWN_STATES))
    if (url.pathname === '/api/v1/briefs') {
      if (answers.brief) return answers.brief(query.format, r)
      if (query.format === 'html') return new Response(HTML, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } })
      return new Response('PK', { status: 200, headers: { 'Content-Disposition': disposition(query.format) } })
    }
    if (url.pathname.startsWith('/api/v1/regions/')) return json(200, { ...NANSHI, ancestors: [] })
    return json(200, { items: [], total: 0 })
  })
  const pinia = signedIn({ permissions: ['briefs.read'], ...user })
  const router: Router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(path)
  const wrapper = mount(BriefsView, { global: { plugins: [pinia, router, i18n] }, attachTo: document.body }) as VueWrapper
  await settle()
  const briefs = () => sent.filter((r) => r.url.startsWith('/api/v1/briefs?')).map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams))
  return { wrapper, router, briefs }
}

async function settle() {
  for (let i = 0; i < 6; i++) await flushPromises()
}

const preview = (wrapper: VueWrapper) => wrapper.find('[data-test="briefs-preview"]')

describe('the work brief page', () => {
  beforeEach(() => {
    resetDataYears()
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
    vi.mocked(saveFile).mockClear()
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-12-07T04:00:00Z'))
  })
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('previews the brief of the user’s own region for the period picked, as the page it prints as', async () => {
    const { wrapper, briefs } = await openBriefs('/briefs?from=2022-01-01&to=2022-12-31')
    expect(briefs()).toEqual([{ region: '431127103', from: '2022-01-01', to: '2022-12-31', format: 'html' }])
    expect(preview(wrapper).attributes('srcdoc')).toContain('注册资本近千万元')
    expect(preview(wrapper).attributes('srcdoc')).toContain('召开会议14次')
    // Scripts never run in the preview.
    expect(preview(wrapper).attributes('sandbox')).toBe('allow-same-origin allow-modals')
    wrapper.unmount()
  })

  it('says it is writing the brief until the preview comes', async () => {
    let release!: () => void
    const { wrapper } = await openBriefs('/briefs?from=2022-01-01&to=2022-12-31', {}, {
      brief: async () => {
        await new Promise<void>((resolve) => (release = resolve))
        return new Response(HTML, { status: 200 })
      },
    })
    expect(wrapper.find('[data-test="briefs-generating"]').text()).toContain('正在生成简报')
    expect(preview(wrapper).exists()).toBe(false)
    expect(wrapper.find<HTMLButtonElement>('[data-test="briefs-print"]').element.disabled).toBe(true)
    release()
    await settle()
    expect(wrapper.find('[data-test="briefs-generating"]').exists()).toBe(false)
    expect(preview(wrapper).exists()).toBe(true)
    expect(wrapper.find<HTMLButtonElement>('[data-test="briefs-print"]').element.disabled).toBe(false)
    wrapper.unmount()
  })

  it('writes the brief again for another period, keeping region and period in the address', async () => {
    const { wrapper, briefs, router } = await openBriefs('/briefs?from=2022-01-01&to=2022-12-31')
    wrapper.findComponent(PeriodPicker).findComponent(ElSelect).vm.$emit('update:modelValue', 'lastYear')
    await settle()
    expect(briefs().at(-1)).toEqual({ region: '431127103', from: '2025-01-01', to: '2025-12-31', format: 'html' })
    expect(router.currentRoute.value.query).toEqual({ region: '431127103', from: '2025-01-01', to: '2025-12-31' })
    wrapper.unmount()
  })

  it('starts from this year when it has records, the region given in the address', async () => {
    const { briefs } = await openBriefs('/briefs?region=431127103224')
    // This year has no records made in it here (only states): the latest year that has.
    expect(briefs()).toEqual([{ region: '431127103224', from: '2022-01-01', to: '2022-12-31', format: 'html' }])
  })

  it('downloads Word and Excel under the server’s names, busy meanwhile', async () => {
    let release!: () => void
    const { wrapper, briefs } = await openBriefs('/briefs?from=2022-01-01&to=2022-12-31', {}, {
      brief: async (format) => {
        if (format === 'html') return new Response(HTML, { status: 200 })
        if (format === 'docx') await new Promise<void>((resolve) => (release = resolve))
        return new Response('PK', { status: 200, headers: { 'Content-Disposition': disposition(format) } })
      },
    })
    await wrapper.find('[data-test="briefs-docx"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test="briefs-docx"]').classes()).toContain('is-loading')
    release()
    await settle()
    expect(wrapper.find('[data-test="briefs-docx"]').classes()).not.toContain('is-loading')
    await wrapper.find('[data-test="briefs-xlsx"]').trigger('click')
    await settle()
    expect(briefs().slice(1).map((q) => q.format)).toEqual(['docx', 'xlsx'])
    expect(vi.mocked(saveFile).mock.calls.map(([file]) => file.filename)).toEqual(['楠市镇2022年“党建+商会”工作简报.docx', '楠市镇2022年“党建+商会”工作简报.xlsx'])
    wrapper.unmount()
  })

  it('prints the preview', async () => {
    const { wrapper } = await openBriefs('/briefs?from=2022-01-01&to=2022-12-31')
    const print = vi.fn()
    Object.defineProperty(preview(wrapper).element, 'contentWindow', { value: { print } })
    await wrapper.find('[data-test="briefs-print"]').trigger('click')
    expect(print).toHaveBeenCalledOnce()
    wrapper.unmount()
  })

  it('says why when the brief cannot be written', async () => {
    const { wrapper } = await openBriefs('/briefs?from=2022-01-01&to=2022-12-31', {}, { brief: () => apiError(403, 'out_of_scope', '您只能查看本辖区的数据') })
    expect(wrapper.find('[data-test="briefs-error"]').text()).toContain('您只能查看本辖区的数据')
    expect(preview(wrapper).exists()).toBe(false)
    wrapper.unmount()
  })

  it('leads the administrator to the templates, and no one else', async () => {
    const office = await openBriefs('/briefs?from=2022-01-01&to=2022-12-31')
    expect(office.wrapper.find('[data-test="briefs-templates"]').exists()).toBe(false)
    office.wrapper.unmount()
    const admin = await openBriefs('/briefs?region=431127103&from=2022-01-01&to=2022-12-31', { username: 'admin', permissions: ['briefs.read', 'briefs.manage'], view_region: null, all_regions: true })
    expect(admin.wrapper.find('[data-test="briefs-templates"]').text()).toBe('编辑简报模板')
    admin.wrapper.unmount()
  })
})
