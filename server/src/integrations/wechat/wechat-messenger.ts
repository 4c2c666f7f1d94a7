import { WechatApiError, type WechatOpenApi } from './wechat-open-api';

/**
 * WeChat subscribe messages (`subscribeMessage.send`, `POST /cgi-bin/message/subscribe/send`): one
 * message per subscription the person accepted in the mini-program. This is the seam: the outbox
 * depends on `WechatMessenger`; the real client or the development log sits behind it.
 *
 * WeChat offers no idempotency key: a send whose answer was lost may have been delivered.
 */
export interface SubscribeMessage {
  openid: string;
  templateId: string;
  /** The mini-program page a tap opens, e.g. `petition/detail/index?id=…`. */
  page?: string;
  /** WeChat data key → value, already within the field's limits. */
  data: Record<string, string>;
  /** Our message key, for the log only: WeChat's send takes none. */
  key: string;
}

export interface WechatMessenger {
  sendSubscribeMessage(message: SubscribeMessage): Promise<void>;
}

/**
 * Why a subscribe message was not sent:
 * - `no_subscription` (43101): the person has no subscription left for the template (or refused):
 *   fall back to another channel or the message centre, never an error;
 * - `quota` (45009): the app's daily call quota is spent: try again after it resets;
 * - `recipient`: WeChat refuses the person, not the message (40003: the openid is not, or no longer,
 *   valid for this app): another channel to the same person may still carry it;
 * - `rejected`: this message will never go (40037 template, 47003 data, 41030 page);
 * - `upstream_error`: no clear answer (-1 system busy, a token WeChat keeps refusing, HTTP errors,
 *   timeouts): try again later.
 */
export type SubscribeFailure = 'no_subscription' | 'quota' | 'recipient' | 'rejected' | 'upstream_error';

export class SubscribeSendError extends Error {
  constructor(
    readonly reason: SubscribeFailure,
    message: string,
    readonly errcode?: number,
  ) {
    super(message);
    this.name = 'SubscribeSendError';
  }
}

const REASONS: ReadonlyMap<number, SubscribeFailure> = new Map([
  [43101, 'no_subscription'],
  [45009, 'quota'],
  [40003, 'recipient'],
  [40037, 'rejected'],
  [47003, 'rejected'],
  [41030, 'rejected'],
]);

export class WechatSubscribeMessenger implements WechatMessenger {
  constructor(
    private readonly api: WechatOpenApi,
    private readonly miniprogramState: 'formal' | 'trial' | 'developer' = 'formal',
  ) {}

  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    try {
      await this.api.post('/cgi-bin/message/subscribe/send', {
        touser: message.openid,
        template_id: message.templateId,
        ...(message.page ? { page: message.page } : {}),
        data: Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }])),
        miniprogram_state: this.miniprogramState,
        lang: 'zh_CN',
      });
    } catch (error) {
      if (!(error instanceof WechatApiError)) throw error;
      const reason = (error.errcode !== null && REASONS.get(error.errcode)) || 'upstream_error';
      throw new SubscribeSendError(reason, error.message, error.errcode ?? undefined);
    }
  }
}
