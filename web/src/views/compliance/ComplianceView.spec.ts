import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Compliance } from '@/api/types'
import { i18n } from '@/i18n'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { signedIn } from '@/test-support/users'
import { saveFile } from '@/utils/download'
import ComplianceView from './ComplianceView.vue'

vi.mock('@/utils/download', async (original) => ({
  ...(await original<typeof import('@/utils/download')>()),
  saveFile: vi.fn(),
}))

const NANSHI = { code: '431127103', name: '楠市镇', level: 'town' }

function answer(): Compliance {
  return {
    region: NANSHI,
    date: '2022-10-20',
    ok: true,
    levels: [],
    quotas: [],
    quotas_total: 0,
    quotas_failing: 0,
    overdue: [],
    overdue_total: 0,
  } as unknown as Compliance
}

const DISPOSITION = "attachment; filename=\"export.xlsx\"; filename*=UTF-8''%E6%A5%A0%E5%B8%82%E9%95%87%E5%8C%85%E4%BF%9D%E8%90%BD%E5%AE%9E%E6%83%85%E5%86%B5-2022-10-20.xlsx"

/** The page at an address, with the report and the rules stubbed out: only the page's own buttons matter here. */
async function openPage(path: string, exportAnswer: (r: SentRequest) => Response | Promise<Response>) {
  const sent = stubFetch((r) => {
    if (r.url.startsWith('/api/v1/compliance/export')) return exportAnswer(r)
    if (r.url.startsWith('/api/v1/compliance')) return json(200, answer())
    if (r.url.startsWith('/api/v1/regions/')) return json(200, { ...NANSHI, ancestors: [] })
    return json(404, {})
  })
  const pinia = signedIn({ permissions: ['compliance.read', 'pairing.read'] })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/compliance', name: 'compliance', component: ComplianceView }],
  })
  await router.push(path)
  const wrapper = mount(ComplianceView, {
    global: { plugins: [pinia, router, i18n], stubs: { ComplianceReport: true, RulesPanel: true } },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, sent, router }
}

const exportButton = () => document.querySelector<HTMLButtonElement>('[data-test="compliance-export"]')!
const exports = (sent: SentRequest[]) => sent.filter((r) => r.url.includes('/compliance/export')).map((r) => r.url)

describe('the compliance page’s Excel export', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
    vi.mocked(saveFile).mockClear()
  })

  it('downloads the server’s workbook for the page’s region and day, showing it is busy meanwhile', async () => {
    let release!: () => void
    const { wrapper, sent } = await openPage('/compliance?region=431127103&date=2022-10-20', async () => {
      await new Promise<void>((resolve) => (release = resolve))
      return new Response('PK', { status: 200, headers: { 'Content-Disposition': DISPOSITION } })
    })
    expect(exportButton().textContent).toContain('导出 Excel')

    exportButton().click()
    await flushPromises()
    expect(exports(sent)).toEqual(['/api/v1/compliance/export?region=431127103&date=2022-10-20'])
    expect(exportButton().classList.contains('is-loading')).toBe(true)
    expect(saveFile).not.toHaveBeenCalled()

    release()
    await flushPromises()
    expect(exportButton().classList.contains('is-loading')).toBe(false)
    expect(saveFile).toHaveBeenCalledTimes(1)
    const [file, fallback] = vi.mocked(saveFile).mock.calls[0]
    expect(file.filename).toBe('楠市镇包保落实情况-2022-10-20.xlsx')
    expect(fallback).toBe('包保落实情况_楠市镇_2022-10-20.xlsx')
    wrapper.unmount()
  })

  it('follows the region and day chosen on the page', async () => {
    const { wrapper, sent, router } = await openPage('/compliance?region=431127103&date=2022-10-20', () => new Response('PK'))
    await router.push('/compliance?region=431127103224&date=2022-06-30')
    await flushPromises()
    exportButton().click()
    await flushPromises()
    expect(exports(sent)).toEqual(['/api/v1/compliance/export?region=431127103224&date=2022-06-30'])
    wrapper.unmount()
  })

  it('says why when the server refuses, and saves nothing', async () => {
    const { wrapper } = await openPage('/compliance?region=431127103&date=2022-10-20', () =>
      apiError(403, 'forbidden', '没有查看该区划的权限'),
    )
    exportButton().click()
    await flushPromises()
    await vi.waitFor(() => expect(document.body.textContent).toContain('没有查看该区划的权限'))
    expect(saveFile).not.toHaveBeenCalled()
    expect(exportButton().classList.contains('is-loading')).toBe(false)
    wrapper.unmount()
  })
})
