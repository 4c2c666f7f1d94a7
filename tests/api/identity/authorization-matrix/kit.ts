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
} from '../support';

/**
 * The authorization matrix (issue 4), shared by its files — one per area of the API (administration,
 * petitions, oversight): every route the app declares × every kind of caller × where the target
 * lies → allowed or refused. The expectations in each file are written by hand, from the domain
 * (who may do what), not read from the policy module: the point is a second, independent statement
 * that the two must agree on. Every route belongs to one area (`areaOf`), and each file fails on a
 * route of its area missing from its table, so a new route cannot ship without someone deciding
 * who may call it.
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

export type Relation = 'none' | 'east' | 'west';

export interface Expectation {
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

export interface Request {
  url: string;
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface Sample {
  relation: Relation;
  fx: Fixtures;
  /** A number unique to this request, for codes and usernames. */
  n: number;
}

export interface Fixtures {
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
  /** A second, unbooked day of each mine's head, for the desk to cancel (again and again). */
  spareReceptionDays: Record<'east' | 'west', string>;
  /** Each mine's head. */
  heads: Record<'east' | 'west', string>;
  /** A follow-up (回访) owed by each mine's section. */
  followUps: Record<'east' | 'west', string>;
  /** The petitioner of each mine's first petition (张伟, 李娜). */
  petitioners: Record<'east' | 'west', string>;
  /** A suggestion to improve work to each mine, and a 下访 planned there by the group's head. */
  suggestions: Record<'east' | 'west', string>;
  visits: Record<'east' | 'west', string>;
  /** A 下访 planned there by the group's head and cancelled by him. */
  cancelledVisits: Record<'east' | 'west', string>;
}

export const ALL_STAFF = { roles: 'all', where: 'anywhere' } as const;
export const ADMIN_IN_SUBTREE = { roles: ['admin'], where: 'subtree' } as const;
export const CASE_STAFF: StaffRole[] = [
  'reception',
  'handler',
  'unit_head',
  'responsible_leader',
  'supervisor',
];
export const PUBLIC = { anonymous: true } as const;
export const FIGURE_READERS = {
  roles: ['handler', 'unit_head', 'responsible_leader', 'supervisor'],
  where: 'anywhere',
} as const;
export const REGISTERS: StaffRole[] = ['supervisor', 'responsible_leader', 'unit_head', 'reception'];
export const SCREENS: StaffRole[] = ['liaison_officer', 'unit_head'];
export const FOLLOWERS: StaffRole[] = ['handler', 'unit_head', 'supervisor', 'responsible_leader'];
export const WATCHES: StaffRole[] = ['reception', 'supervisor', 'unit_head'];
export const ISSUERS: StaffRole[] = ['supervisor', 'responsible_leader', 'unit_head'];
export const ANSWERERS: StaffRole[] = ['reception', 'handler', 'unit_head'];
export const VISIT_KEEPERS: StaffRole[] = ['reception', 'responsible_leader', 'unit_head', 'supervisor'];
/** A unit's own mine (a suggestion or a visit is to it). */
export const mineUnit = (s: Sample) => s.fx.units.get(s.relation === 'west' ? 'JA-XH' : 'JA-DS') as string;
/** This week as an ISO week, as the screening routes name it. */
export const thisWeek = () => currentScreeningPeriod(new Date().toISOString());
export const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Inside the target's mine, a unit to act on. */
export const section = (s: Sample) =>
  s.fx.units.get(s.relation === 'west' ? 'JA-XH-ZC' : 'JA-DS-ZC') as string;
export const sectionCode = (s: Sample) => (s.relation === 'west' ? 'JA-XH-ZC' : 'JA-DS-ZC');
export const mine = (s: Sample): 'east' | 'west' => (s.relation === 'west' ? 'west' : 'east');
export const petition = (s: Sample) => s.fx.petitions[mine(s)][0];

export const NEXT_YEAR = new Date().getUTCFullYear() + 1;
export const NEXT_YEAR_NOTICE = { year: NEXT_YEAR, text: `元旦,${NEXT_YEAR}-01-01,${NEXT_YEAR}-01-01` };

export function templateBody(unitId: string, n: number) {
  return {
    unitId,
    categoryCode: 'safety',
    kind: 'request',
    title: `安全生产答复模板 ${n}`,
    factsAndReasons: '经调查核实，反映的问题属实。',
    decision: '支持信访请求，限期整改。',
  };
}

export function petitionBody(concernedUnitId: string) {
  return {
    kind: 'request',
    concernedUnitId,
    categoryCode: 'safety',
    title: '井下通风设备噪声过大',
    content: '综采工作面局部通风机噪声长期超标，请求检修。',
  };
}

export type Caller =
  | { name: string; kind: 'anonymous' }
  | { name: string; kind: 'petitioner'; phone: string }
  | { name: string; kind: 'staff'; username: string; role: StaffRole; level: 'group' | 'mine' };

/** The demo's group-level staff, and one account per role at 东山煤矿 (demo ones where the seed has them). */
export const CALLERS: Caller[] = [
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
export const EXTRA_STAFF: { username: string; unitCode: string; roles: StaffRole[] }[] = [
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
export function expected(rule: Expectation, caller: Caller, relation: Relation): 'allowed' | 401 | 403 | 404 {
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
export function observed(response: LightMyRequestResponse): 'allowed' | 401 | 403 | 404 {
  const code = errorCode(response);
  if (response.statusCode === 401 && code === 'UNAUTHENTICATED') return 401;
  if (response.statusCode === 403 && code === 'FORBIDDEN') return 403;
  if (response.statusCode === 404 && code === 'NOT_FOUND') return 404;
  return 'allowed';
}

export type Area = 'administration' | 'petitions' | 'oversight';

/** Which file's table a route belongs in, by its path. */
export function areaOf(route: string): Area {
  const url = route.slice(route.indexOf(' ') + 1);
  if (OVERSIGHT.test(url)) return 'oversight';
  if (PETITIONS.test(url)) return 'petitions';
  return 'administration';
}
const OVERSIGHT =
  /^\/api\/(supervision|registers|screening|suggestions|grassroots-visits|reception-days|me\/bookings|follow-ups|rehandling-decisions|admin\/settings\/aftercare|overview|figures|ledger|reports|co-handling)|^\/api\/petitions\/:id\/escalations/;
const PETITIONS =
  /^\/api\/(petitions|lookup|attachments|reply-templates|documents|deliveries|units\/|content-checks|me\/registrations)/;

/** The app, every caller's token, and the targets, as the matrix needs them. */
interface Matrix {
  identity: IdentityApp;
  tokens: Map<string, string>;
  fx: Fixtures;
  uploadDir: string;
}

/** Starts the app and makes the callers and the targets each file's table refers to. */
async function startMatrix(): Promise<Matrix> {
  const uploadDir = await mkdtemp(join(tmpdir(), 'xinfang-matrix-'));
  const identity = await startIdentityApp({ uploadDir });
  const tokens = new Map<string, string>();
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
      headers: { 'idempotency-key': `matrix-fixture-${randomUUID()}` },
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
    headers: { 'idempotency-key': `matrix-fixture-${randomUUID()}` },
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
  const spareReceptionDays = {} as Fixtures['spareReceptionDays'];
  const heads = { east: await staffId(app, 'ds.head'), west: await staffId(app, 'xh.head') };
  const petitioners = {} as Fixtures['petitioners'];
  const suggestions = {} as Fixtures['suggestions'];
  const visits = {} as Fixtures['visits'];
  const cancelledVisits = {} as Fixtures['cancelledVisits'];
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
      headers: { 'idempotency-key': `matrix-fixture-${randomUUID()}` },
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
      body: { version: 1, slot: 0, topic: '矩阵测试' },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    bookings[where] = booked.json().id;
    const spare = await call(app, 'POST', '/api/reception-days', {
      token: receptionToken,
      headers: { 'idempotency-key': `matrix-fixture-${randomUUID()}` },
      body: {
        leaderId: heads[where],
        date: '2099-12-29',
        place: '接待室',
        topics: '工资',
        slots: [{ from: '09:00', to: '10:00', capacity: 5 }],
      },
    });
    expect(spare.statusCode, spare.body).toBe(201);
    spareReceptionDays[where] = spare.json().id;
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
      headers: { 'idempotency-key': `matrix-fixture-${randomUUID()}` },
      body: { unitId: mineId, place: '会议室', date: '2099-12-29', topic: '矩阵测试' },
    });
    expect(planned.statusCode, planned.body).toBe(201);
    visits[where] = planned.json().id;
    const dropped = await call(app, 'POST', '/api/grassroots-visits', {
      token: groupHead,
      headers: { 'idempotency-key': `matrix-fixture-${randomUUID()}` },
      body: { unitId: mineId, place: '会议室', date: '2099-12-30', topic: '矩阵测试（取消）' },
    });
    cancelledVisits[where] = dropped.json().id;
    const cancelled = await call(app, 'POST', `/api/grassroots-visits/${cancelledVisits[where]}/cancel`, {
      token: groupHead,
      body: { reason: '领导另有安排' },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
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
  const fx: Fixtures = {
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
    spareReceptionDays,
    heads,
    followUps,
    petitioners,
    suggestions,
    visits,
    cancelledVisits,
  };
  return { identity, tokens, fx, uploadDir };
}

/** The checks one table makes: a route × caller × target each. */
export function casesOf(table: Record<string, Expectation>): number {
  return Object.values(table).reduce((n, rule) => n + (rule.targeted ? 2 : 1) * CALLERS.length, 0);
}

/**
 * One area's matrix, on one app shared by its tests: the table covers exactly the area's routes,
 * and every route × caller × target is allowed or refused as the table says.
 */
export function describeMatrix(area: Area, table: Record<string, Expectation>): void {
  describe(`the authorization matrix: ${area}`, () => {
    let m: Matrix;
    beforeAll(async () => {
      m = await startMatrix();
    }, 60_000);
    afterAll(async () => {
      await m?.identity.close();
      if (m?.uploadDir) await rm(m.uploadDir, { recursive: true, force: true });
    });

    it('has an expectation for every route of the area, and none for a route that does not exist', () => {
      const routes = m.identity.app.access.routes().map((r) => `${r.method} ${r.url}`);
      expect(routes.length).toBeGreaterThan(20);
      expect(
        routes.filter((route) => areaOf(route) === area && !(route in table)),
        'routes without an expectation',
      ).toEqual([]);
      expect(
        Object.keys(table).filter((route) => !routes.includes(route) || areaOf(route) !== area),
        'stale expectations, or another area’s',
      ).toEqual([]);
    });

    it('allows and refuses exactly as the table says, for every route, caller and target', async () => {
      const { identity, tokens, fx } = m;
      const mismatches: string[] = [];
      let n = 0;
      let allowed = 0;
      let refused = 0;
      for (const { method, url } of identity.app.access.routes()) {
        const rule = table[`${method} ${url}`];
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
      // Every route of the table was tried by every caller, on every target.
      expect(n).toBe(casesOf(table));
      // Both columns are exercised: a matrix that only ever refuses (or only allows) proves nothing.
      expect(allowed).toBeGreaterThan(50);
      expect(refused).toBeGreaterThan(50);
    }, 120_000);
  });
}
