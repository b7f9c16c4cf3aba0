import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { Query } from '@/api/client'
import type { RegistryKind } from '@/api/types'
import { i18n } from '@/i18n'
import { json, stubFetch } from '@/test-support/fetch'
import { todayIso } from '@/utils/dates'
import { saveFile } from '@/utils/download'
import ExcelActions from './ExcelActions.vue'
import ImportDialog from './ImportDialog.vue'

vi.mock('@/utils/download', async (original) => ({
  ...(await original<typeof import('@/utils/download')>()),
  saveFile: vi.fn(),
}))

/** A phone (narrow: true) or a desktop. */
function screen(narrow: boolean) {
  vi.spyOn(window, 'matchMedia').mockImplementation(
    (query: string) => ({ matches: narrow, media: query, addEventListener: () => {}, removeEventListener: () => {} }) as unknown as MediaQueryList,
  )
}

function mountActions(props: { kind: RegistryKind; label?: string; menu?: boolean; canImport?: boolean; filters?: Query }) {
  const sent = stubFetch((r) => (r.url.includes('.xlsx') ? new Response('PK', { status: 200 }) : json(200, { items: [] })))
  const pinia = createPinia()
  setActivePinia(pinia)
  const wrapper = mount(ExcelActions, { props: { filters: {}, canImport: true, ...props }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
  return { wrapper, sent }
}

const tests = (root: ParentNode = document) => [...root.querySelectorAll<HTMLElement>('[data-test]')].map((e) => e.dataset.test)
const files = (sent: { url: string }[]) => sent.filter((r) => r.url.includes('.xlsx')).map((r) => r.url)

describe('ExcelActions', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
    vi.mocked(saveFile).mockClear()
  })
  afterEach(() => vi.restoreAllMocks())

  it('is a ledger’s own 下载模板, 导入 and 导出 under the names the browser tests know', () => {
    screen(false)
    const { wrapper } = mountActions({ kind: 'events' })
    expect(tests(wrapper.element)).toEqual(['excel-template', 'excel-import', 'excel-export'])
    expect(wrapper.findAll('button').map((b) => b.text())).toEqual(['下载模板', '导入', '导出'])
    expect(wrapper.findComponent(ImportDialog).props('test')).toBe('import-dialog')
    wrapper.unmount()
  })

  it('names a second kind of sheet on its buttons, files and dialog, with data-test names of its own', async () => {
    screen(false)
    const { wrapper, sent } = mountActions({ kind: 'attendance', label: '签到表', filters: { event: 3 } })
    expect(tests(wrapper.element)).toEqual(['attendance-excel-template', 'attendance-excel-import', 'attendance-excel-export'])
    expect(wrapper.findAll('button').map((b) => b.text())).toEqual(['下载签到表模板', '导入签到表', '导出签到表'])

    await wrapper.find('[data-test="attendance-excel-export"]').trigger('click')
    await flushPromises()
    await wrapper.find('[data-test="attendance-excel-template"]').trigger('click')
    await flushPromises()
    expect(files(sent)).toEqual(['/api/v1/exports/attendance.xlsx?event=3', '/api/v1/templates/attendance.xlsx'])
    expect(vi.mocked(saveFile).mock.calls.map((call) => call[1])).toEqual([`签到表_${todayIso()}.xlsx`, '签到表导入模板.xlsx'])

    await wrapper.find('[data-test="attendance-excel-import"]').trigger('click')
    await flushPromises()
    const dialog = document.querySelector('[data-test="attendance-import-dialog"]')
    expect(dialog?.querySelector('.el-dialog__title')?.textContent).toBe('导入签到表')
    expect(document.querySelector('[data-test="import-dialog"]')).toBeNull()
    wrapper.unmount()
  })

  it('keeps a second kind in one menu called by its name; a reader finds only the export there', async () => {
    screen(false)
    const { wrapper } = mountActions({ kind: 'attendance', label: '签到表', menu: true, canImport: false })
    expect(wrapper.find('[data-test="attendance-excel-menu"]').text()).toBe('签到表')
    await wrapper.find('[data-test="attendance-excel-menu"]').trigger('click')
    await flushPromises()
    const items = [...document.querySelectorAll('.el-dropdown-menu [data-test]')]
    expect(items.map((item) => [(item as HTMLElement).dataset.test, item.textContent?.trim()])).toEqual([['attendance-excel-export', '导出签到表']])
    expect(wrapper.findComponent(ImportDialog).exists()).toBe(false)
    wrapper.unmount()
  })

  it('is one Excel menu on a phone', () => {
    screen(true)
    const { wrapper } = mountActions({ kind: 'events' })
    expect(wrapper.find('[data-test="excel-menu"]').text()).toBe('Excel')
    wrapper.unmount()
  })
})
