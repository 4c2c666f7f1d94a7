/** The staff workbench's pages (the `staff` subpackage). */
export const staffRoutes = {
  login: '/staff/login/index',
  password: '/staff/password/index',
  inbox: '/staff/inbox/index',
  register: '/staff/register/index',
  petition: (id: string) => `/staff/petition/index?id=${encodeURIComponent(id)}`,
  approvals: '/staff/approvals/index',
  overview: '/staff/overview/index',
  templates: '/staff/templates/index',
  deliveries: '/staff/deliveries/index',
  supervision: '/staff/supervision/index',
  screening: '/staff/screening/index',
  documents: '/staff/documents/index',
  account: '/staff/account/index',
} as const;

/** An inbox narrowed to one unit's subtree (from "my unit at a glance"). */
export function inboxForUnit(unitId: string): string {
  return `${staffRoutes.inbox}?unitId=${encodeURIComponent(unitId)}`;
}

/** Where to go after signing in: back where the person was going (a staff page), or the inbox. */
export function staffNext(next: string | undefined): string {
  const url = next ? decodeURIComponent(next) : '';
  return url.startsWith('/staff/') &&
    !url.startsWith(staffRoutes.login) &&
    !url.startsWith(staffRoutes.password)
    ? url
    : staffRoutes.inbox;
}
