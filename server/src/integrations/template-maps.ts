import {
  NOTIFICATION_EVENTS,
  type NotificationEvent,
  TEMPLATE_VALUES,
  type TemplateValue,
} from '@xinfang/shared/schemas/notifications';

/**
 * The provider templates per notification event, as operators configure them in JSON (the
 * templates are approved in the WeChat and Tencent consoles; their ids and field names come from
 * there). Parsed here, every problem named, so `config.ts` can report them with the rest.
 */

/** WeChat subscribe-message templates: `{ "accepted": { "templateId": "…", "fields": { "character_string1": "number", "phrase2": "status" } } }`. */
export type WechatTemplateMap = Partial<Record<NotificationEvent, WechatTemplate>>;
export interface WechatTemplate {
  templateId: string;
  /** WeChat data key (its type is its prefix: `thing1`, `phrase2`…) → which of our values fills it. */
  fields: Record<string, TemplateValue>;
}

/** SMS templates, one per event: `{ "accepted": { "templateId": "1234567", "params": ["number", "unit"] } }`. */
export type SmsTemplateMap = Partial<Record<NotificationEvent, SmsTemplate>>;
export interface SmsTemplate {
  templateId: string;
  /** Our values, in the order of the template's parameters. */
  params: TemplateValue[];
}

/** WeChat's subscribe-message field types (订阅消息参数值内容限制). */
export const WECHAT_FIELD_TYPES = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
] as const;
export type WechatFieldType = (typeof WECHAT_FIELD_TYPES)[number];

const FIELD_KEY = new RegExp(`^(${WECHAT_FIELD_TYPES.join('|')})\\d+$`);

export function wechatFieldType(key: string): WechatFieldType | null {
  const match = FIELD_KEY.exec(key);
  return (match?.[1] as WechatFieldType | undefined) ?? null;
}

type Parsed<T> = { value: T | null; problems: string[] };

function parseObject(name: string, json: string): { entries: [string, unknown][]; problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { entries: [], problems: [`${name} must be JSON`] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { entries: [], problems: [`${name} must be a JSON object keyed by notification event`] };
  }
  const problems: string[] = [];
  const entries = Object.entries(value).filter(([event]) => {
    const known = (NOTIFICATION_EVENTS as readonly string[]).includes(event);
    if (!known) problems.push(`${name}: "${event}" is not a notification event`);
    return known;
  });
  return { entries, problems };
}

const isValue = (v: unknown): v is TemplateValue => (TEMPLATE_VALUES as readonly unknown[]).includes(v);
const isTemplateId = (v: unknown): v is string => typeof v === 'string' && /^[\w-]{1,64}$/.test(v);

export function parseWechatTemplates(name: string, json: string): Parsed<WechatTemplateMap> {
  const { entries, problems } = parseObject(name, json);
  const map: WechatTemplateMap = {};
  for (const [event, raw] of entries) {
    const spec = raw as { templateId?: unknown; fields?: unknown };
    if (!isTemplateId(spec?.templateId)) {
      problems.push(`${name}: ${event}.templateId must be a template id`);
      continue;
    }
    const fields = spec.fields;
    if (typeof fields !== 'object' || fields === null || Object.keys(fields).length === 0) {
      problems.push(`${name}: ${event}.fields must map WeChat keys to values`);
      continue;
    }
    const bad = Object.entries(fields).filter(([key, v]) => wechatFieldType(key) === null || !isValue(v));
    if (bad.length > 0) {
      problems.push(
        `${name}: ${event}.fields has ${bad.map(([k]) => k).join(', ')} (keys like thing1 or phrase2; values among ${TEMPLATE_VALUES.join(', ')})`,
      );
      continue;
    }
    map[event as NotificationEvent] = {
      templateId: spec.templateId,
      fields: fields as Record<string, TemplateValue>,
    };
  }
  return { value: problems.length === 0 ? map : null, problems };
}

export function parseSmsTemplates(name: string, json: string): Parsed<SmsTemplateMap> {
  const { entries, problems } = parseObject(name, json);
  const map: SmsTemplateMap = {};
  for (const [event, raw] of entries) {
    const spec = raw as { templateId?: unknown; params?: unknown };
    if (!isTemplateId(spec?.templateId)) {
      problems.push(`${name}: ${event}.templateId must be a template id`);
      continue;
    }
    if (!Array.isArray(spec.params) || spec.params.length > 10 || !spec.params.every(isValue)) {
      problems.push(`${name}: ${event}.params must list up to 10 of ${TEMPLATE_VALUES.join(', ')}`);
      continue;
    }
    map[event as NotificationEvent] = { templateId: spec.templateId, params: spec.params };
  }
  return { value: problems.length === 0 ? map : null, problems };
}
