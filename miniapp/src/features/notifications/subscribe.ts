import Taro from '@tarojs/taro';
import type {
  NotificationEvent,
  NotificationSettings,
  SubscriptionResultBody,
} from '@xinfang/shared/schemas/notifications';
import { getSettings, recordSubscriptions, type SubscribeMoment } from '@/services/notifications';

/**
 * WeChat one-time subscriptions (订阅消息), asked for at the moments people expect — after
 * submitting, on a petition's page, after a reply — and only from a tap (WeChat shows its dialog
 * only in answer to one). The templates come from the server, which counts what was accepted: each
 * acceptance allows one message. Nothing of this exists in h5, where the page simply offers nothing.
 */
export function canSubscribe(): boolean {
  return process.env.TARO_ENV === 'weapp';
}

type Answer = SubscriptionResultBody['results'][string];
const ANSWERS: readonly Answer[] = ['accept', 'reject', 'ban', 'filter'];

/** The events each moment is about: progress after submitting and on a page; deadlines after a reply. */
const MOMENT_EVENTS: Record<SubscribeMoment, readonly NotificationEvent[]> = {
  submitted: ['received', 'accepted', 'declined', 'extension_approved', 'reply_issued'],
  detail: ['accepted', 'handler_message', 'extension_approved', 'reply_issued'],
  reply: [
    'answer_received',
    'appeal_reminder',
    'review_answered',
    're_examination_answered',
    'rate_invitation',
  ],
};

/** At most three templates (WeChat's limit per request), those carrying the moment's events first. */
export function templatesFor(moment: SubscribeMoment, settings: NotificationSettings): string[] {
  const wanted = MOMENT_EVENTS[moment];
  return settings.subscriptions
    .filter((t) => t.events.some((event) => wanted.includes(event)))
    .map((t) => t.templateId)
    .slice(0, 3);
}

/** Asks, records the answer with the server, and says how many templates were accepted (0 when none could be asked). */
export async function askToSubscribe(moment: SubscribeMoment): Promise<number> {
  if (!canSubscribe()) return 0;
  try {
    const settings = await getSettings();
    if (!settings.available.wechat) return 0;
    const tmplIds = templatesFor(moment, settings);
    if (tmplIds.length === 0) return 0;
    const answer = (await Taro.requestSubscribeMessage({
      tmplIds,
    } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
    const results: SubscriptionResultBody['results'] = {};
    for (const id of tmplIds) {
      const given = answer[id] as Answer;
      results[id] = ANSWERS.includes(given) ? given : 'reject';
    }
    await recordSubscriptions(moment, results);
    return Object.values(results).filter((r) => r === 'accept').length;
  } catch {
    return 0;
  }
}
