import { ROLES } from '@xinfang/shared/lifecycle';
import type { StaffRole, UnitKind } from '@xinfang/shared/schemas/identity';
import { adminCopy } from '@/copy/admin';

/** The roles a staff account can hold, in the statute's order (from the lifecycle, which the app bundles). */
export const STAFF_ROLE_LIST = ROLES.filter((role): role is StaffRole => role !== 'petitioner');

/** Unit levels from the group down (the copy names every one, so its keys are the list). */
export const UNIT_KIND_LIST = Object.keys(adminCopy.kinds) as UnitKind[];
