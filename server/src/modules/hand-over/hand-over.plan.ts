import { createHash } from 'node:crypto';
import type { Calendar } from '@xinfang/shared/clocks';
import {
  type Action,
  type Actor,
  decide,
  PERMISSIONS,
  type Petition,
  type PetitionState,
  type Refusal,
  type RuleId,
  refuse,
} from '@xinfang/shared/lifecycle';

/**
 * 一键移交 as the lifecycle sees it: every case a 承办人 answers for, each the unit head's change of
 * 承办人 (`set_handler`, Art 24) to one successor — so each is refused exactly as it would be alone
 * (the head's own scope and recusal, the successor recused or the petitioner, Art 28), and the
 * hand-over is all or nothing.
 */
export interface HeldCase {
  number: string;
  petition: Petition;
}

export interface CaseRefusal {
  number: string;
  refusal: Refusal;
}

/** The states in which a unit head may change a case's 承办人 (the lifecycle's own grant). */
const REASSIGNABLE: ReadonlySet<PetitionState> = new Set(PERMISSIONS.set_handler.flatMap((g) => g.states));

/**
 * Why a case he answers for cannot be handed on now, in plain Chinese, or null when it can. Under
 * objection the sending office decides (Art 23 ¶3): agreed, the case leaves the unit and needs no
 * 承办人; overruled, it comes back to the unit, and the head hands it on then.
 */
export function blockedWhy(state: PetitionState): string | null {
  if (REASSIGNABLE.has(state)) return null;
  return state === 'objected'
    ? '本单位对这件交办提出了异议，要等信访部门处理异议；处理后如仍由本单位办理，再移交'
    : '这件事项现在不能改派承办人';
}

/**
 * The plan the unit head read, as a digest of every case the person answers for (ids and
 * versions, in any order): a case assigned to him, gone, or changed since changes it.
 */
export function planVersion(cases: readonly Pick<Petition, 'id' | 'version'>[]): string {
  const lines = cases.map((c) => `${c.id}:${c.version}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('base64url');
}

/** The lifecycle's change of 承办人, with the hand-over's reason (Art 24: owed for a change). */
export function setHandler(successorId: string, reason: string): Action {
  return { type: 'set_handler', params: { staffId: successorId, reason } };
}

/** Each case the lifecycle refuses to hand to `successorId`, with its refusal. */
export function caseRefusals(
  cases: readonly HeldCase[],
  change: { successorId: string; reason: string },
  actor: Actor,
  now: string,
  calendar: Calendar,
): CaseRefusal[] {
  const action = setHandler(change.successorId, change.reason);
  return cases.flatMap(({ number, petition }) => {
    const decision = decide(petition, action, actor, now, calendar);
    return decision.ok ? [] : [{ number, refusal: decision.refusal }];
  });
}

/**
 * One refusal for the whole hand-over: the first case's rule and article for clients, and for
 * people every refused case's number under each rule that refuses it, in the order met.
 */
export function handOverRefusal(refused: readonly CaseRefusal[]): Refusal {
  const first = refused[0];
  if (!first) throw new RangeError('handOverRefusal: no case was refused');
  const byRule = new Map<RuleId, string[]>();
  for (const { number, refusal } of refused)
    byRule.set(refusal.rule, [...(byRule.get(refusal.rule) ?? []), number]);
  const parts = [...byRule].map(
    ([rule, numbers]) => refuse(rule, { message: `信访事项 ${numbers.join('、')}` }).message,
  );
  // The lifecycle names the person `staffId`; the hand-over's body names him `successorId`.
  const param = first.refusal.param === 'staffId' ? 'successorId' : first.refusal.param;
  return {
    ...first.refusal,
    ...(param === undefined ? {} : { param }),
    message: `${new Set(refused.map((r) => r.number)).size} 件信访事项不能交给所选人员承办，全部未移交。${parts.join('；')}`,
  };
}
