import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import type { NewSuggestion } from '@xinfang/shared/schemas/suggestions';
import type { CancelVisit, HoldVisit, NewVisit } from '@xinfang/shared/schemas/visits';
import { staffCopy } from '@/copy/staff';
import { buildUnitTree, unitPath } from '@/features/submission/units';
import { parseDate } from '../forms/dates';

/**
 * The forms of the oversight page as staff fill them — a suggestion to improve work (Art 40), a
 * 下访 planned and then held (Art 18) — checked before sending, in the words the page shows, and
 * turned into the API's bodies. The server checks again; this spares a round trip and says which
 * field is wrong.
 */

/** The units a person may name: their own and every unit below it, not retired. */
export function subtreeUnits(units: readonly OrgUnit[], rootId: string): OrgUnit[] {
  const tree = buildUnitTree(units);
  return units.filter((u) => !u.retired && unitPath(tree, u.id).some((p) => p.id === rootId));
}

export type Problems<K extends string> = Partial<Record<K, string>>;

const filled = (text: string) => text.trim() !== '';

export interface SuggestionFields {
  /** The case's number, typed where the form is not opened from a case. */
  number: string;
  unitId: string | null;
  suggestion: string;
  dueDate: string;
}

const SUGGESTION_WORDS = staffCopy.oversight.words;

/** What is missing or wrong; `fromCase`: the case is known, no number asked. */
export function suggestionProblems(
  f: SuggestionFields,
  today: string,
  fromCase: boolean,
): Problems<keyof SuggestionFields> {
  const due = parseDate(f.dueDate);
  const problems: Problems<keyof SuggestionFields> = {};
  if (!fromCase && !filled(f.number)) problems.number = SUGGESTION_WORDS.number;
  if (!f.unitId) problems.unitId = SUGGESTION_WORDS.unitId;
  if (!filled(f.suggestion)) problems.suggestion = SUGGESTION_WORDS.suggestion;
  if (!due || due <= today) problems.dueDate = SUGGESTION_WORDS.dueDate;
  return problems;
}

export function toSuggestionBody(f: SuggestionFields, petitionId: string): NewSuggestion {
  return {
    petitionId,
    unitId: f.unitId ?? '',
    suggestion: f.suggestion.trim(),
    dueDate: parseDate(f.dueDate) ?? f.dueDate,
  };
}

export interface VisitPlanFields {
  /** Null: the person planning goes themselves. */
  leaderId: string | null;
  unitId: string | null;
  place: string;
  date: string;
  topic: string;
}

const VISIT_WORDS = staffCopy.oversight.visitWords;

/** `selfLeads`: the person planning is a leader and may go themselves (no leader named). */
export function visitPlanProblems(
  f: VisitPlanFields,
  today: string,
  selfLeads: boolean,
): Problems<keyof VisitPlanFields> {
  const date = parseDate(f.date);
  const problems: Problems<keyof VisitPlanFields> = {};
  if (!selfLeads && !f.leaderId) problems.leaderId = VISIT_WORDS.leaderId;
  if (!f.unitId) problems.unitId = VISIT_WORDS.unitId;
  if (!filled(f.place)) problems.place = VISIT_WORDS.place;
  if (!date || date < today) problems.date = VISIT_WORDS.date;
  if (!filled(f.topic)) problems.topic = VISIT_WORDS.topic;
  return problems;
}

export function toVisitBody(f: VisitPlanFields): NewVisit {
  return {
    ...(f.leaderId ? { leaderId: f.leaderId } : {}),
    unitId: f.unitId ?? '',
    place: f.place.trim(),
    date: parseDate(f.date) ?? f.date,
    topic: f.topic.trim(),
  };
}

export interface HoldFields {
  summary: string;
  people: string;
}

/** 人次 as typed: a whole number, 0 to 100 000 (the API's bounds). */
export function peopleOf(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n <= 100_000 ? n : null;
}

export function holdProblems(f: HoldFields): Problems<keyof HoldFields> {
  const problems: Problems<keyof HoldFields> = {};
  if (!filled(f.summary)) problems.summary = VISIT_WORDS.summary;
  if (peopleOf(f.people) === null) problems.people = VISIT_WORDS.people;
  return problems;
}

export function toHoldBody(f: HoldFields): HoldVisit {
  return { summary: f.summary.trim(), people: peopleOf(f.people) ?? 0 };
}

/** Why a planned visit does not happen: written down, as the server keeps it (at most 200). */
export function cancelProblems(reason: string): Problems<'reason'> {
  return filled(reason) ? {} : { reason: VISIT_WORDS.cancelReason };
}

export function toCancelBody(reason: string): CancelVisit {
  return { reason: reason.trim() };
}

export const isClean = (problems: Record<string, string | undefined>) =>
  Object.values(problems).every((p) => p === undefined);
