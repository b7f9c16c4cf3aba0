import type { RouteMeta, RouteRecordRaw, RouteRecordSingleView } from 'vue-router'
import { NAV_ITEMS } from './navigation'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean
    /** The permission a user needs to open the page. */
    permission?: string
    /** i18n key of the page title. */
    titleKey?: string
    /** The menu entry to mark while this page is open (detail pages mark their list). */
    nav?: string
  }
}

type View = RouteRecordSingleView['component']

/** A page: its address, its name, its code (loaded when first opened) and what the guard and the frame read of it. */
function page(path: string, name: string, component: View, meta: RouteMeta): RouteRecordRaw {
  return { path, name, component, meta }
}

/** The page of a side menu entry (NAV_ITEMS): its path, name, permission and title are the entry's. */
function menuPage(name: string, component: View): RouteRecordRaw {
  const item = NAV_ITEMS.find((entry) => entry.route === name)
  if (!item) throw new Error(`no menu entry ${name}`)
  return page(name, name, component, { permission: item.permission, titleKey: item.titleKey })
}

/** A ledger's list (a menu entry) and each record's page, which the list's entry stands for in the menu. */
function ledgerPages(list: string, record: string, listView: View, recordView: View): RouteRecordRaw[] {
  const listPage = menuPage(list, listView)
  return [listPage, page(`${list}/:id(\\d+)`, record, recordView, { ...listPage.meta, nav: list })]
}

/** A page that only says where the user stands (403, 404): open to all, its title also the tab's. */
function statusPage(path: string, name: string, status: string, titleKey: string, textKey: string): RouteRecordRaw {
  const component = () => import('@/views/errors/StatusView.vue')
  return { path, name, component, meta: { public: true, titleKey }, props: { status, titleKey, textKey } }
}

export const routes: RouteRecordRaw[] = [
  page('/login', 'login', () => import('@/views/login/LoginView.vue'), { public: true, titleKey: 'login.title' }),
  {
    path: '/',
    component: () => import('@/views/layout/MainLayout.vue'),
    children: [
      // 首页: the user's figures, to-do and what they answer for; any signed-in user has one.
      page('', 'home', () => import('@/views/home/HomeView.vue'), { titleKey: 'nav.home' }),
      menuPage('regions', () => import('@/views/regions/RegionsView.vue')),
      ...ledgerPages('people', 'person', () => import('@/views/people/PeopleView.vue'), () => import('@/views/people/PersonDetailView.vue')),
      ...ledgerPages(
        'organizations',
        'organization',
        () => import('@/views/organizations/OrganizationsView.vue'),
        () => import('@/views/organizations/OrganizationDetailView.vue'),
      ),
      ...ledgerPages(
        'enterprises',
        'enterprise',
        () => import('@/views/enterprises/EnterprisesView.vue'),
        () => import('@/views/enterprises/EnterpriseDetailView.vue'),
      ),
      menuPage('chamber', () => import('@/views/chamber/ChamberView.vue')),
      menuPage('pairing', () => import('@/views/pairing/PairingBoardView.vue')),
      menuPage('compliance', () => import('@/views/compliance/ComplianceView.vue')),
      menuPage('contacts', () => import('@/views/contacts/ContactsView.vue')),
      page('contacts/new', 'contact-new', () => import('@/views/contacts/ContactFormView.vue'), {
        permission: 'contacts.write',
        titleKey: 'contacts.createTitle',
        nav: 'contacts',
      }),
      ...ledgerPages(
        'requests',
        'request',
        () => import('@/views/requests/RequestsView.vue'),
        () => import('@/views/requests/RequestDetailView.vue'),
      ),
      // What the signed-in user owes (the header's bell leads here): any user has one.
      page('todo', 'todo', () => import('@/views/todo/TodoView.vue'), { titleKey: 'todo.title' }),
      ...ledgerPages('events', 'event', () => import('@/views/events/EventsView.vue'), () => import('@/views/events/EventDetailView.vue')),
      page('events/:id(\\d+)/roll-call', 'event-roll-call', () => import('@/views/events/RollCallView.vue'), {
        permission: 'events.write',
        titleKey: 'events.rollCall',
        nav: 'events',
      }),
      // Where an event's QR code leads: any signed-in user checks in as themselves.
      page('check-in', 'check-in', () => import('@/views/events/CheckInView.vue'), { titleKey: 'events.checkIn', nav: 'events' }),
      ...ledgerPages(
        'projects',
        'project',
        () => import('@/views/projects/ProjectsView.vue'),
        () => import('@/views/projects/ProjectDetailView.vue'),
      ),
      ...ledgerPages(
        'land',
        'land-contract',
        () => import('@/views/land/LandContractsView.vue'),
        () => import('@/views/land/LandContractDetailView.vue'),
      ),
      menuPage('income', () => import('@/views/income/CollectiveIncomeView.vue')),
      menuPage('briefs', () => import('@/views/briefs/BriefsView.vue')),
      menuPage('brief-templates', () => import('@/views/briefs/BriefTemplatesView.vue')),
      menuPage('users', () => import('@/views/users/UsersView.vue')),
      menuPage('audit', () => import('@/views/logs/AuditLogView.vue')),
      menuPage('logins', () => import('@/views/logs/LoginLogView.vue')),
      page('account', 'account', () => import('@/views/account/AccountView.vue'), { titleKey: 'nav.account' }),
    ],
  },
  statusPage('/403', 'forbidden', '403', 'errors.forbiddenTitle', 'errors.forbiddenText'),
  page('/error', 'error', () => import('@/views/errors/ErrorView.vue'), { public: true, titleKey: 'errors.genericTitle' }),
  statusPage('/:pathMatch(.*)*', 'not-found', '404', 'errors.notFoundTitle', 'errors.notFoundText'),
]
