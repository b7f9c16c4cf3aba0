import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ExcelActions from '@/components/ExcelActions.vue'
import { optimalPlan } from '@/test-support/plans'
import { i18n } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import { json, stubFetch } from '@/test-support/fetch'
import { makeUser } from '@/test-support/users'
import { todayIso } from '@/utils/dates'
import { saveFile } from '@/utils/download'
import AssignDialog from './AssignDialog.vue'
import PairingBoardView from './PairingBoardView.vue'
import PairingChangeDialog from './PairingChangeDialog.vue'

vi.mock('@/utils/download', async (original) => ({
  ...(await original<typeof import('@/utils/download')>()),
  saveFile: vi.fn(),
}))

/** The board at an address for a user with these permissions; the server answers empty lists and files. */
async function openBoard(path: string, permissions: string[]) {
  const sent = stubFetch((r) =>
    r.url.includes('.xlsx') ? new Response('PK', { status: 200 }) : json(200, { items: [], total: 0 }),
  )
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().user = makeUser({ permissions })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/pairing', name: 'pairing', component: PairingBoardView },
      { path: '/compliance', name: 'compliance', component: PairingBoardView },
    ],
  })
  await router.push(path)
  const wrapper = mount(PairingBoardView, { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, sent }
}

const button = (name: string) => document.querySelector<HTMLButtonElement>(`[data-test="excel-${name}"]`)
const boardLoads = (sent: { url: string }[]) => sent.filter((r) => r.url.startsWith('/api/v1/pairings?')).length

describe('the pairing board’s Excel buttons', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
    vi.mocked(saveFile).mockClear()
  })

  it('exports the 包保台账 with the board’s region, level and day; a reader gets no template or import', async () => {
    const { wrapper, sent } = await openBoard('/pairing?level=2&region=431127103&date=2022-10-20', ['pairing.read'])
    expect(button('template')).toBeNull()
    expect(button('import')).toBeNull()

    button('export')!.click()
    await flushPromises()
    expect(sent.filter((r) => r.url.includes('.xlsx')).map((r) => r.url)).toEqual([
      '/api/v1/exports/pairings.xlsx?region=431127103&level=2&date=2022-10-20',
    ])
    expect(vi.mocked(saveFile).mock.calls[0][1]).toBe(`包保台账_${todayIso()}.xlsx`)
    wrapper.unmount()
  })

  it('gives a writer the template and the import, and reloads the board after a saved import', async () => {
    const { wrapper, sent } = await openBoard('/pairing?level=1&region=431127103&date=2022-10-20', ['pairing.read', 'pairing.write'])
    expect(button('import')).not.toBeNull()

    button('template')!.click()
    await flushPromises()
    expect(sent.filter((r) => r.url.includes('.xlsx')).map((r) => r.url)).toEqual(['/api/v1/templates/pairings.xlsx'])
    expect(vi.mocked(saveFile).mock.calls[0][1]).toBe('包保台账导入模板.xlsx')

    const before = boardLoads(sent)
    expect(before).toBeGreaterThan(0)
    wrapper.findComponent(ExcelActions).vm.$emit('imported', { rows: 1, created: 0, updated: 1, unchanged: 0, errors: [] })
    await flushPromises()
    expect(boardLoads(sent)).toBe(before + 1)
    expect(sent.at(-1)?.url).toContain('level=1&region=431127103&date=2022-10-20')
    wrapper.unmount()
  })
})

describe('the pairing board’s 自动分配', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('is there for writers only', async () => {
    const { wrapper } = await openBoard('/pairing?level=1&region=431127103&date=2031-01-01', ['pairing.read'])
    expect(document.querySelector('[data-test="board-assign"]')).toBeNull()
    wrapper.unmount()
  })

  it('opens for the board’s level, region and day, and the board reloads after a plan is applied', async () => {
    const { wrapper, sent } = await openBoard('/pairing?level=2&region=431127103&date=2031-01-01', ['pairing.read', 'pairing.write'])
    document.querySelector<HTMLElement>('[data-test="board-assign"]')!.click()
    await flushPromises()
    const dialog = wrapper.findComponent(AssignDialog)
    expect(dialog.props()).toMatchObject({ open: true, level: 2, region: '431127103', date: '2031-01-01' })

    const before = boardLoads(sent)
    dialog.vm.$emit('applied', { ...optimalPlan(), level: 2, date: '2031-01-01' })
    await flushPromises()
    expect(boardLoads(sent)).toBe(before + 1)
    wrapper.unmount()
  })
})

describe('the pairing board’s campaign levels', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('offers levels 5 and 6, and looks for county cadres county-wide on a town’s level-6 board', async () => {
    const { wrapper, sent } = await openBoard('/pairing?level=6&region=431127103&date=2032-01-01', ['pairing.read', 'people.read'])
    const levels = [...document.querySelectorAll('[data-test^="board-level-"]')].map((b) => b.textContent?.replace(/\s+/g, ' ').trim())
    expect(levels.at(-2)).toBe('培养联系 · 党员培养联系入党积极分子')
    expect(levels.at(-1)).toBe('干部联企 · 县直干部联系企业')
    expect(sent.map((r) => r.url)).toContain('/api/v1/pairings?level=6&region=431127103&date=2032-01-01&page=1&page_size=200')
    expect(sent.map((r) => r.url)).toContain('/api/v1/people?post=county_cadre&region=431127&date=2032-01-01&page_size=200')
    expect(document.querySelector('[data-test="board-summary"]')?.textContent).toContain('干部联企 县直干部联系企业')
    // A reader adds nothing.
    expect(document.querySelector('[data-test="board-add"]')).toBeNull()
    wrapper.unmount()
  })

  it('lets a writer pair a target of the board’s level chosen in the dialog (新增包保)', async () => {
    const { wrapper } = await openBoard('/pairing?level=5&region=431127103&date=2033-01-01', ['pairing.read', 'pairing.write'])
    document.querySelector<HTMLElement>('[data-test="board-add"]')!.click()
    await flushPromises()
    const dialog = wrapper.findComponent(PairingChangeDialog)
    expect(dialog.props()).toMatchObject({ open: true, change: { kind: 'new', level: 5 }, region: '431127103', boardDate: '2033-01-01' })
    await vi.waitFor(() => expect(document.querySelector('[data-test="pairing-dialog"]')?.textContent).toContain('新增包保：党员培养联系入党积极分子'))
    wrapper.unmount()
  })
})
