import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseChannel } from './notifier';

const arbitraryCase = fc.record({
  statutory: fc.boolean(),
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
  it('statutory notices always go out when any channel can carry them; turned-off ones never', () => {
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
        const channel = chooseChannel({ statutory: c.statutory }, payload, contact, new Map([['t', c.left]]));
        const wechatOk = Boolean(c.openid && c.wechatTemplate && c.left > 0);
        const smsOk = Boolean(c.phone && c.smsTemplate);
        if (!c.statutory && c.setting?.non_statutory === 0) expect(channel).toBeNull();
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
