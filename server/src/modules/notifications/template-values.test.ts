import { TEMPLATE_VALUES } from '@xinfang/shared/schemas/notifications';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WECHAT_FIELD_TYPES, type WechatFieldType } from '../../integrations/template-maps';
import {
  cut,
  DEV_WECHAT_TEMPLATES,
  fitWechatValue,
  SMS_PARAM_MAX,
  smsParams,
  wechatData,
} from './template-values';

/**
 * WeChat's limits per subscribe-message field (订阅消息参数值内容限制), written out here from the
 * documentation as a second statement: whatever our values are, what we send must meet them.
 */
const WECHAT_RULES: Partial<Record<WechatFieldType, (v: string) => boolean>> = {
  thing: (v) => v.length > 0 && [...v].length <= 20,
  phrase: (v) => /^\p{Script=Han}{1,5}$/u.test(v),
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  number: (v) => /^[\d.]{1,32}$/.test(v),
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => /^[^\p{L}\p{N}\s]{1,5}$/u.test(v),
  name: (v) => /^\p{Script=Han}{1,10}$/u.test(v) || /^[\x21-\x7e ]{1,20}$/.test(v),
  time: (v) => /\d{1,2}:\d{2}$/.test(v),
};

describe('fitting values to WeChat fields', () => {
  it('whatever the text, the value meets the field type’s rule', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...WECHAT_FIELD_TYPES),
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        (type, text) => {
          const rule = WECHAT_RULES[type];
          if (rule) expect(rule(fitWechatValue(type, text)), `${type}: ${JSON.stringify(text)}`).toBe(true);
        },
      ),
    );
  });

  it('keeps meaning when cutting: an ellipsis, never half a date', () => {
    expect(
      fitWechatValue('thing', '请于二〇二六年三月二日上午九时到东山煤矿安全科核对考勤记录'),
    ).toHaveLength(20);
    expect(
      fitWechatValue('thing', '请于二〇二六年三月二日上午九时到东山煤矿安全科核对考勤记录').endsWith('…'),
    ).toBe(true);
    expect(fitWechatValue('time', '2026年5月6日')).toBe('2026年5月6日 23:59');
    expect(fitWechatValue('phrase', '已受理')).toBe('已受理');
    expect(fitWechatValue('character_string', 'XF2026-000123')).toBe('XF2026-000123');
    expect(cut('一二三', 3)).toBe('一二三');
  });

  it('fills a template’s keys from our values', () => {
    const values = Object.fromEntries(TEMPLATE_VALUES.map((v) => [v, `${v}值`])) as Record<
      (typeof TEMPLATE_VALUES)[number],
      string
    >;
    values.number = 'XF2026-000123';
    values.status = '已受理';
    values.time = '2026年3月2日 09:00';
    const data = wechatData(DEV_WECHAT_TEMPLATES.accepted as never, values);
    expect(data).toEqual({
      character_string1: 'XF2026-000123',
      phrase2: '已受理',
      thing3: 'detail值',
      time4: '2026年3月2日 09:00',
    });
  });
});

describe('SMS parameters', () => {
  it('are at most 20 characters, without the characters providers refuse in variables', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const [param] = smsParams(['detail'], {
          number: '',
          status: '',
          detail: text,
          date: '',
          time: '',
          unit: '',
          count: '',
        });
        expect([...(param ?? '')].length).toBeLessThanOrEqual(SMS_PARAM_MAX);
        expect(param).not.toMatch(/[{}'"<>]/);
        expect(param?.length).toBeGreaterThan(0);
      }),
    );
  });
});
