import {
  NOTIFICATION_EVENTS,
  type NotificationEvent,
  PETITIONER_EVENTS,
  type TemplateValue,
} from '@xinfang/shared/schemas/notifications';
import {
  type SmsTemplateMap,
  type WechatFieldType,
  type WechatTemplate,
  type WechatTemplateMap,
  wechatFieldType,
} from '../../integrations/template-maps';

/**
 * Our values, fitted to what each provider accepts. WeChat refuses (47003) a field past its limits
 * (`thing` ≤ 20 characters, `phrase` ≤ 5 Chinese characters, `character_string` ≤ 32 letters,
 * digits or symbols, `time` a 24-hour time with an optional date…), so values are cut to fit in a
 * way that keeps their meaning — an ellipsis where text was cut, never half a date.
 */

const HAN = /\p{Script=Han}/gu;

/** Cuts to `max` characters (not UTF-16 units), ending with an ellipsis when something was cut. */
export function cut(value: string, max: number): string {
  const characters = [...value];
  return characters.length <= max ? value : `${characters.slice(0, max - 1).join('')}…`;
}

export function fitWechatValue(type: WechatFieldType, value: string): string {
  const v = value.trim();
  switch (type) {
    case 'thing':
      return cut(v, 20) || '无';
    case 'phrase':
      return (v.match(HAN) ?? []).slice(0, 5).join('') || '通知';
    case 'name':
      return (v.match(HAN) ?? []).length > 0
        ? (v.match(HAN) ?? []).slice(0, 10).join('')
        : v.replace(/[^\x21-\x7e ]/g, '').slice(0, 20) || '无';
    case 'character_string':
      return v.replace(/[^\x21-\x7e]/g, '').slice(0, 32) || '-';
    case 'number':
      return v.replace(/[^\d.]/g, '').slice(0, 32) || '0';
    case 'letter':
      return v.replace(/[^A-Za-z]/g, '').slice(0, 32) || 'x';
    case 'symbol':
      return v.replace(/[\p{L}\p{N}\s]/gu, '').slice(0, 5) || '-';
    case 'time':
      // A date alone is not a time; a deadline is the end of its day.
      return /\d{1,2}:\d{2}$/.test(v) ? v : `${v} 23:59`;
    case 'date':
      return v;
    default:
      return cut(v, 20);
  }
}

/** The data of a subscribe message: each WeChat key filled with its value, fitted to the key's type. */
export function wechatData(
  template: WechatTemplate,
  values: Record<TemplateValue, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(template.fields).map(([key, name]) => [
      key,
      fitWechatValue(wechatFieldType(key) ?? 'thing', values[name]),
    ]),
  );
}

/**
 * SMS template parameters: SMS providers cap each variable (20 characters is the common bound) and
 * refuse some characters in variables (braces, quotes, angle brackets).
 */
export const SMS_PARAM_MAX = 20;

export function smsParams(params: readonly TemplateValue[], values: Record<TemplateValue, string>): string[] {
  return params.map((name) => cut(values[name].replace(/[{}'"<>]/g, ''), SMS_PARAM_MAX) || '-');
}

/**
 * Templates for the development stand-ins, so that every channel works on a developer's machine:
 * three WeChat templates as a real deployment would pick from WeChat's library (progress, the
 * answer, a deadline), and one SMS template per event.
 */
const PROGRESS_FIELDS: Record<string, TemplateValue> = {
  character_string1: 'number',
  phrase2: 'status',
  thing3: 'detail',
  time4: 'time',
};
const WECHAT_GROUPS: Record<string, readonly NotificationEvent[]> = {
  'dev-tmpl-progress': [
    'received',
    'accepted',
    'assigned',
    'notified',
    'declined',
    'diverted',
    'forwarded',
    'extension_approved',
    'handler_message',
    'appeal_received',
    'content_held',
    'suggestion_rewarded',
    'rehandling_decided',
    'claim_undone',
  ],
  'dev-tmpl-answer': [
    'reply_issued',
    'review_answered',
    're_examination_answered',
    'answer_received',
    'rate_invitation',
  ],
  'dev-tmpl-deadline': [
    'appeal_reminder',
    'booking_reminder',
    'hearing_scheduled',
    'reception_day_cancelled',
    'reception_leader_unavailable',
    'reception_day_changed',
  ],
};

export const DEV_WECHAT_TEMPLATES: WechatTemplateMap = Object.fromEntries(
  Object.entries(WECHAT_GROUPS).flatMap(([templateId, events]) =>
    events.map((event) => [
      event,
      {
        templateId,
        fields: templateId === 'dev-tmpl-deadline' ? { ...PROGRESS_FIELDS, time4: 'date' } : PROGRESS_FIELDS,
      },
    ]),
  ),
);

export const DEV_SMS_TEMPLATES: SmsTemplateMap = Object.fromEntries(
  NOTIFICATION_EVENTS.map((event) => [
    event,
    { templateId: `dev-sms-${event}`, params: ['number', 'status', 'detail'] satisfies TemplateValue[] },
  ]),
);

/** The subscription templates petitioners may be asked for, with the events each one carries. */
export function petitionerTemplates(
  map: WechatTemplateMap,
): { templateId: string; events: NotificationEvent[] }[] {
  const byTemplate = new Map<string, NotificationEvent[]>();
  for (const event of PETITIONER_EVENTS) {
    const templateId = map[event]?.templateId;
    if (templateId) byTemplate.set(templateId, [...(byTemplate.get(templateId) ?? []), event]);
  }
  return [...byTemplate].map(([templateId, events]) => ({ templateId, events }));
}
