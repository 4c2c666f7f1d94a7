import Taro from '@tarojs/taro';
import { SUBSCRIBE_TEMPLATE_IDS } from '@/env';

/**
 * WeChat subscription messages for status changes: asked for after submitting, from a tap (WeChat
 * only shows the dialog in response to one). The server's sending comes later; the templates are
 * configured with TARO_APP_SUBSCRIBE_TEMPLATE_IDS.
 */
export function canSubscribe(): boolean {
  return process.env.TARO_ENV === 'weapp' && SUBSCRIBE_TEMPLATE_IDS.length > 0;
}

/** True when the person accepted at least one template. */
export async function subscribeToUpdates(): Promise<boolean> {
  if (!canSubscribe()) return false;
  try {
    const result = (await Taro.requestSubscribeMessage({
      tmplIds: SUBSCRIBE_TEMPLATE_IDS,
    } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
    return SUBSCRIBE_TEMPLATE_IDS.some((id) => result[id] === 'accept');
  } catch {
    return false;
  }
}
