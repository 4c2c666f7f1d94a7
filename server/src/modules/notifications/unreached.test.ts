import { OUTBOX_STATUSES, STATUTORY_EVENTS } from '@xinfang/shared/schemas/notifications';
import { UNREACHED_EVENTS, UNREACHED_REASONS } from '@xinfang/shared/schemas/unreached';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWER_NOTICES, whyUnreached } from './unreached';

const delivery = fc.record({
  channel: fc.constantFrom('wechat', 'sms'),
  status: fc.constantFrom(...OUTBOX_STATUSES),
});

describe('which statutory notices the desk must see when they reach nobody', () => {
  it('every statutory notice is either on the desk’s list or a written answer the deliveries track', () => {
    // A notice the statute owes (Art 22, 23, 31, 32, 34–36) never falls between the two lists.
    expect([...UNREACHED_EVENTS, ...ANSWER_NOTICES].sort()).toEqual([...STATUTORY_EVENTS].sort());
    expect(UNREACHED_EVENTS.filter((e) => ANSWER_NOTICES.includes(e))).toEqual([]);
  });
});

describe('why a notice reached nobody', () => {
  it('is nothing while a delivery was sent, waits or is being sent: the outbox still owns it', () => {
    fc.assert(
      fc.property(fc.array(delivery, { maxLength: 4 }), (deliveries) => {
        const live = deliveries.some((d) => ['sent', 'pending', 'sending'].includes(d.status));
        const why = whyUnreached(deliveries);
        expect(why === null).toBe(live);
        if (why !== null) expect(UNREACHED_REASONS).toContain(why);
      }),
    );
  });

  it('names the gravest failure: a disowned phone, then a refused SMS, then WeChat', () => {
    expect(whyUnreached([])).toBe('no_channel');
    expect(whyUnreached([{ channel: 'wechat', status: 'fallback' }])).toBe('no_channel');
    expect(whyUnreached([{ channel: 'wechat', status: 'dead' }])).toBe('wechat_failed');
    expect(
      whyUnreached([
        { channel: 'wechat', status: 'dead' },
        { channel: 'sms', status: 'dead' },
      ]),
    ).toBe('sms_failed');
    expect(
      whyUnreached([
        { channel: 'sms', status: 'dead' },
        { channel: 'sms', status: 'cancelled' },
      ]),
    ).toBe('phone_disowned');
  });
});
