import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import FigureTiles from './FigureTiles.vue'
import type { Figure } from './figures'

interface Rent {
  contracts: number
  due: number
  overdue: number
}

const FIGURES: Figure<Rent>[] = [
  { key: 'contracts', label: '合同数', value: (r) => String(r.contracts) },
  { key: 'due', label: '应收租金', value: (r) => `${r.due} 元` },
  { key: 'overdue', label: '逾期', value: (r) => `${r.overdue} 元`, alert: (r) => r.overdue > 0 },
]

function tiles(of: Rent, figures: readonly Figure<Rent>[] = FIGURES) {
  return mount(FigureTiles<Rent>, { props: { figures, of, test: 'rent' } })
}

describe('FigureTiles', () => {
  it('shows each figure as a tile, its label over its value, in the order given', () => {
    const wrapper = tiles({ contracts: 2, due: 52000, overdue: 0 })
    const shown = wrapper.findAll('dl > div').map((tile) => [tile.attributes('data-test'), tile.find('dt').text(), tile.find('[data-test="value"]').text()])
    expect(shown).toEqual([
      ['rent-contracts', '合同数', '2'],
      ['rent-due', '应收租金', '52000 元'],
      ['rent-overdue', '逾期', '0 元'],
    ])
  })

  it('puts a figure that calls for attention in red, and only while it does', async () => {
    const wrapper = tiles({ contracts: 2, due: 52000, overdue: 40000 })
    expect(wrapper.find('[data-test="rent-overdue"]').classes()).toContain('alert')
    expect(wrapper.find('[data-test="rent-overdue"] [data-test="value"]').text()).toBe('40000 元')
    // A figure without an alert is never red.
    expect(wrapper.find('[data-test="rent-due"]').classes()).not.toContain('alert')

    await wrapper.setProps({ of: { contracts: 2, due: 52000, overdue: 0 } })
    expect(wrapper.find('[data-test="rent-overdue"]').classes()).not.toContain('alert')
  })

  it('follows the figures it is given, and shows none when there are none', async () => {
    const wrapper = tiles({ contracts: 1, due: 10, overdue: 0 })
    await wrapper.setProps({ of: { contracts: 5, due: 99, overdue: 0 } })
    expect(wrapper.find('[data-test="rent-contracts"] [data-test="value"]').text()).toBe('5')

    await wrapper.setProps({ figures: [] })
    expect(wrapper.find('dl').exists()).toBe(true)
    expect(wrapper.findAll('dl > div')).toHaveLength(0)
  })

  it('keeps tiles no narrower than asked', () => {
    const wide = tiles({ contracts: 1, due: 1, overdue: 0 })
    expect(wide.find('dl').attributes('style')).toContain('--figure-min-width: 130px')
    const narrow = mount(FigureTiles<Rent>, { props: { figures: FIGURES, of: { contracts: 1, due: 1, overdue: 0 }, test: 'rent', minWidth: 160 } })
    expect(narrow.find('dl').attributes('style')).toContain('--figure-min-width: 160px')
  })

  it('writes a note below a value where the figure has one, in its tone, and the full value as its tooltip', () => {
    const figures: Figure<Rent>[] = [
      { key: 'due', label: '应收租金', value: () => '4万元', detail: (r) => `${r.due}元`, note: () => ({ text: '比上年同期 +1万元', tone: 'good' }) },
      { key: 'overdue', label: '逾期', value: (r) => `${r.overdue} 元`, note: () => null },
    ]
    const wrapper = tiles({ contracts: 1, due: 40000, overdue: 0 }, figures)
    const due = wrapper.find('[data-test="rent-due"]')
    expect(due.find('[data-test="value"]').attributes('title')).toBe('40000元')
    expect(due.find('[data-test="note"]').text()).toBe('比上年同期 +1万元')
    expect(due.find('[data-test="note"]').classes()).toContain('good')
    expect(wrapper.find('[data-test="rent-overdue"] [data-test="note"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="rent-overdue"] [data-test="value"]').attributes('title')).toBeUndefined()
  })
})
