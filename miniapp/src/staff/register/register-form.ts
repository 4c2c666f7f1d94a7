import type { Channel } from '@xinfang/shared/lifecycle';
import type { Attachment, PetitionerMatch, RegisterPetitionBody } from '@xinfang/shared/schemas/petitions';
import { staffCopy } from '@/copy/staff';
import { EMPTY_FIELDS, type SubmissionFields } from '@/features/submission/fields';
import { type FieldName as MatterField, toSubmitBody, validate } from '@/features/submission/form';
import { beijingInstant, beijingParts } from '../forms/dates';

/**
 * Registering a letter, visit, call, fax or e-mail on a petitioner's behalf (Art 17, 19, 21):
 * who (found by phone, or created), how and when it arrived (the clocks start there), and the
 * matter itself with the same rules as an online submission (`features/submission/form.ts`: the
 * lifecycle's limits, Art 20's representatives). The draft keeps the idempotency key with it, so a
 * registration whose answer was lost is sent again as the same one.
 */

export type RegisterChannel = Exclude<Channel, 'online'>;
export const REGISTER_CHANNELS: RegisterChannel[] = ['visit', 'letter', 'call', 'fax', 'email'];

export interface NewPetitioner {
  realName: string;
  phone: string;
  idNumber: string;
  address: string;
}

export type PetitionerChoice =
  | { mode: 'none' }
  | { mode: 'existing'; match: PetitionerMatch }
  | ({ mode: 'new' } & NewPetitioner);

export interface RegisterFields extends SubmissionFields {
  channel: RegisterChannel | null;
  receivedDate: string;
  receivedTime: string;
  /** Art 23 ¶2: no written notice is owed when the name or address is unclear. */
  contactUnclear: boolean;
  lookupPhone: string;
  petitioner: PetitionerChoice;
}

export interface RegisterDraft {
  schema: 1;
  idempotencyKey: string;
  fields: RegisterFields;
  /** Scans and photos already uploaded. */
  attachments: Attachment[];
  /** The exact body sent, while its answer has not arrived: a retry sends it again, same key. */
  pending: RegisterPetitionBody | null;
  /** Phone or ID numbers were typed and left out of the device's copy: they are asked for again. */
  numbersLeftOut?: boolean;
}

/**
 * The draft as kept on the device, for up to a week: without the petitioner's phone and ID
 * numbers, nor the phone looked up (PIPL Art 19: personal data kept no longer than needed; a
 * desk computer is shared). A body waiting for its answer that carried them cannot be sent again
 * as it was: the form is kept instead, with the same key, so the numbers typed again as before
 * make the same request and the server answers it once.
 */
export function storedRegisterDraft(draft: RegisterDraft): RegisterDraft {
  const { fields, pending } = draft;
  const p = fields.petitioner;
  const typed = p.mode === 'new' && (p.phone.trim() !== '' || p.idNumber.trim() !== '');
  const sent = pending !== null && ('phone' in pending.petitioner || 'idNumber' in pending.petitioner);
  return {
    ...draft,
    fields: {
      ...fields,
      lookupPhone: '',
      petitioner: p.mode === 'new' ? { ...p, phone: '', idNumber: '' } : p,
    },
    pending: sent ? null : pending,
    numbersLeftOut: Boolean(draft.numbersLeftOut) || typed || sent,
  };
}

/** What to hand the petitioner: shown (and printable) until the next registration begins. */
export interface RegisterReceipt {
  petitionId: string;
  number: string;
  queryCode: string;
  petitionerName: string | null;
  /** Registered with a phone number: the person can sign in with it to read the reply. */
  petitionerPhone: boolean;
  receivedAt: string;
  channel: RegisterChannel;
  /** An accusation about the desk's own unit went to this office above it (Art 30). */
  handedUpTo?: string;
}

export function emptyRegisterFields(now: number): RegisterFields {
  const { date, time } = beijingParts(now);
  return {
    ...EMPTY_FIELDS,
    representatives: [''],
    channel: null,
    receivedDate: date,
    receivedTime: time,
    contactUnclear: false,
    lookupPhone: '',
    petitioner: { mode: 'none' },
  };
}

export function newRegisterDraft(now: number, newKey: () => string): RegisterDraft {
  return {
    schema: 1,
    idempotencyKey: newKey(),
    fields: emptyRegisterFields(now),
    attachments: [],
    pending: null,
  };
}

export type RegisterField =
  | MatterField
  | 'channel'
  | 'received'
  | 'petitioner'
  | 'realName'
  | 'phone'
  | 'idNumber'
  | 'address';

export interface RegisterProblems {
  fields: Partial<Record<RegisterField, string>>;
  representatives: (string | null)[];
}

const PHONE = /^(\+?86)?1[3-9]\d{9}$/;
const ID_NUMBER = /^\d{17}[\dXx]$/;
/** A minute of slack for the clock of the desk computer. */
const FUTURE_SLACK_MS = 60_000;

export function receivedAtOf(fields: RegisterFields): string | null {
  return beijingInstant(fields.receivedDate, fields.receivedTime);
}

export function validateRegister(
  fields: RegisterFields,
  attachments: readonly Attachment[],
  now: number,
): RegisterProblems {
  const m = staffCopy.register;
  const matter = validate(
    fields,
    attachments.map((a) => ({ attachmentId: a.id })),
  );
  const problems: RegisterProblems['fields'] = { ...matter.fields };
  // The same rules as online, in the desk's words: its fields are 类别 and 反映的单位.
  if (problems.kind) problems.kind = m.kindRequired;
  if (problems.concernedUnitId) problems.concernedUnitId = m.unitRequired;
  if (!fields.channel) problems.channel = m.channelRequired;
  const receivedAt = receivedAtOf(fields);
  if (!receivedAt) problems.received = m.receivedInvalid;
  else if (Date.parse(receivedAt) > now + FUTURE_SLACK_MS) problems.received = m.receivedFuture;

  const p = fields.petitioner;
  if (p.mode === 'none') problems.petitioner = m.petitionerRequired;
  if (p.mode === 'new') {
    if (!p.realName.trim()) problems.realName = m.nameRequired;
    else if ([...p.realName.trim()].length > 32) problems.realName = staffCopy.form.tooLong(32);
    if (p.phone.trim() && !PHONE.test(p.phone.trim())) problems.phone = m.phoneInvalid;
    if (p.idNumber.trim() && !ID_NUMBER.test(p.idNumber.trim())) problems.idNumber = m.idNumberInvalid;
    if ([...p.address.trim()].length > 200) problems.address = staffCopy.form.tooLong(200);
  }
  return { fields: problems, representatives: matter.representatives };
}

export function registerIsValid(problems: RegisterProblems): boolean {
  return Object.keys(problems.fields).length === 0;
}

/** The request body of a valid form. */
export function toRegisterBody(
  fields: RegisterFields,
  attachments: readonly Attachment[],
): RegisterPetitionBody {
  const receivedAt = receivedAtOf(fields);
  if (!fields.channel || !receivedAt || fields.petitioner.mode === 'none')
    throw new Error('toRegisterBody needs a validated form');
  const matter = toSubmitBody(
    fields,
    attachments.map((a) => ({ attachmentId: a.id })),
  );
  const p = fields.petitioner;
  let petitioner: RegisterPetitionBody['petitioner'];
  if (p.mode === 'existing') petitioner = { id: p.match.id };
  else {
    const created: { realName: string; phone?: string; idNumber?: string; address?: string } = {
      realName: p.realName.trim(),
    };
    if (p.phone.trim()) created.phone = p.phone.trim();
    if (p.idNumber.trim()) created.idNumber = p.idNumber.trim().toUpperCase();
    if (p.address.trim()) created.address = p.address.trim();
    petitioner = created;
  }
  const body: RegisterPetitionBody = { ...matter, channel: fields.channel, receivedAt, petitioner };
  if (fields.contactUnclear) body.contactUnclear = true;
  return body;
}

/** Whether the petitioner was registered with a phone number (found by it, or given one). */
export function petitionerHasPhone(fields: RegisterFields): boolean {
  const p = fields.petitioner;
  return p.mode === 'existing' || (p.mode === 'new' && p.phone.trim() !== '');
}

/** The petitioner's name to print on the receipt. */
export function petitionerNameOf(fields: RegisterFields): string | null {
  const p = fields.petitioner;
  if (p.mode === 'existing') return p.match.realName;
  if (p.mode === 'new') return p.realName.trim() || null;
  return null;
}
