import Taro from '@tarojs/taro';

/**
 * One HTTP exchange, as the platform does it: `Taro.request` in WeChat. The h5 twin
 * (`transport.h5.ts`) uses the browser's own fetch, sparing the phone Taro's fetch polyfills.
 * Rejects when no answer arrived; `transportError` in `api.ts` says why.
 */
export interface Exchange {
  url: string;
  method: string;
  data?: unknown;
  header: Record<string, string>;
  timeout: number;
}

export interface Answer {
  statusCode: number;
  /** Parsed JSON, or the raw text when the answer was not JSON. */
  data: unknown;
}

/** The methods `wx.request` can send: PATCH is not one of them. */
type WechatMethod = 'OPTIONS' | 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'TRACE' | 'CONNECT';

/**
 * The method WeChat sends and the headers that go with it. A PATCH goes as a POST naming it in
 * `X-HTTP-Method-Override`; the server routes that POST as the PATCH it stands for
 * (`server/src/http/method-override.ts`).
 */
function wechatMethod(
  method: string,
  header: Record<string, string>,
): { method: WechatMethod; header: Record<string, string> } {
  if (method === 'PATCH') return { method: 'POST', header: { ...header, 'X-HTTP-Method-Override': 'PATCH' } };
  return { method: method as WechatMethod, header };
}

export async function exchange({ url, method, data, header, timeout }: Exchange): Promise<Answer> {
  const response = await Taro.request<unknown>({
    url,
    ...wechatMethod(method, header),
    data,
    dataType: 'json',
    timeout,
  });
  return { statusCode: response.statusCode, data: response.data };
}
