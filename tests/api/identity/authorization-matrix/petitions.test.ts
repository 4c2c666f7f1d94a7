import { randomUUID } from 'node:crypto';
import { multipartFile, TINY_PNG } from '../support';
import {
  CASE_STAFF,
  describeMatrix,
  type Expectation,
  mine,
  PUBLIC,
  petition,
  petitionBody,
  section,
  templateBody,
} from './kit';

/**
 * The authorization matrix for petitions (see ./kit.ts for how it reads): submitting, registering,
 * reading and acting on cases, desk registrations a petitioner claims, attachments, reply
 * templates, written notices and their delivery, a unit's document settings, and held content.
 */
const EXPECTED: Record<string, Expectation> = {
  // Desk registrations for my proven phone, which I alone claim or turn down.
  'GET /api/me/registrations': { petitioner: 'yes', sample: () => ({ url: '/api/me/registrations' }) },
  'POST /api/me/registrations/:petitionId': {
    petitioner: 'yes',
    // A malformed answer: a petitioner gets past the policy to validation, nobody else does.
    sample: (s) => ({ url: `/api/me/registrations/${petition(s)}`, body: { mine: 'perhaps' } }),
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
  // Whom the office may refer a case to: asked like the refer action (the lifecycle answers 422
  // to staff of the subtree who may not refer it now).
  'GET /api/petitions/:id/referral-leaders': {
    staff: { roles: CASE_STAFF, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({ url: `/api/petitions/${petition(s)}/referral-leaders` }),
  },
  // 认领有误: whether the registered phone's holder confirmed it; undone by the desk that registered
  // it or a head above (the service narrows the subtree to them). A malformed Idempotency-Key, read
  // by the handler: past the policy, it answers 400 and changes nothing.
  'GET /api/petitions/:id/claim': {
    staff: { roles: CASE_STAFF, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({ url: `/api/petitions/${petition(s)}/claim` }),
  },
  'POST /api/petitions/:id/claim/undo': {
    staff: { roles: ['reception', 'unit_head'], where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({
      url: `/api/petitions/${petition(s)}/claim/undo`,
      headers: { 'idempotency-key': 'not a key' },
      body: { version: 1, reason: '矩阵' },
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
    sample: (s) => ({
      url: '/api/reply-templates',
      headers: { 'idempotency-key': `matrix-template-${s.n}` },
      body: templateBody(section(s), s.n),
    }),
  },
  'PUT /api/reply-templates/:id': {
    staff: { roles: ['unit_head', 'admin'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({
      url: `/api/reply-templates/${s.fx.templates[mine(s)]}`,
      body: templateBody(section(s), s.n),
    }),
  },

  // Written notices: seen like their petition, by the staff who work cases (they name the
  // petitioner); deliveries recorded by the office and the answering unit, corrected by its head;
  // a unit's document settings kept by its head and admins.
  'GET /api/petitions/:id/documents': {
    petitioner: 'own',
    staff: { roles: CASE_STAFF, where: 'subtree' },
    targeted: true,
    hidden: true,
    sample: (s) => ({ url: `/api/petitions/${petition(s)}/documents` }),
  },
  'GET /api/documents/:id.pdf': {
    petitioner: 'own',
    staff: { roles: CASE_STAFF, where: 'subtree' },
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
    staff: { roles: ['unit_head', 'responsible_leader', 'admin'], where: 'subtree' },
    targeted: true,
    sample: (s) => ({ url: `/api/units/${section(s)}/seal.png` }),
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
};

describeMatrix('petitions', EXPECTED);
