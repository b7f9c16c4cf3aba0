import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { Pairing } from '@/api/types'
import { i18n } from '@/i18n'
import { apiError, json, stubFetch } from '@/test-support/fetch'
import { buildBoard, type BoardChange } from './board'
import PairingChangeDialog from './PairingChangeDialog.vue'
import PairingTargetSelect from './PairingTargetSelect.vue'
import type { TargetOption } from './targets'

const DENG = { id: 3, name: '邓秀勤' }
const HUANG = { id: 6, name: '黄春永' }
const jiang: Pairing = {
  id: 30,
  level: 1,
  source: DENG,
  target: { kind: 'person', id: 219, name: '蒋金家', region: { code: '431127103225', name: '熊家村' } },
  valid_from: '2022-04-02',
  valid_to: null,
  origin: 'import',
  version: 1,
}
const xiao: Pairing = { ...jiang, id: 31, source: HUANG, target: { ...jiang.target, id: 180, name: '肖龙' } }

async function openDialog(change: BoardChange, to: typeof HUANG | null, pairings: Pairing[] = [jiang, xiao]) {
  const board = buildBoard(pairings, [])
  const wrapper = mount(PairingChangeDialog, {
    props: { open: true, change, to, columns: board.columns, boardDate: '2026-11-29', region: '431127' },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
  // The dialog fills itself when it opens.
  await wrapper.setProps({ open: false })
  await wrapper.setProps({ open: true })
  await flushPromises()
  return wrapper
}

function dialogText(): string {
  return document.querySelector('[data-test="pairing-dialog"]')?.textContent ?? ''
}

describe('the re-pairing dialog', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('previews the change before saving, then saves it as a re-pairing from the chosen day', async () => {
    const sent = stubFetch(() => json(200, { ...jiang, id: 41, source: HUANG, valid_from: '2026-11-29' }))
    const wrapper = await openDialog({ kind: 'repair', pairing: jiang }, HUANG)

    const preview = document.querySelector('[data-test="pairing-preview"]')?.textContent ?? ''
    expect(preview).toContain('蒋金家：')
    expect(preview).toMatch(/邓秀勤[\s\S]*黄春永/)
    expect(preview).toContain('自 2026-11-29 起生效')
    expect(preview).toContain('邓秀勤：包保 1 个 → 0 个')
    expect(preview).toContain('黄春永：包保 1 个 → 2 个')
    expect(preview).toContain('原包保记录到 2026-11-29 结束')
    expect(sent).toHaveLength(0)

    ;(document.querySelector('[data-test="pairing-save"]') as HTMLElement).click()
    await flushPromises()
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual(['PATCH /api/v1/pairings/30'])
    expect(sent[0].body).toEqual({ source: 6, valid_from: '2026-11-29', version: 1 })
    expect(wrapper.emitted('saved')?.[0]?.[1]).toBe('2026-11-29')
    wrapper.unmount()
  })

  it('shows the server’s objection beside the person and keeps the dialog open', async () => {
    stubFetch(() => apiError(422, 'invalid', '提交的内容有误', { source: '只有本镇领导班子成员可以包保企业家' }))
    const wrapper = await openDialog({ kind: 'repair', pairing: jiang }, HUANG)
    ;(document.querySelector('[data-test="pairing-save"]') as HTMLElement).click()
    await flushPromises()
    await vi.waitFor(() => expect(dialogText()).toContain('只有本镇领导班子成员可以包保企业家'))
    expect(wrapper.emitted('saved')).toBeUndefined()
    wrapper.unmount()
  })

  it('fills a gap with a new pairing of the target (a region by its code)', async () => {
    const sent = stubFetch(() => json(201, { ...xiao, id: 42 }))
    const village = { kind: 'region' as const, id: 121, name: '所城村', region: { code: '431127104204', name: '所城村' } }
    const wrapper = await openDialog({ kind: 'assign', level: 2, target: village }, HUANG)
    expect(document.querySelector('[data-test="pairing-preview"]')?.textContent).toContain('无（空缺）')
    ;(document.querySelector('[data-test="pairing-save"]') as HTMLElement).click()
    await flushPromises()
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v1/pairings'])
    expect(sent[0].body).toEqual({ level: 2, source: 6, target: '431127104204', valid_from: '2026-11-29' })
    wrapper.unmount()
  })

  it('does not send a change to the same person', async () => {
    const sent = stubFetch(() => json(200, {}))
    const wrapper = await openDialog({ kind: 'repair', pairing: jiang }, DENG)
    ;(document.querySelector('[data-test="pairing-save"]') as HTMLElement).click()
    await flushPromises()
    expect(sent).toHaveLength(0)
    // The field message renders through the form item a tick later; under a
    // loaded machine one flush is not always enough.
    await vi.waitFor(() => expect(dialogText()).toContain('新包保人与原包保人相同'))
    wrapper.unmount()
  })

  it('pairs a target chosen in the dialog (新增包保): an enterprise for a county cadre', async () => {
    const LEI = { id: 51, name: '雷建国' }
    const firm = { kind: 'enterprise' as const, id: 12, name: '楠市花生合作社', region: { code: '431127103224', name: '朋佳村' } }
    const cadres: Pairing[] = [{ ...jiang, id: 60, level: 6, source: LEI, target: { ...firm, id: 13, name: '金家粉业' } }]
    const sent = stubFetch(() => json(201, { ...cadres[0], id: 61, target: firm }))
    const wrapper = await openDialog({ kind: 'new', level: 6 }, LEI, cadres)
    expect(document.querySelector('.el-dialog__title')?.textContent).toContain('新增包保：县直干部联系企业')
    expect(document.querySelector('[data-test="pairing-preview"]')).toBeNull()

    // Nothing is sent without a target.
    ;(document.querySelector('[data-test="pairing-save"]') as HTMLElement).click()
    await flushPromises()
    expect(sent).toHaveLength(0)
    await vi.waitFor(() => expect(dialogText()).toContain('请选择包保对象'))

    const chooser = wrapper.findComponent(PairingTargetSelect)
    expect(chooser.props('scope')).toEqual({ level: 6, region: '431127', date: '2026-11-29' })
    const option: TargetOption = { key: 'enterprise:12', target: firm, ref: 12, meta: '农、林、牧、渔业' }
    chooser.vm.$emit('update:modelValue', option)
    await flushPromises()
    const preview = document.querySelector('[data-test="pairing-preview"]')?.textContent ?? ''
    expect(preview).toContain('楠市花生合作社：')
    expect(preview).toContain('雷建国：包保 1 个 → 2 个')
    expect(preview).toContain('保存后新增这条包保')

    ;(document.querySelector('[data-test="pairing-save"]') as HTMLElement).click()
    await flushPromises()
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v1/pairings'])
    expect(sent[0].body).toEqual({ level: 6, source: 51, target: 12, valid_from: '2026-11-29' })
    expect(wrapper.emitted('saved')?.[0]?.[1]).toBe('2026-11-29')
    wrapper.unmount()
  })
})
