import type { UnitRef } from '@xinfang/shared/lifecycle';
import type { StaffRole } from '@xinfang/shared/schemas/identity';

/** Who is calling, as loaded fresh from the database on every request (so a disabled account stops at once). */
export type Principal = StaffPrincipal | PetitionerPrincipal;

export interface StaffPrincipal {
  kind: 'staff';
  id: string;
  roles: readonly StaffRole[];
  /** Their scope: this unit and everything below it. */
  unit: UnitRef;
  /** A temporary password is still in use: nothing but changing it is allowed (OWASP ASVS V6.4). */
  mustChangePassword: boolean;
}

export interface PetitionerPrincipal {
  kind: 'petitioner';
  id: string;
}

export function isStaff(principal: Principal | null): principal is StaffPrincipal {
  return principal?.kind === 'staff';
}
