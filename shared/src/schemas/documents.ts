import { type Static, Type } from 'typebox';
import { COMMENT_MAX, ID_MAX, NAME_MAX, REASON_MAX } from '../lifecycle/action-specs';
import { DELIVERY_METHODS, STAFF_DELIVERY_METHODS, STAGES } from '../lifecycle/vocabulary';
import { CalendarDateSchema } from './calendar-date';
import { UnitSummarySchema } from './identity';
import { StringEnum } from './string-enum';

/**
 * Written notices as documents (书面告知, 处理意见书, 复查/复核意见书, 督办单, 调解协议书, 送达回证):
 * what the API lists and how deliveries are recorded. The documents themselves are PDFs.
 */

/**
 * Every kind of written notice, and the statute that calls for it: the notices of Art 22–23 (受理,
 * 不予受理, 转送, 交办, 诉访分离 and plain 告知), the extension of Art 34, the written answers of Art 32
 * (for a suggestion or accusation, Art 29–30), 35 and 36, the supervision notice of Art 40, the
 * agreement of Art 33, and the proof of delivery that travels with each written answer.
 */
export const DOCUMENT_TYPES = [
  'acceptance_notice',
  'decline_notice',
  'forwarding_notice',
  'assignment_notice',
  'diversion_notice',
  'general_notice',
  'extension_notice',
  'decision',
  'reply',
  'review_decision',
  're_examination_decision',
  'supervision_notice',
  'mediation_agreement',
  'delivery_receipt',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The title each type carries on paper. */
export const DOCUMENT_TITLES: Readonly<Record<DocumentType, string>> = {
  acceptance_notice: '信访事项受理告知书',
  decline_notice: '信访事项不予受理告知书',
  forwarding_notice: '信访事项转送告知书',
  assignment_notice: '信访事项交办告知书',
  diversion_notice: '信访事项告知书',
  general_notice: '信访事项告知书',
  extension_notice: '信访事项延期办理告知书',
  decision: '信访事项处理意见书',
  reply: '信访事项答复意见书',
  review_decision: '信访事项复查意见书',
  re_examination_decision: '信访事项复核意见书',
  supervision_notice: '信访事项督办单',
  mediation_agreement: '信访事项调解协议书',
  delivery_receipt: '送达回证',
};

/** The written answers whose delivery starts the petitioner's window (Art 35, 36). */
export const ANSWER_TYPES = [
  'decision',
  'reply',
  'review_decision',
  're_examination_decision',
] as const satisfies readonly DocumentType[];

export const DocumentTypeSchema = StringEnum(DOCUMENT_TYPES);
export const DeliveryMethodSchema = StringEnum(DELIVERY_METHODS);
const DateSchema = CalendarDateSchema({ description: 'A Beijing date, YYYY-MM-DD' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const DeliverySchema = Type.Object({
  method: DeliveryMethodSchema,
  deliveredOn: DateSchema,
  postedOn: Nullable(DateSchema),
  /** The scanned 送达回证 or postal receipt (GET /api/attachments/:id). */
  receiptAttachmentId: Nullable(Type.String()),
  recordedAt: Type.String(),
  /**
   * Set when a unit head corrected the date: the date before, why it changed, and the scanned
   * receipt the correction rests on (always, for a date moved earlier).
   */
  correction: Nullable(
    Type.Object({
      previousOn: DateSchema,
      reason: Type.String(),
      receiptAttachmentId: Nullable(Type.String()),
    }),
  ),
});
export type Delivery = Static<typeof DeliverySchema>;

/** One document, without its text: what it is, its number, who issued it and when. */
export const DocumentSummarySchema = Type.Object({
  id: Type.String(),
  type: DocumentTypeSchema,
  title: Type.String(),
  /** e.g. 东山信复〔2026〕12号; null for a 送达回证, which carries its answer's number. */
  number: Nullable(Type.String()),
  stage: StringEnum(STAGES),
  issuingUnit: UnitSummarySchema,
  issuedAt: Type.String(),
  /**
   * Whether it carries the unit's seal. Without one it prints 「（印章）」 where the seal goes: a
   * paper copy is stamped by hand before it is delivered.
   */
  sealed: Type.Boolean(),
  /** For a written answer: how and when it reached the petitioner; null while undelivered. */
  delivery: Nullable(DeliverySchema),
  /** Whether the petitioner's window waits for this answer's delivery (undelivered, current answer). */
  awaitingDelivery: Type.Boolean(),
  /**
   * To staff only: the characters no font has (rare 生僻字 beyond even the fallback fonts), each
   * once, in order. On paper each prints as 「□」, to be written in by hand before it goes out.
   */
  unprintable: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 2 }))),
});
export type DocumentSummary = Static<typeof DocumentSummarySchema>;

export const DocumentListSchema = Type.Object({ items: Type.Array(DocumentSummarySchema) });
export type DocumentList = Static<typeof DocumentListSchema>;

/** What the lookup by number and query code tells of the documents: that they exist, never their text. */
export const PublicDocumentSchema = Type.Object({
  type: DocumentTypeSchema,
  title: Type.String(),
  number: Nullable(Type.String()),
  issuedAt: Type.String(),
  delivered: Type.Boolean(),
});
export type PublicDocument = Static<typeof PublicDocumentSchema>;

/** POST /api/petitions/:id/deliveries: a delivery by staff, in the shape each method needs. */
export const RecordDeliveryBodySchema = Type.Object(
  {
    method: StringEnum(STAFF_DELIVERY_METHODS),
    deliveredOn: DateSchema,
    postedOn: Type.Optional(DateSchema),
    /** Uploaded first (POST /api/attachments): the signed 送达回证 (in person) or the postal receipt. */
    receiptAttachmentId: Type.Optional(Type.String({ minLength: 1, maxLength: ID_MAX })),
    note: Type.Optional(Type.String({ maxLength: COMMENT_MAX })),
    /** The version of the petition the form was filled against (409 if it changed). */
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
export type RecordDeliveryBody = Static<typeof RecordDeliveryBodySchema>;

/**
 * PATCH /api/petitions/:id/deliveries: a unit head's correction of the delivery date. A date moved
 * earlier needs the scanned receipt that shows it, uploaded first; an opening in the app is never
 * moved earlier (Art 35: it would shorten the petitioner's window after the fact).
 */
export const CorrectDeliveryBodySchema = Type.Object(
  {
    deliveredOn: DateSchema,
    reason: Type.String({ minLength: 1, maxLength: REASON_MAX, pattern: '\\S' }),
    receiptAttachmentId: Type.Optional(Type.String({ minLength: 1, maxLength: ID_MAX })),
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
export type CorrectDeliveryBody = Static<typeof CorrectDeliveryBodySchema>;

/** An answer still waiting to reach its petitioner, for the office's list. */
export const PendingDeliverySchema = Type.Object({
  documentId: Type.String(),
  title: Type.String(),
  number: Nullable(Type.String()),
  petitionId: Type.String(),
  petitionNumber: Type.String(),
  petitionTitle: Type.String(),
  /** Null where the Art 30 firewall keeps the accuser's name from this viewer. */
  petitionerName: Nullable(Type.String()),
  issuingUnit: UnitSummarySchema,
  issuedAt: Type.String(),
  /** Whether it carries the unit's seal; without one, the paper copy is stamped by hand. */
  sealed: Type.Boolean(),
  /**
   * As on the case's list of documents: the characters no font has, each once, in order, in the
   * copy this viewer prints (Art 30). Each prints as 「□」, to be written in by hand.
   */
  unprintable: Type.Array(Type.String({ minLength: 1, maxLength: 2 })),
  /** Whole days since it was issued. */
  ageDays: Type.Integer(),
  version: Type.Integer(),
});
export type PendingDelivery = Static<typeof PendingDeliverySchema>;

export const PendingDeliveryPageSchema = Type.Object({
  items: Type.Array(PendingDeliverySchema),
  nextCursor: Nullable(Type.String()),
});
export type PendingDeliveryPage = Static<typeof PendingDeliveryPageSchema>;

/** A unit's document settings: its prefix (机关代字), seal and signatory. */
export const UnitDocumentSettingsSchema = Type.Object({
  unit: UnitSummarySchema,
  /**
   * e.g. 东山 in 东山信复〔2026〕12号. While none is set, one made from the names of the unit and
   * the units above it below the root (东山煤矿综采区), at most 12 characters.
   */
  prefix: Type.String(),
  prefixSet: Type.Boolean(),
  signatoryName: Nullable(Type.String()),
  signatoryTitle: Nullable(Type.String()),
  hasSeal: Type.Boolean(),
  updatedAt: Nullable(Type.String()),
});
export type UnitDocumentSettings = Static<typeof UnitDocumentSettingsSchema>;

export const UpdateUnitDocumentSettingsBodySchema = Type.Object(
  {
    /** Printed by no other unit now (409 ALREADY_EXISTS), so that a number names one unit. */
    prefix: Type.Optional(
      Type.String({ minLength: 1, maxLength: 12, pattern: '^[\\u4e00-\\u9fa5A-Za-z0-9]+$' }),
    ),
    signatoryName: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 32, pattern: '\\S' }))),
    signatoryTitle: Type.Optional(
      Nullable(Type.String({ minLength: 1, maxLength: NAME_MAX, pattern: '\\S' })),
    ),
    /** An image uploaded first (POST /api/attachments), made the seal; null removes the seal. */
    sealAttachmentId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: ID_MAX }))),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUnitDocumentSettingsBody = Static<typeof UpdateUnitDocumentSettingsBodySchema>;
