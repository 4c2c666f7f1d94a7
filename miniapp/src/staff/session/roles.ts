import type { StaffCapability, StaffMe } from '@xinfang/shared/schemas/identity';

/**
 * Which parts of the workbench this person may use: exactly the capabilities the API listed in
 * "who am I" (decided on the server, server/src/access/capabilities.ts, from the same table its
 * routes use), so no page offers what the server would refuse and no copy of the rule lives here.
 */
type Me = Pick<StaffMe, 'capabilities' | 'roles'>;

// A session kept from before capabilities were sent has none: it sees nothing until it signs in again.
const has = (me: Me, capability: StaffCapability) => (me.capabilities ?? []).includes(capability);

export const can = {
  work: (me: Me) => has(me, 'read_cases'),
  register: (me: Me) => has(me, 'register_cases'),
  approve: (me: Me) => has(me, 'approve'),
  overview: (me: Me) => has(me, 'overview'),
  templates: (me: Me) => has(me, 'keep_templates'),
  readTemplates: (me: Me) => has(me, 'read_templates'),
  reveal: (me: Me) => has(me, 'read_cases'),
  listStaff: (me: Me) => has(me, 'list_staff'),
  deliver: (me: Me) => has(me, 'watch_deliveries'),
  documentSettings: (me: Me) => has(me, 'keep_document_settings'),
  figures: (me: Me) => has(me, 'read_figures'),
  /** The organisation, accounts, the roster, categories, the calendar, health (the `admin` subpackage). */
  administer: (me: Me) => has(me, 'administer'),
  audit: (me: Me) => has(me, 'read_audit'),
  supervise: (me: Me) => has(me, 'supervise'),
  reviewSupervision: (me: Me) => has(me, 'review_supervision'),
  screen: (me: Me) => has(me, 'screen'),
  watchScreening: (me: Me) => has(me, 'watch_screening'),
  followUp: (me: Me) => has(me, 'follow_up'),
  receptionDays: (me: Me) => has(me, 'keep_reception_days'),
  declareSensitivePeriods: (me: Me) => has(me, 'declare_sensitive_periods'),
  suggest: (me: Me) => has(me, 'suggest'),
  answerSuggestions: (me: Me) => has(me, 'answer_suggestions'),
  keepVisits: (me: Me) => has(me, 'keep_visits'),
  /** The 积案 and 重信重访 registers, their plans, and a repeat petitioner's history. */
  readRegisters: (me: Me) => has(me, 'read_registers'),
  /** The page of suggestions to improve work, 包案 and 下访. */
  oversee: (me: Me) => has(me, 'suggest') || has(me, 'answer_suggestions') || has(me, 'keep_visits'),
  /** Answer the parts of cases other units ask of my unit (协办, Art 24). */
  assist: (me: Me) => has(me, 'co_handle'),
};

/**
 * A leader (unit head or responsible leader): may take a case as its 包案领导 where the case
 * allows it (the case's `allowedActions` says), and goes on 下访 himself (Art 18).
 */
export function leads(me: Pick<StaffMe, 'roles'>): boolean {
  return me.roles.includes('responsible_leader') || me.roles.includes('unit_head');
}

export type InboxTab = 'all' | 'triage' | 'handling' | 'mine' | 'approval' | 'overdue';

/** The tab a person starts on: what their role is mostly asked to do (a preference, not a permission). */
export function defaultTab(me: Pick<StaffMe, 'roles'>): InboxTab {
  if (me.roles.includes('reception')) return 'triage';
  if (me.roles.includes('handler')) return 'handling';
  // Unit heads and leaders have their approvals page; supervisors watch everything.
  return 'all';
}
