import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { ElMessageBox, ElSelect, type MessageBoxData } from 'element-plus'
import type { PairingLevel } from '@/api/types'
import { i18n } from '@/i18n'
import { apiError, json, stubFetch, type SentRequest } from '@/test-support/fetch'
import { LEI, LIAO, LUO, OUYANG, PAN, TANG, ZHOU, industryPlan, infeasiblePlan, optimalPlan } from '@/test-support/plans'
import AssignDialog from './AssignDialog.vue'

async function openDialog(level: PairingLevel = 1, region = '431127103', people = [OUYANG, LIAO, PAN]) {
  const wrapper = mount(AssignDialog, {
    props: { open: false, level, region, regionName: '楠市镇', date: '2031-01-01', people },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
  // The dialog starts afresh when it opens.
  await wrapper.setProps({ open: true })
  await flushPromises()
  return wrapper
}

const $ = (test: string) => document.querySelector<HTMLElement>(`[data-test="${test}"]`)
const text = (test: string) => $(test)?.textContent?.replace(/\s+/g, ' ') ?? ''
/** The rows of a change section: target, from, to. */
const rows = (test: string) =>
  [...document.querySelectorAll<HTMLElement>(`[data-test="${test}"] li`)].map((li) => [
    li.dataset.target,
    li.dataset.from ?? null,
    li.dataset.to ?? null,
    li.textContent?.includes(li.dataset.target ?? '-') ?? false,
  ])
/** What ElMessageBox.confirm resolves to when the user confirms. */
const CONFIRMED = 'confirm' as unknown as MessageBoxData
const plans = (sent: SentRequest[]) => sent.filter((r) => r.url === '/api/v1/assignment-plans')

async function generate() {
  $('assign-generate')!.click()
  await flushPromises()
  await vi.waitFor(() => expect($('assign-summary')).not.toBeNull())
}

describe('the automatic-pairing dialog', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('asks for a plan of the board’s level, region and day with the chosen options, and shows what changes', async () => {
    const sent = stubFetch(() => json(201, optimalPlan()))
    const wrapper = await openDialog()

    // Plan afresh, leave 盘民 out, at most 5 each.
    ;[...document.querySelectorAll<HTMLElement>('[data-test="assign-keep"] label')].find((l) => l.textContent?.includes('重新规划'))!.click()
    wrapper.findComponent(ElSelect).vm.$emit('update:modelValue', [PAN.id])
    const max = document.querySelector<HTMLInputElement>('[data-test="assign-max"] input')!
    max.value = '5'
    max.dispatchEvent(new Event('input'))
    max.dispatchEvent(new Event('change'))
    await flushPromises()
    await generate()

    expect(plans(sent).map((r) => r.method)).toEqual(['POST'])
    expect(plans(sent)[0].body).toEqual({
      level: 1,
      region: '431127103',
      date: '2031-01-01',
      keep_weight: 0,
      load_weight: 10,
      max_load: 5,
      exclude: [PAN.id],
    })

    expect(text('assign-status')).toContain('最优方案')
    expect(text('assign-what')).toBe('应用后，每个企业家都按规则有人包保：新增 1 对包保，2 对换人，0 对结束，1 对保持不变。')
    expect(text('assign-count-moved')).toContain('2')
    expect(text('assign-count-new')).toContain('1')
    expect(text('assign-count-kept')).toContain('1')
    expect(text('assign-moved')).toContain('调整包保人（2）')
    expect(rows('assign-moved')).toEqual([
      ['罗杰', '盘民', '廖英杰', true],
      ['邹发军', '盘民', '欧阳强', true],
    ])
    expect(text('assign-moved')).toContain('上下村')
    expect(rows('assign-new')).toEqual([['蒋新', null, '廖英杰', true]])
    expect($('assign-ended')).toBeNull()
    // The kept pairs are there, folded.
    expect(text('assign-kept')).toContain('保持不变（1）')
    expect($('assign-apply')!.hasAttribute('disabled')).toBe(false)
    expect($('assign-diagnosis')).toBeNull()
    wrapper.unmount()
  })

  it('says why each person in a clerk’s words, and keeps the solver’s figures in the details', async () => {
    stubFetch(() => json(201, optimalPlan()))
    const wrapper = await openDialog()
    await generate()

    // The headline is the plan in people's terms; score and timing are folded away.
    const headline = $('assign-summary')!.querySelector('.summary-head')!.textContent ?? ''
    expect(headline).toContain('4 个企业家，3 名镇领导')
    expect(headline).not.toMatch(/成本|代价|毫秒/)
    expect(text('assign-details')).toContain('详情')
    expect(text('assign-details')).toContain('方案总代价 1050')
    expect(text('assign-details')).toContain('求解用时 1.9 毫秒')

    // Each moved or new pair says why this person.
    const why = [...document.querySelectorAll('[data-test="assign-moved"] [data-test="assign-why"]')].map((w) => w.textContent?.trim())
    expect(why).toEqual(['同村，负担 2 个', '同县，负担 2 个'])

    ;[...document.querySelectorAll<HTMLElement>('.el-tabs__item')].find((tab) => tab.textContent?.includes('分配明细'))!.click()
    await flushPromises()
    await vi.waitFor(() => expect($('assign-assignments')).not.toBeNull())
    const rowsText = [...document.querySelectorAll('[data-test="assign-assignments"] tbody tr')].map((tr) => tr.textContent?.replace(/\s+/g, ' ') ?? '')
    expect(rowsText.find((r) => r.includes('周梅凌'))).toContain('换成廖英杰（同镇，非原包保人，负担 2 个）：要改动原有包保')
    expect(rowsText.find((r) => r.includes('罗杰'))).toContain('换成欧阳强（同镇，非原包保人，负担 2 个）：更远')
    expect(rowsText.find((r) => r.includes('邹发军'))).toContain('没有其他符合条件的人')
    expect(rowsText.join(' ')).not.toMatch(/成本/)
    wrapper.unmount()
  })

  it('says why a pair ends with nobody taking over, and when a plan changes nothing', async () => {
    const withEnded = optimalPlan()
    withEnded.changes.ended = [
      { target: ZHOU, source: PAN, pairing: 3 },
      { target: LUO, source: OUYANG, pairing: 4 },
    ]
    stubFetch(() => json(201, withEnded))
    const wrapper = await openDialog()
    await generate()
    expect(text('assign-what')).toContain('2 对结束')
    const why = [...document.querySelectorAll('[data-test="assign-ended-why"]')].map((w) => w.textContent?.trim())
    expect(why).toEqual(['盘民 不参加分配；仍由 欧阳强 包保', '仍由 廖英杰 包保，人数已够'])
    wrapper.unmount()
    document.body.innerHTML = ''

    const unchanged = optimalPlan()
    unchanged.changes = { ...unchanged.changes, moved: [], new: [], ended: [] }
    stubFetch(() => json(201, unchanged))
    i18n.global.locale.value = 'en'
    const english = await openDialog()
    await generate()
    expect(text('assign-what')).toBe('The present pairs already meet the rules; the plan changes nothing (unchanged: 1).')
    english.unmount()
  })

  it('reports why an infeasible plan falls short, cannot apply it, and regenerates with the suggested bounds', async () => {
    const sent = stubFetch(() => json(201, plans(sent).length === 1 ? infeasiblePlan() : { ...optimalPlan(), level: 3 }))
    const wrapper = await openDialog(3)
    await generate()

    expect(text('assign-status')).toContain('无法满足全部规则')
    expect($('assign-apply')!.hasAttribute('disabled')).toBe(true)
    expect(text('assign-cannot-apply')).toContain('不能应用')
    expect(text('assign-what')).toBe(
      '人手不够，方案只能覆盖一部分：新增 0 对，换人 0 对，结束 1 对，保持 1 对；仍有 1 个包保名额无人承担，原因和调整建议见下方。',
    )
    const report = text('assign-diagnosis')
    expect(report).toContain('还有 1 个包保名额无人承担')
    expect(report).toContain('这 2 个村民小组共需 2 个包保名额，符合条件的 1 人最多只能承担 1 个，缺 1 个。')
    expect(report).toContain('1组（已有 1 人，需 1 人）、2组（已有 0 人，需 1 人）')
    expect(report).toContain('廖海凌（负担 1 / 上限 1）')
    expect(text('assign-below-min')).toContain('周德')
    // The best partial plan is still shown.
    expect(rows('assign-ended')).toEqual([['2组', '周德', null, true]])
    expect(text('assign-ended-why')).toBe('人手不够，无人接替（原因见上方）')
    const fixes = [...document.querySelectorAll('[data-test="assign-fixes"] li')].map((li) => li.textContent?.trim())
    expect(fixes).toEqual(['把 廖海凌 的上限提高到 2 个', '把 周德 的下限降到 1 个', '为 2组 再安排 1 名符合条件的人员'])

    $('assign-apply-fixes')!.click()
    await flushPromises()
    await vi.waitFor(() => expect(text('assign-status')).toContain('最优方案'))
    expect(plans(sent)).toHaveLength(2)
    expect(plans(sent)[1].body).toMatchObject({ level: 3, capacities: { '10': { min: 0, max: 2 }, '11': { min: 1, max: 3 } } })
    expect(text('assign-capacities')).toContain('已单独设置 2 人的上下限')
    expect($('assign-apply')!.hasAttribute('disabled')).toBe(false)
    wrapper.unmount()
  })

  it('applies only after the user confirms, then tells the board and closes', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm')
    const sent = stubFetch((r) =>
      r.url.endsWith('/apply')
        ? json(200, { ...optimalPlan(), applied_at: '2026-11-29T08:01:00Z', applied: { ended: 0, moved: 2, new: 1 } })
        : json(201, optimalPlan()),
    )
    const wrapper = await openDialog()
    await generate()

    confirm.mockRejectedValueOnce('cancel')
    $('assign-apply')!.click()
    await flushPromises()
    expect(sent.filter((r) => r.url.endsWith('/apply'))).toHaveLength(0)

    confirm.mockResolvedValueOnce(CONFIRMED)
    $('assign-apply')!.click()
    await flushPromises()
    expect(String(confirm.mock.calls[1][0])).toContain('自 2031-01-01 起，调整 2 个、新增 1 个、结束 0 个包保，其余 1 个保持不变')
    expect(sent.filter((r) => r.url.endsWith('/apply')).map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v1/assignment-plans/7/apply'])
    expect(wrapper.emitted('applied')?.[0]?.[0]).toMatchObject({ id: 7, applied: { moved: 2 } })
    expect(wrapper.emitted('update:open')?.at(-1)).toEqual([false])
    wrapper.unmount()
  })

  it('shows the server’s word when the data changed since the plan, and offers a new plan', async () => {
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue(CONFIRMED)
    const sent = stubFetch((r) =>
      r.url.endsWith('/apply') ? apiError(409, 'plan_stale', '方案生成后数据已有变化，请重新生成') : json(201, optimalPlan()),
    )
    const wrapper = await openDialog()
    await generate()
    $('assign-apply')!.click()
    await flushPromises()

    await vi.waitFor(() => expect(text('assign-conflict')).toContain('方案生成后数据已有变化，请重新生成'))
    expect(wrapper.emitted('stale')).toHaveLength(1)
    expect(wrapper.emitted('applied')).toBeUndefined()
    expect($('assign-apply')!.hasAttribute('disabled')).toBe(true)

    $('assign-conflict-regenerate')!.click()
    await flushPromises()
    expect(plans(sent)).toHaveLength(2)
    expect(plans(sent)[1].body).toEqual(plans(sent)[0].body)
    await vi.waitFor(() => expect($('assign-conflict')).toBeNull())
    expect($('assign-apply')!.hasAttribute('disabled')).toBe(false)
    wrapper.unmount()
  })

  it('places the server’s objection to an option beside it', async () => {
    stubFetch(() => apiError(422, 'invalid', '提交的内容有误', { max_load: '不能小于每人至少包保数' }))
    const wrapper = await openDialog()
    $('assign-generate')!.click()
    await flushPromises()
    await vi.waitFor(() => expect(document.body.textContent).toContain('不能小于每人至少包保数'))
    expect($('assign-error')).toBeNull()
    expect($('assign-summary')).toBeNull()
    wrapper.unmount()
  })

  it('weighs industries at level 6 only, and says for each pair whether the sector matched', async () => {
    const sent = stubFetch(() => json(201, industryPlan()))
    const first = await openDialog(1)
    expect($('assign-industry')).toBeNull()
    first.unmount()
    document.body.innerHTML = ''

    const wrapper = await openDialog(6, '431127', [LEI, TANG])
    expect(text('assign-industry')).toContain('适中')
    ;[...document.querySelectorAll<HTMLElement>('[data-test="assign-industry"] label')].find((l) => l.textContent?.includes('尽量对口'))!.click()
    await flushPromises()
    await generate()
    expect(plans(sent)[0].body).toMatchObject({ level: 6, region: '431127', industry_weight: 1000 })

    ;[...document.querySelectorAll<HTMLElement>('.el-tabs__item')].find((tab) => tab.textContent?.includes('分配明细'))!.click()
    await flushPromises()
    await vi.waitFor(() => expect($('assign-assignments')).not.toBeNull())
    const rowsText = [...document.querySelectorAll('[data-test="assign-assignments"] tbody tr')].map((tr) => tr.textContent?.replace(/\s+/g, ' ') ?? '')
    const peanuts = rowsText.find((r) => r.includes('楠市花生合作社'))!
    expect(peanuts).toContain('行业对口')
    expect(peanuts).toContain('唐卫东（同县，行业不同，非原包保人，负担 2 个）')
    expect(peanuts).toContain('：部门不对口')
    const noodles = rowsText.find((r) => r.includes('金家粉业'))!
    expect(noodles).not.toMatch(/行业对口|行业不同/)
    expect(document.querySelectorAll('[data-test="assign-industry-tag"]')).toHaveLength(1)
    wrapper.unmount()
  })
})
