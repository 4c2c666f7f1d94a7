import { EVENT_VISIBILITY, type EventType, type PetitionEvent } from '@xinfang/shared/lifecycle';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../access/principal';
import { PETITIONER_DATA, timelineFor } from './petition.view';

/**
 * Audit 36b D4: what a petitioner (and a lookup) reads of an event's data is its type's allow-list
 * (PETITIONER_DATA), so a staff remark written on a petitioner-visible event — a delivery's 说明 —
 * stays with staff, and so does any key added later until someone decides the petitioner reads it.
 */
const VISIBLE = (Object.keys(EVENT_VISIBILITY) as EventType[]).filter(
  (type) => EVENT_VISIBILITY[type] === 'petitioner',
);
const units = { get: () => undefined };
const petitioner = { viewer: { kind: 'petitioner' } as Principal, staffNames: new Map<string, string>() };
const staff = { viewer: { kind: 'staff' } as Principal, staffNames: new Map<string, string>() };

function eventOf(type: EventType, data: Record<string, unknown>): PetitionEvent {
  return {
    type,
    data,
    at: '2026-03-10T02:00:00.000Z',
    actorId: 'staff-1',
    actorRole: 'handler',
    visibility: EVENT_VISIBILITY[type],
    stage: 'first',
  } as PetitionEvent;
}

describe('the data of a petitioner-visible event', () => {
  it('every petitioner-visible event type has its allow-list; internal ones have none', () => {
    expect(VISIBLE.filter((type) => PETITIONER_DATA[type] === undefined)).toEqual([]);
    expect(Object.keys(PETITIONER_DATA).filter((type) => !VISIBLE.includes(type as EventType))).toEqual([]);
  });

  it('a delivery’s 说明 reaches staff, never the petitioner or a lookup', () => {
    const delivered = eventOf('reply_delivered', {
      method: 'visit',
      deliveredOn: '2026-03-10',
      postedOn: null,
      receiptAttachmentId: null,
      note: '内部：此人情绪激动',
    });
    const [mine] = timelineFor([delivered], petitioner, units);
    expect(mine?.data).toEqual({
      method: 'visit',
      deliveredOn: '2026-03-10',
      postedOn: null,
      receiptAttachmentId: null,
    });
    expect(timelineFor([delivered], null, units)[0]?.data).not.toHaveProperty('note');
    expect(timelineFor([delivered], staff, units)[0]?.data).toHaveProperty('note', '内部：此人情绪激动');
  });

  it('whatever keys an event carries, the petitioner gets only its listed ones, with their values', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VISIBLE),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string()),
        (type, data) => {
          const allowed: readonly string[] = PETITIONER_DATA[type] ?? [];
          const [shown] = timelineFor([eventOf(type, data)], petitioner, units);
          for (const [key, value] of Object.entries(shown?.data ?? {})) {
            expect(allowed).toContain(key);
            expect(value).toBe(data[key]);
          }
          for (const key of allowed.filter((k) => Object.hasOwn(data, k)))
            expect(shown?.data).toHaveProperty([key]);
        },
      ),
    );
  });
});
