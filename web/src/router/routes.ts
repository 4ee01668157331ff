import type { RouteRecordRaw } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean;
    requiresAdmin?: boolean;
    /** Administrators and executives (the audit log). */
    requiresAuditor?: boolean;
    titleKey?: string;
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/login/index.vue'),
    meta: { public: true, titleKey: 'login.title' },
  },
  {
    path: '/',
    component: () => import('@/layouts/basic-layout.vue'),
    children: [
      {
        path: '',
        name: 'home',
        component: () => import('@/views/dashboard/home/index.vue'),
        meta: { titleKey: 'menu.home' },
      },
      {
        path: 'r/:entity',
        name: 'record-list',
        component: () => import('@/views/records/list/index.vue'),
      },
      {
        path: 'r/:entity/new',
        name: 'record-create',
        component: () => import('@/views/records/form/index.vue'),
      },
      {
        path: 'r/:entity/:id(\\d+)',
        name: 'record-detail',
        component: () => import('@/views/records/detail/index.vue'),
      },
      {
        path: 'r/:entity/:id(\\d+)/edit',
        name: 'record-edit',
        component: () => import('@/views/records/form/index.vue'),
      },
      {
        path: 'system/recycle-bin',
        name: 'recycle-bin',
        component: () => import('@/views/system/recycle-bin/index.vue'),
        meta: { requiresAdmin: true, titleKey: 'recycle.title' },
      },
      {
        path: 'system/users',
        name: 'system-users',
        component: () => import('@/views/system/users/index.vue'),
        meta: { requiresAdmin: true, titleKey: 'menu.users' },
      },
      {
        path: 'system/departments',
        name: 'system-departments',
        component: () => import('@/views/system/departments/index.vue'),
        meta: { requiresAdmin: true, titleKey: 'menu.departments' },
      },
      {
        path: 'system/roles',
        name: 'system-roles',
        component: () => import('@/views/system/roles/index.vue'),
        meta: { requiresAdmin: true, titleKey: 'menu.roles' },
      },
      {
        path: 'system/numbering',
        name: 'system-numbering',
        component: () => import('@/views/system/numbering/index.vue'),
        meta: { requiresAdmin: true, titleKey: 'numbering.title' },
      },
      {
        path: 'system/jobs',
        name: 'system-jobs',
        component: () => import('@/views/system/jobs/index.vue'),
        meta: { requiresAdmin: true, titleKey: 'menu.jobs' },
      },
      {
        path: 'system/mail',
        name: 'system-mail',
        component: () => import('@/views/system/mail/index.vue'),
        meta: { requiresAdmin: true, titleKey: 'menu.mail' },
      },
      {
        path: 'system/webhooks',
        name: 'system-webhooks',
        component: () => import('@/views/system/webhooks/index.vue'),
        meta: { requiresAdmin: true, titleKey: 'menu.webhooks' },
      },
      {
        path: 'system/approval-flows',
        name: 'system-approval-flows',
        component: () => import('@/views/system/approval-flows/index.vue'),
        meta: { requiresAdmin: true, titleKey: 'menu.approvalFlows' },
      },
      {
        path: 'system/options',
        name: 'system-options',
        component: () => import('@/views/system/options/index.vue'),
        meta: { requiresAdmin: true, titleKey: 'menu.options' },
      },
      {
        path: 'approvals',
        name: 'approvals',
        component: () => import('@/views/approvals/index.vue'),
        meta: { titleKey: 'menu.approvals' },
      },
      {
        path: 'notifications',
        name: 'notifications',
        component: () => import('@/views/notifications/index.vue'),
        meta: { titleKey: 'menu.notifications' },
      },
      {
        path: 'system/audit',
        name: 'system-audit',
        component: () => import('@/views/system/audit/index.vue'),
        meta: { requiresAuditor: true, titleKey: 'menu.auditLog' },
      },
      {
        path: 'account/profile',
        name: 'profile',
        component: () => import('@/views/account/profile/index.vue'),
        meta: { titleKey: 'layout.profile' },
      },
      {
        path: 'account/password',
        name: 'change-password',
        component: () => import('@/views/account/password/index.vue'),
        meta: { titleKey: 'layout.changePassword' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/exception/not-found/index.vue'),
        meta: { titleKey: 'notFound.title' },
      },
    ],
  },
];
