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
  Flag,
  Key,
  Location,
  MapLocation,
  Odometer,
  OfficeBuilding,
  Share,
  User as UserIcon,
} from '@element-plus/icons-vue'

/** One entry of the side menu; shown only to users holding its permission. */
export interface NavItem {
  route: string
  titleKey: string
  icon: Component
  permission: string
}

export const NAV_ITEMS: readonly NavItem[] = [
  { route: 'regions', titleKey: 'nav.regions', icon: Location, permission: 'regions.read' },
  { route: 'people', titleKey: 'nav.people', icon: Avatar, permission: 'people.read' },
  { route: 'organizations', titleKey: 'nav.organizations', icon: Flag, permission: 'organizations.read' },
  { route: 'enterprises', titleKey: 'nav.enterprises', icon: OfficeBuilding, permission: 'enterprises.read' },
  { route: 'chamber', titleKey: 'nav.chamber', icon: Connection, permission: 'memberships.read' },
  { route: 'pairing', titleKey: 'nav.pairing', icon: Share, permission: 'pairing.read' },
  { route: 'compliance', titleKey: 'nav.compliance', icon: Odometer, permission: 'compliance.read' },
  { route: 'contacts', titleKey: 'nav.contacts', icon: ChatLineSquare, permission: 'contacts.read' },
  { route: 'requests', titleKey: 'nav.requests', icon: ChatDotSquare, permission: 'requests.read' },
  { route: 'events', titleKey: 'nav.events', icon: Calendar, permission: 'events.read' },
  { route: 'projects', titleKey: 'nav.projects', icon: Briefcase, permission: 'projects.read' },
  { route: 'land', titleKey: 'nav.land', icon: MapLocation, permission: 'land.read' },
  { route: 'income', titleKey: 'nav.income', icon: Coin, permission: 'income.read' },
  { route: 'users', titleKey: 'nav.users', icon: UserIcon, permission: 'users.admin' },
  { route: 'audit', titleKey: 'logs.auditTitle', icon: Document, permission: 'audit.read' },
  { route: 'logins', titleKey: 'logs.loginTitle', icon: Key, permission: 'users.admin' },
]

export function visibleNavItems(can: (permission: string) => boolean): NavItem[] {
  return NAV_ITEMS.filter((item) => can(item.permission))
}

/** Where "home" is for this user: the first page they may open, else their account page. */
export function homeRouteName(can: (permission: string) => boolean): string {
  return visibleNavItems(can)[0]?.route ?? 'account'
}
