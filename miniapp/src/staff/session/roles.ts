import type { StaffMe } from '@xinfang/shared/schemas/identity';

/**
 * Which parts of the workbench a person's roles open — the same lists the API's routes allow
 * (the `access` of each route in server/src/modules), so that no page offers what the server would refuse.
 */
type Roles = Pick<StaffMe, 'roles'>;

const any = (me: Roles, roles: readonly string[]) => me.roles.some((role) => roles.includes(role));

/** Roles that act on cases (admins and liaison officers take no case actions). */
export const CASE_ROLES = ['reception', 'handler', 'unit_head', 'responsible_leader', 'supervisor'] as const;

export const can = {
  work: (me: Roles) => any(me, CASE_ROLES),
  register: (me: Roles) => any(me, ['reception']),
  approve: (me: Roles) => any(me, ['unit_head', 'responsible_leader']),
  overview: (me: Roles) => any(me, ['unit_head', 'responsible_leader', 'supervisor', 'reception']),
  templates: (me: Roles) => any(me, ['unit_head']),
  readTemplates: (me: Roles) => any(me, ['handler', 'unit_head', 'responsible_leader', 'reception']),
  reveal: (me: Roles) => any(me, CASE_ROLES),
  listStaff: (me: Roles) => any(me, ['admin', 'unit_head', 'reception', 'supervisor']),
  deliver: (me: Roles) => any(me, ['reception', 'handler', 'unit_head', 'supervisor']),
  documentSettings: (me: Roles) => any(me, ['unit_head', 'admin']),
};

export type InboxTab = 'all' | 'triage' | 'handling' | 'approval' | 'overdue';

/** The tab a person starts on: what their role is mostly asked to do. */
export function defaultTab(me: Roles): InboxTab {
  if (any(me, ['reception'])) return 'triage';
  if (any(me, ['handler'])) return 'handling';
  // Unit heads and leaders have their approvals page; supervisors watch everything.
  return 'all';
}
