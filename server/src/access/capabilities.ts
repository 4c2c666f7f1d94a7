import { STAFF_CAPABILITIES, type StaffCapability, type StaffRole } from '@xinfang/shared/schemas/identity';

/**
 * Least privilege: what each staff role is for, as capabilities — the single source for the
 * routes' access (they declare `rolesWith(capability)`) and for the app (which reads the caller's
 * capabilities from "who am I"). An administrator administers the organisation, the accounts and
 * the settings and reads no petition or attachment unless also given a role that handles cases; a
 * liaison officer reads no cases: he files screening items and reports, and sees only his own items.
 * Personal data is read only by those who work the cases (PIPL Art 5–6: no more than the purpose needs).
 */
const CASE_WORK: readonly StaffRole[] = [
  'reception',
  'handler',
  'unit_head',
  'responsible_leader',
  'supervisor',
];

const ROLES_WITH: Readonly<Record<StaffCapability, readonly StaffRole[]>> = {
  read_cases: CASE_WORK,
  register_cases: ['reception'],
  approve: ['unit_head', 'responsible_leader'],
  overview: ['unit_head', 'responsible_leader', 'supervisor', 'reception'],
  read_templates: ['handler', 'unit_head', 'responsible_leader', 'reception', 'admin'],
  keep_templates: ['unit_head', 'admin'],
  list_staff: ['admin', 'unit_head', 'reception', 'supervisor'],
  read_audit: ['supervisor', 'admin'],
  administer: ['admin'],
  upload_files: ['reception', 'handler', 'unit_head', 'admin'],
  deliver: ['reception', 'handler', 'unit_head'],
  watch_deliveries: ['reception', 'handler', 'unit_head', 'supervisor'],
  read_figures: ['handler', 'unit_head', 'responsible_leader', 'supervisor'],
  keep_document_settings: ['unit_head', 'admin'],
  supervise: ['supervisor', 'responsible_leader', 'unit_head'],
  review_supervision: ['supervisor'],
  read_registers: ['supervisor', 'responsible_leader', 'unit_head', 'reception'],
  screen: ['liaison_officer', 'unit_head'],
  watch_screening: ['reception', 'supervisor', 'unit_head'],
  keep_reception_days: ['reception'],
  follow_up: ['handler', 'unit_head', 'supervisor', 'responsible_leader'],
  suggest: ['supervisor', 'responsible_leader', 'unit_head'],
  answer_suggestions: ['reception', 'handler', 'unit_head'],
  keep_visits: ['reception', 'responsible_leader', 'unit_head', 'supervisor'],
  declare_sensitive_periods: ['supervisor'],
  co_handle: ['handler', 'unit_head'],
};

/** The roles that open a capability, for a route's `access`. */
export function rolesWith(capability: StaffCapability): readonly StaffRole[] {
  return ROLES_WITH[capability];
}

/** Everything these roles open, in the list's order. */
export function capabilitiesOf(roles: readonly StaffRole[]): StaffCapability[] {
  return STAFF_CAPABILITIES.filter((capability) =>
    ROLES_WITH[capability].some((role) => roles.includes(role)),
  );
}
