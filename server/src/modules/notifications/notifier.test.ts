import { NOTIFICATION_EVENTS, STAFF_EVENTS } from '@xinfang/shared/schemas/notifications';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseChannel } from './notifier';
import { mayBeTurnedOff, STAFF_REMINDERS } from './opt-out';

const arbitraryCase = fc.record({
  optional: fc.boolean(),
  openid: fc.option(fc.constant('o-openid'), { nil: null }),
  phone: fc.option(fc.constant('cipher'), { nil: null }),
  wechatTemplate: fc.boolean(),
  smsTemplate: fc.boolean(),
  left: fc.integer({ min: 0, max: 2 }),
  setting: fc.option(
    fc.record({
      non_statutory: fc.constantFrom(0, 1),
      channel: fc.constantFrom('wechat' as const, 'sms' as const),
    }),
    {
      nil: undefined,
    },
  ),
});

describe('choosing the outside channel', () => {
  it('notices the switch does not govern always go out when any channel can carry them; turned-off ones never', () => {
    fc.assert(
      fc.property(arbitraryCase, (c) => {
        const payload = {
          ...(c.wechatTemplate ? { wechat: { templateId: 't', page: 'p', data: {} } } : {}),
          ...(c.smsTemplate ? { sms: { templateId: 's', params: [] } } : {}),
        };
        const contact = {
          type: 'petitioner' as const,
          id: 'p',
          openid: c.openid,
          phoneCipher: c.phone,
          setting: c.setting,
        };
        const channel = chooseChannel({ optional: c.optional }, payload, contact, new Map([['t', c.left]]));
        const wechatOk = Boolean(c.openid && c.wechatTemplate && c.left > 0);
        const smsOk = Boolean(c.phone && c.smsTemplate);
        if (c.optional && c.setting?.non_statutory === 0) expect(channel).toBeNull();
        else if (wechatOk || smsOk) expect(channel).not.toBeNull();
        else expect(channel).toBeNull();
        if (channel === 'wechat') expect(wechatOk).toBe(true);
        if (channel === 'sms') expect(smsOk).toBe(true);
        // The person's preference wins whenever it can carry the message.
        if (c.setting && channel !== null && (c.setting.channel === 'wechat' ? wechatOk : smsOk)) {
          expect(channel).toBe(c.setting.channel);
        }
      }),
    );
  });
});

describe('what the switch for other messages governs', () => {
  const work = STAFF_EVENTS.filter((e) => e !== 'escalation' && !STAFF_REMINDERS.includes(e));

  it('staff: only reminders, digests and yellow flags; work waiting on them always goes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NOTIFICATION_EVENTS),
        fc.constantFrom('petitioner' as const, 'staff' as const),
        fc.constantFrom('yellow' as const, 'red' as const),
        fc.boolean(),
        (event, recipientType, flag, statutory) => {
          const optional = mayBeTurnedOff({
            recipientType,
            event,
            facts: event === 'escalation' ? { escalation: { flag, deadline: '办理' } } : {},
            statutory,
          });
          if (statutory) expect(optional).toBe(false);
          else if (recipientType === 'petitioner') expect(optional).toBe(true);
          else if (event === 'escalation') expect(optional).toBe(flag === 'yellow');
          else expect(optional).toBe(STAFF_REMINDERS.includes(event));
        },
      ),
    );
  });

  it('names the work notices the audit listed among those that always go', () => {
    for (const event of [
      'case_new',
      'case_assigned',
      'approval_waiting',
      'supervision_notice',
      'supervision_answered',
      'supervision_returned',
    ] as const)
      expect(work).toContain(event);
    expect(STAFF_REMINDERS).toContain('daily_digest');
  });
});
