import type { ChangeReceptionDay, NewReceptionDay, ReceptionDay } from '@xinfang/shared/schemas/reception';
import { staffCopy } from '@/copy/staff';
import { parseDate, parseTime } from '../forms/dates';
import type { Problems } from '../oversight/oversight-forms';

/**
 * Publishing a leader's reception day (Art 18), as the desk fills it in: the leader, the date, the
 * place, what the leader receives people about, and the time slots with their places. Times are
 * Beijing time, as people read them; a slot of today that has already ended is not offered.
 */
export interface SlotFields {
  from: string;
  to: string;
  capacity: string;
}

export interface DayFields {
  leaderId: string | null;
  date: string;
  place: string;
  topics: string;
  slots: SlotFields[];
}

/** A field's key: `slot0`, `slot1`… for the slots. */
export type DayField = Exclude<keyof DayFields, 'slots'> | `slot${number}`;

const WORDS = staffCopy.reception.dayWords;
const filled = (text: string) => text.trim() !== '';

export const blankSlot = (): SlotFields => ({ from: '', to: '', capacity: '1' });
export const blankDay = (): DayFields => ({
  leaderId: null,
  date: '',
  place: '',
  topics: '',
  slots: [{ from: '09:00', to: '11:00', capacity: '5' }],
});

function places(text: string): number | null {
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= 1 && n <= 50 ? n : null;
}

/**
 * What is missing or wrong, by field; `now` is the Beijing date and `HH:MM` of the moment. A
 * change may keep the day's leader (none chosen).
 */
export function dayProblems(
  f: DayFields,
  now: { date: string; time: string },
  changing = false,
): Problems<DayField> {
  const problems: Problems<DayField> = {};
  const date = parseDate(f.date);
  if (!f.leaderId && !changing) problems.leaderId = WORDS.leaderId;
  if (!date || date < now.date) problems.date = WORDS.date;
  if (!filled(f.place)) problems.place = WORDS.place;
  if (!filled(f.topics)) problems.topics = WORDS.topics;
  f.slots.forEach((slot, i) => {
    const from = parseTime(slot.from);
    const to = parseTime(slot.to);
    if (!from || !to || from >= to) problems[`slot${i}`] = WORDS.slotTimes;
    else if (date === now.date && to <= now.time) problems[`slot${i}`] = WORDS.slotEnded;
    else if (places(slot.capacity) === null) problems[`slot${i}`] = WORDS.capacity;
  });
  return problems;
}

export function toDayBody(f: DayFields): NewReceptionDay {
  return {
    leaderId: f.leaderId ?? '',
    date: parseDate(f.date) ?? f.date,
    place: f.place.trim(),
    topics: f.topics.trim(),
    slots: f.slots.map((s) => ({
      from: parseTime(s.from) ?? s.from,
      to: parseTime(s.to) ?? s.to,
      capacity: places(s.capacity) ?? 0,
    })),
  };
}

/**
 * The server's refusal of a day, by field: the paths it names (`/body/date`, `/body/slots/1`…)
 * turned into the form's fields, in the words the form uses. Empty for any other failure.
 */
export function serverDayProblems(error: unknown): Problems<DayField> {
  // Read as any refusal (an `ApiError`'s shape) so that this stays free of the HTTP client.
  const refusal = error as { code?: unknown; details?: unknown } | null;
  if (refusal?.code !== 'VALIDATION_FAILED' || !Array.isArray(refusal.details)) return {};
  const problems: Problems<DayField> = {};
  for (const detail of refusal.details as { path?: unknown; message?: unknown }[]) {
    const path = typeof detail.path === 'string' ? detail.path : '';
    const slot = /^\/body\/slots\/(\d+)/.exec(path);
    if (slot) {
      problems[`slot${Number(slot[1])}`] = /ended/.test(String(detail.message))
        ? WORDS.slotEnded
        : WORDS.slotTimes;
      continue;
    }
    const field = path.replace(/^\/body\//, '').split('/')[0];
    if (field === 'leaderId' || field === 'date' || field === 'place' || field === 'topics') {
      problems[field] = WORDS[field];
    }
  }
  return problems;
}

/**
 * Whether the desk may record on a day who came and what they raised: on the day and after it,
 * never before (the person cannot have come yet), nor on a cancelled day.
 */
export function dayHasCome(day: Pick<ReceptionDay, 'date' | 'cancelReason'>, today: string): boolean {
  return day.cancelReason === null && day.date <= today;
}

/** The desk may cancel a day still to come (today included), once. */
export function mayCancel(day: Pick<ReceptionDay, 'date' | 'cancelReason'>, today: string): boolean {
  return day.cancelReason === null && day.date >= today;
}

/**
 * The desk may change a day not cancelled and not yet begun: before the day, or on it before its
 * first slot starts (`now`: the Beijing date and `HH:MM`).
 */
export function mayChange(
  day: Pick<ReceptionDay, 'date' | 'cancelReason' | 'slots'>,
  now: { date: string; time: string },
): boolean {
  if (day.cancelReason !== null || day.date < now.date) return false;
  return day.date > now.date || day.slots.every((s) => s.from > now.time);
}

/** A change starts from the day as it is; its leader is kept unless another is chosen. */
export function dayFieldsOf(day: ReceptionDay): DayFields {
  return {
    leaderId: null,
    date: day.date,
    place: day.place,
    topics: day.topics,
    slots: day.slots.map((s) => ({ from: s.from, to: s.to, capacity: String(s.capacity) })),
  };
}

export function toChangeBody(f: DayFields, reason: string, version: number): ChangeReceptionDay {
  const { leaderId, ...day } = toDayBody(f);
  return { ...day, ...(f.leaderId ? { leaderId } : {}), reason: reason.trim(), version };
}
