/**
 * Every page's address. Main package: the three pages of the bottom bar. Subpackages: `account`
 * (sign-in, phone, employee binding), `petition` (submit, confirm, success, detail), `public`
 * (lookup, privacy notice, service status) — and `staff`, the staff workbench.
 */
export const routes = {
  home: '/pages/index/index',
  mine: '/pages/mine/index',
  me: '/pages/me/index',
  login: '/account/login/index',
  provePhone: '/account/phone/index',
  bindEmployee: '/account/employee/index',
  submit: '/petition/submit/index',
  confirm: '/petition/confirm/index',
  success: '/petition/success/index',
  detail: (id: string) => `/petition/detail/index?id=${encodeURIComponent(id)}`,
  document: (id: string, title: string) =>
    `/petition/document/index?id=${encodeURIComponent(id)}&title=${encodeURIComponent(title)}`,
  lookup: '/public/lookup/index',
  privacy: '/public/privacy/index',
  health: '/public/health/index',
  reception: '/public/reception/index',
  /** The staff workbench's way in (its other pages: `staff/routes.ts`). */
  staffLogin: '/staff/login/index',
  staffInbox: '/staff/inbox/index',
} as const;

/** The message centre and notification settings (subpackage `messages`), for petitioners and staff. */
export const messageRoutes = {
  list: '/messages/list/index',
  settings: '/messages/settings/index',
} as const;

/** A route with a `next` parameter: where to go after signing in. */
export function withNext(route: string, next: string): string {
  return `${route}?next=${encodeURIComponent(next)}`;
}
