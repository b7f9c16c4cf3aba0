import type { RouteRecordRaw } from 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean
    /** The permission a user needs to open the page. */
    permission?: string
    /** i18n key of the page title. */
    titleKey?: string
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
