/**
 * The closed vocabularies of petition work, in the glossary's English names (handbook/domain.md).
 * Each list is data so the UI, the schemas and the database can enumerate it.
 */

/** 信访工作条例 Art 29–31: 建议意见类 / 检举控告类 / 申诉求决类. */
export const PETITION_KINDS = ['suggestion', 'accusation', 'request'] as const;
export type PetitionKind = (typeof PETITION_KINDS)[number];

/** Art 17, 21: 网上 / 来信 / 来访 / 来电 / 传真 / 电子邮件. */
export const CHANNELS = ['online', 'letter', 'visit', 'call', 'fax', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
/** The channels staff write down for a petitioner; online, the petitioner writes for themselves. */
export const DESK_CHANNELS = [
  'letter',
  'visit',
  'call',
  'fax',
  'email',
] as const satisfies readonly Channel[];
export type DeskChannel = (typeof DESK_CHANNELS)[number];

/** The people who act on petitions. Admins and liaison officers take no case actions. */
export const ROLES = [
  'petitioner',
  'reception',
  'handler',
  'unit_head',
  'responsible_leader',
  'supervisor',
  'liaison_officer',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];
/** Who acted: a role, or the system's deadline job for time-driven transitions. */
export type ActorRole = Role | 'system';

/** First answer, 复查 (Art 35), 复核 (Art 36). */
export const STAGES = ['first', 'review', 're_examination'] as const;
export type Stage = (typeof STAGES)[number];

/** 诉访分离 (Art 28, 31 (1)–(3)): the statutory procedures a request is diverted to. */
export const DIVERSION_ROUTES = [
  'litigation',
  'arbitration',
  'administrative_review',
  'party_appeal',
  'law_enforcement',
] as const;
export type DiversionRoute = (typeof DIVERSION_ROUTES)[number];

/** 满意度评价 (Art 21). */
export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

/** Art 32: 予以支持 / 解释说明 / 不予支持 — the outcomes of a decision letter on a request. */
export const REQUEST_OUTCOMES = ['support', 'explain', 'not_support'] as const;
/** Art 29: a suggestion is adopted, partly adopted or not adopted. */
export const SUGGESTION_OUTCOMES = ['adopted', 'partly_adopted', 'not_adopted'] as const;
/** Art 30: the finding on an accusation (查实 / 部分查实 / 不实) — practice, not statute text. */
export const ACCUSATION_OUTCOMES = ['substantiated', 'partly_substantiated', 'unsubstantiated'] as const;
export const REPLY_OUTCOMES = [...REQUEST_OUTCOMES, ...SUGGESTION_OUTCOMES, ...ACCUSATION_OUTCOMES] as const;
export type ReplyOutcome = (typeof REPLY_OUTCOMES)[number];

/** Which outcomes a decision letter may state, by kind. */
export const OUTCOMES_BY_KIND: Readonly<Record<PetitionKind, readonly ReplyOutcome[]>> = {
  request: REQUEST_OUTCOMES,
  suggestion: SUGGESTION_OUTCOMES,
  accusation: ACCUSATION_OUTCOMES,
};

/** Statutory grounds for declining (不予受理). */
export const DECLINE_GROUNDS = [
  'pending_elsewhere',
  'already_final',
  'not_a_petition_matter',
  'other',
] as const;
export type DeclineGround = (typeof DECLINE_GROUNDS)[number];

/** What a supervision notice is about (Art 40): delay, evasion, falsification, or otherwise. */
export const SUPERVISION_CONCERNS = ['delay', 'evasion', 'falsification', 'other'] as const;
export type SupervisionConcern = (typeof SUPERVISION_CONCERNS)[number];
/** Art 40: the issuing unit approves a written answer, or returns it for a new one. */
export const SUPERVISION_REVIEWS = ['approved', 'returned'] as const;
export type SupervisionReview = (typeof SUPERVISION_REVIEWS)[number];

/** Art 33: a mediation ends with a settlement agreement or without one. */
export const MEDIATION_RESULTS = ['agreement', 'no_agreement'] as const;
export type MediationResult = (typeof MEDIATION_RESULTS)[number];

/**
 * 送达: how a written answer reached the petitioner. `app`: the petitioner opened it in the app
 * (recorded by the system at the first opening); `in_person`: handed over against a signed
 * 送达回证; `post`: by post, received on the date of the postal receipt; `visit`: read out to the
 * petitioner at a visit. The appeal windows run from the day it was received (Art 35, 36).
 */
export const DELIVERY_METHODS = ['app', 'in_person', 'post', 'visit'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
/** The methods staff record; `app` is recorded only by the petitioner's own opening. */
export const STAFF_DELIVERY_METHODS = [
  'in_person',
  'post',
  'visit',
] as const satisfies readonly DeliveryMethod[];

/**
 * Art 29: what a unit gives a petitioner whose adopted suggestion contributed to development, to
 * improving work or to the public interest (奖励), as 有关规定 provide: a public commendation
 * (通报表扬), a cash award (奖金), an honour (荣誉称号、证书), or another form the text describes.
 */
export const REWARD_KINDS = ['commendation', 'bonus', 'honour', 'other'] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];
