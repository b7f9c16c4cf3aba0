import type { Component } from 'vue'
import {
  Avatar,
  Briefcase,
  Calendar,
  ChatDotSquare,
  ChatLineSquare,
  Coin,
  Connection,
  Document,
  DocumentCopy,
  EditPen,
  Flag,
  HomeFilled,
  Key,
  Location,
  MapLocation,
  Odometer,
  OfficeBuilding,
  Share,
  User as UserIcon,
} from '@element-plus/icons-vue'

/** The side menu's groups, in their order: 台账, 包保, 活动与项目, 报表, 系统. */
export type NavGroupKey = 'ledgers' | 'pairing' | 'work' | 'reports' | 'system'
export const NAV_GROUPS: readonly NavGroupKey[] = ['ledgers', 'pairing', 'work', 'reports', 'system']

/** One entry of the side menu, under its group; shown only to users holding its permission. */
export interface NavItem {
  route: string
  titleKey: string
  icon: Component
  permission: string
  group: NavGroupKey
}

/** 首页: above the groups, for every signed-in user. */
export const HOME_ITEM = { route: 'home', titleKey: 'nav.home', icon: HomeFilled } as const

export const NAV_ITEMS: readonly NavItem[] = [
  { route: 'people', titleKey: 'nav.people', icon: Avatar, permission: 'people.read', group: 'ledgers' },
  { route: 'organizations', titleKey: 'nav.organizations', icon: Flag, permission: 'organizations.read', group: 'ledgers' },
  { route: 'enterprises', titleKey: 'nav.enterprises', icon: OfficeBuilding, permission: 'enterprises.read', group: 'ledgers' },
  { route: 'chamber', titleKey: 'nav.chamber', icon: Connection, permission: 'memberships.read', group: 'ledgers' },
  { route: 'land', titleKey: 'nav.land', icon: MapLocation, permission: 'land.read', group: 'ledgers' },
  { route: 'income', titleKey: 'nav.income', icon: Coin, permission: 'income.read', group: 'ledgers' },
  { route: 'regions', titleKey: 'nav.regions', icon: Location, permission: 'regions.read', group: 'ledgers' },
  { route: 'pairing', titleKey: 'nav.pairing', icon: Share, permission: 'pairing.read', group: 'pairing' },
  { route: 'compliance', titleKey: 'nav.compliance', icon: Odometer, permission: 'compliance.read', group: 'pairing' },
  { route: 'contacts', titleKey: 'nav.contacts', icon: ChatLineSquare, permission: 'contacts.read', group: 'pairing' },
  { route: 'requests', titleKey: 'nav.requests', icon: ChatDotSquare, permission: 'requests.read', group: 'pairing' },
  { route: 'events', titleKey: 'nav.events', icon: Calendar, permission: 'events.read', group: 'work' },
  { route: 'projects', titleKey: 'nav.projects', icon: Briefcase, permission: 'projects.read', group: 'work' },
  { route: 'briefs', titleKey: 'nav.briefs', icon: DocumentCopy, permission: 'briefs.read', group: 'reports' },
  { route: 'users', titleKey: 'nav.users', icon: UserIcon, permission: 'users.admin', group: 'system' },
  { route: 'audit', titleKey: 'logs.auditTitle', icon: Document, permission: 'audit.read', group: 'system' },
  { route: 'logins', titleKey: 'logs.loginTitle', icon: Key, permission: 'users.admin', group: 'system' },
  { route: 'brief-templates', titleKey: 'nav.briefTemplates', icon: EditPen, permission: 'briefs.manage', group: 'system' },
]

export function visibleNavItems(can: (permission: string) => boolean): NavItem[] {
  return NAV_ITEMS.filter((item) => can(item.permission))
}

export interface NavGroup {
  key: NavGroupKey
  titleKey: string
  items: NavItem[]
}

/** The groups of the side menu with the entries this user may open; a group with none is left out. */
export function visibleNavGroups(can: (permission: string) => boolean): NavGroup[] {
  const items = visibleNavItems(can)
  return NAV_GROUPS.map((key) => ({ key, titleKey: `nav.groups.${key}`, items: items.filter((i) => i.group === key) })).filter((g) => g.items.length > 0)
}
