import { type Static, Type } from 'typebox';
import { NotBlank } from './not-blank';
import { StringEnum } from './string-enum';

/**
 * Whether a desk registration was confirmed by the holder of its phone, as the staff petition page
 * shows it: `none` (no phone was registered), `pending`, `confirmed`, `declined`, or `undone` by
 * the desk; when it was answered or undone; whether I may undo it now, and the version to send.
 */
export const ClaimStateSchema = Type.Object({
  status: StringEnum(['none', 'pending', 'confirmed', 'declined', 'undone']),
  at: Type.Union([Type.String(), Type.Null()]),
  mayUndo: Type.Boolean(),
  version: Type.Integer(),
});
export type ClaimState = Static<typeof ClaimStateSchema>;

/** 认领有误: the version I saw and why (kept with the claim and in its audit entry). */
export const UndoClaimBodySchema = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: NotBlank(200, 'why the confirmation was wrong') },
  { additionalProperties: false },
);
export type UndoClaimBody = Static<typeof UndoClaimBodySchema>;

/** The new query code, answered once, for the real petitioner's new receipt. */
export const ClaimUndoneSchema = Type.Object({
  status: Type.Literal('undone'),
  queryCode: Type.String(),
  version: Type.Integer(),
});
export type ClaimUndone = Static<typeof ClaimUndoneSchema>;
