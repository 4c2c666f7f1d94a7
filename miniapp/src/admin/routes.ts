/** The administration's pages (the `admin` subpackage). */
export const adminRoutes = {
  home: '/admin/home/index',
  units: '/admin/units/index',
  unit: (id: string) => `/admin/unit/index?id=${encodeURIComponent(id)}`,
  newUnit: (parentId: string) => `/admin/unit/index?parentId=${encodeURIComponent(parentId)}`,
  accounts: '/admin/accounts/index',
  account: (id: string) => `/admin/account/index?id=${encodeURIComponent(id)}`,
  newAccount: '/admin/account/index',
  roster: '/admin/roster/index',
  categories: '/admin/categories/index',
  calendar: '/admin/calendar/index',
  audit: '/admin/audit/index',
  outbox: '/admin/outbox/index',
  health: '/admin/health/index',
} as const;
