import { type Static, Type } from 'typebox';
import { REASON_MAX } from '../lifecycle/action-specs';
import { HeldPetitionsSchema } from './admin';
import { UnitSummarySchema } from './identity';
import { NotBlank } from './not-blank';

/**
 * 一键移交 (Art 24): a unit head hands every open case a 承办人 answers for to one successor of
 * the handling unit, in one step, each as the lifecycle's change of 承办人 — before the person
 * changes post, or when the load must move. Staff are named by id and name only.
 */
const PersonSchema = Type.Object({ id: Type.String(), displayName: Type.String() });

/**
 * A case he answers for that no unit head may hand on now (its state allows no change of 承办人,
 * e.g. under objection, which the sending office decides, Art 23): left where it is, and said why.
 */
export const BlockedCaseSchema = Type.Object({
  number: Type.String(),
  state: Type.String(),
  /** Plain Chinese for the unit head: why it cannot go, and when it can. */
  why: Type.String(),
});

/** The plan the unit head read: a digest of the cases (ids and versions) the hand-over binds to. */
export const PlanVersionSchema = Type.String({ minLength: 1, maxLength: 64 });

/**
 * What a hand-over would move, for its page: the person, the open cases that would move (numbers
 * and states), those that cannot move now and why, and those who may lawfully take every case
 * that moves — the handling unit's active case workers, not recused from any, whom the unit head
 * asking may name (none: the cases must go one by one). `planVersion` goes back with the POST.
 */
export const HandOverPlanSchema = Type.Object({
  person: Type.Object({ ...PersonSchema.properties, unit: UnitSummarySchema }),
  cases: HeldPetitionsSchema,
  blocked: Type.Array(BlockedCaseSchema),
  successors: Type.Array(PersonSchema),
  planVersion: PlanVersionSchema,
});
export type HandOverPlan = Static<typeof HandOverPlanSchema>;

export const HandOverBodySchema = Type.Object(
  {
    successorId: Type.String({ minLength: 1, maxLength: 26 }),
    /** Art 24: a 承办人 is changed only with a reason; it goes into each case's record. */
    reason: NotBlank(REASON_MAX, '移交理由'),
    /** The plan's version as read: any case added, gone or changed since refuses the hand-over. */
    planVersion: PlanVersionSchema,
  },
  { additionalProperties: false },
);
export type HandOverBody = Static<typeof HandOverBodySchema>;

/** What was handed over: every case, to whom (all or nothing). */
export const HandOverResultSchema = Type.Object({
  successor: PersonSchema,
  cases: HeldPetitionsSchema,
});
export type HandOverResult = Static<typeof HandOverResultSchema>;
