// The to-do list in the page's terms: its items by severity, and the icon of each kind.
import type { Component } from 'vue'
import { AlarmClock, ChatDotSquare, Money, Odometer, Phone, Share, Bell } from '@element-plus/icons-vue'
import { TODO_SEVERITIES, type TodoItem, type TodoSeverity } from '@/api/types'

export interface TodoGroup {
  severity: TodoSeverity
  items: TodoItem[]
}

/** The items under 已超期, 即将到期 and 其他待办, in that order (empty groups left out), each as the server ordered them. */
export function groupBySeverity(items: readonly TodoItem[]): TodoGroup[] {
  return TODO_SEVERITIES.map((severity) => ({ severity, items: items.filter((i) => i.severity === severity) })).filter((g) => g.items.length > 0)
}

const ICONS: Record<string, Component> = {
  request: ChatDotSquare,
  follow_up: Phone,
  quota: Odometer,
  uncovered: Share,
  rent_overdue: Money,
  contract_ending: AlarmClock,
}

/** A kind's icon (a bell for a kind this build does not know). */
export function kindIcon(kind: string): Component {
  return ICONS[kind] ?? Bell
}
