import type { StaffMe } from '@xinfang/shared/schemas/identity';
import { can } from './session/roles';

/** The staff workbench's pages (the `staff` subpackage). */
export const staffRoutes = {
  login: '/staff/login/index',
  password: '/staff/password/index',
  inbox: '/staff/inbox/index',
  register: '/staff/register/index',
  petition: (id: string) => `/staff/petition/index?id=${encodeURIComponent(id)}`,
  approvals: '/staff/approvals/index',
  overview: '/staff/overview/index',
  figures: '/staff/figures/index',
  ledger: '/staff/ledger/index',
  templates: '/staff/templates/index',
  deliveries: '/staff/deliveries/index',
  unreached: '/staff/unreached/index',
  supervision: '/staff/supervision/index',
  coHandling: '/staff/co-handling/index',
  screening: '/staff/screening/index',
  followUps: '/staff/follow-ups/index',
  reception: '/staff/reception/index',
  oversight: '/staff/oversight/index',
  registers: '/staff/registers/index',
  person: (petitionerId: string) => `/staff/person/index?id=${encodeURIComponent(petitionerId)}`,
  documents: '/staff/documents/index',
  account: '/staff/account/index',
  invite: '/staff/invite/index',
  handOver: (staffId: string) => `/staff/hand-over/index?id=${encodeURIComponent(staffId)}`,
} as const;

/** The desk's registration of a petition met on a held 下访, linked to it. */
export function registerForVisit(visitId: string): string {
  return `${staffRoutes.register}?visitId=${encodeURIComponent(visitId)}`;
}

/** A case with one action's form open (包案 from the backlog register). */
export function petitionAction(id: string, action: string): string {
  return `${staffRoutes.petition(id)}&action=${encodeURIComponent(action)}`;
}

/** The administration's pages live in their own subpackage (`admin/routes.ts`); its ways in. */
const ADMIN_HOME = '/admin/home/index';
const ADMIN_AUDIT = '/admin/audit/index';

/** An inbox narrowed to one unit's subtree (from "my unit at a glance"). */
export function inboxForUnit(unitId: string): string {
  return `${staffRoutes.inbox}?unitId=${encodeURIComponent(unitId)}`;
}

/**
 * Where a person's work starts: the inbox for those who work cases, the administration's home for
 * an administrator who does not, the audit log for an auditor who does neither.
 */
export function staffHome(me: Pick<StaffMe, 'capabilities' | 'roles'> | null): string {
  if (!me || can.work(me)) return staffRoutes.inbox;
  if (can.administer(me)) return ADMIN_HOME;
  return can.audit(me) ? ADMIN_AUDIT : staffRoutes.inbox;
}

/** Where to go after signing in: back where the person was going (a staff page), or their home. */
export function staffNext(
  next: string | undefined,
  me: Pick<StaffMe, 'capabilities' | 'roles'> | null = null,
): string {
  const url = next ? decodeURIComponent(next) : '';
  const workbench = url.startsWith('/staff/') || url.startsWith('/admin/');
  return workbench && !url.startsWith(staffRoutes.login) && !url.startsWith(staffRoutes.password)
    ? url
    : staffHome(me);
}
