import type { StaffAccount, StaffRole } from '@xinfang/shared/schemas/identity';
import { adminCopy } from '@/copy/admin';
import { staffCopy } from '@/copy/staff';
import type { NewStaff } from '../services/admin-api';

/** An account's form as typed. */
export interface AccountForm {
  username: string;
  displayName: string;
  unitId: string;
  roles: StaffRole[];
  phone: string;
  credential: NewStaff['credential'];
}

export const EMPTY_ACCOUNT: AccountForm = {
  username: '',
  displayName: '',
  unitId: '',
  roles: [],
  phone: '',
  credential: 'invitation',
};

export function accountFormOf(account: StaffAccount): AccountForm {
  return {
    ...EMPTY_ACCOUNT,
    username: account.username,
    displayName: account.displayName,
    unitId: account.unit.id,
    roles: [...account.roles],
  };
}

export type AccountProblems = Partial<
  Record<'username' | 'displayName' | 'unitId' | 'roles' | 'phone', string>
>;

/** What the server would refuse, said before sending (the same rules as `shared`'s schemas). */
export function accountProblems(form: AccountForm, creating: boolean): AccountProblems {
  const problems: AccountProblems = {};
  if (creating && !/^[A-Za-z0-9._-]{3,64}$/.test(form.username.trim()))
    problems.username = adminCopy.account.usernameInvalid;
  if (!form.displayName.trim()) problems.displayName = staffCopy.form.required;
  if (!form.unitId) problems.unitId = staffCopy.form.required;
  if (form.roles.length === 0) problems.roles = adminCopy.account.rolesRequired;
  const phone = phoneOf(form);
  if (phone && !/^(\+?86)?1[3-9]\d{9}$/.test(phone)) problems.phone = adminCopy.account.phoneInvalid;
  return problems;
}

/** The phone as typed, without the spaces and dashes people write in it; empty when none. */
function phoneOf(form: AccountForm): string {
  return form.phone.replace(/[\s-]/g, '');
}

export function newStaffOf(form: AccountForm): NewStaff {
  const phone = phoneOf(form);
  return {
    username: form.username.trim(),
    displayName: form.displayName.trim(),
    unitId: form.unitId,
    roles: form.roles,
    credential: form.credential,
    ...(phone ? { phone } : {}),
  };
}

export type AccountChanges = Partial<{
  displayName: string;
  unitId: string;
  roles: StaffRole[];
  phone: string;
}>;

/**
 * Only what changed, so that saving a name does not also "change" the roles in the audit log. The
 * phone is shown masked, so it is never filled in: one typed is a new number.
 */
export function accountChanges(account: StaffAccount, form: AccountForm): AccountChanges {
  const changes: AccountChanges = {};
  if (form.displayName.trim() !== account.displayName) changes.displayName = form.displayName.trim();
  if (form.unitId !== account.unit.id) changes.unitId = form.unitId;
  const same =
    form.roles.length === account.roles.length && form.roles.every((r) => account.roles.includes(r));
  if (!same) changes.roles = form.roles;
  const phone = phoneOf(form);
  if (phone) changes.phone = phone;
  return changes;
}
