import type { CaseActionType } from './action-specs';
import { HANDLING_STATES, OPEN_STATES, type PetitionState, PRE_REPLY_STATES, TRIAGE_STATES } from './states';
import type { ActorRole } from './vocabulary';

/**
 * Who may do what, as data. An action is permitted when one of its grants matches: the actor has
 * one of the grant's roles, the petition is in one of its states, and the actor stands in the
 * grant's scope:
 * - `own`: the petitioner of this petition;
 * - `receiving` / `handling`: staff whose unit is the receiving / handling unit or above it;
 * - `holder`: the unit that holds the case now (receiving during triage, handling afterwards);
 * - `appealed_to`: staff whose unit is the one an appeal of the current answer goes to (the parent
 *   of the unit that answered, Art 35, 36) or above it;
 * - `referred_leader`: the leader the petition was referred to (呈阅);
 * - `responsible_leader`: the petition's 包案领导 (Art 18), in the stage they took it in and while
 *   their unit is the holding unit or above it (scope.ts);
 * - `above_holder`: staff whose unit is strictly above the unit that holds the case now;
 * - `supervised`: staff of the very unit a supervision notice awaiting an answer went to (Art 40);
 * - `issuing`: staff of the unit that issued a supervision notice whose answer awaits review;
 * - `assisting`: staff of a unit with an unanswered assisting part (协办, Art 24);
 * - `recusing`: staff who may lift a standing recusal: whoever decided it, or a head at or above
 *   their unit (Art 28, recusal.ts);
 * - `system`: the deadline job.
 * Staff are never in scope of a petition they are recused from or filed themselves (Art 28).
 * Admins and liaison officers hold no grant: they take no case actions.
 */
export type Scope =
  | 'own'
  | 'receiving'
  | 'handling'
  | 'holder'
  | 'above_holder'
  | 'appealed_to'
  | 'referred_leader'
  | 'responsible_leader'
  | 'supervised'
  | 'issuing'
  | 'assisting'
  | 'recusing'
  | 'system';

export interface Grant {
  roles: readonly ActorRole[];
  scope: Scope;
  states: readonly PetitionState[];
}

const UNIT_STAFF = ['handler', 'unit_head'] as const;
const LEADERS = ['unit_head', 'responsible_leader'] as const;
const ASSIGNED_ONWARD = ['assigned', ...HANDLING_STATES] as const;
/** A written answer has been issued: the stage's reply, or the final re-examination opinion. */
const ANSWERED = ['replied', 'final'] as const;

const triage = (states: readonly PetitionState[] = ['registered']): Grant => ({
  roles: ['reception'],
  scope: 'receiving',
  states,
});
const unit = (states: readonly PetitionState[], roles: readonly ActorRole[] = UNIT_STAFF): Grant => ({
  roles,
  scope: 'handling',
  states,
});
const petitioner = (states: readonly PetitionState[]): Grant => ({
  roles: ['petitioner'],
  scope: 'own',
  states,
});
const owningLeader = (states: readonly PetitionState[]): Grant => ({
  roles: LEADERS,
  scope: 'responsible_leader',
  states,
});

export const PERMISSIONS: Readonly<Record<CaseActionType, readonly Grant[]>> = {
  // Art 22, 23: the receiving unit routes; the assigned unit accepts or objects.
  notify: [triage(TRIAGE_STATES), unit(ASSIGNED_ONWARD)],
  // A referred case waits on one leader: the office may pass it to another or route it itself, so
  // that no referral leaves the case stuck (a leader who cannot act, or does not).
  forward: [triage(['registered', 'referred'])],
  assign: [triage(['registered', 'referred'])],
  refer: [triage(['registered', 'referred'])],
  instruct: [{ roles: LEADERS, scope: 'referred_leader', states: ['referred'] }],
  // Art 31: a request is diverted to its statutory procedure by the office at triage, or by the
  // handling unit once it finds, assigned or handling the case, that one applies (诉访分离).
  divert: [triage(), unit(['assigned', 'handling'])],
  // The system declines at registration when a matching case makes it inadmissible (Art 19 ¶3, 36 ¶3).
  decline: [triage(), { roles: ['system'], scope: 'system', states: ['registered'] }],
  set_concerned_unit: [triage()],
  accept: [triage(), unit(['assigned'])],
  object: [unit(['assigned'])],
  agree_objection: [triage(['objected'])],
  overrule_objection: [triage(['objected'])],
  // Handling (Art 31, 33): the handling unit works; the petitioner writes while the case is open.
  add_note: [triage(TRIAGE_STATES), unit([...ASSIGNED_ONWARD, 'replied']), owningLeader(OPEN_STATES)],
  send_message: [triage(TRIAGE_STATES), unit([...ASSIGNED_ONWARD, 'replied'])],
  petitioner_message: [petitioner(OPEN_STATES)],
  record_investigation: [unit(['handling'])],
  schedule_hearing: [unit(['handling'])],
  hold_hearing: [unit(['handling'])],
  record_mediation: [unit(['handling'])],
  // Art 34: the handling unit asks; its head (or the case's responsible leader) decides.
  request_extension: [unit(['handling'])],
  approve_extension: [unit(HANDLING_STATES, ['unit_head']), owningLeader(HANDLING_STATES)],
  refuse_extension: [unit(HANDLING_STATES, ['unit_head']), owningLeader(HANDLING_STATES)],
  // Art 32: drafted by the unit, approved by its head, then issued.
  draft_reply: [unit(['handling'])],
  approve_reply: [unit(['reply_drafted'], ['unit_head']), owningLeader(['reply_drafted'])],
  return_reply: [unit(['reply_drafted'], ['unit_head']), owningLeader(['reply_drafted'])],
  issue_reply: [unit(['reply_approved'])],
  // Art 35, 36 (送达): the petitioner's opening in the app; the answering unit's staff or the
  // receiving office record other deliveries; only the unit head corrects a date.
  receive_reply: [petitioner(ANSWERED)],
  record_delivery: [unit(ANSWERED, ['reception', 'handler', 'unit_head']), triage(ANSWERED)],
  correct_delivery: [unit(ANSWERED, ['unit_head'])],
  // Art 21, 35, 36: the petitioner rates and appeals their own petition; an appeal made by letter,
  // visit, call… (Art 17) is recorded for them by the reception of the unit it goes to.
  rate: [petitioner(['replied', 'final'])],
  request_review: [petitioner(['replied'])],
  request_re_examination: [petitioner(['replied'])],
  record_review_request: [{ roles: ['reception'], scope: 'appealed_to', states: ['replied'] }],
  record_re_examination_request: [{ roles: ['reception'], scope: 'appealed_to', states: ['replied'] }],
  withdraw: [petitioner(PRE_REPLY_STATES)],
  close: [{ roles: ['system'], scope: 'system', states: ['replied'] }],
  // Art 40: supervisors oversee the units below them (never their own); the supervised unit
  // answers; the issuing unit approves the answer or returns it for a new one.
  issue_supervision: [{ roles: ['supervisor'], scope: 'above_holder', states: OPEN_STATES }],
  answer_supervision: [{ roles: ['reception', ...UNIT_STAFF], scope: 'supervised', states: OPEN_STATES }],
  review_supervision: [{ roles: ['supervisor'], scope: 'issuing', states: OPEN_STATES }],
  // After an unsatisfied rating that cannot be appealed, the unit head decides on handling it again.
  decide_rehandling: [unit(['replied'], ['unit_head']), owningLeader(['replied'])],
  // Art 22: the receiving office asks the organ it forwarded to, and records what it was told.
  record_forward_outcome: [triage(['forwarded'])],
  // Art 18: a leader of the holding unit or above takes a case as its 包案领导.
  take_case: [{ roles: LEADERS, scope: 'holder', states: OPEN_STATES }],
  // Art 18: only the owning leader himself hands his 包案 back (transitions/oversight.ts says why).
  release_case: [owningLeader(OPEN_STATES)],
  // Art 24: the unit head names who answers for the case; the lead unit asks others to help with a
  // part, and only the unit asked answers it.
  set_handler: [unit([...ASSIGNED_ONWARD, 'replied'], ['unit_head'])],
  request_assist: [unit(['handling'])],
  answer_assist: [{ roles: UNIT_STAFF, scope: 'assisting', states: HANDLING_STATES }],
  withdraw_assist: [unit(['handling'])],
  // Art 28: staff recuse themselves; a unit head may recuse others of his own unit or below it
  // (the server checks the person's unit, recusal.ts). Only a head ever decides for another, so
  // only a head lifts a recusal: the one who decided it, or one at or above his unit.
  recuse: [triage(OPEN_STATES), unit(OPEN_STATES), owningLeader(OPEN_STATES)],
  lift_recusal: [{ roles: ['unit_head'], scope: 'recusing', states: OPEN_STATES }],
  // Art 29: a reward is the answering unit's decision "按照有关规定", so its head (or a head above
  // it) or the case's responsible leader records it, not the handler. Offered from acceptance on,
  // so that asking before the answer is refused by Art 29 itself, and after the closing too: the
  // rules that decide a reward take longer than the rating window.
  record_reward: [
    unit([...ASSIGNED_ONWARD, 'replied', 'resolved', 'concluded'], ['unit_head']),
    owningLeader([...ASSIGNED_ONWARD, 'replied', 'resolved', 'concluded']),
  ],
};
