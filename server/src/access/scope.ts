import type { ErrorCode } from '@xinfang/shared/errors';
import type { UnitRef } from '@xinfang/shared/lifecycle';
import { AppError } from '../errors';
import { decideTarget, type TargetType } from './policy';
import type { Principal } from './principal';

/**
 * For the rare second target a route cannot declare (moving an account or a unit to a new place,
 * the units named in an imported file): the same policy decision as the access hook makes for the
 * first. A refusal is a `ScopeRefusal`, which the access plugin audits like the hook's own.
 */
export function assertWithinScope(
  principal: Principal | null,
  unit: UnitRef | null,
  requestedId?: string,
): void {
  if (!principal) throw new AppError('UNAUTHENTICATED', '请先登录');
  const decision = decideTarget(principal, unit ? { units: [unit] } : null);
  if (!decision.allow) {
    throw new ScopeRefusal(decision.code, decision.message, {
      type: 'unit',
      id: unit?.id ?? requestedId ?? null,
    });
  }
}

/** A refusal on a target the route checked itself; carries the target for the audit log. */
export class ScopeRefusal extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly target: { type: TargetType; id: string | null },
  ) {
    super(code, message);
  }
}
