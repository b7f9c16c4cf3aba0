import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { ElMessageBox, type MessageBoxData } from 'element-plus'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { i18n } from '@/i18n'
import { EVENT_KINDS, makeEvent } from '@/test-support/events'
import { json, stubFetch } from '@/test-support/fetch'
import { INDICATORS, makeProject, makeValue } from '@/test-support/projects'
import { signedIn } from '@/test-support/users'
import ProjectDetailView from './ProjectDetailView.vue'
import { resetIndicators } from './useIndicators'

vi.mock('@/utils/download', async (original) => ({
  ...(await original<typeof import('@/utils/download')>()),
  saveFile: vi.fn(),
}))

// ECharts draws on a canvas happy-dom lacks: the spec sees the options it is given.
const charts = vi.hoisted(() => ({ options: [] as unknown[] }))
vi.mock('@/plugins/echarts', () => ({
  echarts: {
    init: () => ({ setOption: (option: unknown) => charts.options.push(option), resize: () => {}, dispose: () => {} }),
  },
}))

const CONFIRMED = 'confirm' as unknown as MessageBoxData

const PROJECT = makeProject()
const VALUES = [
  makeValue(1, 'visitors', '21000', { from: '2021-01-01', to: '2021-12-31', source: '景区售票统计' }),
  makeValue(2, 'visitors', '29000', { source: '景区售票统计' }),
  makeValue(3, 'visitors', '35000', { id: 3, from: '2023-01-01', to: '2023-12-31', expected: true, source: '年度计划' }),
  makeValue(4, 'area_mu', '450.50'),
  makeValue(5, 'investment_actual_fen', '2900000000'),
]
const PAIRING = {
  id: 40,
  level: 4,
  source: { id: 31, name: '李愚公' },
  target: { kind: 'project', id: 7, name: '愚公岩旅游区', region: { code: '431127103203', name: '甘溪村' } },
  valid_from: '2022-03-18',
  valid_to: null,
  origin: 'manual',
  version: 1,
}
const SIGNING = makeEvent({ id: 12, kind: 'study_trip', group: 'trip', title: '愚公岩旅游区签约仪式', starts_at: '2019-03-01', projects: [{ id: 7, name: '愚公岩旅游区' }] })

async function openProject(permissions: string[]) {
  const sent = stubFetch((r) => {
    if (r.url === '/api/v1/projects/7') return json(200, PROJECT)
    if (r.url === '/api/v1/projects/7/indicators' && r.method === 'GET') return json(200, { items: VALUES })
    if (r.method === 'DELETE') return new Response(null, { status: 204 })
    if (r.url === '/api/v1/indicators') return json(200, { items: INDICATORS })
    if (r.url.startsWith('/api/v1/pairings?')) return json(200, { items: [PAIRING], total: 1 })
    if (r.url.startsWith('/api/v1/events?')) return json(200, { items: [SIGNING], total: 1 })
    if (r.url.startsWith('/api/v1/event-kinds')) return json(200, { items: EVENT_KINDS })
    return json(200, { items: [], total: 0 })
  })
  const pinia = signedIn({ permissions })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/projects', name: 'projects', component: { render: () => null } },
      { path: '/projects/:id', name: 'project', component: ProjectDetailView },
      { path: '/people/:id', name: 'person', component: { render: () => null } },
      { path: '/enterprises/:id', name: 'enterprise', component: { render: () => null } },
      { path: '/events/:id', name: 'event', component: { render: () => null } },
    ],
  })
  await router.push('/projects/7')
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), { global: { plugins: [pinia, router, i18n] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, sent }
}

const READER = ['projects.read', 'pairing.read', 'events.read', 'people.read', 'enterprises.read']

describe('ProjectDetailView', () => {
  beforeEach(() => {
    resetIndicators()
    charts.options = []
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
  })

  it('shows the project, its owners, who answers for it, its stages and its events', async () => {
    const { wrapper, sent } = await openProject(READER)
    expect(wrapper.find('[data-test="project-title"]').text()).toBe('愚公岩旅游区')
    expect(wrapper.find('[data-test="project-kind"]').text()).toBe('乡村旅游')
    expect(wrapper.find('[data-test="project-stage"]').text()).toBe('投产运营')
    expect(wrapper.find('[data-test="project-stage-text"]').text()).toBe('投产运营 · 2021-05-01 起')
    expect(wrapper.find('[data-test="project-description"]').text()).toBe('依托愚公岩溶洞开发的乡村旅游景区')
    expect(wrapper.find('[data-test="project-enterprises"] a').attributes('href')).toBe('/enterprises/4')

    // The level-4 pairing: the entrepreneur who answers for it, linked.
    expect(sent.some((r) => r.url === '/api/v1/pairings?level=4&target_kind=project&target=7&page_size=50')).toBe(true)
    const responsible = wrapper.find('[data-test="project-responsible"] a')
    expect(responsible.text()).toBe('李愚公')
    expect(responsible.attributes('href')).toBe('/people/31')

    const steps = wrapper.findAll('[data-test^="project-step-"]').map((s) => s.text())
    expect(steps).toEqual(['洽谈', '在建', '投产运营'])
    expect(wrapper.find('[data-test="project-stages"]').text()).toContain('2019-10-01')

    expect(sent.some((r) => r.url === '/api/v1/events?project=7&page_size=20')).toBe(true)
    expect(wrapper.find('[data-test="project-events"] a').text()).toBe('愚公岩旅游区签约仪式')
    // Readers change nothing.
    expect(wrapper.find('[data-test="project-edit"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="value-record"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('charts each indicator per period, actual solid and expected dashed, and lists the values in their units', async () => {
    const { wrapper } = await openProject(READER)
    const visitors = () => wrapper.find('[data-test="indicator-visitors"]')
    await vi.waitFor(() => expect(visitors().find('[data-test="project-chart"]').exists()).toBe(true))
    expect(visitors().find('h3').text()).toContain('游客')
    expect(visitors().find('[data-test="value-2"] [data-test="value-amount"]').text()).toBe('29,000人次')
    expect(visitors().find('[data-test="value-3"]').text()).toContain('预计')
    expect(visitors().find('[data-test="value-3"]').text()).toContain('年度计划')
    expect(wrapper.find('[data-test="indicator-area_mu"] [data-test="value-amount"]').text()).toBe('450.5亩')
    expect(wrapper.find('[data-test="indicator-investment_actual_fen"] [data-test="value-amount"]').text()).toBe('2,900万元')
    // Indicators come in their own order: area first.
    expect(wrapper.findAll('[data-test^="indicator-"]').map((g) => g.attributes('data-test'))).toEqual([
      'indicator-area_mu',
      'indicator-investment_actual_fen',
      'indicator-visitors',
    ])

    await vi.waitFor(() => expect(charts.options).toHaveLength(3))
    type Line = { name: string; data: (number | null)[]; lineStyle: { type: string } }
    const chart = (charts.options as { xAxis: { data: string[] }; series: Line[] }[]).find((o) => o.series.some((s) => s.data.includes(29000)))!
    expect(chart.xAxis.data).toEqual(['2021年', '2022年', '2023年'])
    expect(chart.series.map((s) => [s.name, s.lineStyle.type, s.data])).toEqual([
      ['实际', 'solid', [21000, 29000, null]],
      ['预计', 'dashed', [null, null, 35000]],
    ])
    wrapper.unmount()
  })

  it('lets writers delete a value after asking, and reads the project again', async () => {
    const { wrapper, sent } = await openProject([...READER, 'projects.write'])
    vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue(CONFIRMED)
    await vi.waitFor(() => expect(wrapper.find('[data-test="value-delete-2"]').exists()).toBe(true))
    const reads = () => sent.filter((r) => r.url === '/api/v1/projects/7').length
    const before = reads()
    await wrapper.find('[data-test="value-delete-2"]').trigger('click')
    await flushPromises()
    expect(vi.mocked(ElMessageBox.confirm).mock.calls[0][0]).toBe('确定删除“游客”2022年的实际值吗？')
    expect(sent.filter((r) => r.method === 'DELETE').map((r) => r.url)).toEqual(['/api/v1/projects/7/indicators/2'])
    expect(wrapper.find('[data-test="value-2"]').exists()).toBe(false)
    expect(reads()).toBe(before + 1)
    expect(wrapper.find('[data-test="project-edit"]').exists()).toBe(true)
    wrapper.unmount()
  })
})
