export type { AccuserFacts, AccuserFirewall, AccuserViewer } from './accuser';
export {
  accuserFirewall,
  accuserHiddenFrom,
  accuses,
  caseFirewall,
  caseHiddenFrom,
  hidesAccuser,
} from './accuser';
export type {
  ActionSpec,
  ActionType,
  CaseActionType,
  ParamKind,
  ParamSpec,
  ParamsWith,
} from './action-specs';
export {
  ACTION_SPECS,
  ACTION_TYPES,
  ATTACHMENTS_MAX,
  CASE_ACTION_TYPES,
  COMMENT_MAX,
  CONTENT_MAX,
  EXTENSION_MAX_DAYS,
  ID_MAX,
  NAME_MAX,
  REASON_MAX,
  REPRESENTATIVES_MAX,
  TITLE_MAX,
} from './action-specs';
export type { Action, ActionOf, ParamsOf, RegisterParams } from './actions';
export type { Actor, AnyActor, SystemActor } from './actor';
export { hasRole, SYSTEM_ACTOR } from './actor';
export type { Admissibility } from './admissibility';
export {
  checkAppealRoute,
  checkFinality,
  checkPendingElsewhere,
  checkRecusal,
  repeatDecline,
} from './admissibility';
export type { AllowedAction, ParamDescriptor } from './allowed';
export { allowedActions } from './allowed';
export type { Decision } from './decide';
export { decide } from './decide';
export {
  type DeclineGuidanceAsk,
  declineBasisRefusal,
  declineGuidanceAsk,
  declineGuidanceRefusal,
  earlierCaseNumber,
} from './decline-basis';
export type { DecisionLetter, EventDataMap, EventOf, EventType, PetitionEvent, Visibility } from './events';
export { EVENT_VISIBILITY } from './events';
export type { AssistPart, AssistStatus, ReplyDelivery } from './facts';
export {
  assistParts,
  holderUnit,
  issuedBy,
  openAssists,
  openSupervisions,
  ownedByActiveLeader,
  rehandlingPending,
  replyDelivery,
} from './facts';
export { gate } from './gate';
export { appealUnitOf } from './guards';
export { checkParams } from './params';
export type { Grant, Scope } from './permissions';
export { PERMISSIONS } from './permissions';
export type { Collective, Extension, Petition, PetitionUnits, StageRating } from './petition';
export { liftableRecusals, recusalRefusal } from './recusal';
export type { ReferralLeader } from './referral';
export { referralRefusal } from './referral';
export { refusalErrorBody } from './refusal-error';
export type { RegisterInput } from './register';
export { register } from './register';
export type { Article, Refusal, RuleCategory, RuleId } from './rules';
export { citationZh, isGateRule, RULE_IDS, RULES, refuse } from './rules';
export type { PetitionState, TerminalState } from './states';
export {
  HANDLING_STATES,
  isTerminal,
  OPEN_STATES,
  PETITION_STATES,
  PRE_REPLY_STATES,
  TERMINAL_STATES,
  TRIAGE_STATES,
} from './states';
export type { UnitRef } from './units';
export { isUnitRef, isWithin, parentOf } from './units';
export * from './vocabulary';
