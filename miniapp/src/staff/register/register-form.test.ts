import type { Attachment } from '@xinfang/shared/schemas/petitions';
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '@/platform/storage';
import { createStaffDrafts, REGISTER_SCOPE } from '../drafts/staff-drafts';
import {
  emptyRegisterFields,
  newRegisterDraft,
  petitionerNameOf,
  type RegisterDraft,
  type RegisterFields,
  registerIsValid,
  storedRegisterDraft,
  toRegisterBody,
  validateRegister,
} from './register-form';

/** Monday 2026-03-02, 10:00 in Beijing. */
const now = Date.parse('2026-03-02T02:00:00.000Z');
const scan: Attachment = {
  id: 'att1',
  kind: 'image',
  mime: 'image/jpeg',
  byteSize: 1000,
  width: 10,
  height: 10,
  hasThumbnail: true,
  createdAt: '2026-03-02T01:00:00.000Z',
};

function filled(overrides: Partial<RegisterFields> = {}): RegisterFields {
  return {
    ...emptyRegisterFields(now),
    channel: 'visit',
    kind: 'request',
    categoryCode: 'safety',
    concernedUnitId: 'ds',
    title: '三号井通风不良',
    content: '来访人反映三号井回风巷风量不足。',
    petitioner: { mode: 'new', realName: '赵大海', phone: '13955550001', idNumber: '', address: '东山矿区' },
    ...overrides,
  };
}

describe('registering on a petitioner’s behalf', () => {
  it('starts with the time of now in Beijing and a fresh idempotency key', () => {
    const draft = newRegisterDraft(now, () => 'key-1');
    expect(draft).toMatchObject({ idempotencyKey: 'key-1', attachments: [], pending: null });
    expect(draft.fields).toMatchObject({
      receivedDate: '2026-03-02',
      receivedTime: '10:00',
      petitioner: { mode: 'none' },
    });
  });

  it('asks for who, how, when and what', () => {
    const problems = validateRegister(emptyRegisterFields(now), [], now);
    expect(Object.keys(problems.fields).sort()).toEqual(
      ['categoryCode', 'channel', 'concernedUnitId', 'content', 'kind', 'petitioner'].sort(),
    );
    // Each names the desk's field: 类别, not the petitioner's 诉求类型.
    expect(problems.fields.kind).toBe('请选择类别');
    expect(problems.fields.concernedUnitId).toMatch(/^请选择反映的单位/);
    expect(registerIsValid(problems)).toBe(false);
    expect(registerIsValid(validateRegister(filled(), [], now))).toBe(true);
  });

  it('refuses a time received in the future or not a time at all (the clocks start there)', () => {
    expect(validateRegister(filled({ receivedTime: '10:30' }), [], now).fields.received).toBe(
      '收到时间不能晚于现在',
    );
    expect(validateRegister(filled({ receivedDate: '2026-02-30' }), [], now).fields.received).toBe(
      '请填写收到的日期和时间',
    );
    expect(
      validateRegister(filled({ receivedDate: '2026-02-27', receivedTime: '16:45' }), [], now).fields,
    ).toEqual({});
  });

  it('checks a new petitioner’s name, phone and ID number', () => {
    const problems = validateRegister(
      filled({ petitioner: { mode: 'new', realName: ' ', phone: '12345', idNumber: '1234', address: '' } }),
      [],
      now,
    ).fields;
    expect(problems).toMatchObject({
      realName: expect.stringContaining('姓名'),
      phone: '请输入正确的 11 位手机号',
      idNumber: '身份证号应为 18 位',
    });
  });

  it('sends a visit for a new petitioner with the matter, the scans and the collective fields', () => {
    const fields = filled({
      collective: true,
      headcount: '6',
      representatives: ['赵大海', ' 钱二 '],
      receivedDate: '2026-03-02',
      receivedTime: '09:15',
      location: ' 三号井 ',
    });
    expect(validateRegister(fields, [scan], now).fields).toEqual({});
    expect(toRegisterBody(fields, [scan])).toEqual({
      channel: 'visit',
      receivedAt: '2026-03-02T01:15:00.000Z',
      kind: 'request',
      categoryCode: 'safety',
      concernedUnitId: 'ds',
      title: '三号井通风不良',
      content: '来访人反映三号井回风巷风量不足。',
      location: '三号井',
      attachmentIds: ['att1'],
      headcount: 6,
      representatives: ['赵大海', '钱二'],
      petitioner: { realName: '赵大海', phone: '13955550001', address: '东山矿区' },
    });
  });

  it('refers to a petitioner found by phone by id, and marks an unclear contact (Art 23 ¶2)', () => {
    const match = { id: 'pp1', realName: '张伟', phone: '138****0001', address: null, worker: true };
    const fields = filled({
      petitioner: { mode: 'existing', match },
      contactUnclear: true,
      channel: 'letter',
    });
    const body = toRegisterBody(fields, []);
    expect(body.petitioner).toEqual({ id: 'pp1' });
    expect(body.contactUnclear).toBe(true);
    expect(body.channel).toBe('letter');
    expect(petitionerNameOf(fields)).toBe('张伟');
  });

  it('keeps no phone or ID number on the device, nor the phone looked up', () => {
    const storage = memoryStorage();
    const drafts = createStaffDrafts(storage, () => now);
    const fields = filled({
      lookupPhone: '13955550001',
      petitioner: {
        mode: 'new',
        realName: '赵大海',
        phone: '13955550001',
        idNumber: '11010519491231002X',
        address: '东山矿区',
      },
    });
    const typing: RegisterDraft = { ...newRegisterDraft(now, () => 'key-1'), fields };
    const sending: RegisterDraft = { ...typing, pending: toRegisterBody(fields, []) };
    for (const draft of [typing, sending]) {
      drafts.save('s1', REGISTER_SCOPE, storedRegisterDraft(draft));
      const kept = JSON.stringify(storage.dump());
      for (const number of ['13955550001', '5550001', '11010519491231002X', '1231002'])
        expect(kept, number).not.toContain(number);
      // The rest is kept, with the same key: the numbers typed again make the same request.
      const back = drafts.load<RegisterDraft>('s1', REGISTER_SCOPE);
      expect(back).toMatchObject({ idempotencyKey: 'key-1', pending: null, numbersLeftOut: true });
      expect(back?.fields).toMatchObject({ title: '三号井通风不良', lookupPhone: '' });
      expect(back?.fields.petitioner).toEqual({
        mode: 'new',
        realName: '赵大海',
        phone: '',
        idNumber: '',
        address: '东山矿区',
      });
      if (!back) throw new Error('the draft was not kept');
      const retyped: RegisterFields = { ...back.fields, petitioner: fields.petitioner };
      expect(toRegisterBody(retyped, [])).toEqual(sending.pending);
    }
    // A petitioner found by phone is sent by id: that body is kept, waiting for its answer.
    const match = { id: 'pp1', realName: '张伟', phone: '138****0001', address: null, worker: true };
    const found = filled({ petitioner: { mode: 'existing', match } });
    const waiting = storedRegisterDraft({
      ...newRegisterDraft(now, () => 'key-2'),
      fields: found,
      pending: toRegisterBody(found, []),
    });
    expect(waiting.pending?.petitioner).toEqual({ id: 'pp1' });
    expect(waiting.numbersLeftOut).toBe(false);
  });
});
