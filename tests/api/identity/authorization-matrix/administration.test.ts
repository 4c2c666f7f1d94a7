import {
  ADMIN_IN_SUBTREE,
  ALL_STAFF,
  describeMatrix,
  type Expectation,
  mine,
  NEXT_YEAR_NOTICE,
  PUBLIC,
  section,
  sectionCode,
} from './kit';

/**
 * The authorization matrix for administration and accounts (see ./kit.ts for how it reads):
 * signing in and out, a petitioner's own account and messages, the organisation, staff accounts
 * and the roster, the audit log, reference data, the calendar, the outbox and the system's health.
 */
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
  'GET /api/staff/:id/holdings': {
    staff: ADMIN_IN_SUBTREE,
    targeted: true,
    sample: (s) => ({ url: `/api/staff/${s.fx.staff[mine(s)]}/holdings` }),
  },
  // 一键移交 (Art 24): the unit head who names 承办人 hands a person's cases over, in his subtree.
  'GET /api/staff/:id/hand-over': {
    staff: { roles: ['unit_head'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({ url: `/api/staff/${s.fx.staff[mine(s)]}/hand-over` }),
  },
  'POST /api/staff/:id/hand-over': {
    staff: { roles: ['unit_head'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({
      url: `/api/staff/${s.fx.staff[mine(s)]}/hand-over`,
      body: { successorId: s.fx.heads[mine(s)], reason: '调岗', planVersion: 'matrix' },
      headers: { 'idempotency-key': `matrix-hand-over-${s.n}` },
    }),
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
      headers: { 'idempotency-key': `matrix-roster-import-${s.n}` },
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
    sample: (s) => ({
      url: '/api/me/wechat-subscriptions',
      headers: { 'idempotency-key': `matrix-subscriptions-${s.n}` },
      body: { moment: 'detail', results: {} },
    }),
  },

  // The outbox is the group administrators' to watch (they see deliveries, never petitions): it
  // holds every unit's messages.
  // Statutory notices that reached nobody: the desk's and those who watch deliveries, each in their
  // subtree (tests/api/unreached-notices.test.ts tries another mine's). The record's impossible
  // date makes every admitted caller 400, before any notice is looked up.
  'GET /api/notices/unreached': {
    staff: { roles: ['reception', 'handler', 'unit_head', 'supervisor'], where: 'anywhere' },
    sample: () => ({ url: '/api/notices/unreached' }),
  },
  'POST /api/notices/unreached/:id/reached': {
    staff: { roles: ['reception', 'handler', 'unit_head'], where: 'anywhere' },
    sample: () => ({
      url: '/api/notices/unreached/01J00000000000000000000000/reached',
      body: { method: 'in_person', reachedOn: '2026-02-30' },
    }),
  },
  'GET /api/admin/outbox': {
    staff: { roles: ['admin'], where: 'group' },
    sample: () => ({ url: '/api/admin/outbox?status=dead' }),
  },
  'POST /api/admin/outbox/:id/retry': {
    staff: { roles: ['admin'], where: 'group' },
    sample: (s) => ({ url: `/api/admin/outbox/${s.fx.deadMessage}/retry` }),
  },
};

describeMatrix('administration', EXPECTED);
