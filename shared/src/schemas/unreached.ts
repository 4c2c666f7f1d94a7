import { type Static, Type } from 'typebox';
import { CalendarDateSchema } from './calendar-date';
import type { NotificationEvent } from './notifications';
import { StringEnum } from './string-enum';
import { REACH_METHODS } from './value-lists';

/**
 * The desk's list of statutory notices that reached nobody (未送达的法定告知), and its record of
 * delivering one another way. The list names no petitioner (Art 30): the petition's number, the
 * notice, its dates.
 */

/**
 * The notices the desk owes when no channel carried them: the routing decision (Art 22, 23, 31),
 * any other written notice (Art 23), an extension (Art 34) and a hearing (Art 31). The written
 * answers are not here: their 送达 is the case's own (待送达).
 */
export const UNREACHED_EVENTS = [
  'accepted',
  'declined',
  'forwarded',
  'assigned',
  'diverted',
  'notified',
  'extension_approved',
  'hearing_scheduled',
] as const satisfies readonly NotificationEvent[];
export type UnreachedEvent = (typeof UNREACHED_EVENTS)[number];

/**
 * Why a notice reached nobody: the phone's holder said the petition is not theirs, the SMS or
 * WeChat was refused for good, or no outside channel could carry it.
 */
export const UNREACHED_REASONS = ['phone_disowned', 'sms_failed', 'wechat_failed', 'no_channel'] as const;
export type UnreachedReason = (typeof UNREACHED_REASONS)[number];

export type { ReachMethod } from './value-lists';

export const UnreachedNoticeSchema = Type.Object({
  /** The notice (a message-centre row): what `/reached` is recorded against. */
  id: Type.String(),
  event: StringEnum(UNREACHED_EVENTS),
  /** Its written notice's title (受理告知书…), or 听证通知. */
  title: Type.String(),
  petitionId: Type.String(),
  petitionNumber: Type.String(),
  /** The unit that issued the written notice, whose reception owes its delivery. */
  unit: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  /** When the notice went out (it failed after). */
  issuedAt: Type.String({ format: 'date-time' }),
  /** The statutory last day to tell the petitioner (Art 22, 23: 15 days), else the day it was issued. */
  dueOn: CalendarDateSchema(),
  reason: StringEnum(UNREACHED_REASONS),
});
export type UnreachedNotice = Static<typeof UnreachedNoticeSchema>;

export const UnreachedQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
});

export const UnreachedListSchema = Type.Object({
  /** Oldest first, at most `limit`. */
  items: Type.Array(UnreachedNoticeSchema),
  /** How many there are in all (the staff inbox's badge). */
  total: Type.Integer({ minimum: 0 }),
});
export type UnreachedList = Static<typeof UnreachedListSchema>;

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

/**
 * 邮寄 names its registered-post number (挂号号码); 电话告知 whom it told; 当面 neither. The date it
 * reached the petitioner, not after today nor before the notice.
 */
export const ReachBodySchema = Type.Object(
  {
    method: StringEnum(REACH_METHODS),
    reachedOn: CalendarDateSchema(),
    trackingNo: Type.Optional(Text(40)),
    reachedWhom: Type.Optional(Text(40)),
    note: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
);
export type ReachBody = Static<typeof ReachBodySchema>;

export const NoticeReachSchema = Type.Object({
  id: Type.String(),
  method: StringEnum(REACH_METHODS),
  reachedOn: CalendarDateSchema(),
  trackingNo: Type.Union([Type.String(), Type.Null()]),
  reachedWhom: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  recordedAt: Type.String({ format: 'date-time' }),
});
export type NoticeReach = Static<typeof NoticeReachSchema>;
