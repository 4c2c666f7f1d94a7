import {
  ANSWERERS,
  CASE_STAFF,
  describeMatrix,
  type Expectation,
  FIGURE_READERS,
  FOLLOWERS,
  ISSUERS,
  mine,
  mineUnit,
  PUBLIC,
  petition,
  petitionBody,
  REGISTERS,
  SCREENS,
  section,
  thisWeek,
  today,
  VISIT_KEEPERS,
  WATCHES,
} from './kit';

/**
 * The authorization matrix for oversight and prevention (issue 15; see ./kit.ts for how it reads):
 * supervision, co-handling, escalations and the registers, risk screening, suggestions to improve
 * work, 下访, leaders' reception days and bookings, aftercare, the overview, figures and reports.
 */
const EXPECTED: Record<string, Expectation> = {
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

  // A case's 督办单, for all who read the case; who may sign is tried in
  // tests/api/supervision/case-notices.test.ts.
  'GET /api/supervision/notices/:petitionId': {
    staff: { roles: CASE_STAFF, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({ url: `/api/supervision/notices/${petition(s)}` }),
  },

  // 签收 of a 督办单: admitted callers get the notice (its unit's reception, handlers and head) or
  // a refusal naming the rule (422); who signs is tried in tests/api/supervision/acknowledge.test.ts.
  'POST /api/supervision/notices/:petitionId/:no/ack': {
    staff: { roles: CASE_STAFF, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({ url: `/api/supervision/notices/${petition(s)}/1/ack` }),
  },
  // 签收 of a red step: the policy admits case staff, and the service then asks the step's case
  // (404 outside the caller's sight) and who it was meant for (acknowledge.test.ts). The fixtures
  // raise no step: an admitted caller's id, one character too long, is refused by its schema (400).
  'POST /api/supervision/escalations/:id/ack': {
    staff: { roles: CASE_STAFF, where: 'anywhere' },
    sample: () => ({ url: '/api/supervision/escalations/01JUNKNOWNSTEP0000000000000/ack' }),
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
  'GET /api/registers/unowned': {
    staff: { roles: REGISTERS, where: 'subtree' },
    targeted: true,
    sample: (s) => ({ url: `/api/registers/unowned?unitId=${section(s)}` }),
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

  // The first declaration stands; every later one overlaps it (409). A period binds every unit,
  // so only the group's own supervisors declare or withdraw one (audit 32, D4).
  'POST /api/screening/sensitive-periods': {
    staff: { roles: ['supervisor'], where: 'group' },
    sample: (s) => ({
      url: '/api/screening/sensitive-periods',
      headers: { 'idempotency-key': `matrix-sensitive-${s.n}` },
      body: { name: '矩阵测试', from: '2099-06-01', to: '2099-06-02' },
    }),
  },
  // A blank reason is refused after the check of the caller's level (400).
  'POST /api/screening/sensitive-periods/:id/withdraw': {
    staff: { roles: ['supervisor'], where: 'group' },
    sample: () => ({
      url: '/api/screening/sensitive-periods/MATRIXNOPERIOD/withdraw',
      body: { reason: ' ' },
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
      headers: { 'idempotency-key': `matrix-visit-plan-${s.n}` },
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
  // Its sample is a visit cancelled already: an admitted caller is told so (409) before who may
  // cancel is asked (tests/api/visits/visits.test.ts).
  'POST /api/grassroots-visits/:id/cancel': {
    staff: { roles: VISIT_KEEPERS, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({
      url: `/api/grassroots-visits/${s.fx.cancelledVisits[mine(s)]}/cancel`,
      body: { reason: '矩阵测试' },
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
  // The desk's own list: the days of its subtree, those without their leader flagged.
  'GET /api/reception-days/desk': {
    staff: { roles: ['reception'], where: 'anywhere' },
    sample: () => ({ url: '/api/reception-days/desk' }),
  },
  'POST /api/reception-days': {
    staff: { roles: ['reception'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({
      url: '/api/reception-days',
      headers: { 'idempotency-key': `matrix-reception-day-${s.n}` },
      body: {
        leaderId: s.fx.heads[mine(s)],
        date: '2099-12-31',
        place: '接待室',
        topics: '工资',
        slots: [{ from: '09:00', to: '10:00', capacity: 1 }],
      },
    }),
  },
  // Cancelling is idempotent: the first admitted caller cancels the spare day, the others get it.
  'POST /api/reception-days/:id/cancel': {
    staff: { roles: ['reception'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({
      url: `/api/reception-days/${s.fx.spareReceptionDays[mine(s)]}/cancel`,
      body: { reason: '矩阵测试' },
    }),
  },
  // Changing a day: the first admitted caller changes the spare day; the others are answered with
  // a conflict (the version moved on) or, once it is cancelled, a refusal — all of them admitted.
  'POST /api/reception-days/:id/change': {
    staff: { roles: ['reception'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({
      url: `/api/reception-days/${s.fx.spareReceptionDays[mine(s)]}/change`,
      headers: { 'idempotency-key': `matrix-reception-change-${s.n}` },
      body: {
        version: 1,
        reason: '矩阵测试',
        date: '2099-12-29',
        place: '接待室',
        topics: '工资',
        slots: [{ from: '09:00', to: '10:00', capacity: 5 }],
      },
    }),
  },
  'POST /api/reception-days/:id/bookings': {
    petitioner: 'yes',
    sample: (s) => ({
      url: `/api/reception-days/${s.fx.receptionDays.east}/bookings`,
      body: { version: 1, slot: 0, topic: '矩阵测试' },
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
  // The sample booking was never moved: every admitted caller is refused with 400.
  'POST /api/reception-days/:id/bookings/:bookingId/phone': {
    staff: { roles: ['reception'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({
      url: `/api/reception-days/${s.fx.receptionDays[mine(s)]}/bookings/${s.fx.bookings[mine(s)]}/phone`,
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
  'POST /api/me/bookings/:id/answer': {
    petitioner: 'own',
    targeted: true,
    hidden: true,
    sample: (s) => ({
      url: `/api/me/bookings/${s.fx.bookings[mine(s)]}/answer`,
      body: { version: 1, come: true },
    }),
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
  'GET /api/figures/units': {
    staff: FIGURE_READERS,
    sample: () => ({ url: '/api/figures/units?from=2026-01-01&to=2026-03-31&subtree=false' }),
  },
  'GET /api/figures/supervision': {
    staff: FIGURE_READERS,
    sample: () => ({ url: '/api/figures/supervision?from=2026-01-01&to=2026-03-31&subtree=false' }),
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

describeMatrix('oversight', EXPECTED);
