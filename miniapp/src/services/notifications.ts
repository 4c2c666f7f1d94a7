import type {
  NotificationPage,
  NotificationSettings,
  NotificationSettingsBody,
  SUBSCRIBE_MOMENTS,
  SubscriptionResultBody,
} from '@xinfang/shared/schemas/notifications';
import { newIdempotencyKey } from '@/platform/ids';
import { api } from './instance';

/** The message centre, the person's choices, and the WeChat subscriptions they accepted. */

export function listMessages(
  options: { cursor?: string | null; limit?: number } = {},
): Promise<NotificationPage> {
  const query = [
    options.cursor ? `cursor=${encodeURIComponent(options.cursor)}` : '',
    options.limit ? `limit=${options.limit}` : '',
  ].filter(Boolean);
  return api.get<NotificationPage>(`/api/me/notifications${query.length ? `?${query.join('&')}` : ''}`);
}

/** Marks messages read (or all of them); answers how many stay unread. */
export function markRead(ids: readonly string[] | 'all'): Promise<{ unread: number }> {
  return api.post<{ unread: number }>('/api/me/notifications/read', ids === 'all' ? { all: true } : { ids });
}

export function getSettings(): Promise<NotificationSettings> {
  return api.get<NotificationSettings>('/api/me/notification-settings');
}

export function saveSettings(body: NotificationSettingsBody): Promise<NotificationSettings> {
  return api.call<NotificationSettings>('/api/me/notification-settings', {
    method: 'PUT',
    body,
    retry: false,
  });
}

export type SubscribeMoment = (typeof SUBSCRIBE_MOMENTS)[number];

/**
 * Tells the server what `wx.requestSubscribeMessage` answered, so it knows how many messages it may
 * send. One key per answer: however often it is retried, each acceptance is counted once.
 */
export function recordSubscriptions(
  moment: SubscribeMoment,
  results: SubscriptionResultBody['results'],
): Promise<Pick<NotificationSettings, 'subscriptions'>> {
  return api.post(
    '/api/me/wechat-subscriptions',
    { moment, results },
    { idempotencyKey: newIdempotencyKey() },
  );
}
