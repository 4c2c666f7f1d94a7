import {
  ACTION_SPECS,
  ATTACHMENTS_MAX,
  CONTENT_MAX,
  REPRESENTATIVES_MAX,
  TITLE_MAX,
} from '@xinfang/shared/lifecycle';
import type { Category, SubmitPetitionBody } from '@xinfang/shared/schemas/petitions';
import { copy } from '@/copy/zh-CN';
import type { SubmissionFields } from './fields';

export { EMPTY_FIELDS, type SubmissionFields } from './fields';

/**
 * The submission form's rules, checked on the phone before anything is sent, with the limits the
 * server enforces (they come from `shared`: the statute's five representatives, Art 20, and the
 * lengths of `ACTION_SPECS.register`). Plain functions of plain values, so they are unit-tested.
 */

type RegisterParam = (typeof ACTION_SPECS.register.params)[number];
function registerParam<N extends RegisterParam['name']>(name: N): Extract<RegisterParam, { name: N }> {
  return ACTION_SPECS.register.params.find((p) => p.name === name) as Extract<RegisterParam, { name: N }>;
}

export const LIMITS = {
  title: TITLE_MAX,
  content: CONTENT_MAX,
  location: registerParam('location').maxLength,
  photos: ATTACHMENTS_MAX,
  representatives: REPRESENTATIVES_MAX,
  representativeName: registerParam('representatives').itemMaxLength,
  headcountMin: registerParam('headcount').min,
  headcountMax: registerParam('headcount').max,
} as const;

/** What the form needs to know of a photo: whether the server has it yet. */
export interface PhotoStatus {
  attachmentId: string | null;
}

export type FieldName =
  | 'kind'
  | 'categoryCode'
  | 'concernedUnitId'
  | 'title'
  | 'content'
  | 'location'
  | 'photos'
  | 'headcount'
  | 'representatives';

export interface Problems {
  fields: Partial<Record<FieldName, string>>;
  /** One message (or null) per representative line. */
  representatives: (string | null)[];
}

/** Characters as the server counts them (JSON Schema `maxLength` counts code points). */
export function lengthOf(text: string): number {
  return [...text].length;
}

const blank = (text: string) => text.trim() === '';

export function validate(fields: SubmissionFields, photos: readonly PhotoStatus[]): Problems {
  const v = copy.validation;
  const problems: Problems['fields'] = {};
  if (!fields.kind) problems.kind = v.kindRequired;
  if (!fields.categoryCode) problems.categoryCode = v.categoryRequired;
  if (!fields.concernedUnitId && !fields.unitUnknown) problems.concernedUnitId = v.unitRequired;

  if (lengthOf(fields.title.trim()) > LIMITS.title) problems.title = v.titleTooLong(LIMITS.title);

  if (blank(fields.content)) problems.content = v.contentRequired;
  else if (lengthOf(fields.content.trim()) > LIMITS.content)
    problems.content = v.contentTooLong(LIMITS.content);

  if (lengthOf(fields.location.trim()) > LIMITS.location)
    problems.location = v.locationTooLong(LIMITS.location);

  if (photos.length > LIMITS.photos) problems.photos = v.photosTooMany(LIMITS.photos);
  else if (photos.some((p) => p.attachmentId === null)) problems.photos = v.photosNotUploaded;

  const representatives: (string | null)[] = fields.representatives.map(() => null);
  if (fields.collective) {
    const names = fields.representatives.filter((name) => !blank(name));
    const headcount = parseHeadcount(fields.headcount);
    if (headcount === null) problems.headcount = v.headcountInvalid;
    else if (headcount < names.length) problems.headcount = v.headcountTooSmall;

    if (names.length === 0) problems.representatives = v.representativesRequired;
    else if (fields.representatives.length > LIMITS.representatives)
      problems.representatives = v.representativesTooMany(LIMITS.representatives);
    fields.representatives.forEach((name, i) => {
      if (lengthOf(name.trim()) > LIMITS.representativeName)
        representatives[i] = v.representativeTooLong(LIMITS.representativeName);
      else if (blank(name) && fields.representatives.length > 1) representatives[i] = v.representativeBlank;
    });
    if (!problems.representatives && representatives.some((p) => p !== null))
      problems.representatives = representatives.find((p) => p !== null) ?? undefined;
  }
  return { fields: problems, representatives };
}

export function isValid(problems: Problems): boolean {
  return Object.keys(problems.fields).length === 0;
}

/** How many fields the form's summary says need work: the form's own and the name and address. */
export function countProblems(problems: Problems, profile: { realName: string; address: string }): number {
  const missing = [profile.realName, profile.address].filter((value) => blank(value)).length;
  return Object.keys(problems.fields).length + missing;
}

/** The headcount as an integer within the statute's bounds, or null. */
export function parseHeadcount(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= LIMITS.headcountMin && value <= LIMITS.headcountMax ? value : null;
}

/** How long a title made from the content may be: a line on a phone. */
export const DERIVED_TITLE_MAX = 30;

/**
 * A title from the content when the petitioner gave none: its first sentence (up to the first
 * full stop, question or exclamation mark, or line break), cut to a phone line with an ellipsis.
 */
export function titleFrom(content: string): string {
  const first =
    content
      .trim()
      .split(/[。！？!?\n]/)[0]
      ?.trim() || content.trim();
  const chars = [...first];
  return chars.length > DERIVED_TITLE_MAX ? `${chars.slice(0, DERIVED_TITLE_MAX - 1).join('')}…` : first;
}

/** The request body of a valid form, trimmed, optional fields left out when empty. */
export function toSubmitBody(fields: SubmissionFields, photos: readonly PhotoStatus[]): SubmitPetitionBody {
  if (!fields.kind || !fields.categoryCode || (!fields.concernedUnitId && !fields.unitUnknown)) {
    throw new Error('toSubmitBody needs a validated form');
  }
  const body: SubmitPetitionBody = {
    kind: fields.kind,
    categoryCode: fields.categoryCode,
    title: fields.title.trim() || titleFrom(fields.content),
    content: fields.content.trim(),
  };
  // 「不清楚，由信访办分办」: no unit, and the group's petition office routes it.
  if (fields.concernedUnitId && !fields.unitUnknown) body.concernedUnitId = fields.concernedUnitId;
  const location = fields.location.trim();
  if (location) body.location = location;
  const attachmentIds = photos.map((p) => p.attachmentId).filter((id): id is string => id !== null);
  if (attachmentIds.length > 0) body.attachmentIds = attachmentIds;
  if (fields.collective) {
    const headcount = parseHeadcount(fields.headcount);
    if (headcount !== null) body.headcount = headcount;
    body.representatives = fields.representatives.map((name) => name.trim()).filter(Boolean);
  }
  return body;
}

export interface Hint {
  key: 'kind' | 'category' | 'accusedUnit' | 'collective';
  text: string;
  tone: 'info' | 'warn';
}

/**
 * The hints for what has been chosen so far, in plain words (the statute behind them — Art 29–31,
 * 30, 20 — stays out of the sentence): what happens to this kind of petition, the category's own
 * hint from the server (e.g. a wage dispute may go to labour arbitration), that an accused unit
 * never sees the accusation, and the representatives rule for collective petitions.
 */
export function hintsFor(fields: SubmissionFields, categories: readonly Category[]): Hint[] {
  const hints: Hint[] = [];
  if (fields.kind) {
    hints.push({
      key: 'kind',
      text: copy.submit.kindHint[fields.kind],
      tone: fields.kind === 'accusation' ? 'warn' : 'info',
    });
  }
  const category = categories.find((c) => c.code === fields.categoryCode);
  if (category?.hint) hints.push({ key: 'category', text: category.hint, tone: 'warn' });
  if (fields.kind === 'accusation')
    hints.push({ key: 'accusedUnit', text: copy.submit.accusedUnitHint, tone: 'info' });
  if (fields.collective) hints.push({ key: 'collective', text: copy.submit.collectiveHint, tone: 'info' });
  return hints;
}

/** Representative lines after adding one (never more than the statute allows). */
export function addRepresentative(list: readonly string[]): string[] {
  return list.length >= LIMITS.representatives ? [...list] : [...list, ''];
}

export function removeRepresentative(list: readonly string[], index: number): string[] {
  const next = list.filter((_, i) => i !== index);
  return next.length === 0 ? [''] : next;
}
