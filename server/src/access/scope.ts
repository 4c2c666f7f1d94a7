import type { UnitRef } from '@xinfang/shared/lifecycle';
import { AppError } from '../errors';
import { decideTarget } from './policy';
import type { Principal } from './principal';

/**
 * For the rare second target a route cannot declare (moving an account or a unit to a new place):
 * the same policy decision as the access hook makes for the first.
 */
export function assertWithinScope(principal: Principal | null, unit: UnitRef | null): void {
  if (!principal) throw new AppError('UNAUTHENTICATED', '请先登录');
  const decision = decideTarget(principal, unit ? { units: [unit] } : null);
  if (!decision.allow) throw new AppError(decision.code, decision.message);
}
