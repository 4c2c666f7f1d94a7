import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentScreeningPeriod } from '@xinfang/shared/clocks';
import type { StaffRole } from '@xinfang/shared/schemas/identity';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addStaff,
  type CallOptions,
  call,
  errorCode,
  type IdentityApp,
  multipartFile,
  petitionerSignIn,
  staffId,
  staffSignIn,
  startIdentityApp,
  TINY_PNG,
  unitIds,
} from './support';

/**
 * The authorization matrix (issue 4): every route the app declares × every kind of caller × where
 * the target lies → allowed or refused. The expectations below are written by hand, from the
 * domain (who may do what), not read from the policy module: the point is a second, independent
 * statement that the two must agree on. A route missing from the table fails the suite, so a new
 * route cannot ship without someone deciding who may call it.
 *
 * Callers: nobody; the petitioner 张伟 (a worker of 东山煤矿); the group-level demo staff; and one
 * account per role at 东山煤矿 itself. Targets lie in 东山 (the mine-level callers' own subtree, and
 * 张伟's own petitions) or in 西河 (another mine's subtree, and 李娜's petitions). For the
 * group-level callers both mines are their own subtree.
 *
 * "Allowed" means the policy let the request through to its handler: the answer is not 401
 * UNAUTHENTICATED, 403 FORBIDDEN or 404 NOT_FOUND (the sample requests are built to be valid, so
 * a handler has no reason to answer those) — it may still be 400/409/422/429 for the sample.
 */

type Relation = 'none' | 'east' | 'west';

interface Expectation {
  /** Anyone, signed in or not. */
  anonymous?: true;
  /** Petitioners: always, or only on their own data (the target is theirs). */
  petitioner?: 'yes' | 'own';
  /** Staff holding one of these roles: anywhere, only inside their subtree, or only at the group's top. */
  staff?: { roles: readonly StaffRole[] | 'all'; where: 'anywhere' | 'subtree' | 'group' };
  /** The route names a target; each caller tries one in 东山 and one in 西河. */
  targeted?: true;
  /** A refused target answers 404, not 403, so its existence does not leak (petitions). */
  hidden?: true;
  sample: (s: Sample) => Request;
}

interface Request {
  url: string;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

interface Sample {
  relation: Relation;
  fx: Fixtures;
  /** A number unique to this request, for codes and usernames. */
  n: number;
}

interface Fixtures {
  units: Map<string, string>;
  /** A staff account per mine to act on. */
  staff: Record<'east' | 'west', string>;
  /** A unit per mine that may be retired (retiring is idempotent). */
  retirable: Record<'east' | 'west', string>;
  /** Two petitions per mine: 张伟's in 东山, 李娜's in 西河. */
  petitions: Record<'east' | 'west', [string, string]>;
  lookup: { number: string; queryCode: string };
  refreshToken: string;
  /** A decision-letter template kept by a section of each mine. */
  templates: Record<'east' | 'west', string>;
  /** An attachment of each mine's first petition. */
  attachments: Record<'east' | 'west', string>;
  /** A written notice of each mine's first petition. */
  documents: Record<'east' | 'west', string>;
  /** A roster import the group admin made. */
  rosterImport: string;
  /** Every category's code, for a new order. */
  categoryCodes: string[];
  /** A dead-lettered message, for administrators to send again. */
  deadMessage: string;
  /** Content held for review in each mine's first petition. */
  heldChecks: Record<'east' | 'west', string>;
  /** A dispute registered in screening by each mine's section. */
  screeningItems: Record<'east' | 'west', string>;
  /** A reception day of each mine's head, and 张伟's and 李娜's bookings of them. */
  receptionDays: Record<'east' | 'west', string>;
  bookings: Record<'east' | 'west', string>;
  /** Each mine's head. */
  heads: Record<'east' | 'west', string>;
  /** A follow-up (回访) owed by each mine's section. */
  followUps: Record<'east' | 'west', string>;
  /** The petitioner of each mine's first petition (张伟, 李娜). */
  petitioners: Record<'east' | 'west', string>;
  /** A suggestion to improve work to each mine, and a 下访 planned there by the group's head. */
  suggestions: Record<'east' | 'west', string>;
  visits: Record<'east' | 'west', string>;
}

const ALL_STAFF = { roles: 'all', where: 'anywhere' } as const;
const ADMIN_IN_SUBTREE = { roles: ['admin'], where: 'subtree' } as const;
const CASE_STAFF: StaffRole[] = ['reception', 'handler', 'unit_head', 'responsible_leader', 'supervisor'];
const PUBLIC = { anonymous: true } as const;
const FIGURE_READERS = {
  roles: ['handler', 'unit_head', 'responsible_leader', 'supervisor'],
  where: 'anywhere',
} as const;
const REGISTERS: StaffRole[] = ['supervisor', 'responsible_leader', 'unit_head', 'reception'];
const SCREENS: StaffRole[] = ['liaison_officer', 'unit_head'];
const FOLLOWERS: StaffRole[] = ['handler', 'unit_head', 'supervisor', 'responsible_leader'];
const WATCHES: StaffRole[] = ['reception', 'supervisor', 'unit_head'];
const ISSUERS: StaffRole[] = ['supervisor', 'responsible_leader', 'unit_head'];
const ANSWERERS: StaffRole[] = ['reception', 'handler', 'unit_head'];
const VISIT_KEEPERS: StaffRole[] = ['reception', 'responsible_leader', 'unit_head', 'supervisor'];
/** A unit's own mine (a suggestion or a visit is to it). */
const mineUnit = (s: Sample) => s.fx.units.get(s.relation === 'west' ? 'JA-XH' : 'JA-DS') as string;
/** This week as an ISO week, as the screening routes name it. */
const thisWeek = () => currentScreeningPeriod(new Date().toISOString());
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Inside the target's mine, a unit to act on. */
const section = (s: Sample) => s.fx.units.get(s.relation === 'west' ? 'JA-XH-ZC' : 'JA-DS-ZC') as string;
const sectionCode = (s: Sample) => (s.relation === 'west' ? 'JA-XH-ZC' : 'JA-DS-ZC');
const mine = (s: Sample): 'east' | 'west' => (s.relation === 'west' ? 'west' : 'east');
const petition = (s: Sample) => s.fx.petitions[mine(s)][0];

const EXPECTED: Record<string, Expectation> = {
  'GET /api/health': { ...PUBLIC, sample: () => ({ url: '/api/health' }) },

  // Signing in and out is open to everyone; each sample is a request that gets a real answer.
  'POST /api/auth/staff/login': {
    ...PUBLIC,
    sample: () => ({
      url: '/api/auth/staff/login',
      body: { username: 'mx.login', password: 'demo-pass-2026' },
    }),
  },
  'POST /api/auth/wechat/login': {
    ...PUBLIC,
    sample: (s) => ({ url: '/api/auth/wechat/login', body: { code: `matrix-code-${s.n}` } }),
  },
  'POST /api/auth/otp': {
    ...PUBLIC,
    sample: () => ({ url: '/api/auth/otp', body: { phone: '13700000077' } }),
  },
  'POST /api/auth/otp/login': {
    ...PUBLIC,
    sample: () => ({ url: '/api/auth/otp/login', body: { phone: '13700000077', code: '000000' } }),
  },
  'POST /api/auth/refresh': {
    ...PUBLIC,
    sample: (s) => ({ url: '/api/auth/refresh', body: { refreshToken: s.fx.refreshToken } }),
  },
  'POST /api/auth/logout': {
    ...PUBLIC,
    sample: () => ({ url: '/api/auth/logout', body: { refreshToken: 'not-a-session-but-long-enough' } }),
  },
  'GET /api/auth/me': { petitioner: 'yes', staff: ALL_STAFF, sample: () => ({ url: '/api/auth/me' }) },
  // Only staff have passwords.
  'POST /api/auth/password': {
    staff: ALL_STAFF,
    sample: () => ({
      url: '/api/auth/password',
      body: { currentPassword: 'not-my-password', newPassword: 'a long enough new passphrase' },
    }),
  },
  'POST /api/auth/phone': {
    petitioner: 'yes',
    sample: () => ({ url: '/api/auth/phone', body: { phone: '13700000088', code: '000000' } }),
  },

  // A petitioner's own account; nobody else's can be named.
  'PATCH /api/me/profile': {
    petitioner: 'yes',
    sample: () => ({ url: '/api/me/profile', body: { address: '东山矿区职工宿舍 3 号楼' } }),
  },
  'POST /api/me/employee-binding': {
    petitioner: 'yes',
    sample: () => ({ url: '/api/me/employee-binding', body: { employeeNumber: 'DS1001', realName: '张伟' } }),
  },
  // Desk registrations for my proven phone, which I alone claim or turn down.
  'GET /api/me/registrations': { petitioner: 'yes', sample: () => ({ url: '/api/me/registrations' }) },
  'POST /api/me/registrations/:petitionId': {
    petitioner: 'yes',
    // A malformed answer: a petitioner gets past the policy to validation, nobody else does.
    sample: (s) => ({ url: `/api/me/registrations/${petition(s)}`, body: { mine: 'perhaps' } }),
  },

  // The tree is published (Art 18); admins change it inside their subtree.
  'GET /api/org/units': { ...PUBLIC, sample: () => ({ url: '/api/org/units' }) },
  'GET /api/org/units/:id': { ...PUBLIC, sample: (s) => ({ url: `/api/org/units/${section(s)}` }) },
  'POST /api/org/units': {
    staff: ADMIN_IN_SUBTREE,
    targeted: true,
    sample: (s) => ({
      url: '/api/org/units',
      body: { parentId: section(s), code: `MX-NEW-${s.n}`, name: `矩阵新队${s.n}`, kind: 'team' },
    }),
  },
  'PATCH /api/org/units/:id': {
    staff: ADMIN_IN_SUBTREE,
    targeted: true,
    sample: (s) => ({ url: `/api/org/units/${section(s)}`, body: { receptionHours: '工作日 9:00–17:00' } }),
  },
  'POST /api/org/units/:id/retire': {
    staff: ADMIN_IN_SUBTREE,
    targeted: true,
    sample: (s) => ({ url: `/api/org/units/${s.fx.retirable[mine(s)]}/retire` }),
  },
  'POST /api/org/units/:id/reinstate': {
    staff: ADMIN_IN_SUBTREE,
    targeted: true,
    sample: (s) => ({ url: `/api/org/units/${s.fx.retirable[mine(s)]}/reinstate` }),
  },
  // The administrators' view of the tree: their own subtree, whatever their level.
  'GET /api/admin/units': {
    staff: { roles: ['admin'], where: 'anywhere' },
    sample: () => ({ url: '/api/admin/units' }),
  },
  // The CSV's parent units are the targets.
  'POST /api/org/units/import': {
    staff: ADMIN_IN_SUBTREE,
    targeted: true,
    sample: (s) => ({
      url: '/api/org/units/import',
      contentType: 'text/csv',
      body: `code,name,kind,parent_code\nMX-IMP-${s.n},矩阵导入${s.n},team,${sectionCode(s)}\n`,
    }),
  },

  // Staff accounts: listed for those who assign work, managed by admins inside their subtree.
  // Reception finds the people it knows by a phone sent in the body.
  'POST /api/petitioners/search': {
    staff: { roles: ['reception'], where: 'anywhere' },
    sample: () => ({ url: '/api/petitioners/search', body: { phone: '13800000001' } }),
  },
  'GET /api/staff': {
    staff: { roles: ['admin', 'unit_head', 'reception', 'supervisor'], where: 'anywhere' },
    sample: () => ({ url: '/api/staff' }),
  },
  'GET /api/staff/:id': {
    staff: ADMIN_IN_SUBTREE,
    targeted: true,
    sample: (s) => ({ url: `/api/staff/${s.fx.staff[mine(s)]}` }),
  },
  'POST /api/staff': {
    staff: ADMIN_IN_SUBTREE,
    targeted: true,
    sample: (s) => ({
      url: '/api/staff',
      body: {
        username: `mx.new${s.n}`,
        displayName: `矩阵新人${s.n}`,
        unitId: section(s),
        roles: ['handler'],
      },
    }),
  },
  'PATCH /api/staff/:id': {
    staff: ADMIN_IN_SUBTREE,
    targeted: true,
    sample: (s) => ({ url: `/api/staff/${s.fx.staff[mine(s)]}`, body: { displayName: `改名${s.n}` } }),
  },
  'POST /api/staff/:id/password-reset': {
    staff: ADMIN_IN_SUBTREE,
    targeted: true,
    sample: (s) => ({ url: `/api/staff/${s.fx.staff[mine(s)]}/password-reset` }),
  },
  'POST /api/staff/:id/invitation': {
    staff: ADMIN_IN_SUBTREE,
    targeted: true,
    sample: (s) => ({ url: `/api/staff/${s.fx.staff[mine(s)]}/invitation` }),
  },
  'POST /api/staff/:id/sessions/end': {
    staff: ADMIN_IN_SUBTREE,
    targeted: true,
    sample: (s) => ({ url: `/api/staff/${s.fx.staff[mine(s)]}/sessions/end` }),
  },
  // Anyone may try an invitation code (throttled like a sign-in); a wrong one is refused as such.
  'POST /api/auth/staff/invitation': {
    ...PUBLIC,
    sample: () => ({
      url: '/api/auth/staff/invitation',
      body: { username: 'mx.nobody', code: 'AAAA-BBBB', newPassword: 'a long enough new passphrase' },
    }),
  },
  // The roster's units are the targets.
  'POST /api/roster/preview': {
    staff: ADMIN_IN_SUBTREE,
    targeted: true,
    sample: (s) => ({
      url: '/api/roster/preview',
      contentType: 'text/csv',
      body: `employee_number,name,phone,unit_code\nMXP${s.n},矩阵工人,13700000098,${sectionCode(s)}\n`,
    }),
  },
  'GET /api/roster/imports': {
    staff: { roles: ['admin'], where: 'anywhere' },
    sample: () => ({ url: '/api/roster/imports' }),
  },
  // The fixture's import was the group admin's: a mine's admin may not undo it.
  'POST /api/roster/imports/:id/undo': {
    staff: { roles: ['admin'], where: 'group' },
    sample: (s) => ({ url: `/api/roster/imports/${s.fx.rosterImport}/undo` }),
  },
  'POST /api/roster/import': {
    staff: ADMIN_IN_SUBTREE,
    targeted: true,
    sample: (s) => ({
      url: '/api/roster/import',
      contentType: 'text/csv',
      body: `employee_number,name,phone,unit_code\nMX${s.n},矩阵工人,13700000099,${sectionCode(s)}\n`,
    }),
  },

  // The audit log, for those who audit; the answer is limited to their subtree.
  'GET /api/audit': {
    staff: { roles: ['supervisor', 'admin'], where: 'anywhere' },
    sample: () => ({ url: '/api/audit?limit=5' }),
  },
  'GET /api/audit/export': {
    staff: { roles: ['supervisor', 'admin'], where: 'anywhere' },
    sample: () => ({ url: '/api/audit/export?action=auth.' }),
  },

  // Reference data.
  'GET /api/categories': { ...PUBLIC, sample: () => ({ url: '/api/categories' }) },
  // The category list serves the whole group: a mine's admin may not change it.
  'PUT /api/categories/:code': {
    staff: { roles: ['admin'], where: 'group' },
    sample: () => ({ url: '/api/categories/safety', body: { name: '安全生产' } }),
  },
  'POST /api/categories/order': {
    staff: { roles: ['admin'], where: 'group' },
    sample: (s) => ({ url: '/api/categories/order', body: { codes: s.fx.categoryCodes } }),
  },
  'GET /api/calendar': { ...PUBLIC, sample: () => ({ url: '/api/calendar' }) },
  // The calendar counts everyone's days: any admin reads it and tries a notice, the group's uploads.
  'GET /api/admin/calendar': {
    staff: { roles: ['admin'], where: 'anywhere' },
    sample: () => ({ url: '/api/admin/calendar' }),
  },
  'POST /api/admin/calendar/preview': {
    staff: { roles: ['admin'], where: 'anywhere' },
    sample: () => ({ url: '/api/admin/calendar/preview', body: NEXT_YEAR_NOTICE }),
  },
  'PUT /api/admin/calendar/years': {
    staff: { roles: ['admin'], where: 'group' },
    sample: () => ({ url: '/api/admin/calendar/years', body: NEXT_YEAR_NOTICE }),
  },
  'GET /api/admin/health': {
    staff: { roles: ['admin'], where: 'anywhere' },
    sample: () => ({ url: '/api/admin/health' }),
  },

  // Petitions: petitioners submit and see their own; staff who work cases see those of their
  // subtree. Administrators and liaison officers read no cases (least privilege).
  'POST /api/petitions': {
    petitioner: 'yes',
    sample: (s) => ({
      url: '/api/petitions',
      headers: { 'idempotency-key': `matrix-${s.n}-${randomUUID()}` },
      body: petitionBody(s.fx.units.get('JA-DS-AQK') as string),
    }),
  },
  'POST /api/petitions/register': {
    staff: { roles: ['reception'], where: 'anywhere' },
    sample: (s) => ({
      url: '/api/petitions/register',
      headers: { 'idempotency-key': `matrix-${s.n}-${randomUUID()}` },
      body: {
        ...petitionBody(s.fx.units.get('JA-DS-AQK') as string),
        channel: 'visit',
        receivedAt: new Date().toISOString(),
        petitioner: { realName: '来访群众' },
      },
    }),
  },
  'GET /api/petitions': {
    petitioner: 'yes',
    staff: { roles: CASE_STAFF, where: 'anywhere' },
    sample: () => ({ url: '/api/petitions' }),
  },
  'POST /api/petitions/search': {
    staff: { roles: CASE_STAFF, where: 'anywhere' },
    sample: () => ({ url: '/api/petitions/search', body: { search: '13800000001' } }),
  },
  'GET /api/petitions/counts': {
    staff: { roles: CASE_STAFF, where: 'anywhere' },
    sample: () => ({ url: '/api/petitions/counts' }),
  },
  'GET /api/petitions/:id': {
    petitioner: 'own',
    staff: { roles: CASE_STAFF, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({ url: `/api/petitions/${petition(s)}` }),
  },
  // The lifecycle decides which action whom; the sample's stale version makes every admitted caller 409.
  'POST /api/petitions/:id/actions': {
    petitioner: 'own',
    staff: { roles: CASE_STAFF, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({
      url: `/api/petitions/${petition(s)}/actions`,
      body: { type: 'add_note', params: { text: '矩阵测试备注' }, version: 999_999 },
    }),
  },
  'POST /api/petitions/:id/links': {
    staff: { roles: CASE_STAFF, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({
      url: `/api/petitions/${petition(s)}/links`,
      body: { petitionId: s.fx.petitions[mine(s)][1] },
    }),
  },
  'DELETE /api/petitions/:id/links/:otherId': {
    staff: { roles: CASE_STAFF, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({ url: `/api/petitions/${petition(s)}/links/${s.fx.petitions[mine(s)][1]}` }),
  },
  'POST /api/petitions/:id/petitioner/reveal': {
    staff: { roles: CASE_STAFF, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({
      url: `/api/petitions/${petition(s)}/petitioner/reveal`,
      body: { reason: '核实联系方式' },
    }),
  },
  'POST /api/lookup': { ...PUBLIC, sample: (s) => ({ url: '/api/lookup', body: s.fx.lookup }) },

  // Attachments: petitioners upload for themselves; staff who scan upload (reception the letters it
  // registers, handlers and heads the signed proofs of delivery, heads and admins a seal); a file
  // is seen by whoever may see its petition.
  'POST /api/attachments': {
    petitioner: 'yes',
    staff: { roles: ['reception', 'handler', 'unit_head', 'admin'], where: 'anywhere' },
    sample: () => ({ url: '/api/attachments', ...multipartFile(TINY_PNG) }),
  },
  'GET /api/attachments/:id': {
    petitioner: 'own',
    staff: { roles: CASE_STAFF, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({ url: `/api/attachments/${s.fx.attachments[mine(s)]}` }),
  },
  'GET /api/attachments/:id/thumbnail': {
    petitioner: 'own',
    staff: { roles: CASE_STAFF, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({ url: `/api/attachments/${s.fx.attachments[mine(s)]}/thumbnail` }),
  },

  // Decision-letter templates: read by those who draft and approve replies, kept by unit heads and admins.
  'GET /api/reply-templates': {
    staff: { roles: ['handler', 'unit_head', 'responsible_leader', 'reception', 'admin'], where: 'anywhere' },
    sample: () => ({ url: '/api/reply-templates' }),
  },
  'POST /api/reply-templates': {
    staff: { roles: ['unit_head', 'admin'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({ url: '/api/reply-templates', body: templateBody(section(s), s.n) }),
  },
  'PUT /api/reply-templates/:id': {
    staff: { roles: ['unit_head', 'admin'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({
      url: `/api/reply-templates/${s.fx.templates[mine(s)]}`,
      body: templateBody(section(s), s.n),
    }),
  },

  // Written notices: seen like their petition; deliveries recorded by the office and the answering
  // unit, corrected by its head; a unit's document settings kept by its head and admins.
  'GET /api/petitions/:id/documents': {
    petitioner: 'own',
    staff: { roles: 'all', where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({ url: `/api/petitions/${petition(s)}/documents` }),
  },
  'GET /api/documents/:id.pdf': {
    petitioner: 'own',
    staff: { roles: 'all', where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({ url: `/api/documents/${s.fx.documents[mine(s)]}.pdf` }),
  },
  // The sample's stale version makes every admitted caller 409.
  'POST /api/petitions/:id/deliveries': {
    staff: { roles: ['reception', 'handler', 'unit_head'], where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({
      url: `/api/petitions/${petition(s)}/deliveries`,
      body: { method: 'visit', deliveredOn: new Date().toISOString().slice(0, 10), version: 999_999 },
    }),
  },
  'PATCH /api/petitions/:id/deliveries': {
    staff: { roles: ['unit_head'], where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({
      url: `/api/petitions/${petition(s)}/deliveries`,
      body: { deliveredOn: new Date().toISOString().slice(0, 10), reason: '矩阵测试', version: 999_999 },
    }),
  },
  'GET /api/deliveries/pending': {
    staff: { roles: ['reception', 'handler', 'unit_head', 'supervisor'], where: 'anywhere' },
    sample: () => ({ url: '/api/deliveries/pending' }),
  },
  'GET /api/units/:id/document-settings': {
    staff: { roles: [...CASE_STAFF, 'admin'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({ url: `/api/units/${section(s)}/document-settings` }),
  },
  'PATCH /api/units/:id/document-settings': {
    staff: { roles: ['unit_head', 'admin'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({
      url: `/api/units/${section(s)}/document-settings`,
      body: { signatoryName: `签发${s.n}` },
    }),
  },
  'GET /api/units/:id/seal.png': {
    staff: { roles: [...CASE_STAFF, 'admin'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({ url: `/api/units/${section(s)}/seal.png` }),
  },
  // Everyone signed in has a message centre and choices; petitioners record WeChat subscriptions.
  'GET /api/me/notifications': {
    petitioner: 'yes',
    staff: ALL_STAFF,
    sample: () => ({ url: '/api/me/notifications' }),
  },
  'POST /api/me/notifications/read': {
    petitioner: 'yes',
    staff: ALL_STAFF,
    sample: () => ({ url: '/api/me/notifications/read', body: { all: true } }),
  },
  'GET /api/me/notification-settings': {
    petitioner: 'yes',
    staff: ALL_STAFF,
    sample: () => ({ url: '/api/me/notification-settings' }),
  },
  'PUT /api/me/notification-settings': {
    petitioner: 'yes',
    staff: ALL_STAFF,
    sample: () => ({ url: '/api/me/notification-settings', body: { nonStatutory: true, channel: 'sms' } }),
  },
  'POST /api/me/wechat-subscriptions': {
    petitioner: 'yes',
    sample: () => ({ url: '/api/me/wechat-subscriptions', body: { moment: 'detail', results: {} } }),
  },
  // The outbox is the administrators' to watch (they see deliveries, never petitions).
  'GET /api/admin/outbox': {
    staff: { roles: ['admin'], where: 'anywhere' },
    sample: () => ({ url: '/api/admin/outbox?status=dead' }),
  },
  'POST /api/admin/outbox/:id/retry': {
    staff: { roles: ['admin'], where: 'anywhere' },
    sample: (s) => ({ url: `/api/admin/outbox/${s.fx.deadMessage}/retry` }),
  },
  // Content held by WeChat's check: staff who handle cases review what they may see.
  'GET /api/content-checks': {
    staff: { roles: CASE_STAFF, where: 'anywhere' },
    sample: () => ({ url: '/api/content-checks' }),
  },
  'POST /api/petitions/:id/content-checks/:checkId/release': {
    staff: { roles: CASE_STAFF, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({
      url: `/api/petitions/${petition(s)}/content-checks/${s.fx.heldChecks[mine(s)]}/release`,
    }),
  },

  // Oversight (issue 15): the supervisor's list and notices, a case's escalations, the registers.
  'GET /api/supervision': {
    staff: { roles: ['supervisor', 'responsible_leader', 'unit_head'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({ url: `/api/supervision?unitId=${section(s)}` }),
  },
  // The sample's stale version makes every admitted caller 409.
  'POST /api/supervision/notices': {
    staff: { roles: ['supervisor', 'responsible_leader', 'unit_head'], where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({
      url: '/api/supervision/notices',
      body: {
        petitionId: petition(s),
        version: 999_999,
        concern: 'delay',
        requirements: '矩阵',
        dueDate: '2099-12-31',
      },
    }),
  },
  // Notice 1 of each mine's first petition is unanswered: an admitted review is refused (422).
  'POST /api/supervision/notices/:petitionId/:no/review': {
    staff: { roles: ['supervisor'], where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({
      url: `/api/supervision/notices/${petition(s)}/1/review`,
      body: { decision: 'approved' },
    }),
  },
  // Co-handling (Art 24): the assisting unit's list and answer. The route itself reaches only parts
  // asked of the caller's subtree (tests/api/petitions/co-handling.test.ts); here an admitted
  // answer is an empty one, refused by its schema (400).
  'GET /api/co-handling': {
    staff: { roles: ['handler', 'unit_head'], where: 'anywhere' },
    sample: () => ({ url: '/api/co-handling' }),
  },
  'POST /api/co-handling/:petitionId/parts/:no/answer': {
    staff: { roles: ['handler', 'unit_head'], where: 'anywhere' },
    sample: (s) => ({ url: `/api/co-handling/${petition(s)}/parts/1/answer`, body: { answer: '' } }),
  },
  'GET /api/petitions/:id/escalations': {
    staff: { roles: CASE_STAFF, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({ url: `/api/petitions/${petition(s)}/escalations` }),
  },
  'GET /api/registers/backlog': {
    staff: { roles: REGISTERS, where: 'subtree' },
    targeted: true,
    sample: (s) => ({ url: `/api/registers/backlog?unitId=${section(s)}` }),
  },
  'GET /api/registers/repeat-petitioners': {
    staff: { roles: REGISTERS, where: 'subtree' },
    targeted: true,
    sample: (s) => ({ url: `/api/registers/repeat-petitioners?unitId=${section(s)}` }),
  },
  'PUT /api/registers/plans/:petitionId': {
    staff: { roles: REGISTERS, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({ url: `/api/registers/plans/${petition(s)}`, body: { plan: '矩阵测试的化解方案' } }),
  },
  // Screening: liaison officers and heads report; heads and the office watch and close.
  'GET /api/screening/items': {
    staff: { roles: [...SCREENS, ...WATCHES], where: 'subtree' },
    targeted: true,
    sample: (s) => ({ url: `/api/screening/items?unitId=${section(s)}` }),
  },
  'POST /api/screening/items': {
    staff: { roles: SCREENS, where: 'subtree' },
    targeted: true,
    sample: (s) => ({
      url: '/api/screening/items',
      headers: { 'idempotency-key': `matrix-screening-${s.n}` },
      body: {
        unitId: section(s),
        subject: '矩阵测试',
        involved: '部分职工',
        headcount: 3,
        grade: 'C',
        responsible: '队长',
        measures: '当面解释',
        deadline: '2099-12-31',
      },
    }),
  },
  'POST /api/screening/items/:id/close': {
    staff: { roles: WATCHES, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({
      url: `/api/screening/items/${s.fx.screeningItems[mine(s)]}/close`,
      body: { note: '已化解' },
    }),
  },
  'POST /api/screening/reports': {
    staff: { roles: SCREENS, where: 'subtree' },
    targeted: true,
    sample: (s) => ({
      url: '/api/screening/reports',
      body: { unitId: section(s), period: thisWeek(), nil: true },
    }),
  },
  'GET /api/screening/reports': {
    staff: { roles: [...SCREENS, ...WATCHES], where: 'subtree' },
    targeted: true,
    sample: (s) => ({ url: `/api/screening/reports?period=${thisWeek()}&unitId=${section(s)}` }),
  },
  'GET /api/screening/reports/missing': {
    staff: { roles: WATCHES, where: 'subtree' },
    targeted: true,
    sample: (s) => ({ url: `/api/screening/reports/missing?period=${thisWeek()}&unitId=${section(s)}` }),
  },
  'GET /api/registers/owned': {
    staff: { roles: REGISTERS, where: 'anywhere' },
    sample: () => ({ url: '/api/registers/owned' }),
  },
  // A person's history: only where the caller sees some of their petitions (else 404, Art 18 ¶4).
  'GET /api/registers/petitioners/:petitionerId/history': {
    staff: { roles: REGISTERS, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({ url: `/api/registers/petitioners/${s.fx.petitioners[mine(s)]}/history` }),
  },
  'GET /api/screening/sensitive-periods': {
    staff: { roles: [...SCREENS, ...WATCHES], where: 'anywhere' },
    sample: () => ({ url: '/api/screening/sensitive-periods' }),
  },
  // The first declaration stands; every later one overlaps it (409).
  'POST /api/screening/sensitive-periods': {
    staff: { roles: ['supervisor'], where: 'anywhere' },
    sample: () => ({
      url: '/api/screening/sensitive-periods',
      body: { name: '矩阵测试', from: '2099-06-01', to: '2099-06-02' },
    }),
  },
  // Suggestions to improve work (Art 40): issued from a case, answered by the unit, adoption by the issuer.
  'GET /api/suggestions': {
    staff: { roles: [...new Set([...ISSUERS, ...ANSWERERS])], where: 'subtree' },
    targeted: true,
    sample: (s) => ({ url: `/api/suggestions?unitId=${section(s)}` }),
  },
  'POST /api/suggestions': {
    staff: { roles: ISSUERS, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({
      url: '/api/suggestions',
      headers: { 'idempotency-key': `matrix-suggestion-${s.n}` },
      body: { petitionId: petition(s), unitId: mineUnit(s), suggestion: '矩阵测试', dueDate: '2099-12-31' },
    }),
  },
  'POST /api/suggestions/:id/answer': {
    staff: { roles: ANSWERERS, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({
      url: `/api/suggestions/${s.fx.suggestions[mine(s)]}/answer`,
      body: { answer: '已改进' },
    }),
  },
  // Only the issuer records adoption: other admitted callers are refused by the rule (422).
  'POST /api/suggestions/:id/adoption': {
    staff: { roles: ISSUERS, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({
      url: `/api/suggestions/${s.fx.suggestions[mine(s)]}/adoption`,
      body: { adoption: 'adopted', note: '采纳' },
    }),
  },
  // 下访: leaders and the office plan and record; reception registers the petitions met there.
  'GET /api/grassroots-visits': {
    staff: { roles: VISIT_KEEPERS, where: 'subtree' },
    targeted: true,
    sample: (s) => ({ url: `/api/grassroots-visits?unitId=${section(s)}` }),
  },
  'POST /api/grassroots-visits': {
    staff: { roles: VISIT_KEEPERS, where: 'subtree' },
    targeted: true,
    sample: (s) => ({
      url: '/api/grassroots-visits',
      body: { unitId: section(s), place: '会议室', date: '2099-12-31', topic: '矩阵测试' },
    }),
  },
  // The visits are in 2099: an admitted caller is told it has not happened yet (400).
  'POST /api/grassroots-visits/:id/held': {
    staff: { roles: VISIT_KEEPERS, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({
      url: `/api/grassroots-visits/${s.fx.visits[mine(s)]}/held`,
      body: { summary: '座谈', people: 3 },
    }),
  },
  'POST /api/grassroots-visits/:id/cases': {
    staff: { roles: ['reception'], where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({
      url: `/api/grassroots-visits/${s.fx.visits[mine(s)]}/cases`,
      headers: { 'idempotency-key': `matrix-visit-case-${s.n}` },
      body: {
        ...petitionBody(s.fx.units.get('JA-DS-AQK') as string),
        channel: 'visit',
        receivedAt: new Date().toISOString(),
        petitioner: { realName: '来访群众' },
      },
    }),
  },
  // Reception days: public to read, the office publishes, petitioners book their own.
  'GET /api/reception-days': { ...PUBLIC, sample: () => ({ url: '/api/reception-days' }) },
  'POST /api/reception-days': {
    staff: { roles: ['reception'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({
      url: '/api/reception-days',
      body: {
        leaderId: s.fx.heads[mine(s)],
        date: '2099-12-31',
        place: '接待室',
        topics: '工资',
        slots: [{ from: '09:00', to: '10:00', capacity: 1 }],
      },
    }),
  },
  'POST /api/reception-days/:id/bookings': {
    petitioner: 'yes',
    sample: (s) => ({
      url: `/api/reception-days/${s.fx.receptionDays.east}/bookings`,
      body: { slot: 0, topic: '矩阵测试' },
    }),
  },
  'POST /api/reception-days/:id/bookings/:bookingId/attendance': {
    staff: { roles: ['reception'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({
      url: `/api/reception-days/${s.fx.receptionDays[mine(s)]}/bookings/${s.fx.bookings[mine(s)]}/attendance`,
      body: { attended: true },
    }),
  },
  'GET /api/reception-days/:id/bookings': {
    staff: { roles: ['reception'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({ url: `/api/reception-days/${s.fx.receptionDays[mine(s)]}/bookings` }),
  },
  'POST /api/reception-days/:id/bookings/:bookingId/visit': {
    staff: { roles: ['reception'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({
      url: `/api/reception-days/${s.fx.receptionDays[mine(s)]}/bookings/${s.fx.bookings[mine(s)]}/visit`,
      headers: { 'idempotency-key': `matrix-visit-${s.n}` },
      body: {
        kind: 'request',
        categoryCode: 'wages',
        title: '矩阵测试的来访',
        content: '接访时反映的问题。',
      },
    }),
  },
  'GET /api/me/bookings': { petitioner: 'yes', sample: () => ({ url: '/api/me/bookings' }) },
  'POST /api/me/bookings/:id/cancel': {
    petitioner: 'own',
    targeted: true,
    hidden: true,
    sample: (s) => ({ url: `/api/me/bookings/${s.fx.bookings[mine(s)]}/cancel` }),
  },

  // Aftercare: a subtree's follow-ups; the heads' re-handling decisions; the office's settings.
  'GET /api/follow-ups': {
    staff: { roles: FOLLOWERS, where: 'subtree' },
    targeted: true,
    sample: (s) => ({ url: `/api/follow-ups?unitId=${section(s)}` }),
  },
  'POST /api/follow-ups/:id/outcome': {
    staff: { roles: FOLLOWERS, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({
      url: `/api/follow-ups/${s.fx.followUps[mine(s)]}/outcome`,
      body: { method: 'phone', followedOn: today(), petitionerSaid: '已解决', satisfied: true },
    }),
  },
  'GET /api/rehandling-decisions': {
    staff: { roles: ['unit_head', 'responsible_leader'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({ url: `/api/rehandling-decisions?unitId=${section(s)}` }),
  },
  // The settings serve the whole office: any admin reads them, the group's changes them.
  'GET /api/admin/settings/aftercare': {
    staff: { roles: ['admin'], where: 'anywhere' },
    sample: () => ({ url: '/api/admin/settings/aftercare' }),
  },
  'PUT /api/admin/settings/aftercare': {
    staff: { roles: ['admin'], where: 'group' },
    sample: () => ({ url: '/api/admin/settings/aftercare', body: { followUpDays: 15 } }),
  },

  // A unit's open petitions at a glance, for a unit of my subtree.
  'GET /api/overview': {
    staff: { roles: ['unit_head', 'responsible_leader', 'supervisor', 'reception'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({ url: `/api/overview?unitId=${section(s)}` }),
  },

  // The figures and the ledger behind them, of the caller's own unit (tests/api/figures tries others).
  'GET /api/figures': {
    staff: FIGURE_READERS,
    sample: () => ({ url: '/api/figures?from=2026-01-01&to=2026-03-31&subtree=false' }),
  },
  'GET /api/ledger': {
    staff: FIGURE_READERS,
    sample: () => ({ url: '/api/ledger?from=2026-01-01&to=2026-03-31&subtree=false' }),
  },
  'GET /api/ledger/export': {
    staff: FIGURE_READERS,
    sample: () => ({ url: '/api/ledger/export?format=csv&subtree=false' }),
  },
  'GET /api/reports/annual': {
    staff: FIGURE_READERS,
    sample: () => ({ url: '/api/reports/annual?year=2026&format=docx' }),
  },
  'GET /api/reports/bulletin': {
    staff: FIGURE_READERS,
    sample: () => ({ url: '/api/reports/bulletin?period=2026-Q1&format=docx' }),
  },
};

const NEXT_YEAR = new Date().getUTCFullYear() + 1;
const NEXT_YEAR_NOTICE = { year: NEXT_YEAR, text: `元旦,${NEXT_YEAR}-01-01,${NEXT_YEAR}-01-01` };

function templateBody(unitId: string, n: number) {
  return {
    unitId,
    categoryCode: 'safety',
    kind: 'request',
    title: `安全生产答复模板 ${n}`,
    factsAndReasons: '经调查核实，反映的问题属实。',
    decision: '支持信访请求，限期整改。',
  };
}

function petitionBody(concernedUnitId: string) {
  return {
    kind: 'request',
    concernedUnitId,
    categoryCode: 'safety',
    title: '井下通风设备噪声过大',
    content: '综采工作面局部通风机噪声长期超标，请求检修。',
  };
}

type Caller =
  | { name: string; kind: 'anonymous' }
  | { name: string; kind: 'petitioner'; phone: string }
  | { name: string; kind: 'staff'; username: string; role: StaffRole; level: 'group' | 'mine' };

/** The demo's group-level staff, and one account per role at 东山煤矿 (demo ones where the seed has them). */
const CALLERS: Caller[] = [
  { name: 'anonymous', kind: 'anonymous' },
  { name: 'petitioner 张伟', kind: 'petitioner', phone: '13800000001' },
  { name: 'group admin', kind: 'staff', username: 'admin', role: 'admin', level: 'group' },
  { name: 'group reception', kind: 'staff', username: 'reception', role: 'reception', level: 'group' },
  { name: 'group supervisor', kind: 'staff', username: 'supervisor', role: 'supervisor', level: 'group' },
  { name: 'group leader', kind: 'staff', username: 'leader', role: 'responsible_leader', level: 'group' },
  { name: 'mine reception', kind: 'staff', username: 'ds.reception', role: 'reception', level: 'mine' },
  { name: 'mine unit head', kind: 'staff', username: 'ds.head', role: 'unit_head', level: 'mine' },
  { name: 'mine admin', kind: 'staff', username: 'mx.admin', role: 'admin', level: 'mine' },
  { name: 'mine handler', kind: 'staff', username: 'mx.handler', role: 'handler', level: 'mine' },
  { name: 'mine supervisor', kind: 'staff', username: 'mx.supervisor', role: 'supervisor', level: 'mine' },
  { name: 'mine leader', kind: 'staff', username: 'mx.leader', role: 'responsible_leader', level: 'mine' },
  { name: 'mine liaison', kind: 'staff', username: 'mx.liaison', role: 'liaison_officer', level: 'mine' },
];

/** Accounts the matrix adds at 东山煤矿 (the seed has no mine-level admin, supervisor, leader …). */
const EXTRA_STAFF: { username: string; unitCode: string; roles: StaffRole[] }[] = [
  { username: 'mx.admin', unitCode: 'JA-DS', roles: ['admin'] },
  { username: 'mx.handler', unitCode: 'JA-DS', roles: ['handler'] },
  { username: 'mx.supervisor', unitCode: 'JA-DS', roles: ['supervisor'] },
  { username: 'mx.leader', unitCode: 'JA-DS', roles: ['responsible_leader'] },
  { username: 'mx.liaison', unitCode: 'JA-DS', roles: ['liaison_officer'] },
  { username: 'mx.login', unitCode: 'JA-DS', roles: ['handler'] },
  { username: 'mx.target.east', unitCode: 'JA-DS-ZC', roles: ['handler'] },
  { username: 'mx.target.west', unitCode: 'JA-XH-ZC', roles: ['handler'] },
];

/** What the table says this caller should get: allowed, or the status of the refusal. */
function expected(rule: Expectation, caller: Caller, relation: Relation): 'allowed' | 401 | 403 | 404 {
  if (rule.anonymous) return 'allowed';
  if (caller.kind === 'anonymous') return 401;
  const theirs = relation !== 'west';
  if (caller.kind === 'petitioner') {
    if (rule.petitioner === 'yes') return 'allowed';
    if (rule.petitioner === 'own') return theirs ? 'allowed' : rule.hidden ? 404 : 403;
    return 403;
  }
  const staff = rule.staff;
  if (!staff || (staff.roles !== 'all' && !staff.roles.includes(caller.role))) return 403;
  if (staff.where === 'group') return caller.level === 'group' ? 'allowed' : 403;
  if (staff.where === 'anywhere' || caller.level === 'group' || theirs) return 'allowed';
  return rule.hidden ? 404 : 403;
}

/** What the answer says happened: the policy let it through, or refused it with this status. */
function observed(response: LightMyRequestResponse): 'allowed' | 401 | 403 | 404 {
  const code = errorCode(response);
  if (response.statusCode === 401 && code === 'UNAUTHENTICATED') return 401;
  if (response.statusCode === 403 && code === 'FORBIDDEN') return 403;
  if (response.statusCode === 404 && code === 'NOT_FOUND') return 404;
  return 'allowed';
}

describe('the authorization matrix', () => {
  let identity: IdentityApp;
  const tokens = new Map<string, string>();
  let fx: Fixtures;
  let uploadDir = '';

  beforeAll(async () => {
    uploadDir = await mkdtemp(join(tmpdir(), 'xinfang-matrix-'));
    identity = await startIdentityApp({ uploadDir });
    const { app } = identity;
    const units = await unitIds(app);

    for (const extra of EXTRA_STAFF) await addStaff(app, extra);

    for (const caller of CALLERS) {
      if (caller.kind === 'staff')
        tokens.set(caller.name, (await staffSignIn(app, caller.username)).tokens.accessToken);
      if (caller.kind === 'petitioner')
        tokens.set(caller.name, (await petitionerSignIn(identity, caller.phone)).tokens.accessToken);
    }
    const admin = tokens.get('group admin') as string;

    const retirable = {} as Fixtures['retirable'];
    for (const [where, parent] of [
      ['east', 'JA-DS'],
      ['west', 'JA-XH'],
    ] as const) {
      const created = await call(app, 'POST', '/api/org/units', {
        token: admin,
        body: { parentId: units.get(parent), code: `MX-RETIRE-${where}`, name: '待撤销的队', kind: 'team' },
      });
      expect(created.statusCode, created.body).toBe(201);
      retirable[where] = created.json().id;
    }

    const petitions = {} as Fixtures['petitions'];
    const attachments = {} as Fixtures['attachments'];
    const templates = {} as Fixtures['templates'];
    for (const [where, code] of [
      ['east', 'JA-DS-ZC'],
      ['west', 'JA-XH-ZC'],
    ] as const) {
      const kept = await call(app, 'POST', '/api/reply-templates', {
        token: admin,
        body: templateBody(units.get(code) as string, 0),
      });
      expect(kept.statusCode, kept.body).toBe(201);
      templates[where] = kept.json().id;
    }
    let lookup = { number: '', queryCode: '' };
    for (const [where, phone, unit] of [
      ['east', '13800000001', 'JA-DS-AQK'],
      ['west', '13800000002', 'JA-XH-AQK'],
    ] as const) {
      const token = (await petitionerSignIn(identity, phone)).tokens.accessToken;
      const upload = await call(app, 'POST', '/api/attachments', { token, ...multipartFile(TINY_PNG) });
      expect(upload.statusCode, upload.body).toBe(201);
      attachments[where] = upload.json().id;
      const ids: string[] = [];
      for (const attachmentIds of [[attachments[where]], []]) {
        const submitted = await call(app, 'POST', '/api/petitions', {
          token,
          headers: { 'idempotency-key': `matrix-fixture-${randomUUID()}` },
          body: { ...petitionBody(units.get(unit) as string), attachmentIds },
        });
        expect(submitted.statusCode, submitted.body).toBe(201);
        ids.push(submitted.json().petition.id);
        lookup = { number: submitted.json().petition.number, queryCode: submitted.json().queryCode };
      }
      petitions[where] = ids as [string, string];
    }

    // A notice on each mine's first petition, and a seal for each mine's section.
    const documents = {} as Fixtures['documents'];
    const receptionToken = tokens.get('group reception') as string;
    const seal = await sharp({ create: { width: 120, height: 120, channels: 3, background: '#d00000' } })
      .png()
      .toBuffer();
    for (const where of ['east', 'west'] as const) {
      const [id] = petitions[where];
      const detail = await call(app, 'GET', `/api/petitions/${id}`, { token: receptionToken });
      const notified = await call(app, 'POST', `/api/petitions/${id}/actions`, {
        token: receptionToken,
        body: { type: 'notify', params: { message: '请补充材料。' }, version: detail.json().version },
      });
      expect(notified.statusCode, notified.body).toBe(200);
      const listed = await call(app, 'GET', `/api/petitions/${id}/documents`, { token: receptionToken });
      documents[where] = listed.json().items[0].id;
      const upload = await call(app, 'POST', '/api/attachments', { token: admin, ...multipartFile(seal) });
      const sealed = await call(
        app,
        'PATCH',
        `/api/units/${units.get(where === 'east' ? 'JA-DS-ZC' : 'JA-XH-ZC')}/document-settings`,
        {
          token: admin,
          body: { sealAttachmentId: upload.json().id },
        },
      );
      expect(sealed.statusCode, sealed.body).toBe(200);
    }

    const imported = await call(app, 'POST', '/api/roster/import', {
      token: admin,
      contentType: 'text/csv',
      body: 'employee_number,name,phone,unit_code\nMX-FIXTURE,矩阵职工,13700000097,JA-DS-ZC\n',
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const categories = await call(app, 'GET', '/api/categories?all=true');
    const [dead] = await app.db.selectFrom('outbox').select('id').limit(1).execute();
    expect(dead).toBeDefined();
    await app.db
      .updateTable('outbox')
      .set({ status: 'dead' })
      .where('id', '=', dead?.id as string)
      .execute();
    const heldChecks = {} as Fixtures['heldChecks'];
    for (const where of ['east', 'west'] as const) {
      heldChecks[where] = `MX0HELD0${where.toUpperCase()}`.padEnd(26, '0');
      await app.db
        .insertInto('content_check')
        .values({
          id: heldChecks[where],
          petition_id: petitions[where][0],
          petitioner_id: 'nobody',
          subject: 'petition',
          subject_ref: null,
          status: 'held',
          suggest: 'risky',
          label: 20006,
          trace_id: null,
          created_at: new Date().toISOString(),
          checked_at: new Date().toISOString(),
          reviewed_by: null,
          reviewed_at: null,
        })
        .execute();
    }

    // Issue 15: a 督办单 on each mine's first petition, a screening item in each mine's section, a
    // reception day of each mine's head booked by that mine's petitioner.
    const supervisorToken = tokens.get('group supervisor') as string;
    const groupHead = (await staffSignIn(app, 'head')).tokens.accessToken;
    const screeningItems = {} as Fixtures['screeningItems'];
    const receptionDays = {} as Fixtures['receptionDays'];
    const bookings = {} as Fixtures['bookings'];
    const heads = { east: await staffId(app, 'ds.head'), west: await staffId(app, 'xh.head') };
    const petitioners = {} as Fixtures['petitioners'];
    const suggestions = {} as Fixtures['suggestions'];
    const visits = {} as Fixtures['visits'];
    for (const [where, phone] of [
      ['east', '13800000001'],
      ['west', '13800000002'],
    ] as const) {
      const [id] = petitions[where];
      const detail = await call(app, 'GET', `/api/petitions/${id}`, { token: supervisorToken });
      const supervised = await call(app, 'POST', '/api/supervision/notices', {
        token: supervisorToken,
        body: {
          petitionId: id,
          version: detail.json().version,
          concern: 'delay',
          requirements: '请说明进度。',
          dueDate: '2099-12-31',
        },
      });
      expect(supervised.statusCode, supervised.body).toBe(201);
      const item = await call(app, 'POST', '/api/screening/items', {
        token: groupHead,
        headers: { 'idempotency-key': `matrix-fixture-${randomUUID()}` },
        body: {
          unitId: units.get(where === 'east' ? 'JA-DS-ZC' : 'JA-XH-ZC'),
          subject: '矩阵测试的矛盾纠纷',
          involved: '部分职工',
          headcount: 5,
          grade: 'B',
          responsible: '队长',
          measures: '当面解释',
          deadline: '2099-12-31',
        },
      });
      expect(item.statusCode, item.body).toBe(201);
      screeningItems[where] = item.json().id;
      const day = await call(app, 'POST', '/api/reception-days', {
        token: receptionToken,
        body: {
          leaderId: heads[where],
          date: '2099-12-30',
          place: '接待室',
          topics: '工资',
          slots: [{ from: '09:00', to: '10:00', capacity: 5 }],
        },
      });
      expect(day.statusCode, day.body).toBe(201);
      receptionDays[where] = day.json().id;
      const booked = await call(app, 'POST', `/api/reception-days/${receptionDays[where]}/bookings`, {
        token: (await petitionerSignIn(identity, phone)).tokens.accessToken,
        body: { slot: 0, topic: '矩阵测试' },
      });
      expect(booked.statusCode, booked.body).toBe(201);
      bookings[where] = booked.json().id;
      const mineId = units.get(where === 'east' ? 'JA-DS' : 'JA-XH') as string;
      const suggested = await call(app, 'POST', '/api/suggestions', {
        token: supervisorToken,
        headers: { 'idempotency-key': `matrix-fixture-${randomUUID()}` },
        body: { petitionId: id, unitId: mineId, suggestion: '矩阵测试的改进建议', dueDate: '2099-12-31' },
      });
      expect(suggested.statusCode, suggested.body).toBe(201);
      suggestions[where] = suggested.json().id;
      const planned = await call(app, 'POST', '/api/grassroots-visits', {
        token: groupHead,
        body: { unitId: mineId, place: '会议室', date: '2099-12-29', topic: '矩阵测试' },
      });
      expect(planned.statusCode, planned.body).toBe(201);
      visits[where] = planned.json().id;
      petitioners[where] = (
        await app.db
          .selectFrom('petition')
          .select('petitioner_id')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).petitioner_id;
    }

    // A follow-up owed by each mine's section (made here: the write path's effect has its own suite).
    const followUps = {} as Fixtures['followUps'];
    for (const where of ['east', 'west'] as const) {
      const unit = await app.db
        .selectFrom('org_unit')
        .select(['id', 'path'])
        .where('code', '=', where === 'east' ? 'JA-DS-ZC' : 'JA-XH-ZC')
        .executeTakeFirstOrThrow();
      followUps[where] = `01MATRIXFOLLOWUP${where.toUpperCase()}`.padEnd(26, '0');
      await app.db
        .insertInto('follow_up')
        .values({
          id: followUps[where],
          petition_id: petitions[where][0],
          concluded_seq: 1,
          unit_id: unit.id,
          unit_path: unit.path,
          due_date: '2099-12-31',
          created_at: new Date(Date.now() - 86_400_000).toISOString(),
          method: null,
          followed_on: null,
          petitioner_said: null,
          satisfied: null,
          recorded_by: null,
          recorded_at: null,
        })
        .execute();
    }

    const session = await staffSignIn(app, 'mx.login', { fresh: true });
    fx = {
      units,
      staff: { east: await staffId(app, 'mx.target.east'), west: await staffId(app, 'mx.target.west') },
      retirable,
      petitions,
      lookup,
      refreshToken: session.tokens.refreshToken,
      templates,
      attachments,
      documents,
      rosterImport: imported.json().importId,
      categoryCodes: (categories.json() as { code: string }[]).map((c) => c.code),
      deadMessage: dead?.id as string,
      heldChecks,
      screeningItems,
      receptionDays,
      bookings,
      heads,
      followUps,
      petitioners,
      suggestions,
      visits,
    };
  }, 60_000);
  afterAll(async () => {
    await identity?.close();
    if (uploadDir) await rm(uploadDir, { recursive: true, force: true });
  });

  it('has an expectation for every route, and no expectation for a route that does not exist', () => {
    const routes = identity.app.access.routes().map((r) => `${r.method} ${r.url}`);
    expect(routes.length).toBeGreaterThan(20);
    expect(
      routes.filter((route) => !(route in EXPECTED)),
      'routes without an expectation',
    ).toEqual([]);
    expect(
      Object.keys(EXPECTED).filter((route) => !routes.includes(route)),
      'stale expectations',
    ).toEqual([]);
  });

  it('allows and refuses exactly as the table says, for every route, caller and target', async () => {
    const mismatches: string[] = [];
    let n = 0;
    let allowed = 0;
    let refused = 0;
    for (const { method, url } of identity.app.access.routes()) {
      const rule = EXPECTED[`${method} ${url}`];
      if (!rule) continue;
      const relations: Relation[] = rule.targeted ? ['east', 'west'] : ['none'];
      for (const caller of CALLERS) {
        for (const relation of relations) {
          n += 1;
          const request = rule.sample({ relation, fx, n });
          const options: CallOptions = {
            token: tokens.get(caller.name),
            body: request.body,
            contentType: request.contentType,
            headers: request.headers,
          };
          const response = await call(identity.app, method, request.url, options);
          if (method === 'POST' && url === '/api/auth/refresh' && response.statusCode === 200) {
            fx.refreshToken = response.json().refreshToken;
          }
          const want = expected(rule, caller, relation);
          const got = observed(response);
          if (got === 'allowed') allowed += 1;
          else refused += 1;
          if (response.statusCode >= 500 || want !== got) {
            mismatches.push(
              `${method} ${url} as ${caller.name} (target: ${relation}): expected ${want}, got ${response.statusCode} ${response.body.slice(0, 160)}`,
            );
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Both columns are exercised: a matrix that only ever refuses (or only allows) proves nothing.
    expect(allowed).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  }, 120_000);
});

/**
 * The accuser firewall on every surface (Art 30, issue 10): for an accusation naming a person at
 * each level — a handler, a unit head, the group's leader, supervisor and administrator — every
 * route that person can call, with every id and search that could lead there, reveals nothing that
 * identifies the accuser. "Identifies" is checked as the link an attacker needs: no answer (and no
 * single entry of a list) mentions the accusation and, with it, the accuser's account or desk record
 * id, name, phone (whole or masked), address, or another of his petitions. Elsewhere, apart from
 * the accusation, his name may appear: on his other petition, to those who may see it.
 */
describe('the accuser firewall, for an accusation naming a person at each level', () => {
  let identity: IdentityApp;
  // A name no demo account bears: staff appear by name in the audit log, and a namesake would be
  // taken for the accuser by the checks below.
  const ACCUSER = { phone: '13700000123', name: '孙建华', address: '东山矿区幸福里 9 号' };
  const accused = [
    { name: 'a handler', username: 'ds.handler', concerned: 'JA-DS-AQK' },
    { name: 'a unit head', username: 'ds.head', concerned: 'JA-DS' },
    { name: 'the group leader', username: 'leader', concerned: 'JA' },
    { name: 'the group supervisor', username: 'supervisor', concerned: 'JA' },
    { name: 'the group administrator', username: 'admin', concerned: 'JA' },
  ] as const;
  /** Per concerned unit: the accusation's id, number and its attachment. */
  const accusations = new Map<string, { id: string; number: string; attachment: string }>();
  const identifying: string[] = [];

  beforeAll(async () => {
    identity = await startIdentityApp();
    const { app } = identity;
    const units = await unitIds(app);
    const accuser = await petitionerSignIn(identity, ACCUSER.phone);
    const token = accuser.tokens.accessToken;
    const profile = await call(app, 'PATCH', '/api/me/profile', {
      token,
      body: { realName: ACCUSER.name, address: ACCUSER.address },
    });
    expect(profile.statusCode, profile.body).toBe(200);
    const submit = async (body: Record<string, unknown>) => {
      const response = await call(app, 'POST', '/api/petitions', {
        token,
        headers: { 'idempotency-key': `firewall-${randomUUID()}` },
        body,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().petition as { id: string; number: string; version: number };
    };
    // His ordinary request, seen with his name by the staff it concerns.
    const other = await submit({ ...petitionBody(units.get('JA-DS-AQK') as string), title: '宿舍暖气不热' });
    identifying.push(
      accuser.me.id,
      ACCUSER.name,
      ACCUSER.phone,
      '137****0123',
      ACCUSER.address,
      other.id,
      other.number,
    );

    for (const code of ['JA-DS-AQK', 'JA']) {
      const upload = await call(app, 'POST', '/api/attachments', { token, ...multipartFile(TINY_PNG) });
      expect(upload.statusCode, upload.body).toBe(201);
      const accusation = await submit({
        kind: 'accusation',
        concernedUnitId: units.get(code),
        categoryCode: 'cadre_conduct',
        title: '领导干部违规收受礼金',
        content: '反映有关领导在节日期间收受下属礼金，请求调查。',
        attachmentIds: [upload.json().id],
      });
      // He writes on it too: an entry in the audit log with him as the actor.
      const message = await call(app, 'POST', `/api/petitions/${accusation.id}/actions`, {
        token,
        body: {
          type: 'petitioner_message',
          params: { text: '补充：有照片为证。' },
          version: accusation.version,
        },
      });
      expect(message.statusCode, message.body).toBe(200);
      accusations.set(code, { id: accusation.id, number: accusation.number, attachment: upload.json().id });
    }

    // About the mine itself: a visit at the mine's own desk, for his phone, which he then claims.
    const desk = (await staffSignIn(app, 'ds.reception')).tokens.accessToken;
    const registered = await call(app, 'POST', '/api/petitions/register', {
      token: desk,
      headers: { 'idempotency-key': `firewall-${randomUUID()}` },
      body: {
        kind: 'accusation',
        channel: 'visit',
        receivedAt: new Date().toISOString(),
        concernedUnitId: units.get('JA-DS'),
        categoryCode: 'cadre_conduct',
        title: '矿领导违规发放津贴',
        content: '矿领导班子违规给自己发放高温津贴。',
        petitioner: { realName: ACCUSER.name, phone: ACCUSER.phone, address: ACCUSER.address },
      },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const mine = registered.json().petition as {
      id: string;
      number: string;
      petitioner: { id: string } | null;
    };
    const claimed = await call(app, 'POST', `/api/me/registrations/${mine.id}`, {
      token,
      body: { mine: true },
    });
    expect(claimed.statusCode, claimed.body).toBe(200);
    accusations.set('JA-DS', {
      id: mine.id,
      number: mine.number,
      attachment: accusations.get('JA')?.attachment ?? '',
    });
    const deskRecord = await app.db
      .selectFrom('petitioner_account')
      .select('id')
      .where('contact_phone_hash', 'is not', null)
      .where('real_name', '=', ACCUSER.name)
      .execute();
    identifying.push(...deskRecord.map((r) => r.id));

    // Staff outside the accused units handle them: their views and reveals are audited.
    const group = (await staffSignIn(app, 'reception')).tokens.accessToken;
    for (const { id } of accusations.values())
      await call(app, 'GET', `/api/petitions/${id}`, { token: group });
    const revealed = await call(app, 'POST', `/api/petitions/${mine.id}/petitioner/reveal`, {
      token: group,
      body: { reason: '核实来访人联系方式' },
    });
    expect(revealed.statusCode, revealed.body).toBe(200);
  }, 60_000);
  afterAll(() => identity?.close());

  /** Every request the accused could try: every route with every id that leads to the accuser, and the searches. */
  function attempts(accusation: { id: string; number: string; attachment: string }) {
    const ids = [
      accusation.id,
      accusation.attachment,
      ...identifying.filter((s) => /^[0-9A-Z]{26}$/.test(s)),
    ];
    const list: { method: string; url: string; body?: unknown }[] = [];
    for (const { method, url } of identity.app.access.routes()) {
      if (url === '/api/auth/logout' || url === '/api/auth/password') continue;
      const targets = url.includes(':') ? ids : [''];
      for (const id of targets) {
        list.push({ method, url: url.replace(/:\w+/g, id), body: method === 'GET' ? undefined : {} });
      }
    }
    for (const search of [ACCUSER.phone, accusation.number, identifying[6] as string]) {
      list.push({ method: 'POST', url: '/api/petitions/search', body: { search, limit: 100 } });
    }
    list.push({ method: 'POST', url: '/api/petitioners/search', body: { phone: ACCUSER.phone } });
    list.push({ method: 'GET', url: '/api/petitions?limit=100' });
    for (const id of identifying.filter((s) => /^[0-9A-Z]{26}$/.test(s))) {
      list.push({ method: 'GET', url: `/api/audit?limit=200&actorId=${id}` });
      list.push({ method: 'GET', url: `/api/audit?limit=200&targetType=petitioner&targetId=${id}` });
    }
    list.push({ method: 'GET', url: `/api/audit?limit=200&targetId=${accusation.id}` });
    list.push({ method: 'GET', url: `/api/audit?limit=200&targetId=${accusation.attachment}` });
    list.push({ method: 'GET', url: '/api/audit?limit=200' });
    list.push({
      method: 'POST',
      url: `/api/petitions/${accusation.id}/links`,
      body: { petitionId: identifying[5] },
    });
    list.push({
      method: 'POST',
      url: `/api/petitions/${accusation.id}/petitioner/reveal`,
      body: { reason: '想知道是谁' },
    });
    return list;
  }

  /** The parts of an answer judged one by one: each entry of a list or line of a CSV export, or the whole answer. */
  function parts(response: { body: string; headers: Record<string, unknown> }): string[] {
    const { body } = response;
    if (String(response.headers['content-type']).startsWith('text/csv')) return body.split(/\r?\n/);
    try {
      const json = JSON.parse(body) as unknown;
      const items = (json as { items?: unknown[] })?.items ?? (Array.isArray(json) ? json : null);
      return items ? items.map((item) => JSON.stringify(item)) : [body];
    } catch {
      return [body];
    }
  }

  for (const person of accused) {
    it(`${person.name} (${person.username}) learns nothing of who accused them`, async () => {
      const accusation = accusations.get(person.concerned);
      if (!accusation) throw new Error(`no accusation about ${person.concerned}`);
      const token = (await staffSignIn(identity.app, person.username)).tokens.accessToken;
      const leaks: string[] = [];
      let answered = 0;
      for (const attempt of attempts(accusation)) {
        const response = await call(identity.app, attempt.method, attempt.url, { token, body: attempt.body });
        expect(response.statusCode, `${attempt.method} ${attempt.url}`).toBeLessThan(500);
        if (response.statusCode === 200) answered += 1;
        for (const part of parts(response)) {
          const about = [accusation.id, accusation.number, accusation.attachment].some((s) =>
            part.includes(s),
          );
          const who = identifying.filter((s) => part.includes(s));
          if (about && who.length > 0)
            leaks.push(`${attempt.method} ${attempt.url} → ${who.join(', ')}: ${part.slice(0, 200)}`);
        }
      }
      expect(leaks).toEqual([]);
      // The attempts reached real answers, not only refusals: the check had something to judge.
      expect(answered).toBeGreaterThan(3);
    }, 60_000);
  }

  it('the group’s reception, outside every accused unit but the group, still knows who made the accusation about the mine', async () => {
    const group = (await staffSignIn(identity.app, 'reception')).tokens.accessToken;
    const detail = await call(identity.app, 'GET', `/api/petitions/${accusations.get('JA-DS')?.id}`, {
      token: group,
    });
    expect(detail.json()).toMatchObject({ identityWithheld: false, petitioner: { realName: ACCUSER.name } });
    const supervisorAudit = await call(
      identity.app,
      'GET',
      `/api/audit?limit=200&targetId=${accusations.get('JA-DS')?.id}`,
      { token: (await staffSignIn(identity.app, 'supervisor')).tokens.accessToken },
    );
    // The group's supervisor is not accused by this one: the log names the accuser to him.
    expect(supervisorAudit.body).toContain(identifying[0] as string);
  });
});
