import { type Static, Type } from 'typebox';
import { StringEnum } from './string-enum';

export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actorType: StringEnum(['staff', 'petitioner', 'system', 'anonymous']),
  actorId: Type.Union([Type.String(), Type.Null()]),
  /** Staff by name; a petitioner's name masked (张*); null when withheld (Art 30) or unknown. */
  actorName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  outcome: StringEnum(['success', 'denied', 'failure']),
  /** Masked: the last part of the address is hidden (PIPL Art 51). */
  ip: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});
export type AuditEntry = Static<typeof AuditEntrySchema>;

export const AuditQuerySchema = Type.Object({
  actorId: Type.Optional(Type.String({ maxLength: 26 })),
  /** exact action, or a prefix ending in `.` (e.g. `auth.`) */
  action: Type.Optional(Type.String({ maxLength: 64 })),
  targetType: Type.Optional(Type.String({ maxLength: 32 })),
  targetId: Type.Optional(Type.String({ maxLength: 64 })),
  outcome: Type.Optional(StringEnum(['success', 'denied', 'failure'])),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type AuditQuery = Static<typeof AuditQuerySchema>;

export const AuditPageSchema = Type.Object({
  items: Type.Array(AuditEntrySchema),
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type AuditPage = Static<typeof AuditPageSchema>;

/** The filters of an export: the same as a page's, without paging. */
export const AuditExportQuerySchema = Type.Omit(AuditQuerySchema, ['cursor', 'limit']);
export type AuditExportQuery = Static<typeof AuditExportQuerySchema>;
