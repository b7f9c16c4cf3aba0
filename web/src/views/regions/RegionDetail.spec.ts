import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { ElDatePicker } from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { EventStats, RegionWithAncestors } from '@/api/types'
import { i18n } from '@/i18n'
import { EVENT_KINDS } from '@/test-support/events'
import { apiError, json, stubFetch } from '@/test-support/fetch'
import { signedIn } from '@/test-support/users'
import { todayIso } from '@/utils/dates'
import RegionDetail from './RegionDetail.vue'

const THIS_YEAR = todayIso().slice(0, 4)

const HUNAN = { code: '43', name: '湖南省', level: 'province' as const }
const YONGZHOU = { code: '4311', name: '永州市', level: 'city' as const }
const LANSHAN = { code: '431127', name: '蓝山县', level: 'county' as const }
const NANSHI = { code: '431127103', name: '楠市镇', level: 'town' as const }

function region(overrides: Partial<RegionWithAncestors>): RegionWithAncestors {
  return {
    code: NANSHI.code,
    name: NANSHI.name,
    official_name: '楠市镇人民政府',
    level: 'town',
    parent: LANSHAN.code,
    has_children: true,
    path: '43/4311/431127/431127103',
    ancestors: [HUNAN, YONGZHOU, LANSHAN],
    ...overrides,
  }
}
const TOWN = region({})
const COUNTY = region({ code: LANSHAN.code, name: LANSHAN.name, official_name: '蓝山县', level: 'county', parent: YONGZHOU.code, path: '43/4311/431127', ancestors: [HUNAN, YONGZHOU] })
const VILLAGE = region({ code: '431127103224', name: '朋佳村', official_name: '朋佳村委会', level: 'village', parent: NANSHI.code, has_children: false, path: '43/4311/431127/431127103/431127103224', ancestors: [HUNAN, YONGZHOU, LANSHAN, NANSHI] })
const GROUP = region({ code: '431127103224001', name: '一组', official_name: '一组', level: 'group', parent: VILLAGE.code, has_children: false, ancestors: [...VILLAGE.ancestors, { code: VILLAGE.code, name: VILLAGE.name, level: 'village' }] })

const GROUP_ROW = { ...GROUP, id: 9, code: '431127103224-01', ancestors: undefined, retired_on: null }

function statsOf(place: RegionWithAncestors, year: string, busy = true): EventStats {
  const none = { events: 0, attendances: 0, people: 0, unregistered: 0 }
  return {
    region: { code: place.code, name: place.name, level: place.level },
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    totals: busy ? { events: 2, attendances: 42, people: 35, unregistered: 6 } : none,
    groups: busy
      ? [
          { group: 'meeting', events: 1, attendances: 12, people: 12, unregistered: 0 },
          { group: 'training', events: 1, attendances: 30, people: 30, unregistered: 6 },
        ]
      : [],
    kinds: [
      { kind: 'farmer_training', group: 'training', ...(busy ? { events: 1, attendances: 30, people: 30, unregistered: 6 } : none) },
      { kind: 'party_committee', group: 'meeting', ...(busy ? { events: 1, attendances: 12, people: 12, unregistered: 0 } : none) },
    ],
    ...(place.level === 'county'
      ? {
          towns: [
            { code: '431127101', name: '塔峰镇', ...none },
            { code: NANSHI.code, name: NANSHI.name, events: 2, attendances: 42, people: 35, unregistered: 6 },
          ],
        }
      : {}),
  }
}

interface Options {
  permissions?: string[]
  /** The answer to the figures, by default the region's over the year asked. */
  stats?: (year: string) => Response
  user?: Parameters<typeof signedIn>[0]
}

async function openDetail(place: RegionWithAncestors, options: Options = {}) {
  const sent = stubFetch((r) => {
    if (r.url.startsWith('/api/v1/event-kinds')) return json(200, { items: EVENT_KINDS })
    if (r.url === `/api/v1/regions/${VILLAGE.code}/groups`) return json(200, { items: [GROUP_ROW], total: 1 })
    if (r.url.startsWith('/api/v1/stats/events')) {
      const year = (new URL(r.url, 'http://x').searchParams.get('from') ?? '').slice(0, 4)
      return options.stats ? options.stats(year) : json(200, statsOf(place, year))
    }
    return json(404, {})
  })
  const pinia = signedIn({ permissions: options.permissions ?? ['regions.read', 'events.read'], ...options.user })
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/regions', name: 'regions', component: { render: () => null } },
      { path: '/events', name: 'events', component: { render: () => null } },
    ],
  })
  await router.push('/regions')
  const picked: string[] = []
  const wrapper = mount(
    defineComponent({
      render: () => h(RegionDetail, { region: place, regionChildren: [], loading: false, error: null, onPick: (code: string) => picked.push(code) }),
    }),
    { global: { plugins: [pinia, router, i18n] } },
  )
  await flushPromises()
  const asked = () =>
    sent.filter((r) => r.url.startsWith('/api/v1/stats/events')).map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams))
  return { wrapper, asked, picked }
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('RegionDetail: the region’s event figures', () => {
  it('shows a town’s figures for this year, with a link to its events', async () => {
    const { wrapper, asked } = await openDetail(TOWN)
    expect(asked()).toEqual([{ region: '431127103', from: `${THIS_YEAR}-01-01`, to: `${THIS_YEAR}-12-31` }])
    const panel = wrapper.find('[data-test="region-event-stats"]')
    expect(panel.exists()).toBe(true)
    expect(panel.find('[data-test="event-stats-toggle"]').text()).toBe('活动统计')
    expect(panel.find('[data-test="event-stats-scope"]').text()).toBe(`楠市镇，${THIS_YEAR}-01-01 至 ${THIS_YEAR}-12-31`)
    expect(panel.find('[data-test="event-stats-farmer_training"] [data-test="attendances"]').text()).toBe('30')
    expect(panel.find('[data-test="event-stats-total"] [data-test="events"]').text()).toBe('2')
    expect(panel.find('[data-test="event-stats-towns"]').exists()).toBe(false)
    const link = panel.find('[data-test="event-stats-events"]')
    expect(link.text()).toBe('查看活动')
    expect(link.attributes('href')).toBe('/events?region=431127103')
    wrapper.unmount()
  })

  it('shows a county’s towns, a town’s name opening that town', async () => {
    const { wrapper, asked, picked } = await openDetail(COUNTY, { user: { all_regions: true, view_region: null } })
    expect(asked().map((q) => q.region)).toEqual(['431127'])
    const towns = wrapper.find('[data-test="region-event-stats"] [data-test="event-stats-towns"]')
    expect(towns.findAll('tbody th').map((th) => th.text())).toEqual(['楠市镇', '塔峰镇'])
    await towns.find('[data-test="event-stats-town-431127103"] button').trigger('click')
    expect(picked).toEqual(['431127103'])
    wrapper.unmount()
  })

  it('moves to another year, the link following it', async () => {
    const { wrapper, asked } = await openDetail(TOWN)
    wrapper.findComponent(ElDatePicker).vm.$emit('update:modelValue', '2022')
    await flushPromises()
    expect(asked().at(-1)).toEqual({ region: '431127103', from: '2022-01-01', to: '2022-12-31' })
    const panel = wrapper.find('[data-test="region-event-stats"]')
    expect(panel.find('[data-test="event-stats-scope"]').text()).toBe('楠市镇，2022-01-01 至 2022-12-31')
    expect(panel.find('[data-test="event-stats-events"]').attributes('href')).toBe(
      '/events?region=431127103&view=list&from=2022-01-01&to=2022-12-31',
    )
    wrapper.unmount()
  })

  it('says when a village has no events in the year, offering a writer to add one', async () => {
    const quiet = (year: string) => json(200, statsOf(VILLAGE, year, false))
    const writer = await openDetail(VILLAGE, { permissions: ['events.read', 'events.write'], stats: quiet })
    expect(writer.asked().map((q) => q.region)).toEqual(['431127103224'])
    const empty = writer.wrapper.find('[data-test="region-event-stats"] [data-test="event-stats-empty"]')
    expect(empty.text()).toContain('该年度暂无活动记录')
    const add = empty.find('[data-test="event-stats-add"]')
    expect(add.text()).toBe('去活动页新增')
    expect(add.attributes('href')).toBe('/events?region=431127103224')
    expect(writer.wrapper.find('[data-test="event-stats-total"]').exists()).toBe(false)
    writer.wrapper.unmount()

    const reader = await openDetail(VILLAGE, { stats: quiet })
    expect(reader.wrapper.find('[data-test="event-stats-empty"]').text()).toBe('该年度暂无活动记录')
    expect(reader.wrapper.find('[data-test="event-stats-add"]').exists()).toBe(false)
    reader.wrapper.unmount()
  })

  it('shows nothing where the server refuses the figures', async () => {
    for (const status of [403, 404]) {
      const { wrapper, asked } = await openDetail(TOWN, { stats: () => apiError(status, status === 403 ? 'forbidden' : 'not_found', '无权查看') })
      expect(asked()).toHaveLength(1)
      expect(wrapper.find('[data-test="region-event-stats"]').exists()).toBe(false)
      expect(wrapper.find('.el-alert').exists()).toBe(false)
      expect(wrapper.find('[data-test="region-detail-name"]').text()).toBe('楠市镇')
      wrapper.unmount()
    }
  })

  it('does not ask without events.read, beyond the user’s view, or for a villagers’ group', async () => {
    const cases: [RegionWithAncestors, Options][] = [
      [TOWN, { permissions: ['regions.read'] }],
      [COUNTY, {}], // nanshi sees 楠市镇 only, not the whole county
      [GROUP, {}],
    ]
    for (const [place, options] of cases) {
      const { wrapper, asked } = await openDetail(place, options)
      expect(asked(), place.name).toEqual([])
      expect(wrapper.find('[data-test="region-event-stats"]').exists()).toBe(false)
      expect(wrapper.find('[data-test="region-detail-name"]').text()).toBe(place.name)
      wrapper.unmount()
    }
  })
})

describe('RegionDetail: a village’s groups', () => {
  it('lists a village’s groups in their own section, and no other region’s', async () => {
    const village = await openDetail(VILLAGE, { permissions: ['regions.read', 'groups.write'] })
    const section = village.wrapper.find('[data-test="region-groups"]')
    expect(section.find('[data-test="group-row-431127103224-01"]').text()).toContain('一组')
    // The town office's capture scope (楠市镇) covers the village.
    expect(section.find('[data-test="group-add"]').exists()).toBe(true)
    village.wrapper.unmount()

    const town = await openDetail(TOWN)
    expect(town.wrapper.find('[data-test="region-groups"]').exists()).toBe(false)
    town.wrapper.unmount()
  })
})
