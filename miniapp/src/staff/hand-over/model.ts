import { PERMISSIONS } from '@xinfang/shared/lifecycle';
import type { HandOverBody, HandOverPlan } from '@xinfang/shared/schemas/hand-over';
import type { StaffMe } from '@xinfang/shared/schemas/identity';
import { staffCopy } from '@/copy/staff';

const text = staffCopy.handOver;

/** Whether this person names 承办人 (Art 24) and so may hand a person's cases over: as the server asks. */
export function mayHandOver(me: Pick<StaffMe, 'roles'>): boolean {
  return PERMISSIONS.set_handler.some((grant) =>
    grant.roles.some((role) => (me.roles as readonly string[]).includes(role)),
  );
}

export interface HandOverForm {
  successorId: string | null;
  reason: string;
}

export type HandOverProblems = Partial<Record<keyof HandOverForm, string>>;

/** What the form still lacks: a successor among those offered, and a reason (Art 24). */
export function handOverProblems(
  form: HandOverForm,
  plan: Pick<HandOverPlan, 'successors'>,
): HandOverProblems {
  const problems: HandOverProblems = {};
  if (!plan.successors.some((s) => s.id === form.successorId)) problems.successorId = text.problems.successor;
  if (form.reason.trim() === '') problems.reason = text.problems.reason;
  return problems;
}

/** The body sent, once the form has no problems: bound to the plan the head read. */
export function handOverBody(form: HandOverForm, plan: Pick<HandOverPlan, 'planVersion'>): HandOverBody {
  return { successorId: form.successorId ?? '', reason: form.reason.trim(), planVersion: plan.planVersion };
}

/** The successor's name as the confirm step and the result say it. */
export function successorName(plan: Pick<HandOverPlan, 'successors'>, id: string | null): string {
  return plan.successors.find((s) => s.id === id)?.displayName ?? '';
}
