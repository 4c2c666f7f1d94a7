import type { AdminUnit } from '@xinfang/shared/schemas/admin';
import type { UnitKind } from '@xinfang/shared/schemas/identity';
import { adminCopy } from '@/copy/admin';
import { staffCopy } from '@/copy/staff';
import type { UnitBody } from '../services/admin-api';

/** A unit's form as typed: text everywhere, turned into the API's body on saving. */
export interface UnitForm {
  name: string;
  code: string;
  kind: UnitKind;
  parentId: string;
  receivesPetitions: boolean;
  address: string;
  receptionHours: string;
  phone: string;
  letterAddress: string;
  email: string;
  fax: string;
  onlineAddress: string;
}

export const CHANNEL_FIELDS = [
  'address',
  'receptionHours',
  'phone',
  'letterAddress',
  'email',
  'fax',
  'onlineAddress',
] as const satisfies readonly (keyof UnitForm)[];

export function formOf(unit: AdminUnit): UnitForm {
  return {
    name: unit.name,
    code: unit.code,
    kind: unit.kind,
    parentId: unit.parentId ?? '',
    receivesPetitions: unit.receivesPetitions,
    address: unit.address ?? '',
    receptionHours: unit.receptionHours ?? '',
    phone: unit.phone ?? '',
    letterAddress: unit.letterAddress ?? '',
    email: unit.email ?? '',
    fax: unit.fax ?? '',
    onlineAddress: unit.onlineAddress ?? '',
  };
}

/** A new unit one level below its parent (a mine's section, a section's team). */
export function newForm(parent: AdminUnit | undefined): UnitForm {
  const below: Record<UnitKind, UnitKind> = {
    group: 'mine',
    company: 'department',
    mine: 'department',
    department: 'section',
    section: 'team',
    team: 'team',
  };
  return {
    name: '',
    code: parent ? `${parent.code}-` : '',
    kind: parent ? below[parent.kind] : 'team',
    parentId: parent?.id ?? '',
    receivesPetitions: false,
    address: '',
    receptionHours: '',
    phone: '',
    letterAddress: '',
    email: '',
    fax: '',
    onlineAddress: '',
  };
}

export type UnitProblems = Partial<Record<'name' | 'code' | 'email', string>>;

export function unitProblems(form: UnitForm): UnitProblems {
  const problems: UnitProblems = {};
  if (!form.name.trim()) problems.name = staffCopy.form.required;
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(form.code.trim())) problems.code = adminCopy.unit.codeInvalid;
  if (form.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim()))
    problems.email = adminCopy.unit.emailInvalid;
  return problems;
}

/** The body to send: every field of the form (a blank channel is cleared). */
export function bodyOf(form: UnitForm): UnitBody & { code: string; name: string; kind: UnitKind } {
  const channel = (value: string) => value.trim() || null;
  return {
    code: form.code.trim(),
    name: form.name.trim(),
    kind: form.kind,
    receivesPetitions: form.receivesPetitions,
    address: channel(form.address),
    receptionHours: channel(form.receptionHours),
    phone: channel(form.phone),
    letterAddress: channel(form.letterAddress),
    email: channel(form.email),
    fax: channel(form.fax),
    onlineAddress: channel(form.onlineAddress),
  };
}
