import { type Static, Type } from 'typebox';
import { ATTACHMENTS_MAX, CONTENT_MAX, ID_MAX } from '../lifecycle/action-specs';
import { PETITION_KINDS } from '../lifecycle/vocabulary';
import { UnitSummarySchema } from './identity';
import { StringEnum } from './string-enum';

/**
 * Co-handling (协办, Art 24): the parts a lead unit asks assisting units to answer, as the lead
 * unit's staff see them on the case, and as an assisting unit sees its own — the part and the case's
 * number and kind, never the petitioner nor the title, which often names him (an assisting unit
 * needs the question, not the person).
 */
const PersonSchema = Type.Object({ id: Type.String(), name: Type.String() });

/** `lapsed`: the case left the lead unit or ended; `withdrawn`: the lead unit took the part back. */
export const AssistStatusSchema = StringEnum(['open', 'answered', 'lapsed', 'withdrawn']);

export const AssistAnswerSchema = Type.Object({
  text: Type.String(),
  at: Type.String(),
  by: PersonSchema,
  attachmentIds: Type.Array(Type.String()),
});

export const AssistPartSchema = Type.Object({
  no: Type.Integer(),
  unit: UnitSummarySchema,
  part: Type.String(),
  dueDate: Type.String(),
  status: AssistStatusSchema,
  /** Open past its date: flagged for the lead unit and the assisting unit. */
  overdue: Type.Boolean(),
  answer: Type.Union([AssistAnswerSchema, Type.Null()]),
});
export type AssistPartView = Static<typeof AssistPartSchema>;

/** One part in an assisting unit's list. */
export const AssistRequestSchema = Type.Object({
  petitionId: Type.String(),
  number: Type.String(),
  kind: StringEnum(PETITION_KINDS),
  leadUnit: UnitSummarySchema,
  no: Type.Integer(),
  unit: UnitSummarySchema,
  part: Type.String(),
  dueDate: Type.String(),
  status: AssistStatusSchema,
  overdue: Type.Boolean(),
  requestedAt: Type.String(),
  answeredAt: Type.Union([Type.String(), Type.Null()]),
});
export type AssistRequest = Static<typeof AssistRequestSchema>;

export const AssistListQuerySchema = Type.Object({
  /** `open` (default): waiting for my unit's answer, nearest date first; `answered`: done. */
  status: Type.Optional(StringEnum(['open', 'answered'])),
});
export type AssistListQuery = Static<typeof AssistListQuerySchema>;

export const AssistAnswerBodySchema = Type.Object({
  answer: Type.String({ minLength: 1, maxLength: CONTENT_MAX, pattern: '\\S' }),
  attachmentIds: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: ID_MAX }), { maxItems: ATTACHMENTS_MAX }),
  ),
});
export type AssistAnswerBody = Static<typeof AssistAnswerBodySchema>;
