import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import ExcelActions from '@/components/ExcelActions.vue'
import { optimalPlan } from '@/test-support/plans'
import { i18n } from '@/i18n'
import { json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { makePerson } from '@/test-support/people'
import { signedIn } from '@/test-support/users'
import { todayIso } from '@/utils/dates'
import { saveFile } from '@/utils/download'
import AssignDialog from './AssignDialog.vue'
import PairingBoardView from './PairingBoardView.vue'
import PairingChangeDialog from './PairingChangeDialog.vue'

vi.mock('@/utils/download', async (original) => ({
  ...(await original<typeof import('@/utils/download')>()),
  saveFile: vi.fn(),
}))

/** The board at an address for a user with these permissions; the server answers empty lists and files unless told otherwise. */
async function openBoard(path: string, permissions: string[], answer?: (r: SentRequest) => Response | null) {
  const sent = stubFetch(
    (r) => answer?.(r) ?? (r.url.includes('.xlsx') ? new Response('PK', { status: 200 }) : json(200, { items: [], total: 0 })),
  )
  const pinia = signedIn({ permissions })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/pairing', name: 'pairing', component: PairingBoardView },
      { path: '/compliance', name: 'compliance', component: PairingBoardView },
      { path: '/people/:id', name: 'person', component: { template: '<div />' } },
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

describe('a level no rule judges', () => {
  beforeEach(() => {
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  const NANSHI = { code: '431127103', name: '楠市镇', level: 'town' }
  const activist = (id: number, name: string, village: string) =>
    makePerson({ id, name, region: { code: `431127103${id}`, name: village }, party_stage: { stage: 'activist', since: '2022-03-01' } })
  const ACTIVISTS = [activist(201, '邓春', '上下村'), activist(202, '雷桂', '甘溪村'), activist(203, '肖海', '大元井村')]
  const MENTOR = makePerson({ id: 90, name: '欧阳红', party_stage: { stage: 'full', since: '2001-07-01' } })

  /** 楠市镇 on 2022-10-20: no mentoring rule yet, three activists, one of them mentored. */
  function town(r: SentRequest): Response | null {
    if (r.url.startsWith('/api/v1/compliance?')) {
      const levels = [1, 2, 3, 4, 5, 6].map((level) => ({ level, rule: null, targets: 0, covered: 0, uncovered: [], uncovered_total: 0, over: [], over_total: 0 }))
      return json(200, { region: NANSHI, date: '2022-10-20', ok: true, levels, quotas: [], quotas_total: 0, quotas_failing: 0, overdue: [], overdue_total: 0 })
    }
    if (r.url.includes('party_stage=activist')) return json(200, { items: ACTIVISTS, total: ACTIVISTS.length })
    if (r.url.includes('party_stage=full')) return json(200, { items: [MENTOR], total: 1 })
    if (r.url.startsWith('/api/v1/pairings?')) {
      const target = { kind: 'person', id: 202, name: '雷桂', region: ACTIVISTS[1].region }
      return json(200, { items: [{ id: 5, level: 5, source: { id: 90, name: '欧阳红' }, target, valid_from: '2022-06-01', valid_to: null, origin: 'manual', version: 1 }], total: 1 })
    }
    return null
  }

  it('shows the day’s activists itself: how many, who has a mentor, who is still waiting', async () => {
    const { wrapper, sent } = await openBoard('/pairing?level=5&region=431127103&date=2022-10-20', ['pairing.read', 'pairing.write', 'people.read', 'compliance.read', 'rules.write'], town)
    expect(sent.map((r) => r.url)).toContain('/api/v1/people?region=431127103&party_stage=activist&date=2022-10-20&page=1&page_size=200')
    const summary = document.querySelector('[data-test="board-summary"]')?.textContent ?? ''
    expect(summary).toContain('3 个入党积极分子，已有包保 1 个')
    expect(summary).toContain('尚未设置覆盖规则')
    const open = document.querySelector('[data-test="board-open"]')!
    expect(open.textContent).toContain('尚未包保的入党积极分子（2）')
    expect([...open.querySelectorAll('.card-main')].map((c) => c.textContent?.trim())).toEqual(['邓春', '肖海'])
    expect(open.textContent).toContain('入党积极分子 · 上下村')
    expect(document.querySelector('[data-test="board-gaps"]')).toBeNull()
    // The rule is written on the compliance page's rules tab.
    expect(document.querySelector('[data-test="board-set-rule"]')?.getAttribute('href')).toBe('/compliance?region=431127103&date=2022-10-20&tab=rules')
    wrapper.unmount()
  })
})
