import { type Static, Type } from 'typebox';
import { ID_MAX, REASON_MAX } from '../lifecycle/action-specs';
import { CalendarDateSchema } from './calendar-date';
import { UnitSummarySchema } from './identity';
import { StringEnum } from './string-enum';
import { SUGGESTION_ADOPTIONS } from './value-lists';

/**
 * Suggestions to improve work (改进建议, Art 40): a supervisor or leader, from a case (and often
 * from its supervision notice), tells a unit what to improve and by when to answer; the unit
 * answers; the issuer records whether it was adopted. Unanswered past the date, one is overdue.
 */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const DateSchema = CalendarDateSchema({ examples: ['2026-12-18'] });
const Id = Type.String({ minLength: 1, maxLength: ID_MAX, pattern: '\\S' });
const Text = Type.String({ minLength: 1, maxLength: REASON_MAX, pattern: '\\S' });

// A page's list of adoptions lives in a module that builds no schema (see value-lists.ts).
export { SUGGESTION_ADOPTIONS, type SuggestionAdoption } from './value-lists';

/** Waiting for the unit's answer, past its date, answered (adoption not yet recorded), decided. */
export const SUGGESTION_STATUSES = ['open', 'overdue', 'answered', 'decided'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export const NewSuggestionSchema = Type.Object(
  {
    /** The case it comes from. */
    petitionId: Id,
    /** The supervision notice it comes from, when it does. */
    supervisionNo: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    /** The unit told to improve (a unit of the issuer's subtree). */
    unitId: Id,
    suggestion: Text,
    /** The date its written answer is due. */
    dueDate: DateSchema,
  },
  { additionalProperties: false },
);
export type NewSuggestion = Static<typeof NewSuggestionSchema>;

export const SuggestionSchema = Type.Object({
  id: Type.String(),
  /** The case, or null where the viewer may not see it (an accusation kept from its unit, Art 30). */
  petition: Nullable(Type.Object({ id: Type.String(), number: Type.String(), title: Type.String() })),
  supervisionNo: Nullable(Type.Integer()),
  unit: UnitSummarySchema,
  issuedBy: Type.Object({ id: Type.String(), name: Type.String() }),
  issuedAt: Type.String({ format: 'date-time' }),
  suggestion: Type.String(),
  dueDate: DateSchema,
  status: StringEnum(SUGGESTION_STATUSES),
  answer: Nullable(Type.String()),
  answeredAt: Nullable(Type.String({ format: 'date-time' })),
  adoption: Nullable(StringEnum(SUGGESTION_ADOPTIONS)),
  adoptionNote: Nullable(Type.String()),
  decidedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type Suggestion = Static<typeof SuggestionSchema>;

export const SuggestionListSchema = Type.Object({ items: Type.Array(SuggestionSchema) });
export type SuggestionList = Static<typeof SuggestionListSchema>;

export const SuggestionQuerySchema = Type.Object({
  /** issued: those I issued; received: those to a unit of my subtree (default). */
  view: Type.Optional(StringEnum(['issued', 'received'])),
  status: Type.Optional(StringEnum([...SUGGESTION_STATUSES, 'all'])),
  /** Only those to this unit's subtree. */
  unitId: Type.Optional(Id),
});
export type SuggestionQuery = Static<typeof SuggestionQuerySchema>;

export const AnswerSuggestionSchema = Type.Object({ answer: Text }, { additionalProperties: false });
export const DecideSuggestionSchema = Type.Object(
  { adoption: StringEnum(SUGGESTION_ADOPTIONS), note: Text },
  { additionalProperties: false },
);
export type DecideSuggestion = Static<typeof DecideSuggestionSchema>;
