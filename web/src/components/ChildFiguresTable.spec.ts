import { describe, expect, it } from 'vitest'
import { h } from 'vue'
import { mount } from '@vue/test-utils'
import ChildFiguresTable from './ChildFiguresTable.vue'
import type { Figure } from './figures'

interface Village {
  region: { code: string; name: string }
  contracts: number
  overdue: number
}

const VILLAGES: Village[] = [
  { region: { code: '431127103224', name: '朋佳村' }, contracts: 1, overdue: 40000 },
  { region: { code: '431127103203', name: '甘溪村' }, contracts: 3, overdue: 0 },
]

const COLUMNS: Figure<Village>[] = [
  { key: 'contracts', label: '合同数', value: (v) => String(v.contracts) },
  { key: 'overdue', label: '逾期租金', value: (v) => `${v.overdue} 元`, alert: (v) => v.overdue > 0 },
]

function table(props: Record<string, unknown> = {}, slots: Record<string, unknown> = {}) {
  return mount(ChildFiguresTable<Village>, {
    props: { rows: VILLAGES, region: (v: Village) => v.region, heading: '村', columns: COLUMNS, test: 'land-children', rowTest: 'land-child', ...props },
    slots,
  })
}

describe('ChildFiguresTable', () => {
  it('heads the names and each figure, then a row per child region with its figures', () => {
    const wrapper = table()
    expect(wrapper.find('table').attributes('data-test')).toBe('land-children')
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual(['村', '合同数', '逾期租金'])
    const rows = wrapper.findAll('tbody tr')
    expect(rows.map((tr) => tr.attributes('data-test'))).toEqual(['land-child-431127103224', 'land-child-431127103203'])
    expect(rows.map((tr) => [tr.find('th').text(), ...tr.findAll('td').map((td) => td.text())])).toEqual([
      ['朋佳村', '1', '40000 元'],
      ['甘溪村', '3', '0 元'],
    ])
    expect(rows[1].find('[data-test="contracts"]').text()).toBe('3')
  })

  it('puts a figure that calls for attention in red, in its row only', () => {
    const wrapper = table()
    expect(wrapper.find('[data-test="land-child-431127103224"] [data-test="overdue"]').classes()).toContain('alert')
    expect(wrapper.find('[data-test="land-child-431127103203"] [data-test="overdue"]').classes()).not.toContain('alert')
    expect(wrapper.find('[data-test="land-child-431127103224"] [data-test="contracts"]').classes()).not.toContain('alert')
  })

  it('narrows to a child region when its name is clicked', async () => {
    const wrapper = table()
    const name = wrapper.find('[data-test="land-child-link-431127103203"]')
    expect(name.element.tagName).toBe('BUTTON')
    expect(name.text()).toBe('甘溪村')
    await name.trigger('click')
    expect(wrapper.emitted('region')).toEqual([['431127103203']])
  })

  it('has only its heading row when there are no child regions', () => {
    const wrapper = table({ rows: [] })
    expect(wrapper.findAll('thead th')).toHaveLength(3)
    expect(wrapper.findAll('tbody tr')).toHaveLength(0)
  })

  it('lets the page word a column’s heading, keeps its width and, when asked, each cell on one line', () => {
    const wrapper = table({ minWidth: 520, nowrap: true }, { label: ({ column }: { column: Figure<Village> }) => h('abbr', { title: column.label }, column.key) })
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual(['村', 'contracts', 'overdue'])
    expect(wrapper.find('thead abbr').attributes('title')).toBe('合同数')
    expect(wrapper.find('table').attributes('style')).toContain('min-width: 520px')
    expect(wrapper.find('table').classes()).toContain('nowrap')
    expect(table().find('table').classes()).not.toContain('nowrap')
  })

  it('sorts by a sortable column when its heading is clicked, the other way on a second click, rows without a value last', async () => {
    const rows: Village[] = [
      ...VILLAGES,
      { region: { code: '431127103210', name: '上下村' }, contracts: 2, overdue: 0 },
      { region: { code: '431127103228', name: '甘溪' }, contracts: Number.NaN, overdue: 0 },
    ]
    const columns: Figure<Village>[] = [
      { key: 'contracts', label: '合同数', value: (v) => String(v.contracts), sortValue: (v) => (Number.isNaN(v.contracts) ? null : v.contracts) },
      COLUMNS[1],
    ]
    const wrapper = table({ rows, columns, rankHeading: '名次' })
    const names = () => wrapper.findAll('tbody tr th').map((th) => th.text())
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual(['名次', '村', '合同数↕', '逾期租金'])
    expect(wrapper.find('[data-test="land-children-sort-overdue"]').exists()).toBe(false)
    expect(names()).toEqual(['朋佳村', '甘溪村', '上下村', '甘溪'])

    await wrapper.find('[data-test="land-children-sort-contracts"]').trigger('click')
    expect(names()).toEqual(['甘溪村', '上下村', '朋佳村', '甘溪'])
    expect(wrapper.findAll('tbody [data-test="rank"]').map((td) => td.text())).toEqual(['1', '2', '3', '4'])
    expect(wrapper.findAll('thead th')[2].attributes('aria-sort')).toBe('descending')
    expect(wrapper.emitted('update:sort')?.at(-1)).toEqual([{ key: 'contracts', order: 'desc' }])

    await wrapper.setProps({ sort: { key: 'contracts', order: 'desc' } })
    await wrapper.find('[data-test="land-children-sort-contracts"]').trigger('click')
    expect(wrapper.emitted('update:sort')?.at(-1)).toEqual([{ key: 'contracts', order: 'asc' }])
    await wrapper.setProps({ sort: { key: 'contracts', order: 'asc' } })
    expect(names()).toEqual(['朋佳村', '上下村', '甘溪村', '甘溪'])
  })

  it('leads a row’s name to a page of its own when given one', async () => {
    const { createRouter, createMemoryHistory } = await import('vue-router')
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', name: 'home', component: { render: () => null } }] })
    const wrapper = mount(ChildFiguresTable<Village>, {
      props: {
        rows: VILLAGES,
        region: (v: Village) => v.region,
        heading: '村',
        columns: COLUMNS,
        test: 't',
        rowTest: 'r',
        link: (v: Village) => ({ name: 'home', query: { region: v.region.code } }),
      },
      global: { plugins: [router] },
    })
    const name = wrapper.find('[data-test="r-link-431127103203"]')
    expect(name.element.tagName).toBe('A')
    expect(name.attributes('href')).toBe('/?region=431127103203')
  })
})
