import { beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import type { Project } from '@/api/types'
import { i18n } from '@/i18n'
import { json, stubFetch } from '@/test-support/fetch'
import { INDICATORS, makeCountyStats, makeProject } from '@/test-support/projects'
import { signedIn } from '@/test-support/users'
import { todayIso } from '@/utils/dates'
import ProjectsView from './ProjectsView.vue'
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

const YUGONG = makeProject({
  latest: [
    { indicator: 'visitors', value: '29000', from: '2022-01-01', to: '2022-12-31', expected: false },
    { indicator: 'visitors', value: '35000', from: '2023-01-01', to: '2023-12-31', expected: true },
    { indicator: 'investment_actual_fen', value: '2900000000', from: '2022-01-01', to: '2022-12-31', expected: false },
  ],
})
const NOODLES = makeProject({
  id: 8,
  kind: 'industry',
  name: '十三道面条扩产',
  region: { code: '431127103224', name: '朋佳村' },
  stage: 'building',
  stage_on: '2022-06-01',
  enterprises: [{ id: 9, name: '楠市十三道面条厂' }],
  latest: [],
})
const YEAR = Number(todayIso().slice(0, 4))

/** Pretends the screen is a phone's (or not) for useNarrowScreen. */
function screen(narrow: boolean) {
  vi.spyOn(window, 'matchMedia').mockImplementation(
    (query: string) =>
      ({ matches: narrow, media: query, addEventListener: () => {}, removeEventListener: () => {} }) as unknown as MediaQueryList,
  )
}

async function openProjects(path: string, options: { permissions?: string[]; county?: boolean; items?: Project[] } = {}) {
  const items = options.items ?? [YUGONG, NOODLES]
  const sent = stubFetch((r) => {
    if (r.url.includes('.xlsx')) return new Response('PK', { status: 200 })
    if (r.url === '/api/v1/indicators') return json(200, { items: INDICATORS })
    if (r.url.startsWith('/api/v1/stats/projects')) return json(200, makeCountyStats(YEAR))
    if (r.url.startsWith('/api/v1/projects')) return json(200, { items, total: items.length })
    return json(404, {})
  })
  const county = { code: '431127', name: '蓝山县' }
  const pinia = signedIn({
    permissions: options.permissions ?? ['projects.read', 'projects.write'],
    ...(options.county ? { username: 'lanshan', roles: ['county_org'], view_region: county, capture_region: county } : {}),
  })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/projects', name: 'projects', component: ProjectsView },
      { path: '/projects/:id', name: 'project', component: { render: () => null } },
    ],
  })
  await router.push(path)
  const wrapper = mount(defineComponent({ render: () => h(RouterView) }), {
    global: { plugins: [pinia, router, i18n] },
    attachTo: document.body,
  })
  await flushPromises()
  const asked = (prefix: string) => sent.filter((r) => r.url.startsWith(prefix)).map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams))
  return { wrapper, router, sent, asked }
}

describe('ProjectsView', () => {
  beforeEach(() => {
    resetIndicators()
    charts.options = []
    i18n.global.locale.value = 'zh-CN'
    document.body.innerHTML = ''
    screen(false)
  })

  it('lists the projects with their kind, stage tag, owners and latest actual figures', async () => {
    const { wrapper, asked } = await openProjects('/projects?kind=tourism&stage=producing')
    expect(asked('/api/v1/projects?').at(-1)).toEqual({ kind: 'tourism', stage: 'producing', page: '1', page_size: '20' })
    await vi.waitFor(() => expect(wrapper.find('[data-test="projects-table"]').text()).toContain('愚公岩旅游区'))

    const table = wrapper.find('[data-test="projects-table"]')
    expect(table.find('[data-test="project-stage-7"]').text()).toBe('投产运营')
    expect(table.find('[data-test="project-stage-7"]').classes()).toContain('el-tag--success')
    expect(table.find('[data-test="project-stage-8"]').text()).toBe('在建')
    expect(table.text()).toContain('乡村旅游')
    expect(table.text()).toContain('愚公岩生态旅游有限公司')
    expect(table.find('a[href="/projects/7"]').text()).toBe('愚公岩旅游区')

    // The latest actual values, named and in their units; the expected one stays on the project's page.
    await vi.waitFor(() => expect(table.find('[data-test="project-latest-7"]').text()).toContain('游客 29,000人次'))
    const latest = table.find('[data-test="project-latest-7"]').text()
    expect(latest).toContain('实际投资 2,900万元')
    expect(latest).not.toContain('35,000')
    expect(table.text()).toContain('暂无数据')
    wrapper.unmount()
  })

  it('shows the county’s figures by kind and stage, indicator totals apart, and compares its towns', async () => {
    const { wrapper, router, asked } = await openProjects('/projects', { county: true, permissions: ['projects.read'] })
    expect(asked('/api/v1/stats/projects').at(-1)).toEqual({ region: '431127', year: String(YEAR), by: 'child' })
    const panel = () => wrapper.find('[data-test="project-stats"]')
    await vi.waitFor(() => expect(panel().find('[data-test="project-stats-scope"]').text()).toBe(`蓝山县，${YEAR}年`))

    const industry = panel().find('[data-test="project-stats-kind-industry"]')
    expect(industry.text()).toContain('产业')
    expect(industry.find('[data-test="building"]').text()).toBe('2')
    expect(industry.find('[data-test="projects"]').text()).toBe('3')
    expect(panel().find('[data-test="project-stats-total"] [data-test="producing"]').text()).toBe('2')
    expect(panel().find('[data-test="project-stats-total"] [data-test="projects"]').text()).toBe('4')

    // Actual and expected stand in their own columns, never added together.
    await vi.waitFor(() => expect(panel().find('[data-test="project-stats-indicator-visitors"]').text()).toContain('游客'))
    const visitors = panel().find('[data-test="project-stats-indicator-visitors"]')
    expect(visitors.find('[data-test="actual"]').text()).toBe('29,000人次')
    expect(visitors.find('[data-test="expected"]').text()).toBe('35,000人次')
    const investment = panel().find('[data-test="project-stats-indicator-investment_actual_fen"]')
    expect(investment.find('[data-test="actual"]').text()).toBe('2,900万元')
    expect(investment.find('[data-test="expected"]').text()).toBe('—')

    // The kinds as a stacked bar: one series per stage.
    await vi.waitFor(() => expect(charts.options.length).toBeGreaterThan(0))
    const bars = charts.options.at(-1) as { series: { type: string; stack: string; name: string }[] }
    expect(bars.series.map((s) => s.name)).toEqual(['洽谈', '签约', '在建', '投产运营', '终止'])
    expect(bars.series.every((s) => s.type === 'bar' && s.stack === 'projects')).toBe(true)

    // The towns compared, on actual values first, then on expected ones.
    const town = panel().find('[data-test="project-stats-child-431127103"]')
    expect(town.find('[data-test="projects"]').text()).toBe('3')
    expect(town.find('[data-test="visitors"]').text()).toBe('29,000人次')
    expect(panel().find('[data-test="project-stats-child-431127104"] [data-test="investment_actual_fen"]').text()).toBe('2,900万元')
    await panel().find('[data-test="project-stats-compare-expected"] input').setValue(true)
    await flushPromises()
    expect(panel().find('[data-test="project-stats-child-431127103"] [data-test="visitors"]').text()).toBe('35,000人次')
    expect(panel().find('[data-test="project-stats-child-431127104"] [data-test="investment_actual_fen"]').exists()).toBe(false)

    // A town's name narrows the list (and the figures) to it.
    await town.find('button').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ region: '431127103' })
    expect(asked('/api/v1/projects?').at(-1)?.region).toBe('431127103')
    expect(asked('/api/v1/stats/projects').at(-1)).toEqual({ region: '431127103', year: String(YEAR), by: 'child' })
    wrapper.unmount()
  })

  it('gives writers 新增项目 and both kinds of sheet; readers export only', async () => {
    const writer = await openProjects('/projects')
    expect(writer.wrapper.find('[data-test="project-create"]').text()).toBe('新增项目')
    for (const name of ['excel-template', 'excel-import', 'excel-export']) expect(writer.wrapper.find(`[data-test="${name}"]`).exists()).toBe(true)
    expect(writer.wrapper.find('[data-test="indicators-excel-menu"]').text()).toBe('项目指标')
    await writer.wrapper.find('[data-test="excel-export"]').trigger('click')
    await flushPromises()
    expect(writer.sent.filter((r) => r.url.includes('.xlsx')).map((r) => r.url)).toEqual(['/api/v1/exports/projects.xlsx'])
    writer.wrapper.unmount()

    const reader = await openProjects('/projects', { permissions: ['projects.read'] })
    expect(reader.wrapper.find('[data-test="project-create"]').exists()).toBe(false)
    expect(reader.wrapper.find('[data-test="excel-import"]').exists()).toBe(false)
    expect(reader.wrapper.find('[data-test="excel-export"]').exists()).toBe(true)
    reader.wrapper.unmount()
  })

  it('shows each project as a card on a phone, its stage as a tag, the figures folded', async () => {
    screen(true)
    const { wrapper, asked } = await openProjects('/projects')
    await vi.waitFor(() => expect(wrapper.find('[data-test="project-card-7"]').exists()).toBe(true))
    const card = wrapper.find('[data-test="project-card-7"]')
    expect(card.find('a').text()).toBe('愚公岩旅游区')
    expect(card.find('[data-test="project-stage-7"]').text()).toBe('投产运营')
    expect(card.text()).toContain('甘溪村')
    await vi.waitFor(() => expect(card.find('[data-test="project-latest-7"]').text()).toContain('游客 29,000人次'))
    // Folded on a phone until opened.
    expect(asked('/api/v1/stats/projects')).toHaveLength(0)
    wrapper.unmount()
  })
})
