import type { Booking, ReceptionDay } from '@xinfang/shared/schemas/reception';
import { describe, expect, it } from 'vitest';
import { bookingChangeNote } from './booking-note';

const day: ReceptionDay = {
  id: 'day-1',
  date: '2026-12-12',
  leader: '陈国栋',
  unit: '晋安煤业集团',
  place: '集团二楼会议室',
  topics: '工资待遇',
  slots: [{ index: 0, from: '14:00', to: '15:00', capacity: 1, left: 0, ended: false }],
  leaderActive: true,
  cancelReason: null,
  version: 2,
  changedAt: '2026-12-01T01:00:00.000Z',
  changeReason: '领导去省里开会',
};
const booking = (patch: Partial<Booking>, dayPatch: Partial<ReceptionDay> = {}): Booking => ({
  id: 'b1',
  day: { ...day, ...dayPatch },
  slot: 0,
  from: '14:00',
  to: '15:00',
  topic: '夜班补贴',
  status: 'active',
  petitionId: null,
  petitionNumber: null,
  notKept: false,
  awaitingAnswer: false,
  confirmed: false,
  expired: false,
  createdAt: '2026-11-30T01:00:00.000Z',
  ...patch,
});

describe('what 我的预约 says of a changed day', () => {
  it('a booking that followed the day: still valid, with the reason', () => {
    expect(bookingChangeNote(booking({}))).toContain('预约仍然有效');
    expect(bookingChangeNote(booking({}))).toContain('领导去省里开会');
  });

  it('a booking the change could not keep: plainly so, and to book another day', () => {
    const note = bookingChangeNote(booking({ status: 'cancelled', notKept: true, from: '09:00' }));
    expect(note).toContain('没能保留');
    expect(note).toContain('另选一天');
  });

  it('nothing for a day never changed, a booking the person cancelled, or a cancelled day', () => {
    expect(bookingChangeNote(booking({}, { changedAt: null, changeReason: null }))).toBeNull();
    expect(bookingChangeNote(booking({ status: 'cancelled' }))).toBeNull();
    expect(bookingChangeNote(booking({ status: 'cancelled' }, { cancelReason: '取消了' }))).toBeNull();
  });
});
