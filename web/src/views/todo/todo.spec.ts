import { describe, expect, it } from 'vitest'
import { Bell, ChatDotSquare, Money } from '@element-plus/icons-vue'
import type { TodoItem } from '@/api/types'
import { groupBySeverity, kindIcon } from './todo'

const item = (kind: string, severity: TodoItem['severity'], title: string): TodoItem => ({ kind, severity, title, due: null, link: '/' })

describe('the to-do list in the page’s terms', () => {
  it('groups the items under late, soon and the rest, keeping the server’s order and leaving out empty groups', () => {
    const items = [item('request', 'late', 'a'), item('quota', 'normal', 'b'), item('rent_overdue', 'late', 'c')]
    expect(groupBySeverity(items).map((g) => [g.severity, g.items.map((i) => i.title)])).toEqual([
      ['late', ['a', 'c']],
      ['normal', ['b']],
    ])
    expect(groupBySeverity([])).toEqual([])
  })

  it('gives each kind its icon, a bell to one it does not know', () => {
    expect(kindIcon('request')).toBe(ChatDotSquare)
    expect(kindIcon('rent_overdue')).toBe(Money)
    expect(kindIcon('something_new')).toBe(Bell)
  })
})
