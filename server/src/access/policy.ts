import type { ErrorCode } from '@xinfang/shared/errors';
import { type AccuserFacts, caseHiddenFrom, type UnitRef } from '@xinfang/shared/lifecycle';
import type { StaffRole } from '@xinfang/shared/schemas/identity';
import type { Principal, StaffPrincipal } from './principal';

/**
 * The one policy that decides every request: role × action × the target's unit relative to the
 * caller's subtree × recusal (信访工作条例 Art 28). Routes declare what they need as `RouteAccess`;
 * the access plugin asks this module and nothing else.
 */

/** What a route needs from its caller. Every `/api` route declares one; a route without fails at boot. */
export type RouteAccess =
  /** Anyone, signed in or not. */
  | { public: true }
  /**
   * Any signed-in person; when a target is named, its owner or staff whose subtree holds it.
   * `staffRoles`: staff pass only holding one of these (petitioners always pass), e.g. uploads,
   * which petitioners make for themselves and only reception makes for others.
   * `whileChangingPassword`: also open to staff still on a temporary password, who may do nothing
   * else (only "who am I" and changing the password say so).
   */
  | {
      signedIn: true;
      staffRoles?: readonly StaffRole[];
      target?: TargetSpec;
      whileChangingPassword?: true;
    }
  /** A signed-in petitioner, acting on their own data. */
  | { petitioner: true; target?: TargetSpec }
  /** Staff holding one of these roles; when a target is named, it must lie in their subtree. */
  | { staff: readonly StaffRole[]; target?: TargetSpec };

/** Where a route's target is named, and what kind of thing it is. */
export interface TargetSpec {
  type: TargetType;
  /** A route parameter or a body field holding the target's id. */
  from: { param: string } | { body: string };
}

export type TargetType = 'unit' | 'staff' | 'petition' | 'attachment' | 'reply_template' | 'document';

/** What the policy needs to know about a target: who owns it, the units it belongs to, who must not see it. */
export interface TargetScope {
  /** The account it belongs to (a petitioner's own petition, an uploader's attachment): always allowed. */
  ownerId?: string;
  units: readonly UnitRef[];
  /** Staff with a direct interest in the matter (Art 28): they may not see or act on it. */
  recusedStaffIds?: readonly string[];
  /** Answer "not found" rather than "forbidden", so the caller does not learn that it exists. */
  hideExistence?: boolean;
  /**
   * A petition's kind and accused unit: staff inside the accused unit may not see an accusation,
   * whichever unit holds it (Art 30, `caseFirewall`).
   */
  accusation?: AccuserFacts;
}

export type Decision =
  | { allow: true }
  | { allow: false; status: 401 | 403 | 404; code: ErrorCode; message: string };

const ALLOW: Decision = { allow: true };
const deny = (status: 401 | 403 | 404, code: ErrorCode, message: string): Decision => ({
  allow: false,
  status,
  code,
  message,
});

export function decideRoute(principal: Principal | null, access: RouteAccess): Decision {
  if ('public' in access) return ALLOW;
  if (!principal) return deny(401, 'UNAUTHENTICATED', '请先登录');
  // A temporary password (created or reset by an admin) opens nothing but changing it (ASVS V6.4),
  // whatever else the route would allow: checked before any other kind of access.
  if (principal.kind === 'staff' && principal.mustChangePassword) {
    return 'signedIn' in access && access.whileChangingPassword
      ? ALLOW
      : deny(403, 'FORBIDDEN', '请先修改临时密码');
  }
  if ('signedIn' in access) {
    if (principal.kind === 'petitioner' || !access.staffRoles) return ALLOW;
    return holdsRole(principal, access.staffRoles);
  }
  if ('petitioner' in access) {
    return principal.kind === 'petitioner' ? ALLOW : deny(403, 'FORBIDDEN', '仅限信访人本人使用');
  }
  if (principal.kind !== 'staff') return deny(403, 'FORBIDDEN', '仅限工作人员使用');
  return holdsRole(principal, access.staff);
}

function holdsRole(principal: StaffPrincipal, roles: readonly StaffRole[]): Decision {
  return principal.roles.some((role) => roles.includes(role))
    ? ALLOW
    : deny(403, 'FORBIDDEN', '您的角色无权进行此操作');
}

export function decideTarget(principal: Principal, target: TargetScope | null): Decision {
  const notFound = deny(404, 'NOT_FOUND', '没有找到');
  if (!target) return notFound;
  const outOfScope = target.hideExistence ? notFound : deny(403, 'FORBIDDEN', '不在您的管辖范围内');
  if (target.ownerId !== undefined && target.ownerId === principal.id) return ALLOW;
  if (principal.kind !== 'staff') return outOfScope;
  if (target.recusedStaffIds?.includes(principal.id)) return notFound;
  if (target.accusation && caseHiddenFrom(principal, target.accusation)) return notFound;
  return target.units.some((unit) => unit.path.includes(principal.unit.id)) ? ALLOW : outOfScope;
}
