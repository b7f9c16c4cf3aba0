import type { RouteRecordRaw } from 'vue-router'

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

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/LoginView.vue'),
    meta: { public: true, titleKey: 'login.title' },
  },
  {
    path: '/',
    component: () => import('@/views/layout/MainLayout.vue'),
    children: [
      {
        path: '',
        name: 'home',
        // The guard sends "home" on to the user's first permitted page.
        component: () => import('@/views/account/AccountView.vue'),
        meta: { titleKey: 'nav.account' },
      },
      {
        path: 'regions',
        name: 'regions',
        component: () => import('@/views/regions/RegionsView.vue'),
        meta: { permission: 'regions.read', titleKey: 'nav.regions' },
      },
      {
        path: 'people',
        name: 'people',
        component: () => import('@/views/people/PeopleView.vue'),
        meta: { permission: 'people.read', titleKey: 'nav.people' },
      },
      {
        path: 'people/:id(\\d+)',
        name: 'person',
        component: () => import('@/views/people/PersonDetailView.vue'),
        meta: { permission: 'people.read', titleKey: 'nav.people', nav: 'people' },
      },
      {
        path: 'organizations',
        name: 'organizations',
        component: () => import('@/views/organizations/OrganizationsView.vue'),
        meta: { permission: 'organizations.read', titleKey: 'nav.organizations' },
      },
      {
        path: 'organizations/:id(\\d+)',
        name: 'organization',
        component: () => import('@/views/organizations/OrganizationDetailView.vue'),
        meta: { permission: 'organizations.read', titleKey: 'nav.organizations', nav: 'organizations' },
      },
      {
        path: 'enterprises',
        name: 'enterprises',
        component: () => import('@/views/enterprises/EnterprisesView.vue'),
        meta: { permission: 'enterprises.read', titleKey: 'nav.enterprises' },
      },
      {
        path: 'enterprises/:id(\\d+)',
        name: 'enterprise',
        component: () => import('@/views/enterprises/EnterpriseDetailView.vue'),
        meta: { permission: 'enterprises.read', titleKey: 'nav.enterprises', nav: 'enterprises' },
      },
      {
        path: 'chamber',
        name: 'chamber',
        component: () => import('@/views/chamber/ChamberView.vue'),
        meta: { permission: 'memberships.read', titleKey: 'nav.chamber' },
      },
      {
        path: 'pairing',
        name: 'pairing',
        component: () => import('@/views/pairing/PairingBoardView.vue'),
        meta: { permission: 'pairing.read', titleKey: 'nav.pairing' },
      },
      {
        path: 'compliance',
        name: 'compliance',
        component: () => import('@/views/compliance/ComplianceView.vue'),
        meta: { permission: 'compliance.read', titleKey: 'nav.compliance' },
      },
      {
        path: 'contacts',
        name: 'contacts',
        component: () => import('@/views/contacts/ContactsView.vue'),
        meta: { permission: 'contacts.read', titleKey: 'nav.contacts' },
      },
      {
        path: 'contacts/new',
        name: 'contact-new',
        component: () => import('@/views/contacts/ContactFormView.vue'),
        meta: { permission: 'contacts.write', titleKey: 'contacts.createTitle', nav: 'contacts' },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('@/views/users/UsersView.vue'),
        meta: { permission: 'users.admin', titleKey: 'nav.users' },
      },
      {
        path: 'account',
        name: 'account',
        component: () => import('@/views/account/AccountView.vue'),
        meta: { titleKey: 'nav.account' },
      },
    ],
  },
  {
    path: '/403',
    name: 'forbidden',
    component: () => import('@/views/errors/ForbiddenView.vue'),
    meta: { public: true, titleKey: 'errors.forbiddenTitle' },
  },
  {
    path: '/error',
    name: 'error',
    component: () => import('@/views/errors/ErrorView.vue'),
    meta: { public: true, titleKey: 'errors.genericTitle' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/errors/NotFoundView.vue'),
    meta: { public: true, titleKey: 'errors.notFoundTitle' },
  },
]
