import fc from 'fast-check';
import { defaultCalendar } from '../clocks/calendar';
import { clocksOf } from '../clocks/clocks-of';
import { addDays, beijingDate, type Instant } from '../clocks/dates';
import { replyWindowOf } from '../clocks/definitions';
import { accuses } from './accuser';
import { CASE_ACTION_TYPES, type CaseActionType, EXTENSION_MAX_DAYS } from './action-specs';
import type { Action } from './actions';
import type { AnyActor } from './actor';
import { allowedActions } from './allowed';
import { decide } from './decide';
import {
  answerDeadline,
  issuedBy,
  openAssists,
  openSupervisions,
  ownedByActiveLeader,
  replyDelivery,
  supervisionNotices,
} from './facts';
import type { Petition } from './petition';
import { liftableRecusals } from './recusal';
import { register } from './register';
import { ACTORS, later, onlineParams, T0, UNITS } from './test-kit';
import { deliveryMethod } from './transitions/delivery';
import { isWithin } from './units';
import { DESK_CHANNELS, OUTCOMES_BY_KIND, PETITION_KINDS } from './vocabulary';

/**
 * Random walks through the lifecycle, for property tests: at each step someone takes one of the
 * actions `allowedActions` offers them, with valid parameters, after a random pause. Test support
 * only; not exported from the package.
 */

export const POOL: AnyActor[] = Object.values(ACTORS);
export const QUIET: readonly CaseActionType[] = [
  'notify',
  'add_note',
  'send_message',
  'petitioner_message',
  'record_investigation',
  'record_mediation',
  'issue_supervision',
  'answer_supervision',
  'review_supervision',
  'recuse',
  'lift_recusal',
  'take_case',
  'release_case',
  'record_reward',
];

export const ENDINGS: readonly CaseActionType[] = ['forward', 'divert', 'decline', 'withdraw', 'close'];

/** Parameters `decide` accepts for this action here, or null where none exist (no unit to assign to). */
export function validParams(
  type: CaseActionType,
  p: Petition,
  actor: AnyActor,
  now: Instant,
  seed: number,
): unknown {
  const today = beijingDate(now);
  switch (type) {
    case 'notify':
      return { message: '告知' };
    case 'forward':
      return { recipientOrgan: '市纪委监委', reason: '转送' };
    case 'assign': {
      const targets = Object.values(UNITS).filter(
        (u) => isWithin(u, p.units.receiving) && u.id !== p.units.receiving.id && !accuses(p, u),
      );
      const unit = targets[seed % Math.max(targets.length, 1)];
      return unit ? { unit, reportBackBy: addDays(today, 20) } : null;
    }
    case 'set_concerned_unit': {
      const units = Object.values(UNITS);
      return { unit: units[seed % units.length] };
    }
    case 'refer': {
      // Another leader than the one asked now, and none who must stay out (Art 28).
      const leaders = (seed % 2 ? ['leader', 'head-g'] : ['head-g', 'leader']).filter(
        (id) => id !== p.referredLeaderId && !p.recusedStaffIds.includes(id),
      );
      return leaders[0] ? { leaderId: leaders[0] } : null;
    }
    case 'instruct':
      // Art 18: 本人包案 only when no other leader in office owns the case.
      return {
        instruction: '批示',
        takeOwnership: seed % 2 === 0 && (!ownedByActiveLeader(p) || p.responsibleLeaderId === actor.id),
      };
    case 'divert':
      return { route: 'arbitration', guidance: '仲裁' };
    case 'decline':
      return { ground: actor.id === 'system' ? 'pending_elsewhere' : 'other', reason: '理由' };
    case 'object':
    case 'overrule_objection':
      return { reasons: '理由' };
    case 'add_note':
    case 'send_message':
    case 'petitioner_message':
      return { text: '文字' };
    case 'record_investigation':
    case 'hold_hearing':
      return { summary: '情况' };
    case 'schedule_hearing':
      return { scheduledFor: now, place: '会议室' };
    case 'record_mediation':
      return seed % 2
        ? { result: 'no_agreement', summary: '情况' }
        : { result: 'agreement', summary: '情况', terms: '条款', confirmed: true };
    case 'record_delivery': {
      const issuedOn = beijingDate(replyDelivery(p)?.issued.at ?? now);
      const method = (['in_person', 'post', 'visit'] as const)[seed % 3];
      if (method === 'post') return { method, postedOn: issuedOn, deliveredOn: today };
      return method === 'in_person'
        ? { method, deliveredOn: today, receiptAttachmentId: 'scan-1' }
        : { method, deliveredOn: issuedOn };
    }
    case 'correct_delivery': {
      const answer = replyDelivery(p);
      const issuedOn = beijingDate(answer?.issued.at ?? now);
      const was = answer?.deliveredOn ?? today;
      // Earlier only for a day staff recorded, and on the receipt that shows it.
      const app = deliveryMethod(p) === 'app';
      const other = [issuedOn, today].find((d) => d !== was && !(app && d < was));
      return other ? { deliveredOn: other, reason: '邮政回执日期有误', receiptAttachmentId: 'scan-2' } : null;
    }
    case 'record_review_request':
    case 'record_re_examination_request': {
      // Arrived on the last day it still could: today, or the window's last day once it has passed.
      const window = clocksOf(p, defaultCalendar, now).find(
        (c) => c.name === replyWindowOf(p.kind, p.stage) && c.finishedAt === null,
      );
      const receivedOn = window && window.dueDate < today ? window.dueDate : today;
      return { channel: DESK_CHANNELS[seed % DESK_CHANNELS.length], receivedOn, reason: '来信不服' };
    }
    case 'request_extension':
      return { days: 1 + (seed % EXTENSION_MAX_DAYS), reason: '复杂' };
    case 'refuse_extension':
    case 'return_reply':
    case 'request_review':
    case 'request_re_examination':
      return { reason: '理由' };
    case 'draft_reply':
      return {
        request: '请求',
        factsAndReasons: '事实',
        decision: '意见',
        legalBasis: '依据',
        outcome: OUTCOMES_BY_KIND[p.kind][seed % 3],
      };
    case 'rate':
      return { rating: (['satisfied', 'basically_satisfied', 'unsatisfied'] as const)[seed % 3] };
    case 'issue_supervision':
      return { concern: 'delay', requirements: '要求', dueDate: addDays(today, 5) };
    case 'answer_supervision': {
      const mine = openSupervisions(p).find((s) => s.data.unit.id === actor.unit?.id);
      return { supervisionNo: mine?.data.no ?? 1, answer: '答复' };
    }
    case 'review_supervision': {
      const mine = supervisionNotices(p).find((n) => n.awaits === 'review' && issuedBy(n.issued, actor));
      const decision = seed % 2 === 0 ? 'approved' : 'returned';
      return { supervisionNo: mine?.issued.data.no ?? 1, decision, note: '意见' };
    }
    case 'recuse':
      return { staffId: actor.id, reason: '利害关系' };
    case 'lift_recusal': {
      const liftable = liftableRecusals(p, actor);
      const staffId = liftable[seed % Math.max(liftable.length, 1)];
      return staffId ? { staffId, reason: '利害关系已消除' } : null;
    }
    case 'decide_rehandling':
      return { rehandle: seed % 2 === 0, reason: '理由', toPetitioner: '告知信访人的说明' };
    case 'record_forward_outcome':
      return { outcome: '已办理', receivedOn: today };
    case 'take_case':
      return { plan: '包案化解' };
    case 'release_case':
      return { reason: '调任新岗位' };
    case 'set_handler': {
      const lead = p.units.handling;
      const people = POOL.filter(
        (a) => a.unit?.id === lead?.id && a.id !== p.handlerId && !p.recusedStaffIds.includes(a.id),
      );
      const person = people[seed % Math.max(people.length, 1)];
      return person ? { staffId: person.id, ...(p.handlerId ? { reason: '工作调整' } : {}) } : null;
    }
    case 'request_assist': {
      const asked = new Set(openAssists(p).map((part) => part.unit.id));
      const targets = Object.values(UNITS).filter(
        (u) => u.id !== p.units.handling?.id && !accuses(p, u) && !asked.has(u.id),
      );
      const unit = targets[seed % Math.max(targets.length, 1)];
      // Art 34: no later than the case's own deadline; none is left once that has passed.
      const deadline = answerDeadline(p, defaultCalendar, now)?.dueDate;
      const wanted = addDays(today, seed % 10);
      const dueDate = deadline !== undefined && deadline < wanted ? deadline : wanted;
      return unit && dueDate >= today ? { unit, part: '核实情况', dueDate } : null;
    }
    case 'answer_assist': {
      const mine = openAssists(p).find((part) => actor.unit !== null && isWithin(part.unit, actor.unit));
      return { assistNo: mine?.no ?? 1, answer: '协办意见' };
    }
    case 'withdraw_assist':
      return {
        assistNo: openAssists(p)[seed % Math.max(openAssists(p).length, 1)]?.no ?? 1,
        reason: '不再需要',
      };
    case 'record_reward':
      return { reward: 'commendation', description: '通报表扬' };
    default:
      return {};
  }
}

export const start = fc.record({
  kind: fc.constantFrom(...PETITION_KINDS),
  receiving: fc.constantFrom(UNITS.group, UNITS.mine1),
  // Null: the petitioner did not know the unit; the petition office may name it while triaging.
  concerned: fc.option(fc.constantFrom(...Object.values(UNITS)), { nil: null, freq: 4 }),
  byReception: fc.boolean(),
  contactUnclear: fc.boolean(),
  // 集体访 (Art 20): a headcount and a representative, now and then.
  headcount: fc.option(fc.integer({ min: 5, max: 60 }), { nil: null, freq: 3 }),
});

export type Start = typeof start extends fc.Arbitrary<infer T> ? T : never;

export const step = fc.record({
  hours: fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 48 }), weight: 9 },
    { arbitrary: fc.integer({ min: 0, max: 40 * 24 }), weight: 1 },
  ),
  progress: fc.integer({ min: 0, max: 9 }),
  pick: fc.nat(),
  probe: fc.constantFrom(...CASE_ACTION_TYPES),
  seed: fc.nat(),
});

export function open(s: Start): Petition {
  const params = onlineParams({
    kind: s.kind,
    concernedUnit: s.concerned ?? undefined,
    contactUnclear: s.contactUnclear,
    ...(s.headcount ? { headcount: s.headcount, representatives: ['代表甲'] } : {}),
  });
  const decision = s.byReception
    ? register(
        {
          id: 'w',
          petitionerId: 'p1',
          receivingUnit: s.receiving,
          params: { ...params, channel: 'visit', receivedAt: T0 },
        },
        ACTORS.groupReception,
        later(T0, 0, 2),
      )
    : register({ id: 'w', petitionerId: 'p1', receivingUnit: s.receiving, params }, ACTORS.petitioner, T0);
  if (!decision.ok) throw new Error(decision.refusal.rule);
  return decision.petition;
}

export type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/**
 * Walks a petition opened from `s` through `steps`: each step waits, then someone takes an offered
 * action — mostly one that moves the case on, now and then an ending or just talk. Returns every
 * petition along the way, the first included; stops when nobody may act.
 */
export function walk(s: Start, steps: readonly Step[]): { petition: Petition; now: Instant }[] {
  let p = open(s);
  let now = later(T0, 0, 3);
  const path = [{ petition: p, now }];
  for (const { hours, progress, pick, seed } of steps) {
    now = later(now, 0, hours);
    const offers = POOL.flatMap((actor) =>
      allowedActions(p, actor, now).map((a) => ({ actor, type: a.type })),
    );
    if (offers.length === 0) break;
    const moving = offers.filter(
      (o) => !QUIET.includes(o.type) && (progress === 0 || !ENDINGS.includes(o.type)),
    );
    const pool = progress < 8 && moving.length > 0 ? moving : offers;
    const choice = pool[pick % pool.length] as (typeof pool)[number];
    const params = validParams(choice.type, p, choice.actor, now, seed);
    if (params === null) continue;
    const d = decide(p, { type: choice.type, params } as Action, choice.actor, now);
    if (!d.ok) throw new Error(`${choice.type} by ${choice.actor.id} in ${p.state}: ${d.refusal.rule}`);
    p = d.petition;
    path.push({ petition: p, now });
  }
  return path;
}
