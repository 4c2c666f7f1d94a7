import Taro, { useDidShow } from '@tarojs/taro';
import type {
  NotificationEvent,
  NotificationSettings,
  SubscriptionResultBody,
} from '@xinfang/shared/schemas/notifications';
import { useCallback, useEffect, useRef, useState } from 'react';
import { getSettings, recordSubscriptions, type SubscribeMoment } from '@/services/notifications';

/**
 * WeChat one-time subscriptions (订阅消息), asked for at the moments people expect — after
 * submitting, on a petition's page, after a reply — and only from a tap. WeChat shows its dialog
 * only while the tap is being handled ("仅在点击行为时调用"): anything awaited first, even one
 * request, makes it fail with "can only be invoked by user TAP gesture". So the templates (from the
 * server, which counts what was accepted: each acceptance allows one message) are loaded when the
 * page shows, and the tap asks WeChat before anything else. Nothing of this exists in h5, where
 * the page simply offers nothing.
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

/** Whether a tap at this moment can ask WeChat for anything: templates loaded, WeChat reachable. */
export function canAsk(moment: SubscribeMoment, settings: NotificationSettings | null): boolean {
  return canSubscribe() && settings?.available.wechat === true && templatesFor(moment, settings).length > 0;
}

/**
 * Asks WeChat at once — call it straight from the tap handler, with the templates loaded when the
 * page showed — then records the answer with the server. Says how many templates were accepted
 * (0 when none could be asked).
 */
export async function askToSubscribe(
  moment: SubscribeMoment,
  settings: NotificationSettings | null,
): Promise<number> {
  const tmplIds = settings && canAsk(moment, settings) ? templatesFor(moment, settings) : [];
  if (tmplIds.length === 0) return 0;
  try {
    // The first thing awaited: WeChat's call itself is made synchronously, inside the tap.
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

/**
 * The person's settings for a page that offers subscriptions, loaded when it appears (WeChat only),
 * and again when it shows after a failed load. Null until loaded, and outside WeChat.
 */
export function useSubscribeSettings(): NotificationSettings | null {
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const loading = useRef(false);
  const loaded = useRef(false);
  const load = useCallback(async () => {
    if (!canSubscribe() || loading.current || loaded.current) return;
    loading.current = true;
    try {
      setSettings(await getSettings());
      loaded.current = true;
    } catch {
      // No signal: nothing is offered, and the next time the page shows it tries again.
    } finally {
      loading.current = false;
    }
  }, []);
  useEffect(() => void load(), [load]);
  useDidShow(() => void load());
  return settings;
}
